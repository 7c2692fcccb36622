package org.gaugebias.symbolic.derive.matrix;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.gaugebias.symbolic.cas.Algebra;
import org.gaugebias.symbolic.cas.CasException;
import org.gaugebias.symbolic.expr.Expr;
import org.gaugebias.symbolic.expr.Exprs;
import org.gaugebias.symbolic.expr.NumericEvaluator;
import org.gaugebias.symbolic.trace.Spectrum;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.LUDecomposition;

/**
 * The depth L as a symbol (issue 8): for a product of L square factors the blocks of index i and
 * of pair (i, j) are (L−1)×(L−1) tridiagonal Toeplitz matrices in the layer index (diagonal a,
 * off-diagonal product bc, the same at every depth in the frame variables d_i). Their
 * determinants satisfy {@code D_n = a D_{n−1} − bc D_{n−2}}, D_0 = 1, D_1 = a; the engine
 * factors the characteristic polynomial {@code t² − a t + bc} for its roots, fits the initial
 * conditions, and writes D_{L−1} with {@code d_i = σ_i^{1/L}}, L a symbol. The same recurrence
 * gives P's L-form: P's blocks are 1×1, the entry of W_ij being the chain rule's sum over the L
 * layers, {@code h_{L−1}(d_i², d_j²) = Σ_k d_i^{2k} d_j^{2(L−1−k)}} (recognised exactly at the
 * derived depth), which satisfies the recurrence with a = d_i² + d_j², bc = d_i² d_j² — the
 * reason det P = det G for square factors (docs/matrix-families.md).
 */
final class DepthRecurrence {
  static final String L = "L";
  private static final String T = "gbT";
  private static final String N = "gbN";

  private final Algebra cas;
  /** The CAS under a short limit, for normal forms that may hang. */
  private final Algebra quick;
  private final DiagonalFrame frame;

  DepthRecurrence(Algebra cas, Algebra quick, DiagonalFrame frame) {
    this.cas = cas;
    this.quick = quick;
    this.frame = frame;
  }

  /** f and g with L symbolic, how they were found, and their checks. */
  record Form(Expr single, Expr pair, String how, List<Spectrum.Check> checks) { }

  /** The closed form in L, when every block of index 1 and pair (1, 2) is tridiagonal Toeplitz. */
  Optional<Form> derive(MatrixRoute.Blocked b, BlockLogs logs, Map<String, Expr> toIndex) {
    int n = frame.depth() - 1;
    if (frame.depth() < 3) {
      return Optional.empty();
    }
    layerSums = false;
    Map<Expr, Integer> single = new java.util.LinkedHashMap<>();
    Map<Expr, Integer> pair = new java.util.LinkedHashMap<>();
    for (BlockLogs.Block block : b.blocks()) {
      boolean isSingle = block.vars().equals(List.of(0));
      boolean isPair = block.vars().equals(List.of(0, 1));
      if (!isSingle && !isPair) {
        continue;
      }
      Poly[][] m = block.pattern().matrix();
      if (b.gram().scale()[block.rows().get(0)]) {
        return Optional.empty();
      }
      int vars = block.vars().size();
      Poly a;
      Poly bc;
      if (m.length == n && toeplitzTridiagonal(m)) {
        a = m[0][0];
        bc = n > 1 ? m[0][1].times(m[1][0]) : Poly.ZERO;
      } else if (m.length == 1 && m[0][0].equals(layerSum(vars, frame.depth()))) {
        // h_{L-1}(X, Y) = Σ_k X^k Y^{L-1-k} obeys the same recurrence with a = X + Y, bc = XY
        a = square(0, vars).plus(square(vars - 1, vars));
        bc = square(0, vars).times(square(vars - 1, vars));
        layerSums = true;
      } else {
        return Optional.empty();
      }
      Expr det;
      try {
        det = solve(a, bc, vars);
      } catch (CasException e) {
        return Optional.empty();
      }
      // the pattern's variable k stands for the block's σ in the fixed orientation of toIndex
      Map<String, Expr> ren = new HashMap<>();
      Map<String, Expr> real = block.renaming(frame);
      for (int k = 0; k < block.vars().size(); k++) {
        String x = "gbX$" + (k + 1);
        Expr sigma = Exprs.substitute(real.get(BlockLogs.canonical(k)), toIndex);
        ren.put(x, new Expr.Pow(sigma, new Expr.Pow(new Expr.Sym(L), Expr.integer(-1))));
      }
      Expr d = smallest(Exprs.substitute(det, ren));
      (isSingle ? single : pair).merge(Expr.log(d), 1, Integer::sum);
    }
    if (single.isEmpty() || pair.isEmpty()) {
      return Optional.empty();
    }
    Expr f = tidy(single);
    Expr g = tidy(pair);
    List<Spectrum.Check> checks = new ArrayList<>();
    checks.add(againstBlocks(b, logs, toIndex, f, g));
    Optional<Spectrum.Check> dense = againstDenseProducts(b.variant(), f, g);
    if (dense.isPresent() && !(dense.get().largestDifference() < 1e-8)) {
      return Optional.empty();
    }
    dense.ifPresent(checks::add);
    return Optional.of(new Form(f, g, (layerSums ? "each 1×1 block's entry is the sum over"
        + " the L layers of the chain rule's squared products, h_{L-1}(d_i², d_j²) = Σ_k"
        + " d_i^{2k} d_j^{2(L-1-k)} (checked exactly at L = " + frame.depth() + "), which obeys"
        + " D_n = a D_{n-1} - bc D_{n-2} with a = d_i² + d_j², bc = d_i² d_j²"
        : "each block's determinant from its recurrence D_n = a D_{n-1} - bc D_{n-2}")
        + " (roots of t^2 - a t + bc, D_0 = 1, D_1 = a), n = L - 1, d_i = "
        + frame.values().name() + "_i^{1/L}", checks));
  }

  /** Depths at which the L-form is checked against {@link DenseProduct}, besides the derived. */
  private static final int[] DENSE_DEPTHS = {2, 5};

  /**
   * The L-form against dense numeric Grams of a product of L square factors
   * ({@link DenseProduct}), as differences between two random points: first at the derived
   * depth, where it must agree with the derivation (else the design is not that plain product
   * with the default balance gauge, and no check is made), then at L = 2 and 5.
   */
  private Optional<Spectrum.Check> againstDenseProducts(
      org.gaugebias.symbolic.trace.Variant v, Expr f, Expr g) {
    SplittableRandom rng = new SplittableRandom(29);
    int pairs = 2;
    double worst = 0;
    StringBuilder depths = new StringBuilder();
    for (int k = -1; k < DENSE_DEPTHS.length; k++) {
      int depth = k < 0 ? frame.depth() : DENSE_DEPTHS[k];
      double off = 0;
      for (int t = 0; t < pairs; t++) {
        double[] x = LargerSizes.frame(rng, frame.rank());
        double[] y = LargerSizes.frame(rng, frame.rank());
        double dense = DenseProduct.logDet(v, depth, x, rng)
            - DenseProduct.logDet(v, depth, y, rng);
        double closed = fold(f, g, x, depth) - fold(f, g, y, depth);
        off = Math.max(off, Math.abs(closed - dense) / Math.max(1, Math.abs(dense)));
      }
      if (k < 0 && !(off < 1e-8)) {
        return Optional.empty();
      }
      if (k >= 0) {
        worst = Math.max(worst, off);
        depths.append(depths.length() == 0 ? "" : ", ").append(depth);
      }
    }
    return Optional.of(new Spectrum.Check("L-form vs dense numeric Grams of a product of L"
        + " square factors at random orthogonal frames (differences between two points; L = "
        + depths + ")", frame.rank(), DENSE_DEPTHS[DENSE_DEPTHS.length - 1], pairs, worst));
  }

  /** Σ_i f(s_i) + Σ_{i<j} g(s_i, s_j) at depth L. */
  private double fold(Expr f, Expr g, double[] s, int depth) {
    String i = frame.values().indexedBy(ClosedForms.I);
    String j = frame.values().indexedBy(ClosedForms.J);
    double total = 0;
    for (int a = 0; a < s.length; a++) {
      total += NumericEvaluator.eval(f, Map.of(i, s[a], L, (double) depth));
      for (int b = a + 1; b < s.length; b++) {
        total += NumericEvaluator.eval(g, Map.of(i, s[a], j, s[b], L, (double) depth));
      }
    }
    return total;
  }

  /** Whether the blocks are 1×1 layer sums (P) rather than tridiagonal (G, C). */
  private boolean layerSums;

  /** X_k = d_k² as a polynomial in the block's canonical variables. */
  private static Poly square(int k, int vars) {
    return Poly.variable(k, vars).times(Poly.variable(k, vars));
  }

  /**
   * h_{L−1}(X, Y) = Σ_{k=0}^{L−1} X^k Y^{L−1−k}, X = d_1², Y = d_2² (Y = X for one variable):
   * P's entry for W_ij in a product of L square factors at the diagonal representative.
   */
  private static Poly layerSum(int vars, int depth) {
    Poly sum = Poly.ZERO;
    for (int k = 0; k < depth; k++) {
      sum = sum.plus(DiagonalFrame.power(square(0, vars), k).times(
          DiagonalFrame.power(square(vars - 1, vars), depth - 1 - k)));
    }
    return sum;
  }

  private static Expr tidy(Map<Expr, Integer> logs) {
    List<Expr> terms = new ArrayList<>();
    logs.forEach((t, k) -> terms.add(k == 1 ? t : Expr.mul(Expr.integer(k), t)));
    return terms.size() == 1 ? terms.get(0) : new Expr.Add(terms);
  }

  /** The shortest of a few normal forms (PowerExpand, Simplify, Factor; each may fail). */
  private Expr smallest(Expr d) {
    Expr best = d;
    Expr cur = d;
    List<java.util.function.UnaryOperator<Expr>> forms = List.of(
        quick::powerExpand, quick::simplify, quick::together, quick::factor, quick::powerExpand);
    for (java.util.function.UnaryOperator<Expr> step : forms) {
      try {
        cur = step.apply(cur);
      } catch (CasException e) {
        continue;
      }
      if (Exprs.size(cur) < Exprs.size(best)) {
        best = cur;
      }
    }
    return best;
  }

  private static boolean toeplitzTridiagonal(Poly[][] m) {
    int n = m.length;
    for (int a = 0; a < n; a++) {
      for (int c = 0; c < n; c++) {
        Poly want = Math.abs(a - c) > 1 ? Poly.ZERO
            : a == c ? m[0][0] : a < c ? m[0][1] : m[1][0];
        if (!m[a][c].equals(want)) {
          return false;
        }
      }
    }
    return true;
  }

  /** D_n for symbolic n = L − 1, in the canonical variables gbX$k. */
  private Expr solve(Poly a, Poly bc, int vars) {
    Expr ax = a.toExpr(DepthRecurrence::x);
    Expr bcx = bc.toExpr(DepthRecurrence::x);
    Expr t = new Expr.Sym(T);
    Expr charPoly = Expr.add(Expr.pow(t, Expr.integer(2)),
        Expr.mul(Expr.integer(-1), ax, t), bcx);
    List<Expr> roots = new ArrayList<>(cas.solveFor(charPoly, T));
    if (roots.isEmpty() || roots.size() > 2) {
      throw new CasException(CasException.Kind.INTERNAL, "no roots of " + charPoly.toWolfram());
    }
    Expr nSym = new Expr.Sym(N);
    Expr dn;
    Expr t1 = polynomialRoot(roots.get(0), vars);
    Expr t2 = roots.size() == 2 ? polynomialRoot(roots.get(1), vars) : t1;
    if (Exprs.isZero(cas.simplify(Expr.add(t1, Expr.mul(Expr.integer(-1), t2))))) {
      // double root: D_n = (c1 + c2 n) t^n with c1 = D_0 = 1 and (c1 + c2) t = D_1 = a
      Expr c2 = Expr.add(Expr.mul(ax, Expr.pow(t1, Expr.integer(-1))), Expr.integer(-1));
      dn = Expr.mul(Expr.add(Expr.integer(1), Expr.mul(c2, nSym)), Expr.pow(t1, nSym));
    } else {
      // c1 + c2 = 1, c1 t1 + c2 t2 = a (Cramer)
      Expr diff = Expr.add(t1, Expr.mul(Expr.integer(-1), t2));
      Expr c1 = Expr.mul(Expr.add(ax, Expr.mul(Expr.integer(-1), t2)),
          Expr.pow(diff, Expr.integer(-1)));
      Expr c2 = Expr.mul(Expr.add(t1, Expr.mul(Expr.integer(-1), ax)),
          Expr.pow(diff, Expr.integer(-1)));
      dn = Expr.add(Expr.mul(c1, Expr.pow(t1, nSym)), Expr.mul(c2, Expr.pow(t2, nSym)));
    }
    Expr atDepth = Exprs.substitute(dn, Map.of(N, Expr.add(new Expr.Sym(L),
        Expr.integer(-1))));
    Expr s = cas.simplify(atDepth);
    return Exprs.size(s) <= Exprs.size(atDepth) ? s : atDepth;
  }

  /** A root written as the polynomial it is (Solve leaves Sqrt[(x² − y²)²]-like forms). */
  private Expr polynomialRoot(Expr root, int vars) {
    Map<String, Poly> xs = new HashMap<>();
    for (int k = 0; k < vars; k++) {
      xs.put("gbX$" + (k + 1), Poly.variable(k, vars));
    }
    Expr e = cas.expand(cas.powerExpand(root));
    return Poly.of(e, xs, vars).map(q -> q.toExpr(DepthRecurrence::x)).orElse(e);
  }

  private static Expr x(int i, int k) {
    Expr s = new Expr.Sym("gbX$" + (i + 1));
    return k == 1 ? s : new Expr.Pow(s, Expr.integer(k));
  }

  /**
   * The L-form at the concrete depth against the concrete blocks, and at depths 2 … 6 against
   * the determinant of the (L−1)×(L−1) tridiagonal block built numerically from a and bc.
   */
  private Spectrum.Check againstBlocks(MatrixRoute.Blocked b, BlockLogs logs,
      Map<String, Expr> toIndex, Expr f, Expr g) {
    SplittableRandom rng = new SplittableRandom(17);
    double worst = 0;
    int points = 4;
    for (int t = 0; t < points; t++) {
      double si = 0.3 + 2 * rng.nextDouble();
      double sj = 0.3 + 2 * rng.nextDouble();
      String i = frame.values().indexedBy(ClosedForms.I);
      String j = frame.values().indexedBy(ClosedForms.J);
      Map<String, Double> env = Map.of(i, si, j, sj, L, (double) frame.depth());
      double direct = 0;
      for (BlockLogs.Block block : b.blocks()) {
        if (block.vars().equals(List.of(0)) || block.vars().equals(List.of(0, 1))) {
          Map<String, Double> benv = new HashMap<>();
          benv.put(frame.values().symbols().get(0), si);
          benv.put(frame.values().symbols().get(1), sj);
          direct += NumericEvaluator.eval(BlockLogs.sum(logs.logOf(block)), benv);
        }
      }
      double closed = NumericEvaluator.eval(f, env) + NumericEvaluator.eval(g, env);
      worst = Math.max(worst, Math.abs(closed - direct));
      for (int depth = 2; depth <= 6; depth++) {
        worst = Math.max(worst, Math.abs(recurrenceAt(b, depth, si, sj, f, g)));
      }
    }
    return new Spectrum.Check("L-form vs the blocks (L = " + frame.depth()
        + ") and vs numeric " + (layerSums ? "layer sums" : "tridiagonal determinants")
        + " (L = 2..6)", frame.rank(), frame.depth(),
        points, worst);
  }

  /**
   * closed(L) − Σ log det of the numeric (L−1)×(L−1) blocks (or of the layer sums) with
   * d = σ^{1/L}.
   */
  private double recurrenceAt(MatrixRoute.Blocked b, int depth, double si, double sj, Expr f,
      Expr g) {
    double[] d = {Math.pow(si, 1.0 / depth), Math.pow(sj, 1.0 / depth)};
    double direct = 0;
    for (BlockLogs.Block block : b.blocks()) {
      boolean isSingle = block.vars().equals(List.of(0));
      if (!isSingle && !block.vars().equals(List.of(0, 1))) {
        continue;
      }
      Poly[][] m = block.pattern().matrix();
      double[] x = new double[block.vars().size()];
      for (int k = 0; k < x.length; k++) {
        x[block.toCanonical()[k]] = d[block.vars().get(k)];
      }
      if (layerSums) {
        direct += Math.log(layerSum(x.length, depth).value(x));
        continue;
      }
      int n = depth - 1;
      double[][] t = new double[n][n];
      for (int a = 0; a < n; a++) {
        t[a][a] = m[0][0].value(x);
        if (a + 1 < n) {
          t[a][a + 1] = m[0][1].value(x);
          t[a + 1][a] = m[1][0].value(x);
        }
      }
      direct += Math.log(Math.abs(new LUDecomposition(new Array2DRowRealMatrix(t, false))
          .getDeterminant()));
    }
    Map<String, Double> env = Map.of(frame.values().indexedBy(ClosedForms.I), si,
        frame.values().indexedBy(ClosedForms.J), sj, L, (double) depth);
    return NumericEvaluator.eval(f, env) + NumericEvaluator.eval(g, env) - direct;
  }
}
