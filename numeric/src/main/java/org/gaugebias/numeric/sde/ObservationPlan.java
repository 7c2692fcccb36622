package org.gaugebias.numeric.sde;

/**
 * What is recorded about observation 0 (the observable): a histogram on {@code [lo, hi)} with
 * {@code bins} equal bins; samples with {@code |x| < exclusionRadius} fall in the exclusion zone
 * around non-free points and are only counted; the last {@code finalSamplesPerChain} recorded
 * values of each chain that lie in the window are kept for goodness-of-fit tests (one per chain
 * gives independent samples).
 */
public record ObservationPlan(double lo, double hi, int bins, double exclusionRadius,
    int finalSamplesPerChain) {
  public ObservationPlan {
    if (!(lo < hi) || Double.isInfinite(lo) || Double.isInfinite(hi)) {
      throw new IllegalArgumentException("window must be finite with lo < hi: [" + lo + ", "
          + hi + "]");
    }
    if (bins < 1) {
      throw new IllegalArgumentException("bins must be >= 1: " + bins);
    }
    if (!(exclusionRadius >= 0)) {
      throw new IllegalArgumentException("exclusion radius must be >= 0: " + exclusionRadius);
    }
    if (finalSamplesPerChain < 0) {
      throw new IllegalArgumentException("final samples per chain must be >= 0");
    }
  }

  public double binWidth() {
    return (hi - lo) / bins;
  }
}
