package org.gaugebias.numeric.stats;

/**
 * Distances between a histogram on [lo, hi) and a law on the same window. Both are normalised
 * on the window (the histogram by its in-window count), so the distance compares conditional
 * densities. {@code L1 = Σ_i |c_i/N − P_i|}, which equals {@code ∫|ĥ − p̄|} for the histogram
 * density ĥ and the bin-averaged density p̄.
 */
public final class HistogramDistance {
  private HistogramDistance() {
  }

  /** L1 distance between the normalised histogram and the law's bin probabilities. */
  public static double l1(long[] counts, double lo, double hi, TruncatedLaw law) {
    long total = 0;
    for (long c : counts) {
      total += c;
    }
    if (total == 0) {
      return Double.NaN;
    }
    double width = (hi - lo) / counts.length;
    double s = 0;
    for (int i = 0; i < counts.length; i++) {
      double a = lo + i * width;
      double p = law.binProbability(a, i == counts.length - 1 ? hi : a + width);
      s += Math.abs(counts[i] / (double) total - p);
    }
    return s;
  }

  /**
   * Expected L1 distance of a histogram of {@code n} independent samples from the law itself:
   * {@code Σ_i √(2 P_i(1 − P_i)/(π n))} (normal approximation of each bin count). The floor
   * below which no law can be distinguished; with correlated samples the true floor is higher.
   */
  public static double noiseFloor(int bins, double lo, double hi, TruncatedLaw law, long n) {
    double width = (hi - lo) / bins;
    double s = 0;
    for (int i = 0; i < bins; i++) {
      double a = lo + i * width;
      double p = law.binProbability(a, i == bins - 1 ? hi : a + width);
      s += Math.sqrt(2 * p * (1 - p) / (Math.PI * n));
    }
    return s;
  }

  /** Bin probabilities of the law (for plots and reports). */
  public static double[] binProbabilities(int bins, double lo, double hi, TruncatedLaw law) {
    double width = (hi - lo) / bins;
    double[] out = new double[bins];
    for (int i = 0; i < bins; i++) {
      double a = lo + i * width;
      out[i] = law.binProbability(a, i == bins - 1 ? hi : a + width);
    }
    return out;
  }
}
