package org.gaugebias.symbolic.derive.matrix;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.gaugebias.symbolic.cas.Algebra;
import org.gaugebias.symbolic.cas.SymjaSession;
import org.gaugebias.symbolic.compile.Component;
import org.gaugebias.symbolic.compile.Parameterization;
import org.gaugebias.symbolic.compile.Variable;
import org.gaugebias.symbolic.design.Shape;
import org.gaugebias.symbolic.expr.Expr;
import org.gaugebias.symbolic.expr.Exprs;
import org.gaugebias.symbolic.expr.NumericEvaluator;
import org.gaugebias.symbolic.failure.FailureKind;
import org.gaugebias.symbolic.symmetry.Generator;
import org.gaugebias.symbolic.trace.Formula;
import org.gaugebias.symbolic.trace.Spectrum;
import org.gaugebias.symbolic.trace.Step;
import org.gaugebias.symbolic.trace.StepKind;
import org.gaugebias.symbolic.trace.Variant;
import org.gaugebias.symbolic.trace.VariantResult;
import org.hipparchus.fraction.BigFraction;
import org.hipparchus.linear.Array2DRowRealMatrix;

/**
 * Conjugation {@code X ↦ R X Rᵀ} on a symmetric matrix X with the spectrum as predictor
 * (THEORY.md §3, the Vandermonde row; docs/matrix-families.md). The predictor is not a product
 * of factors, so the matrix route's frame does not apply; the same machinery does: the compact
 * O(n) needs no gauge, its canonical representative is {@code X = diag(λ)}, the generator fields
 * and the eigenvalues' Jacobian are sparse there, and the Gram matrices split into blocks per
 * index and per pair ({@link BlockLogs}), folded into {@code Σ_i f(λ_i) + Σ_{i<j} g(λ_i, λ_j)}.
 *
 * <p>The parameter space carries the Frobenius metric of symmetric matrices (the off-diagonal
 * coordinate x_ij stands for two entries, weight 2): it is the metric conjugation preserves, so
 * the Gram determinants are the same at every point of an orbit. The eigenvalues' Jacobian at
 * the representative comes from the characteristic polynomial, {@code ∂λ_i/∂x = −∂_x p /
 * ∂_t p} at {@code t = λ_i}, {@code p = det(t I − X)}. Every result is checked against dense
 * numeric Gram matrices at random orthogonal frames {@code X = Q diag(λ) Qᵀ} (eigenvalue
 * Jacobian by central differences), at the derived size and at larger ones.
 */
public final class ConjugationRoute {
  /** What the route derived, for the forward derivation to finish (bias, routes, structure). */
  public record Outcome(Map<Variant, VariantResult> results, Expr representationCost,
      Map<String, Expr> representative, Spectrum spectrum, List<Generator> generators,
      int orbitDimension, List<List<Expr>> jacobianAtRepresentative, Expr logDetPMinusG) { }

  private final Parameterization p;
  private final List<Step> steps;
  private final Variable x;
  private final int n;
  private final int dim;
  private final DiagonalFrame frame;
  private final BlockLogs logs;
  private final ConjugationChecks numeric;

  public ConjugationRoute(Parameterization p, SymjaSession session, List<Step> steps,
      long seed) {
    this.p = p;
    this.steps = steps;
    this.x = p.parameters().get(0);
    this.n = x.shape().rows();
    this.dim = x.components().size();
    Map<String, Poly> rep = new LinkedHashMap<>();
    for (Component c : x.components()) {
      int i = c.indices().get(0);
      rep.put(c.symbol(), i == c.indices().get(1) ? Poly.variable(i - 1, n) : Poly.ZERO);
    }
    this.frame = new DiagonalFrame(n, 1, true, p.theta(), List.of(), rep, p.predictorVariable(),
        p.predictorVariable());
    Algebra cas = new Algebra(session);
    this.logs = new BlockLogs(cas, new Algebra(session, java.time.Duration.ofSeconds(4)), frame);
    // one random stream for every numeric step and check, so a design gives the same trace
    this.numeric = new ConjugationChecks(p, session, steps, new SplittableRandom(seed), frame);
  }

  /**
   * Whether {@code p} is a conjugation design: one symmetric parameter X and the predictor
   * {@code Eigenvalues[X]} (as the compiler leaves it, {@link #predictor}).
   */
  public static boolean applies(Parameterization p) {
    return p.parameters().size() == 1
        && p.parameters().get(0).shape().kind() == Shape.Kind.SYMMETRIC
        && p.predictor().equals(predictor(p.parameters().get(0)));
  }

  /** The spectral predictor's components: {@code Part[Eigenvalues[X], k]}, held unevaluated. */
  public static List<Expr> predictor(Variable x) {
    List<Expr> out = new ArrayList<>();
    for (int k = 1; k <= x.shape().rows(); k++) {
      out.add(Expr.fn("Part", Expr.fn("Eigenvalues", x.value()), Expr.integer(k)));
    }
    return out;
  }

  private int index(int i, int j) {
    int a = Math.min(i, j);
    int b = Math.max(i, j);
    return a * n - a * (a - 1) / 2 + (b - a);
  }

  /** Frobenius weight of coordinate k: 1 on the diagonal, 2 off it. */
  private BigFraction weight(int k) {
    return ConjugationChecks.weight(x, k);
  }

  public Outcome derive() {
    List<Generator> gens = generators();
    List<Map<Integer, Poly>> fields = fieldsAtRepresentative(gens);
    int orbit = completeness(gens);
    Map<String, Expr> rep = representativeStep();
    List<Map<Integer, Poly>> jac = eigenvalueJacobian();
    Map<Variant, SparseGram> grams = new EnumMap<>(Variant.class);
    grams.put(Variant.ORBIT, gram(fields, false));
    grams.put(Variant.QUOTIENT, gram(jac, true));
    Map<Variant, VariantResult> results = new EnumMap<>(Variant.class);
    Map<Variant, Map<Expr, BigFraction>> variable = new EnumMap<>(Variant.class);
    Map<Variant, List<BlockLogs.Block>> blocks = new EnumMap<>(Variant.class);
    for (var e : grams.entrySet()) {
      List<BlockLogs.Block> bs = logs.blocks(e.getValue());
      blocks.put(e.getKey(), bs);
      results.put(e.getKey(), logDet(e.getKey(), e.getValue(), bs, variable));
    }
    notFree(grams.get(Variant.ORBIT), blocks.get(Variant.ORBIT));
    numeric.concreteCheck(results);
    Map<Variant, Spectrum.ClosedForm> closed = new EnumMap<>(Variant.class);
    for (var e : blocks.entrySet()) {
      fold(e.getKey(), e.getValue(), results.get(e.getKey())).ifPresent(cf -> closed.put(
          e.getKey(), cf));
    }
    Map<Expr, BigFraction> diff = new LinkedHashMap<>(variable.get(Variant.QUOTIENT));
    variable.get(Variant.ORBIT).forEach((t, c) -> diff.merge(t, c.negate(), BigFraction::add));
    diff.values().removeIf(c -> c.signum() == 0);
    Spectrum spectrum = new Spectrum(p.predictorVariable(), true, 1, "", closed, true);
    List<List<Expr>> jRows = new ArrayList<>();
    for (Map<Integer, Poly> row : jac) {
      List<Expr> r = new ArrayList<>();
      for (int k = 0; k < dim; k++) {
        r.add(frame.inValues(row.getOrDefault(k, Poly.ZERO)));
      }
      jRows.add(r);
    }
    return new Outcome(results, representationCost(), rep, spectrum, gens, orbit, jRows,
        BlockLogs.sum(diff));
  }

  // ------------------------------------------------------------------ symmetry

  private List<Generator> generators() {
    List<Parameterization.GeneratorField> declared = p.generators().orElse(List.of());
    if (declared.isEmpty()) {
      throw new MatrixRouteException(p.source(), "a conjugation design needs its action"
          + " declared (symmetry: actions: group O " + n + ", acts: " + x.name() + ": R."
          + x.name() + ".Transpose[R]): the symmetry of a spectral predictor is not discovered",
          FailureKind.NO_SYMMETRY);
    }
    List<Generator> out = new ArrayList<>();
    List<Formula> shown = new ArrayList<>();
    for (Parameterization.GeneratorField g : declared) {
      BigFraction[][] a = new BigFraction[dim][dim];
      for (int k = 0; k < dim; k++) {
        Poly q = poly(g.field().get(k), g.origin());
        for (int j = 0; j < dim; j++) {
          Poly dq = q.derivative(j);
          a[k][j] = dq.isZero() ? BigFraction.ZERO : dq.terms().values().iterator().next();
          if (dq.variables().size() > 0) {
            throw new MatrixRouteException(g.origin(), "the field " + g.label() + " is not"
                + " linear in " + x.name() + ": a conjugation acts linearly",
                FailureKind.NOT_INVARIANT);
          }
        }
      }
      out.add(new Generator(g.label(), g.field(), Optional.of(a), g.origin()));
      shown.add(new Formula("xi_" + g.label(), "\\xi_{" + g.label().replace("[", "\\,")
          .replace("]", "") + "}", x.shaped(g.field())));
    }
    steps.add(Step.done(StepKind.GENERATORS, "The declared action, differentiated at the"
        + " identity: one field per antisymmetric basis element K of o(" + n + "), the"
        + " commutator K " + x.name() + " − " + x.name() + " K. The parameter space is the"
        + " symmetric matrices with the Frobenius metric, the trace of the product (the"
        + " off-diagonal coordinates weighted 2), which conjugation preserves.", List.of(), shown,
        List.of()));
    invariance(out);
    return out;
  }

  private Poly poly(Expr e, String origin) {
    Map<String, Poly> vars = new HashMap<>();
    for (int k = 0; k < dim; k++) {
      vars.put(p.theta().get(k), Poly.variable(k, dim));
    }
    return Poly.of(e, vars, dim).orElseThrow(() -> new MatrixRouteException(origin,
        "the conjugation route needs polynomial fields, not " + e.toWolfram(),
        FailureKind.NOT_INVARIANT));
  }

  /**
   * J_λ ξ ≡ 0: exactly at the representative (the fields have no diagonal there), and at random
   * symmetric matrices by central differences of the eigenvalues.
   */
  private void invariance(List<Generator> gens) {
    double worst = 0;
    int points = 3;
    for (int t = 0; t < points; t++) {
      double[] theta = numeric.randomSymmetric();
      double[] lam = numeric.eigenvalues(theta);
      for (Generator g : gens) {
        double[] xi = numeric.fieldAt(g, theta);
        double h = 1e-5;
        double[] plus = numeric.eigenvalues(ConjugationChecks.axpy(theta, h, xi));
        double[] minus = numeric.eigenvalues(ConjugationChecks.axpy(theta, -h, xi));
        for (int i = 0; i < n; i++) {
          worst = Math.max(worst, Math.abs(plus[i] - minus[i]) / (2 * h)
              / Math.max(1, Math.abs(lam[i])));
        }
      }
    }
    if (!(worst < 1e-6)) {
      throw new MatrixRouteException(p.source(), String.format(Locale.ROOT, "the declared"
          + " action does not preserve the eigenvalues (dλ/dt = %.2e along a field at a random"
          + " symmetric matrix): a conjugation is R.X.Transpose[R] with R orthogonal", worst),
          FailureKind.NOT_INVARIANT);
    }
    steps.add(Step.done(StepKind.INVARIANCE, String.format(Locale.ROOT, "Each field leaves the"
        + " eigenvalues unchanged: along ξ at %d random symmetric matrices the eigenvalues'"
        + " central differences are at most %.1e (relative); at X = diag(λ) every field has a"
        + " zero diagonal, so ∂λ_i/∂X = e_i e_iᵀ (below) annihilates it exactly.", points,
        worst), List.of(), List.of(), List.of()));
  }

  /** rank Ξ (Frobenius metric) at a random symmetric matrix: n(n − 1)/2 = d − n. */
  private int completeness(List<Generator> gens) {
    double[] theta = numeric.randomSymmetric();
    double[][] g = new double[gens.size()][gens.size()];
    List<double[]> xis = gens.stream().map(q -> numeric.fieldAt(q, theta)).toList();
    for (int a = 0; a < g.length; a++) {
      for (int b = 0; b < g.length; b++) {
        g[a][b] = numeric.inner(xis.get(a), xis.get(b));
      }
    }
    int rank = org.gaugebias.symbolic.sampling.Numerics.rank(new Array2DRowRealMatrix(g, false));
    if (rank != dim - n) {
      throw new MatrixRouteException(p.source(), "the declared action's orbits have dimension "
          + rank + " at a random symmetric matrix, not " + (dim - n) + " = d − n (the"
          + " eigenvalues' fibres): declare the whole O(" + n + ") conjugation",
          FailureKind.SINGULAR_GRAM);
    }
    steps.add(Step.done(StepKind.COMPLETENESS, "rank Ξ = " + rank + " at a random symmetric"
        + " matrix with distinct eigenvalues, = d − rank J_λ = " + dim + " − " + n + ": the"
        + " orbits fill the eigenvalues' fibres. Where eigenvalues coincide the rank drops"
        + " (the rotations of a repeated eigenspace fix X): the action is not free there.",
        List.of(), List.of(), List.of()));
    return rank;
  }

  private List<Map<Integer, Poly>> fieldsAtRepresentative(List<Generator> gens) {
    List<Poly> rep = frame.representativeList();
    List<Map<Integer, Poly>> out = new ArrayList<>();
    for (Generator g : gens) {
      Map<Integer, Poly> v = new LinkedHashMap<>();
      for (int k = 0; k < dim; k++) {
        Poly q = poly(g.field().get(k), g.origin()).substitute(rep, n);
        if (!q.isZero()) {
          v.put(k, q);
        }
      }
      out.add(v);
    }
    return out;
  }

  // ------------------------------------------------------------------ representative, Jacobian

  private Map<String, Expr> representativeStep() {
    Map<String, Expr> rep = new LinkedHashMap<>();
    frame.representative().forEach((k, v) -> rep.put(k, frame.inValues(v)));
    steps.add(Step.done(StepKind.REPRESENTATIVE, "O(" + n + ") is compact: no gauge condition,"
        + " only a canonical representative, X = diag(λ) (the spectral theorem puts every"
        + " orbit through a diagonal matrix; conjugation is an isometry, so the Gram"
        + " determinants are the same at every point of the orbit). The eigenvalues are taken"
        + " distinct; they may have any sign.", List.of(), List.of(new Formula(x.name(),
        x.shaped(x.symbols().stream().map(rep::get).toList()))), List.of()));
    return rep;
  }

  /**
   * ∂λ_i/∂x_k at X = diag(λ) by implicit differentiation of p(X, t) = det(t I − X) at t = λ_i.
   */
  private List<Map<Integer, Poly>> eigenvalueJacobian() {
    int vars = dim + 1;
    Poly t = Poly.variable(dim, vars);
    Poly[][] m = new Poly[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        Poly xij = Poly.variable(index(i, j), vars).scale(BigFraction.MINUS_ONE);
        m[i][j] = i == j ? t.plus(xij) : xij;
      }
    }
    Poly charPoly = determinant(m);
    List<Map<Integer, Poly>> rows = new ArrayList<>();
    List<List<Expr>> shown = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      List<Poly> at = new ArrayList<>(frame.representativeList());
      at.add(Poly.variable(i, n));
      Poly dt = charPoly.derivative(dim).substitute(at, n);
      Map<Integer, Poly> row = new LinkedHashMap<>();
      List<Expr> r = new ArrayList<>();
      for (int k = 0; k < dim; k++) {
        Poly dk = charPoly.derivative(k).substitute(at, n);
        BigFraction c = ratio(dk, dt);
        if (c.signum() != 0) {
          row.put(k, Poly.constant(c, n));
        }
        r.add(new Expr.Num(c.getNumerator(), c.getDenominator()));
      }
      rows.add(row);
      shown.add(r);
    }
    steps.add(Step.done(StepKind.JACOBIAN, "The eigenvalues' Jacobian at X = diag(λ), by"
        + " implicit differentiation of the characteristic polynomial p = det(t I − X) (degree "
        + n + ", expanded exactly): ∂λ_i/∂x_k = −(∂p/∂x_k)/(∂p/∂t) at t = λ_i, with ∂p/∂t ="
        + " Π_{l≠i}(λ_i − λ_l) ≠ 0 for distinct eigenvalues. Columns: " + String.join(", ",
        x.components().stream().map(c -> x.name() + "_" + c.indices().get(0)
        + c.indices().get(1)).toList()) + ".", List.of(), List.of(new Formula("J_f",
        "J_\\lambda", Exprs.matrix(shown))), List.of()));
    return rows;
  }

  /** The constant c with num = −c·den (both polynomials in λ), i.e. −num/den. */
  private BigFraction ratio(Poly num, Poly den) {
    if (num.isZero()) {
      return BigFraction.ZERO;
    }
    var lead = den.terms().entrySet().iterator().next();
    BigFraction c = num.terms().getOrDefault(lead.getKey(), BigFraction.ZERO)
        .divide(lead.getValue()).negate();
    if (!num.plus(den.scale(c)).isZero()) {
      throw new MatrixRouteException(p.source(), "an eigenvalue's derivative at the diagonal"
          + " representative is not constant: internal error");
    }
    return c;
  }

  private static Poly determinant(Poly[][] m) {
    int size = m.length;
    if (size == 1) {
      return m[0][0];
    }
    Poly sum = Poly.ZERO;
    for (int c = 0; c < size; c++) {
      if (m[0][c].isZero()) {
        continue;
      }
      Poly[][] minor = new Poly[size - 1][size - 1];
      for (int a = 1; a < size; a++) {
        for (int b = 0, k = 0; b < size; b++) {
          if (b != c) {
            minor[a - 1][k++] = m[a][b];
          }
        }
      }
      Poly term = m[0][c].times(determinant(minor));
      sum = sum.plus(c % 2 == 0 ? term : term.scale(BigFraction.MINUS_ONE));
    }
    return sum;
  }

  // ------------------------------------------------------------------ Gram matrices

  /**
   * ⟨v_a, v_b⟩ in the Frobenius metric (tangent vectors: weight w_k) or its inverse (the
   * predictor's gradients, covectors: weight 1/w_k), sparse.
   */
  private SparseGram gram(List<Map<Integer, Poly>> vectors, boolean covectors) {
    int size = vectors.size();
    Map<Long, Poly> entries = new HashMap<>();
    for (int a = 0; a < size; a++) {
      for (int b = 0; b < size; b++) {
        Poly s = Poly.ZERO;
        for (var e : vectors.get(a).entrySet()) {
          Poly other = vectors.get(b).get(e.getKey());
          if (other != null) {
            BigFraction w = weight(e.getKey());
            s = s.plus(e.getValue().times(other).scale(covectors ? w.reciprocal() : w));
          }
        }
        if (!s.isZero()) {
          entries.put((long) a * size + b, s);
        }
      }
    }
    return new SparseGram(size, entries, new boolean[size]);
  }

  private VariantResult logDet(Variant v, SparseGram g, List<BlockLogs.Block> blocks,
      Map<Variant, Map<Expr, BigFraction>> variableOut) {
    Map<Expr, BigFraction> terms = new LinkedHashMap<>();
    for (BlockLogs.Block b : blocks) {
      if (b.pattern().zeros() > 0 || b.pattern().pseudo()) {
        throw new MatrixRouteException(p.source(), "the " + v.gram() + " Gram matrix is"
            + " singular at the representative with distinct eigenvalues: internal error",
            FailureKind.SINGULAR_GRAM);
      }
      logs.logOf(b).forEach((t, c) -> terms.merge(tidy(t), c, BigFraction::add));
    }
    terms.values().removeIf(c -> c.signum() == 0);
    Map<Expr, BigFraction> variable = new LinkedHashMap<>();
    Map<Expr, BigFraction> constant = new LinkedHashMap<>();
    java.util.Set<String> lam = new java.util.HashSet<>(frame.values().symbols());
    terms.forEach((t, c) -> (t.isFreeOf(lam) ? constant : variable).put(t, c));
    variableOut.put(v, variable);
    Expr logDet = BlockLogs.sum(terms);
    gramStep(v, g, blocks);
    steps.add(Step.done(StepKind.LOG_DET, new org.gaugebias.symbolic.trace.StepFacts.LogDet(v,
        false), List.of(), List.of(new Formula("logdet_" + v.gram(), logDet)), List.of()));
    return new VariantResult(v, logDet, BlockLogs.sum(variable), BlockLogs.sum(constant), false);
  }

  private void gramStep(Variant v, SparseGram g, List<BlockLogs.Block> blocks) {
    Map<BlockLogs.Pattern, Integer> count = new LinkedHashMap<>();
    Map<BlockLogs.Pattern, BlockLogs.Block> example = new LinkedHashMap<>();
    for (BlockLogs.Block b : blocks) {
      count.merge(b.pattern(), 1, Integer::sum);
      example.putIfAbsent(b.pattern(), b);
    }
    List<Formula> out = new ArrayList<>();
    StringBuilder sizes = new StringBuilder();
    int k = 1;
    for (var e : example.entrySet()) {
      List<List<Expr>> rows = new ArrayList<>();
      for (int a : e.getValue().rows()) {
        List<Expr> row = new ArrayList<>();
        for (int c : e.getValue().rows()) {
          row.add(frame.inValues(g.get(a, c)));
        }
        rows.add(row);
      }
      out.add(new Formula(v.gram() + "_block_" + k, v.gram() + "^{(" + k + ")}",
          Exprs.matrix(rows)));
      sizes.append(k == 1 ? "" : ", ").append(count.get(e.getKey())).append(" × ")
          .append(e.getValue().rows().size()).append("×").append(e.getValue().rows().size());
      k++;
    }
    String what = v == Variant.ORBIT ? "G = ⟨ξ_a, ξ_b⟩ (Frobenius metric)"
        : "P = J_λ M⁻¹ J_λᵀ (M the Frobenius metric in the coordinates x_ij, i ≤ j)";
    steps.add(Step.done(StepKind.GRAM, what + ", " + g.size() + "×" + g.size() + ", is"
        + " block-diagonal at X = diag(λ): " + blocks.size() + " blocks (" + sizes + "); one"
        + " example block per pattern is shown, each pattern's determinant taken once.",
        List.of(), out, List.of()));
  }

  /** Where the orbit Gram's blocks vanish: the action is not free there (stated, computed). */
  private void notFree(SparseGram g, List<BlockLogs.Block> blocks) {
    List<String> where = new ArrayList<>();
    for (BlockLogs.Block b : blocks) {
      if (b.vars().size() != 2 || b.rows().size() != 1) {
        continue;
      }
      double[] at = new double[n];
      java.util.Arrays.fill(at, 0.7);
      at[b.vars().get(0)] = 1.3;
      at[b.vars().get(1)] = 1.3;
      double v = g.get(b.rows().get(0), b.rows().get(0)).value(at);
      if (v == 0) {
        where.add(frame.values().symbols().get(b.vars().get(0)) + " = "
            + frame.values().symbols().get(b.vars().get(1)));
      }
    }
    if (!where.isEmpty()) {
      steps.add(Step.done(StepKind.LOG_DET, "Where the action is not free: each pair block of G"
          + " vanishes when its two eigenvalues coincide (evaluated at λ_i = λ_j: 0, for "
          + where.size() + " of " + blocks.size() + " blocks). There the rotations of the"
          + " repeated eigenspace fix X, the orbit has lower dimension, log det G → −∞ and the"
          + " formulas below hold only for distinct eigenvalues (eval refuses repeated ones).",
          List.of(), List.of(), List.of()));
    }
  }

  // ------------------------------------------------------------------ closed form

  private Optional<Spectrum.ClosedForm> fold(Variant v, List<BlockLogs.Block> blocks,
      VariantResult concrete) {
    if (n < 2) {
      return Optional.empty();
    }
    Map<Expr, BigFraction> single = new LinkedHashMap<>();
    Map<Expr, BigFraction> pair = new LinkedHashMap<>();
    List<String> lam = frame.values().symbols();
    Map<String, Expr> toIndex = Map.of(lam.get(0), new Expr.Sym(sym(ClosedForms.I)), lam.get(1),
        new Expr.Sym(sym(ClosedForms.J)));
    for (BlockLogs.Block b : blocks) {
      Map<Expr, BigFraction> target;
      if (b.vars().size() > 2 || b.vars().isEmpty() && !logs.logOf(b).isEmpty()) {
        steps.add(Step.done(StepKind.LOG_DET, "No closed form for every size for " + v.gram()
            + ": a block couples more than two eigenvalues or is a constant other than 1.",
            List.of(), List.of(), List.of()));
        return Optional.empty();
      }
      target = b.vars().equals(List.of(0)) ? single : b.vars().equals(List.of(0, 1)) ? pair
          : null;
      if (target != null) {
        logs.logOf(b).forEach((t, c) -> target.merge(tidy(Exprs.substitute(t, toIndex)), c,
            BigFraction::add));
      }
    }
    single.values().removeIf(c -> c.signum() == 0);
    pair.values().removeIf(c -> c.signum() == 0);
    Expr f = BlockLogs.sum(single);
    Expr g = BlockLogs.sum(pair);
    List<Spectrum.Check> checks = new ArrayList<>();
    double worst = 0;
    for (int t = 0; t < 5; t++) {
      double[] s = numeric.distinct(n);
      Map<String, Double> env = new HashMap<>();
      for (int i = 0; i < n; i++) {
        env.put(lam.get(i), s[i]);
      }
      worst = Math.max(worst, Math.abs(numeric.evalFold(f, g, s)
          - NumericEvaluator.eval(concrete.logDet(), env)));
    }
    if (!(worst < 1e-9 * n * n)) {
      throw new MatrixRouteException(p.source(), "the blocks of index 1 and pair (1, 2) do not"
          + " describe the others (fold differs by " + worst + "): internal error");
    }
    checks.add(new Spectrum.Check("fold vs concrete derivation", n, 1, 5, worst));
    checks.addAll(numeric.largerSizes(v, f, g));
    Expr sum = ClosedForms.sumExpr(f, g);
    String gram = v.gram();
    List<Formula> out = new ArrayList<>();
    out.add(new Formula("f_" + gram, "f_{" + gram + "}(\\lambda_i)", f));
    out.add(new Formula("g_" + gram, "g_{" + gram + "}(\\lambda_i, \\lambda_j)", g));
    out.add(new Formula("logdet_" + gram + "_every_r", "\\log\\det " + gram
        + " \\;(\\text{every } r)", sum));
    StringBuilder sentence = new StringBuilder("Closed form for every size: every block of "
        + gram + " involves one eigenvalue or one pair, so log det " + gram + " = Σ_i f(λ_i) +"
        + " Σ_{i<j} g(λ_i, λ_j), f from the blocks of index 1 and g from those of pair (1, 2)"
        + " renamed. Checks: ");
    for (int k = 0; k < checks.size(); k++) {
      Spectrum.Check c = checks.get(k);
      sentence.append(k == 0 ? "" : "; ").append(c.what()).append(" at r = ").append(c.rank())
          .append(" (").append(c.points()).append(" random points): largest difference ")
          .append(String.format(Locale.ROOT, "%.1e", c.largestDifference()));
    }
    steps.add(Step.done(StepKind.LOG_DET, sentence.append('.').toString(), List.of(), out,
        List.of()));
    return Optional.of(new Spectrum.ClosedForm(v, ClosedForms.I, ClosedForms.J, f, g, sum,
        Optional.empty(), Optional.empty(), checks));
  }

  // ------------------------------------------------------------------ helpers

  /** {@code |−a + b|} written {@code |a − b|} (the same value; the order of the eigenvalues). */
  private static Expr tidy(Expr e) {
    return Exprs.map(e, x -> x instanceof Expr.Fn f && f.head().equals("Abs")
        && f.args().get(0) instanceof Expr.Add a && a.terms().size() == 2
        && a.terms().get(0) instanceof Expr.Mul m && m.factors().size() == 2
        && m.factors().get(0) instanceof Expr.Num k && k.num().signum() < 0
        && k.num().abs().equals(java.math.BigInteger.ONE) && k.isInteger()
        ? Expr.fn("Abs", new Expr.Add(List.of(m.factors().get(1), Expr.mul(Expr.integer(-1),
            a.terms().get(1))))) : null);
  }

  private String sym(String index) {
    return frame.values().indexedBy(index);
  }

  private Expr representationCost() {
    Poly s = Poly.ZERO;
    List<Poly> rep = frame.representativeList();
    for (int k = 0; k < dim; k++) {
      s = s.plus(rep.get(k).times(rep.get(k)).scale(weight(k)));
    }
    return frame.inValues(s.scale(BigFraction.ONE_HALF));
  }

}
