package org.gaugebias.symbolic.inverse;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.gaugebias.symbolic.expr.Expr;
import org.gaugebias.symbolic.expr.TabulatedFunction;
import org.hipparchus.analysis.UnivariateFunction;
import org.hipparchus.analysis.integration.IterativeLegendreGaussIntegrator;
import org.hipparchus.analysis.solvers.AllowedSolution;
import org.hipparchus.analysis.solvers.BracketingNthOrderBrentSolver;
import org.hipparchus.exception.MathRuntimeException;

/**
 * Family 2 of THEORY.md §4 when {@code s(β) = ½∫₀^β e^{−r/T}} has no closed form or
 * {@code √q = s(β)} no closed inverse: φ = ψ⁻¹ tabulated numerically at one fixed temperature.
 *
 * <p>Nodes are uniform in β on [0, β_max]; s at the nodes is accumulated interval by interval
 * with the 8-point Gauss–Legendre rule, kept where it agrees with the rule on the two halves
 * and otherwise replaced by adaptive quadrature (Hipparchus
 * {@link IterativeLegendreGaussIntegrator}).
 * s is then rescaled by a constant so that the table ends at q = {@link #Q_MAX} (the predictor
 * β = φ(uv) then covers u v ∈ [0, 4), a box the engine samples; a constant factor in ψ only
 * adds a constant to the induced bias (T/2) log ψ − T log ψ'). The table keeps φ, dφ/ds and
 * d²φ/ds² (s = √q) exactly at the nodes: dφ/ds = 1/s'(β), d²φ/ds² = r'(β)/(T s'(β)²).
 *
 * <p>Error bound: the interpolant is compared with a direct computation at every interval
 * midpoint: φ and φ' at the midpoints in s against Brent root finding of s(β) = s_mid
 * ({@link BracketingNthOrderBrentSolver}, s by quadrature), and ψ at the midpoints in β against
 * quadrature. The grid is refined (intervals doubled, up to {@link #MAX_INTERVALS}) until the
 * largest relative error is at most {@link #TARGET_ERROR}; the bound reached is reported either
 * way. The quadrature itself is checked too: s(β_max) accumulated over the intervals against
 * one adaptive integral over [0, β_max]; that relative difference enters the bound. (The
 * requested relative accuracy per interval is {@link #QUADRATURE_ACCURACY}, loosened where the
 * integrator does not converge at it.)
 */
final class TabulatedOuterMap {
  /** Default end of the table in β. */
  static final double BETA_MAX = 10;
  /** The table ends at q = 4: the designed predictor is defined for u v < 4. */
  static final double Q_MAX = 4;
  static final double TARGET_ERROR = 1e-9;
  /** Relative size of the rate e^{−r/T} below which the table ends (see tabulate). */
  static final double RATE_FLOOR = 5e-5;
  static final double QUADRATURE_ACCURACY = 1e-13;
  private static final double[] ACCURACIES = {QUADRATURE_ACCURACY, 1e-12, 1e-11, 1e-10};
  private static final int FIRST_INTERVALS = 1000;
  static final int MAX_INTERVALS = 16_000;

  /**
   * A table and what is known about its accuracy.
   *
   * @param errorBound largest relative error of φ, φ' and ψ at the interval midpoints, and of
   *     the quadrature (s(β_max) summed vs one integral)
   * @param biasError largest error of the bias the table induces, {@code (T/2) log ψ̂(β) +
   *     T log φ̂'(ψ̂(β))} against {@code (T/2) log ψ(β) − T log ψ'(β)} computed directly, at
   *     all interval midpoints in β
   * @param biasTolerance what the proof allows R_quot − R* to vary by: twice the bias error,
   *     plus 1e-12 for rounding in the evaluation of the logarithms
   * @param scale the constant k with s = k·½∫₀^β e^{−r/T}
   */
  record Result(TabulatedFunction table, double errorBound, double phiError,
      double derivativeError, double inverseError, double quadratureError, int intervals,
      double betaMax,
      double scale, double biasError, double biasTolerance) { }

  private final UnivariateFunction rate;
  private final UnivariateFunction rateSlope;
  private final double temperature;
  private final BracketingNthOrderBrentSolver solver =
      new BracketingNthOrderBrentSolver(1e-15, 1e-300, 1e-300, 5);

  /**
   * @param r the target term r(β) on β &gt; 0, in the symbol {@code b}, numeric otherwise
   * @param dr its derivative r'(β)
   */
  TabulatedOuterMap(Expr r, Expr dr, String b, double temperature) {
    if (!(temperature > 0) || !Double.isFinite(temperature)) {
      throw new IllegalArgumentException("the temperature must be a positive number, not "
          + temperature);
    }
    this.temperature = temperature;
    java.util.function.DoubleUnaryOperator rOf = UnaryFunction.of(r, b);
    java.util.function.DoubleUnaryOperator drOf = UnaryFunction.of(dr, b);
    this.rate = x -> 0.5 * Math.exp(-rOf.applyAsDouble(x) / temperature);
    this.rateSlope = x -> -drOf.applyAsDouble(x) / temperature;
  }

  /**
   * Tabulates on [0, end], refining until the bound is met or the grid is at its finest; end is
   * {@code betaMax}, or where the rate e^{−r/T}/2 has fallen below {@link #RATE_FLOOR} of its
   * largest value, whichever comes first: past that point s(β) has saturated to rounding, φ' is
   * 1/rate (it overflows where the rate underflows, e.g. r = β⁴/4 beyond β ≈ 7.3 at T = 1), and
   * the designed map could not reach those β anyway. The domain states the end used.
   */
  Result tabulate(double betaMax, List<String> provenance) {
    double end = tableEnd(betaMax);
    Result best = null;
    for (int n = FIRST_INTERVALS; n <= MAX_INTERVALS; n *= 2) {
      best = tabulate(end, n, provenance);
      if (best.errorBound() <= TARGET_ERROR) {
        break;
      }
    }
    return best;
  }

  /** The end of the table: {@code betaMax}, or earlier where the rate becomes negligible. */
  double tableEnd(double betaMax) {
    int steps = 10_000;
    double peak = 0;
    for (int i = 0; i <= steps; i++) {
      double b = betaMax * i / steps;
      double w = rate(b);
      if (!(w >= 0) || Double.isInfinite(w)) {
        return Math.max(betaMax * (i - 1) / steps, betaMax / steps);
      }
      peak = Math.max(peak, w);
      if (i > 0 && w < RATE_FLOOR * peak) {
        return b;
      }
    }
    return betaMax;
  }

  private Result tabulate(double betaMax, int n, List<String> provenance) {
    double[] b = new double[n + 1];
    double[] raw = new double[n + 1];
    double[] w = new double[n + 1];
    for (int i = 0; i <= n; i++) {
      b[i] = betaMax * i / n;
      w[i] = rate(b[i]);
      if (i > 0) {
        raw[i] = raw[i - 1] + integral(b[i - 1], b[i]);
      }
    }
    double k = Math.sqrt(Q_MAX) / raw[n];
    if (!(k > 0) || !Double.isFinite(k)) {
      throw new InverseDesignException(InverseDesignException.Kind.UNREACHABLE,
          "s(β) = ½∫₀^β e^{−r/T} is not a finite positive number on [0, " + betaMax + "]");
    }
    double[] s = new double[n + 1];
    double[] g = new double[n + 1];
    double[] g2 = new double[n + 1];
    for (int i = 0; i <= n; i++) {
      s[i] = k * raw[i];
      double ws = k * w[i];
      g[i] = 1 / ws;
      g2[i] = -rateSlope(b[i]) / (ws * ws);
    }
    TabulatedFunction draft = TabulatedFunction.of(s, b, g, g2, List.of());
    double phiErr = 0;
    double dphiErr = 0;
    double psiErr = 0;
    double biasErr = 0;
    for (int i = 0; i < n; i++) {
      // φ and φ' at the midpoint in s, against a root of s(β) = s_mid
      double sMid = 0.5 * (s[i] + s[i + 1]);
      double left = b[i];
      double base = s[i];
      UnivariateFunction residual = x -> base + k * integral(left, x) - sMid;
      double root;
      try {
        root = solver.solve(200, residual, b[i], b[i + 1], AllowedSolution.ANY_SIDE);
      } catch (MathRuntimeException e) {
        throw new InverseDesignException(InverseDesignException.Kind.UNREACHABLE,
            "root finding of s(β) = " + sMid + " failed on [" + b[i] + ", " + b[i + 1] + "]: "
                + e.getMessage());
      }
      double q = sMid * sMid;
      phiErr = Math.max(phiErr, rel(draft.value(q), root));
      double dphi = 1 / (2 * sMid * k * rate(root));
      dphiErr = Math.max(dphiErr, rel(draft.derivative(q), dphi));
      // ψ at the midpoint in β, against quadrature
      double bMid = 0.5 * (b[i] + b[i + 1]);
      double sAt = s[i] + k * integral(b[i], bMid);
      double psi = draft.inverse(bMid);
      psiErr = Math.max(psiErr, rel(psi, sAt * sAt));
      double induced = temperature / 2 * Math.log(psi)
          + temperature * Math.log(draft.derivative(psi));
      double exact = temperature / 2 * Math.log(sAt * sAt)
          - temperature * Math.log(2 * sAt * k * rate(bMid));
      biasErr = Math.max(biasErr, Math.abs(induced - exact));
    }
    double quadErr = rel(raw[n], adaptive(0, betaMax));
    double bound = Math.max(Math.max(phiErr, quadErr), Math.max(dphiErr, psiErr));
    double tolerance = 2 * biasErr + 1e-12;
    List<String> comments = new ArrayList<>(provenance);
    comments.add("psi(beta) = s(beta)^2 with s(beta) = k/2 Integrate[E^(-r(b)/T), {b, 0, beta}],"
        + " k = " + k + " (a constant factor: it adds only a constant to the bias; chosen so"
        + " that the table ends at q = " + fmtPlain(Q_MAX) + ")");
    comments.add("nodes: beta uniform on [0, " + fmtPlain(betaMax) + "], " + n + " intervals;"
        + " s per interval by the 8-point Gauss-Legendre rule where it agrees with the rule on"
        + " the two halves to 1e-14 relative, else by adaptive quadrature (Hipparchus"
        + " IterativeLegendreGaussIntegrator, 5 points, relative accuracy "
        + fmt(QUADRATURE_ACCURACY) + " or the next of 1e-12, 1e-11, 1e-10 where it does not"
        + " converge)");
    comments.add("interpolation: piecewise cubic Hermite in s = sqrt(q) for phi (slopes"
        + " dphi_ds) and dphi_ds (slopes d2phi_ds2), in beta for sqrt(psi) (slopes 1/dphi_ds)");
    comments.add("largest relative error at all " + n + " interval midpoints, against Brent root"
        + " finding of s(beta) = s_mid (phi, phi') and quadrature (psi): phi " + fmt(phiErr)
        + ", phi' " + fmt(dphiErr) + ", psi " + fmt(psiErr) + "; quadrature: s(beta_max)"
        + " summed over the intervals vs one adaptive integral, relative difference "
        + fmt(quadErr));
    comments.add("induced bias (T/2) log psi - T log psi' through the table, against the direct"
        + " value at the same midpoints in beta: largest error " + fmt(biasErr));
    comments.add("error_bound = " + fmt(bound));
    TabulatedFunction table = TabulatedFunction.of(s, b, g, g2, comments);
    return new Result(table, bound, phiErr, dphiErr, psiErr, quadErr, n, betaMax, k,
        biasErr, tolerance);
  }

  private double rate(double x) {
    double v = rate.value(x);
    if (!(v > 0) || !Double.isFinite(v)) {
      throw new InverseDesignException(InverseDesignException.Kind.UNREACHABLE,
          "e^{−r(β)/T}/2 is not a finite positive number at β = " + x + " (" + v + ")");
    }
    return v;
  }

  private double rateSlope(double x) {
    double v = rateSlope.value(x);
    if (!Double.isFinite(v)) {
      throw new InverseDesignException(InverseDesignException.Kind.UNREACHABLE,
          "r'(β) is not finite at β = " + x);
    }
    return v;
  }

  /** 8-point Gauss–Legendre nodes and weights on [−1, 1] (Hipparchus' rule factory). */
  private static final double[][] GL8 = gaussLegendre8();

  private static double[][] gaussLegendre8() {
    org.hipparchus.analysis.integration.gauss.GaussIntegrator rule =
        new org.hipparchus.analysis.integration.gauss.GaussIntegratorFactory().legendre(8);
    double[][] out = new double[2][rule.getNumberOfPoints()];
    for (int i = 0; i < out[0].length; i++) {
      out[0][i] = rule.getPoint(i);
      out[1][i] = rule.getWeight(i);
    }
    return out;
  }

  /**
   * ∫_a^z e^{−r/T}/2: the 8-point Gauss–Legendre rule on [a, z] when it agrees with the same
   * rule on the two halves to 1e-14 relative (the table's sub-intervals are short and the rate
   * smooth, so it almost always does: 24 evaluations instead of the hundreds an adaptive
   * integration to 1e-13 takes), else {@link #adaptive}.
   */
  private double integral(double a, double z) {
    if (z == a) {
      return 0;
    }
    double whole = gauss(a, z);
    double mid = 0.5 * (a + z);
    double halves = gauss(a, mid) + gauss(mid, z);
    if (Math.abs(whole - halves) <= 1e-14 * Math.abs(halves)) {
      return halves;
    }
    return adaptive(a, z);
  }

  private double gauss(double a, double z) {
    double half = 0.5 * (z - a);
    double centre = 0.5 * (a + z);
    double sum = 0;
    for (int i = 0; i < GL8[0].length; i++) {
      sum += GL8[1][i] * rate(centre + half * GL8[0][i]);
    }
    return half * sum;
  }

  /**
   * ∫_a^z e^{−r/T}/2 by {@link IterativeLegendreGaussIntegrator}. Its stopping test can cycle
   * at a rounding floor near 1e-13 (seen: 1e-12 cycling where 1e-13 converges), so the
   * accuracies in {@link #ACCURACIES} are tried in turn; the quadrature check in the error
   * bound covers the result either way.
   */
  private double adaptive(double a, double z) {
    if (z == a) {
      return 0;
    }
    double lo = Math.min(a, z);
    double hi = Math.max(a, z);
    double floor = 1e-16 * (hi - lo) * Math.max(rate(lo), rate(hi));
    MathRuntimeException last = null;
    for (double accuracy : ACCURACIES) {
      try {
        return Math.signum(z - a) * new IterativeLegendreGaussIntegrator(5, accuracy, floor)
            .integrate(20_000, this::rate, lo, hi);
      } catch (MathRuntimeException e) {
        last = e;
      }
    }
    throw new InverseDesignException(InverseDesignException.Kind.UNREACHABLE,
        "quadrature of e^{−r/T}/2 on [" + lo + ", " + hi + "] failed: " + last.getMessage());
  }

  private static double rel(double got, double want) {
    return Math.abs(got - want) / Math.max(Math.abs(want), Double.MIN_NORMAL);
  }

  static String fmt(double v) {
    return String.format(Locale.ROOT, "%.1e", v);
  }

  private static String fmtPlain(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }
}
