package org.gaugebias.symbolic.symmetry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.gaugebias.symbolic.expr.Expr;
import org.gaugebias.symbolic.expr.NumericEvaluator;
import org.gaugebias.symbolic.expr.NumericFunctions;
import org.hipparchus.fraction.BigFraction;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.SingularValueDecomposition;

/**
 * Which slice each noise model selects (THEORY.md §5). For a symmetric generator S with moment
 * map χ_S = ½θᵀSθ, Itô's formula for dθ = −∇L dt + √(2T) N dW gives
 * {@code d/dt E[χ_S] = T E[tr(S N Nᵀ)]}: the drift term vanishes because ⟨Sθ, ∇L⟩ ≡ 0 (S is a
 * symmetry). Hence, per noise model:
 * <ul>
 *   <li>gradient descent (N = 0): 0, χ_S is conserved;</li>
 *   <li>isotropic (N = I): T tr S, a constant;</li>
 *   <li>projected (N = P_⊥, the projector orthogonal to the orbits): T (tr S − tr(S Π)) with
 *       Π = Ξ(ΞᵀΞ)⁺Ξᵀ, which for one generator ξ is T (tr S − ξᵀSξ/ξᵀξ);</li>
 *   <li>minibatch SGD, √(T Σ) with Σ = J_fᵀ Σ_β J_f: (T/2) tr(Σ_β J_f S J_fᵀ), shown for an
 *       isotropic per-sample covariance Σ_β = σ² I as (T σ²/2) tr(J_f S J_fᵀ).</li>
 * </ul>
 * The default gauge (the balanced slice, every χ = 0) is where a noise model sends the
 * dynamics if the drift vanishes on it and points back towards it off it. That is decided at
 * random points of the slice (found by Newton steps along the orbits) in double precision.
 */
public final class NoiseSlices {
  /** The noise models of THEORY.md §5. */
  public enum Model { GRADIENT_DESCENT, ISOTROPIC, PROJECTED, SGD }

  /** What a noise model does to the balance χ_S. */
  public enum Verdict {
    /** No drift, no noise along χ: conserved, kept if started balanced, never reached. */
    CONSERVED,
    /** Drift zero on the slice and restoring off it: the noise selects the balanced slice. */
    SELECTS_BALANCE,
    /** No drift anywhere but χ diffuses: no slice is selected. */
    DIFFUSES,
    /** Non-zero drift on the balanced slice: the noise sends the dynamics elsewhere. */
    LEAVES_BALANCE
  }

  /**
   * @param formula the drift d/dt E[χ_S] as an expression in θ and T (σ² for SGD), if it has a
   *     closed form the engine writes out
   * @param onSliceMin the smallest drift/T (drift/(Tσ²) for SGD) at the sample points of the
   *     balanced slice
   * @param onSliceMax the largest
   */
  public record Drift(Model model, Optional<Expr> formula, double onSliceMin, double onSliceMax,
      Verdict verdict) { }

  /** One symmetric generator: its moment map and the drift under each noise model. */
  public record Slice(String label, BigFraction[][] matrix, Expr momentMap, List<Drift> drifts) { }

  private static final int SLICE_POINTS = 4;
  private static final double TOLERANCE = 1e-8;

  private final List<String> theta;
  private final List<List<Expr>> jacobian;
  private final NumericFunctions fns;
  private final Map<String, Double> fixed;
  private final SplittableRandom rng;
  private final String temperature;

  NoiseSlices(List<String> theta, List<List<Expr>> jacobian, NumericFunctions fns,
      String temperature, long seed) {
    this.temperature = temperature;
    this.theta = List.copyOf(theta);
    this.jacobian = List.copyOf(jacobian);
    this.fns = fns;
    this.fixed = Map.of(temperature, 1.0);
    this.rng = new SplittableRandom(seed);
  }

  /**
   * @param symmetric the symmetric generators S_a (moment maps χ_a = ½θᵀS_aθ)
   * @param all every generator of the linear symmetry algebra (they span the orbits)
   */
  List<Slice> slices(List<BigFraction[][]> symmetric, List<BigFraction[][]> all) {
    orthogonal = null;
    List<double[]> points = slicePoints(symmetric);
    List<Slice> out = new ArrayList<>();
    for (int a = 0; a < symmetric.size(); a++) {
      BigFraction[][] s = symmetric.get(a);
      Expr chi = ConservationLaws.quadraticForm(s).toExpr(theta);
      List<Drift> drifts = new ArrayList<>();
      drifts.add(new Drift(Model.GRADIENT_DESCENT, Optional.of(Expr.integer(0)), 0, 0,
          Verdict.CONSERVED));
      BigFraction tr = trace(s);
      drifts.add(new Drift(Model.ISOTROPIC, Optional.of(tr.signum() == 0 ? Expr.integer(0)
          : Expr.mul(num(tr), temperature())), tr.doubleValue(),
          tr.doubleValue(), tr.signum() == 0 ? Verdict.DIFFUSES
          : Verdict.LEAVES_BALANCE));
      drifts.add(decide(Model.PROJECTED, projectedFormula(s, all), points, s,
          x -> projected(s, all, x)));
      Optional<Polynomial> trace = sgdTrace(s);
      drifts.add(decide(Model.SGD, sgdFormula(s, trace), points, s,
          x -> trace.map(t -> t.at(x)).orElseGet(() -> sgd(s, x)) / 2));
      out.add(new Slice("chi_" + (a + 1), s, chi, drifts));
    }
    return out;
  }

  private Drift decide(Model model, Optional<Expr> formula, List<double[]> points,
      BigFraction[][] s, java.util.function.ToDoubleFunction<double[]> drift) {
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    boolean zero = true;
    boolean restoring = true;
    for (double[] x : points) {
      double v = drift.applyAsDouble(x);
      min = Math.min(min, v);
      max = Math.max(max, v);
      zero &= Math.abs(v) <= TOLERANCE * (1 + dot(x, x));
      // off the slice along the orbit of S: χ_S changes by ±ε|Sθ|², the drift must oppose it
      double[] sx = apply(s, x);
      for (double eps : new double[] {1e-3, -1e-3}) {
        double[] y = x.clone();
        for (int i = 0; i < y.length; i++) {
          y[i] += eps * sx[i];
        }
        restoring &= eps * drift.applyAsDouble(y) < 0;
      }
    }
    if (points.isEmpty()) {
      return new Drift(model, formula, Double.NaN, Double.NaN, Verdict.LEAVES_BALANCE);
    }
    Verdict v = !zero ? Verdict.LEAVES_BALANCE
        : restoring ? Verdict.SELECTS_BALANCE : Verdict.DIFFUSES;
    return new Drift(model, formula, min, max, v);
  }

  // ---------------------------------------------------------------- formulas

  /**
   * T (tr S − Σ_b ξ_bᵀSξ_b / ξ_bᵀξ_b) when the orbit fields are pairwise orthogonal
   * (⟨ξ_a, ξ_b⟩ ≡ 0, e.g. rescalings of disjoint coordinates, or a single generator): then Π is
   * the sum of the rank-one projectors. Otherwise no closed form is written.
   */
  private Optional<Expr> projectedFormula(BigFraction[][] s, List<BigFraction[][]> all) {
    List<List<Polynomial>> fields = all.stream().map(this::field).toList();
    if (orthogonal == null) {
      orthogonal = true;
      for (int a = 0; a < fields.size() && orthogonal; a++) {
        for (int b = a + 1; b < fields.size() && orthogonal; b++) {
          orthogonal = dot(fields.get(a), fields.get(b)).isZero();
        }
      }
    }
    if (!orthogonal) {
      return Optional.empty();
    }
    List<Expr> terms = new ArrayList<>();
    BigFraction tr = trace(s);
    if (tr.signum() != 0) {
      terms.add(num(tr));
    }
    for (List<Polynomial> xi : fields) {
      Polynomial top = dot(xi, times(s, xi));
      if (!top.isZero()) {
        terms.add(Expr.mul(top.scale(BigFraction.MINUS_ONE).toExpr(theta),
            Expr.pow(dot(xi, xi).toExpr(theta), Expr.integer(-1))));
      }
    }
    if (terms.isEmpty()) {
      return Optional.of(Expr.integer(0));
    }
    return Optional.of(Expr.mul(temperature(), terms.size() == 1 ? terms.get(0)
        : new Expr.Add(terms)));
  }

  private static Polynomial dot(List<Polynomial> a, List<Polynomial> b) {
    Polynomial s = Polynomial.ZERO;
    for (int i = 0; i < a.size(); i++) {
      if (!a.get(i).isZero() && !b.get(i).isZero()) {
        s = s.plus(a.get(i).times(b.get(i)));
      }
    }
    return s;
  }

  /** S·x for a vector of polynomials, skipping zero entries of S and of x. */
  private static List<Polynomial> times(BigFraction[][] s, List<Polynomial> x) {
    List<Polynomial> out = new ArrayList<>(java.util.Collections.nCopies(s.length,
        Polynomial.ZERO));
    for (int k = 0; k < x.size(); k++) {
      if (x.get(k).isZero()) {
        continue;
      }
      for (int i = 0; i < s.length; i++) {
        if (s[i][k].signum() != 0) {
          out.set(i, out.get(i).plus(x.get(k).scale(s[i][k])));
        }
      }
    }
    return out;
  }

  /**
   * (T σ²/2) tr(J_f S J_fᵀ), multiplied out exactly when J_f is polynomial, else written as the
   * sum of its terms.
   */
  private Optional<Expr> sgdFormula(BigFraction[][] s, Optional<Polynomial> trace) {
    Expr tr;
    if (trace.isPresent()) {
      if (trace.get().size() > 200) {
        return Optional.empty();
      }
      tr = trace.get().toExpr(theta);
    } else {
      List<Expr> terms = new ArrayList<>();
      for (List<Expr> row : jacobian) {
        for (int j = 0; j < row.size(); j++) {
          for (int k = 0; k < row.size(); k++) {
            if (s[j][k].signum() != 0 && !isZero(row.get(j)) && !isZero(row.get(k))) {
              terms.add(Expr.mul(num(s[j][k]), row.get(j), row.get(k)));
            }
          }
        }
      }
      if (terms.size() > 200) {
        return Optional.empty();
      }
      tr = terms.isEmpty() ? Expr.integer(0) : new Expr.Add(terms);
    }
    if (isZero(tr)) {
      return Optional.of(tr);
    }
    return Optional.of(Expr.mul(Expr.rational(1, 2), temperature(),
        Expr.pow(new Expr.Sym("sigma"), Expr.integer(2)), tr));
  }

  /** tr(J_f S J_fᵀ) as an exact polynomial, when J_f is polynomial. */
  private Optional<Polynomial> sgdTrace(BigFraction[][] s) {
    return polynomialJacobian().map(rows -> {
      Polynomial sum = Polynomial.ZERO;
      for (List<Polynomial> row : rows) {
        sum = sum.plus(dot(row, times(s, row)));
      }
      return sum;
    });
  }

  private Optional<List<List<Polynomial>>> polynomialJacobian;

  /** J_f as exact polynomials, if it is polynomial (computed once). */
  private Optional<List<List<Polynomial>>> polynomialJacobian() {
    if (polynomialJacobian == null) {
      polynomialJacobian = convertJacobian();
    }
    return polynomialJacobian;
  }

  private Optional<List<List<Polynomial>>> convertJacobian() {
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < theta.size(); i++) {
      index.put(theta.get(i), i);
    }
    List<List<Polynomial>> out = new ArrayList<>();
    for (List<Expr> row : jacobian) {
      List<Polynomial> r = new ArrayList<>();
      for (Expr e : row) {
        Optional<Polynomial> q = Polynomial.of(e, index, 10_000);
        if (q.isEmpty()) {
          return Optional.empty();
        }
        r.add(q.get());
      }
      out.add(r);
    }
    return Optional.of(out);
  }

  // ---------------------------------------------------------------- numeric drifts (per T)

  /** tr S − tr(S Π), Π the orthogonal projector onto the span of the orbit directions. */
  private double projected(BigFraction[][] s, List<BigFraction[][]> all, double[] x) {
    int d = x.length;
    RealMatrix xi = new Array2DRowRealMatrix(d, all.size());
    for (int b = 0; b < all.size(); b++) {
      xi.setColumn(b, apply(all.get(b), x));
    }
    SingularValueDecomposition svd = new SingularValueDecomposition(xi);
    double[] sv = svd.getSingularValues();
    RealMatrix u = svd.getU();
    Sparse sm = sparse.computeIfAbsent(s, Sparse::of);
    double trS = trace(s).doubleValue();
    double cut = sv.length == 0 ? 0 : sv[0] * 1e-10;
    double proj = 0;
    for (int c = 0; c < sv.length; c++) {
      if (sv[c] > cut) {
        proj += sm.form(u.getColumn(c));
      }
    }
    return trS - proj;
  }

  /** tr(J_f S J_fᵀ) at x. */
  private double sgd(BigFraction[][] s, double[] x) {
    RealMatrix j = jacobianAt(x);
    return j.multiply(matrix(s)).multiply(j.transpose()).getTrace();
  }

  // ---------------------------------------------------------------- the balanced slice

  /**
   * Random points with every χ_a = 0: Newton steps θ ← θ + Σ_b c_b S_bθ with G c = −χ,
   * G_ab = ⟨S_aθ, S_bθ⟩, from random points with positive entries.
   */
  private List<double[]> slicePoints(List<BigFraction[][]> symmetric) {
    List<double[]> out = new ArrayList<>();
    if (symmetric.isEmpty()) {
      return out;
    }
    for (int attempt = 0; attempt < 8 * SLICE_POINTS && out.size() < SLICE_POINTS; attempt++) {
      double[] x = new double[theta.size()];
      for (int i = 0; i < x.length; i++) {
        x[i] = 0.5 + rng.nextDouble();
      }
      if (toSlice(symmetric, x) && (polynomialJacobian().isPresent()
          || Double.isFinite(sgd(symmetric.get(0), x)))) {
        out.add(x);
      }
    }
    return out;
  }

  private boolean toSlice(List<BigFraction[][]> symmetric, double[] x) {
    int k = symmetric.size();
    for (int it = 0; it < 60; it++) {
      double[][] sx = new double[k][];
      double[] chi = new double[k];
      double norm = 0;
      for (int a = 0; a < k; a++) {
        sx[a] = apply(symmetric.get(a), x);
        chi[a] = dot(x, sx[a]) / 2;
        norm = Math.max(norm, Math.abs(chi[a]));
      }
      if (norm < 1e-13) {
        return true;
      }
      RealMatrix g = new Array2DRowRealMatrix(k, k);
      for (int a = 0; a < k; a++) {
        for (int b = 0; b < k; b++) {
          g.setEntry(a, b, dot(sx[a], sx[b]));
        }
      }
      double[] c;
      try {
        c = MatrixUtils.inverse(g).operate(chi);
      } catch (RuntimeException singular) {
        return false;
      }
      double step = 1;
      for (int b = 0; b < k; b++) {
        step = Math.min(step, 0.5 / Math.max(1e-12, Math.abs(c[b])));
      }
      for (int b = 0; b < k; b++) {
        for (int i = 0; i < x.length; i++) {
          x[i] -= step * c[b] * sx[b][i];
        }
      }
    }
    return false;
  }

  // ---------------------------------------------------------------- helpers

  private RealMatrix jacobianAt(double[] x) {
    Map<String, Double> env = new HashMap<>(fixed);
    for (int i = 0; i < x.length; i++) {
      env.put(theta.get(i), x[i]);
    }
    RealMatrix j = new Array2DRowRealMatrix(jacobian.size(), x.length);
    for (int r = 0; r < jacobian.size(); r++) {
      for (int c = 0; c < x.length; c++) {
        j.setEntry(r, c, NumericEvaluator.eval(jacobian.get(r).get(c), env, fns));
      }
    }
    return j;
  }

  /** Whether the orbit fields are pairwise orthogonal (decided once). */
  private Boolean orthogonal;
  private final Map<BigFraction[][], List<Polynomial>> fields = new java.util.IdentityHashMap<>();

  /** ξ = Aθ as polynomials (computed once per matrix). */
  private List<Polynomial> field(BigFraction[][] a) {
    return fields.computeIfAbsent(a, m -> {
      List<Polynomial> out = new ArrayList<>();
      for (BigFraction[] row : m) {
        Polynomial p = Polynomial.ZERO;
        for (int k = 0; k < row.length; k++) {
          if (row[k].signum() != 0) {
            p = p.plus(Polynomial.variable(k).scale(row[k]));
          }
        }
        out.add(p);
      }
      return out;
    });
  }

  /** A generator matrix in double precision, as its non-zero entries (networks: few). */
  private record Sparse(int[] row, int[] col, double[] value) {
    static Sparse of(BigFraction[][] a) {
      List<int[]> at = new ArrayList<>();
      for (int i = 0; i < a.length; i++) {
        for (int k = 0; k < a.length; k++) {
          if (a[i][k].signum() != 0) {
            at.add(new int[] {i, k});
          }
        }
      }
      int[] r = new int[at.size()];
      int[] c = new int[at.size()];
      double[] v = new double[at.size()];
      for (int n = 0; n < r.length; n++) {
        r[n] = at.get(n)[0];
        c[n] = at.get(n)[1];
        v[n] = a[r[n]][c[n]].doubleValue();
      }
      return new Sparse(r, c, v);
    }

    double[] apply(double[] x) {
      double[] out = new double[x.length];
      for (int n = 0; n < row.length; n++) {
        out[row[n]] += value[n] * x[col[n]];
      }
      return out;
    }

    double form(double[] u) {
      double s = 0;
      for (int n = 0; n < row.length; n++) {
        s += u[row[n]] * value[n] * u[col[n]];
      }
      return s;
    }
  }

  private final Map<BigFraction[][], Sparse> sparse = new java.util.IdentityHashMap<>();

  private double[] apply(BigFraction[][] a, double[] x) {
    return sparse.computeIfAbsent(a, Sparse::of).apply(x);
  }

  private static RealMatrix matrix(BigFraction[][] a) {
    RealMatrix m = new Array2DRowRealMatrix(a.length, a.length);
    for (int i = 0; i < a.length; i++) {
      for (int k = 0; k < a.length; k++) {
        m.setEntry(i, k, a[i][k].doubleValue());
      }
    }
    return m;
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  static BigFraction trace(BigFraction[][] s) {
    BigFraction t = BigFraction.ZERO;
    for (int i = 0; i < s.length; i++) {
      t = t.add(s[i][i]);
    }
    return t;
  }

  private static Expr num(BigFraction f) {
    return new Expr.Num(f.getNumerator(), f.getDenominator());
  }

  private static boolean isZero(Expr e) {
    return e instanceof Expr.Num n && n.num().signum() == 0;
  }

  private Expr temperature() {
    return new Expr.Sym(temperature);
  }
}
