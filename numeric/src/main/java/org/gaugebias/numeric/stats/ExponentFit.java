package org.gaugebias.numeric.stats;

import java.util.List;
import org.hipparchus.analysis.UnivariateFunction;
import org.hipparchus.distribution.continuous.NormalDistribution;

/**
 * Maximum-likelihood exponent a of the family {@code p_a(x) ∝ |x|^a exp(b(x))} truncated to a
 * window [lo, hi] (0 outside it), b the base log-density (e.g. {@code −L(x)/T}).
 *
 * <p>It is an exponential family in a with sufficient statistic {@code log|x|}: the
 * log-likelihood {@code a·S − n log Z(a)} (S = Σ log|x_j|) is concave, its score is
 * {@code S − n E_a[log|x|]} and the observed Fisher information is {@code n Var_a[log|x|]}. The
 * root is found by Newton's method safeguarded by bisection on a bracket; E and Var come from
 * composite Gauss–Legendre quadrature on the window.
 *
 * <p>Errors: the Fisher standard error {@code 1/√(n Var_a[log|x|])} assumes independent samples;
 * the block-jackknife error (leave one block of chains out) does not, since blocks of
 * independent chains are independent. The interval uses the larger of the two.
 */
public final class ExponentFit {
  private static final int CELLS = 2048;
  private static final double BRACKET = 50;

  private final double[] logAbs;
  private final double[] baseLog;
  private final double[] weights;
  private final double lo;
  private final double hi;

  /** Result of a fit at a confidence level. */
  public record Result(double exponent, double fisherStandardError,
      double jackknifeStandardError, double standardError, double level, double ciLow,
      double ciHigh, long samples, int blocks) {
    /** Whether {@code a} lies outside the confidence interval. */
    public boolean excludes(double a) {
      return a < ciLow || a > ciHigh;
    }
  }

  /**
   * @param base base log-density b(x)
   * @param lo window start (the window must not contain 0)
   * @param hi window end
   */
  public ExponentFit(UnivariateFunction base, double lo, double hi) {
    if (!(lo < hi)) {
      throw new IllegalArgumentException("empty window");
    }
    if (lo <= 0 && hi >= 0) {
      throw new IllegalArgumentException("the window [" + lo + ", " + hi
          + "] contains 0, where log|x| is singular; fit on a window away from 0");
    }
    this.lo = lo;
    this.hi = hi;
    Quadrature rule = new Quadrature(lo, hi, CELLS);
    int m = rule.nodes.length;
    logAbs = new double[m];
    baseLog = new double[m];
    weights = rule.weights.clone();
    for (int k = 0; k < m; k++) {
      logAbs[k] = Math.log(Math.abs(rule.nodes[k]));
      baseLog[k] = base.value(rule.nodes[k]);
    }
  }

  /** {E_a[log|x|], Var_a[log|x|]} under the family member a. */
  public double[] moments(double a) {
    double max = Double.NEGATIVE_INFINITY;
    for (int k = 0; k < logAbs.length; k++) {
      max = Math.max(max, baseLog[k] + a * logAbs[k]);
    }
    double z = 0;
    double s1 = 0;
    double s2 = 0;
    for (int k = 0; k < logAbs.length; k++) {
      double p = weights[k] * Math.exp(baseLog[k] + a * logAbs[k] - max);
      z += p;
      s1 += p * logAbs[k];
      s2 += p * logAbs[k] * logAbs[k];
    }
    double mean = s1 / z;
    return new double[] {mean, Math.max(0, s2 / z - mean * mean)};
  }

  /** The MLE for n samples with mean log|x| equal to {@code meanLog}. */
  public double solve(double meanLog) {
    double a = 0;
    double left = -BRACKET;
    double right = BRACKET;
    for (int it = 0; it < 200; it++) {
      double[] m = moments(a);
      double score = meanLog - m[0];
      if (score > 0) {
        left = a;
      } else {
        right = a;
      }
      double next = m[1] > 0 ? a + score / m[1] : Double.NaN;
      if (!(next > left && next < right)) {
        next = 0.5 * (left + right);
      }
      if (Math.abs(next - a) < 1e-12 * Math.max(1, Math.abs(a)) || right - left < 1e-13) {
        return next;
      }
      a = next;
    }
    return a;
  }

  /**
   * Fits a from per-block sufficient statistics (count, Σ log|x|).
   *
   * @param counts in-window sample count per block of chains
   * @param sumLogs Σ log|x| per block
   * @param level confidence level, e.g. 0.99
   */
  public Result fit(long[] counts, double[] sumLogs, double level) {
    long n = 0;
    double s = 0;
    for (int b = 0; b < counts.length; b++) {
      n += counts[b];
      s += sumLogs[b];
    }
    if (n < 2) {
      throw new IllegalArgumentException("too few samples in the window to fit: " + n);
    }
    double a = solve(s / n);
    double fisher = 1 / Math.sqrt(n * moments(a)[1]);
    double jack = Double.NaN;
    int used = 0;
    for (long c : counts) {
      if (c > 0) {
        used++;
      }
    }
    if (used >= 2) {
      double[] loo = new double[counts.length];
      double mean = 0;
      for (int b = 0; b < counts.length; b++) {
        if (counts[b] == 0) {
          continue;
        }
        loo[b] = solve((s - sumLogs[b]) / (n - counts[b]));
        mean += loo[b];
      }
      mean /= used;
      double ss = 0;
      for (int b = 0; b < counts.length; b++) {
        if (counts[b] > 0) {
          ss += (loo[b] - mean) * (loo[b] - mean);
        }
      }
      jack = Math.sqrt((used - 1.0) / used * ss);
    }
    double se = Double.isNaN(jack) ? fisher : Math.max(fisher, jack);
    double zq = new NormalDistribution(0, 1).inverseCumulativeProbability(0.5 + level / 2);
    return new Result(a, fisher, jack, se, level, a - zq * se, a + zq * se, n, used);
  }

  /** Convenience: fit from block statistics given as parallel lists. */
  public Result fit(List<Long> counts, List<Double> sumLogs, double level) {
    long[] c = new long[counts.size()];
    double[] s = new double[sumLogs.size()];
    for (int i = 0; i < c.length; i++) {
      c[i] = counts.get(i);
      s[i] = sumLogs.get(i);
    }
    return fit(c, s, level);
  }

  public double lo() {
    return lo;
  }

  public double hi() {
    return hi;
  }
}
