package org.gaugebias.numeric.stats;

import java.util.function.DoubleUnaryOperator;
import org.hipparchus.analysis.UnivariateFunction;
import org.hipparchus.distribution.continuous.AbstractRealDistribution;

/**
 * The law {@code p(x) ∝ exp(f(x))} restricted to a window [lo, hi] and normalised there by
 * composite Gauss–Legendre quadrature (Hipparchus). The log-density is shifted by its maximum
 * over the nodes before exponentiating, so very peaked laws (small T) do not overflow. Bin
 * probabilities are exact (up to quadrature) when bin edges fall on cell edges, which the
 * constructor arranges for the given number of bins. Immutable.
 */
public final class TruncatedLaw extends AbstractRealDistribution {
  private static final long serialVersionUID = 1L;
  private static final int CELLS_PER_BIN = 32;

  private final transient UnivariateFunction logDensity;
  private final double lo;
  private final double hi;
  private final double logNorm;
  /** cdf[i] = P(X ≤ lo + i·cellWidth). */
  private final double[] cdf;
  private final double cellWidth;
  private final double mean;
  private final double variance;

  /**
   * @param logDensity unnormalised log-density f
   * @param lo window start
   * @param hi window end
   * @param bins histogram bins the law will be compared with (cells align with bin edges)
   */
  public TruncatedLaw(UnivariateFunction logDensity, double lo, double hi, int bins) {
    if (!(lo < hi)) {
      throw new IllegalArgumentException("empty window [" + lo + ", " + hi + "]");
    }
    this.logDensity = logDensity;
    this.lo = lo;
    this.hi = hi;
    int cells = Math.max(1, bins) * CELLS_PER_BIN;
    Quadrature rule = new Quadrature(lo, hi, cells);
    double[] f = new double[rule.nodes.length];
    double max = Double.NEGATIVE_INFINITY;
    for (int k = 0; k < f.length; k++) {
      f[k] = logDensity.value(rule.nodes[k]);
      if (Double.isNaN(f[k])) {
        throw new IllegalArgumentException("log-density is NaN at x = " + rule.nodes[k]);
      }
      max = Math.max(max, f[k]);
    }
    if (!(max > Double.NEGATIVE_INFINITY) || Double.isInfinite(max)) {
      throw new IllegalArgumentException("log-density is not finite on the window: max " + max);
    }
    cdf = new double[cells + 1];
    double s1 = 0;
    double s2 = 0;
    for (int i = 0; i < cells; i++) {
      double mass = 0;
      for (int j = 0; j < Quadrature.POINTS; j++) {
        int k = i * Quadrature.POINTS + j;
        double p = rule.weights[k] * Math.exp(f[k] - max);
        mass += p;
        s1 += p * rule.nodes[k];
        s2 += p * rule.nodes[k] * rule.nodes[k];
      }
      cdf[i + 1] = cdf[i] + mass;
    }
    double z = cdf[cells];
    if (!(z > 0) || Double.isInfinite(z)) {
      throw new IllegalArgumentException("density does not normalise on the window: Z = " + z);
    }
    for (int i = 0; i <= cells; i++) {
      cdf[i] /= z;
    }
    cdf[cells] = 1.0;
    logNorm = max + Math.log(z);
    cellWidth = (hi - lo) / cells;
    mean = s1 / z;
    variance = Math.max(0, s2 / z - mean * mean);
  }

  /** log of the normalising constant ∫_lo^hi exp(f). */
  public double logNormalisation() {
    return logNorm;
  }

  @Override
  public double density(double x) {
    return x < lo || x > hi ? 0 : Math.exp(logDensity.value(x) - logNorm);
  }

  @Override
  public double logDensity(double x) {
    return x < lo || x > hi ? Double.NEGATIVE_INFINITY : logDensity.value(x) - logNorm;
  }

  @Override
  public double cumulativeProbability(double x) {
    if (!(x > lo)) {
      return 0;
    }
    if (x >= hi) {
      return 1;
    }
    int i = Math.min(cdf.length - 2, (int) ((x - lo) / cellWidth));
    double a = lo + i * cellWidth;
    double[][] r = Quadrature.cell(a, x);
    double part = 0;
    for (int j = 0; j < Quadrature.POINTS; j++) {
      part += r[1][j] * Math.exp(logDensity.value(r[0][j]) - logNorm);
    }
    return Math.min(1, cdf[i] + part);
  }

  /** P(a ≤ X < b). */
  public double binProbability(double a, double b) {
    return cumulativeProbability(b) - cumulativeProbability(a);
  }

  /** E[g(X)] by the same composite Gauss–Legendre rule. */
  public double expectation(DoubleUnaryOperator g) {
    Quadrature rule = new Quadrature(lo, hi, cdf.length - 1);
    double s = 0;
    for (int k = 0; k < rule.nodes.length; k++) {
      double x = rule.nodes[k];
      s += rule.weights[k] * Math.exp(logDensity.value(x) - logNorm) * g.applyAsDouble(x);
    }
    return s;
  }

  @Override
  public double getNumericalMean() {
    return mean;
  }

  @Override
  public double getNumericalVariance() {
    return variance;
  }

  @Override
  public double getSupportLowerBound() {
    return lo;
  }

  @Override
  public double getSupportUpperBound() {
    return hi;
  }

  @Override
  public boolean isSupportConnected() {
    return true;
  }
}
