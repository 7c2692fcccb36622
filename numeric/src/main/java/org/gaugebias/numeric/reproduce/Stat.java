package org.gaugebias.numeric.reproduce;

/**
 * Mean and sample standard deviation over seeds.
 *
 * @param name the metric
 * @param mean mean over the seeds (NaN when there are none)
 * @param sd sample standard deviation (n − 1; NaN below two seeds)
 * @param perSeed the value of each seed, in replica order
 */
public record Stat(String name, double mean, double sd, double[] perSeed) {
  public Stat {
    perSeed = perSeed.clone();
  }

  static Stat of(String name, double[] v) {
    int n = v.length;
    double mean = 0;
    for (double x : v) {
      mean += x;
    }
    mean = n > 0 ? mean / n : Double.NaN;
    double ss = 0;
    for (double x : v) {
      ss += (x - mean) * (x - mean);
    }
    return new Stat(name, mean, n > 1 ? Math.sqrt(ss / (n - 1)) : Double.NaN, v);
  }

  /** Number of seeds. */
  public int n() {
    return perSeed.length;
  }
}
