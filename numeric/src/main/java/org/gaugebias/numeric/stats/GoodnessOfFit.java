package org.gaugebias.numeric.stats;

import org.hipparchus.stat.inference.KolmogorovSmirnovTest;

/**
 * One-sample Kolmogorov–Smirnov test (hipparchus-stat) of samples against a {@link TruncatedLaw}.
 * The test assumes independent samples: use one value per chain, or values thinned by several
 * correlation times (shared/DEPENDENCIES.md G12). With many samples it also detects the O(dt)
 * bias of Euler–Maruyama, so a small p-value at large n is reported, not treated as a verdict.
 */
public final class GoodnessOfFit {
  private GoodnessOfFit() {
  }

  /** KS statistic D and p-value. */
  public record KsResult(double statistic, double pValue, int samples) { }

  public static KsResult kolmogorovSmirnov(TruncatedLaw law, double[] samples) {
    if (samples.length < 2) {
      return new KsResult(Double.NaN, Double.NaN, samples.length);
    }
    KolmogorovSmirnovTest ks = new KolmogorovSmirnovTest();
    double d = ks.kolmogorovSmirnovStatistic(law, samples);
    double p = ks.kolmogorovSmirnovTest(law, samples, false);
    return new KsResult(d, p, samples.length);
  }
}
