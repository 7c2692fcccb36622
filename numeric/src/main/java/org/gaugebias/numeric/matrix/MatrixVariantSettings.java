package org.gaugebias.numeric.matrix;

/**
 * Settings of one matrix-variant run (simulation plus importance sampling).
 *
 * @param temperature T &gt; 0
 * @param dt Euler–Maruyama step h
 * @param steps steps per chain
 * @param burnInSteps steps before the first recorded sample
 * @param thinning steps between recorded samples (several relaxation times of W)
 * @param chains independent chains
 * @param seed root seed: chain i uses the i-th jump of one XoRoShiRo128++ stream from it; the
 *     importance sampler uses the same root after one long jump (disjoint from every chain)
 * @param threads worker threads (results do not depend on it)
 * @param exclusion δ: samples with σ_min &lt; δ fall in the exclusion zone around the non-free
 *     points (rank-deficient W) and are left out of the comparison, their mass reported
 * @param importanceSamples draws from the Gaussian base law e^{−L/T}
 * @param divergenceLimit a chain with |θ_i| above this (or NaN) is stopped and counted
 */
public record MatrixVariantSettings(double temperature, double dt, long steps, long burnInSteps,
    long thinning, int chains, long seed, int threads, double exclusion, int importanceSamples,
    double divergenceLimit) {

  public MatrixVariantSettings {
    if (!(temperature > 0) || Double.isInfinite(temperature)) {
      throw new IllegalArgumentException("temperature must be finite and > 0: " + temperature);
    }
    if (!(dt > 0) || Double.isInfinite(dt)) {
      throw new IllegalArgumentException("dt must be finite and > 0: " + dt);
    }
    if (steps < 1 || burnInSteps < 0 || burnInSteps >= steps) {
      throw new IllegalArgumentException("need steps >= 1 and 0 <= burn-in < steps (steps "
          + steps + ", burn-in " + burnInSteps + ")");
    }
    if (thinning < 1 || thinning > steps - burnInSteps) {
      throw new IllegalArgumentException("thinning must be in [1, steps - burn-in]: "
          + thinning);
    }
    if (chains < 2) {
      throw new IllegalArgumentException("need at least 2 chains (errors come from their"
          + " spread): " + chains);
    }
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1: " + threads);
    }
    if (!(exclusion >= 0) || Double.isInfinite(exclusion)) {
      throw new IllegalArgumentException("exclusion radius must be finite and >= 0: "
          + exclusion);
    }
    if (importanceSamples < 2) {
      throw new IllegalArgumentException("importance samples must be >= 2: "
          + importanceSamples);
    }
    if (!(divergenceLimit > 0)) {
      throw new IllegalArgumentException("divergence limit must be > 0: " + divergenceLimit);
    }
  }

  /**
   * Defaults for a physical run time {@code time} at step {@code dt}: burn-in a third, about 40
   * recorded samples per chain, all processors, δ = 0.05, 10⁶ importance samples, limit 1e6.
   */
  public static MatrixVariantSettings of(double temperature, double dt, double time, int chains,
      long seed) {
    long steps = Math.max(3, Math.round(time / dt));
    long burn = steps / 3;
    long thin = Math.max(1, (steps - burn) / 40);
    return new MatrixVariantSettings(temperature, dt, steps, burn, thin, chains, seed,
        Runtime.getRuntime().availableProcessors(), 0.05, 1_000_000, 1e6);
  }

  public MatrixVariantSettings withSeed(long s) {
    return new MatrixVariantSettings(temperature, dt, steps, burnInSteps, thinning, chains, s,
        threads, exclusion, importanceSamples, divergenceLimit);
  }

  public MatrixVariantSettings withThreads(int n) {
    return new MatrixVariantSettings(temperature, dt, steps, burnInSteps, thinning, chains, seed,
        n, exclusion, importanceSamples, divergenceLimit);
  }

  public MatrixVariantSettings withImportanceSamples(int n) {
    return new MatrixVariantSettings(temperature, dt, steps, burnInSteps, thinning, chains, seed,
        threads, exclusion, n, divergenceLimit);
  }

  /** The same physical times with step dt/2. */
  public MatrixVariantSettings withHalvedStep() {
    return new MatrixVariantSettings(temperature, dt / 2, steps * 2, burnInSteps * 2,
        thinning * 2, chains, seed, threads, exclusion, importanceSamples, divergenceLimit);
  }

  /** Recorded samples per chain. */
  public long recordsPerChain() {
    return (steps - burnInSteps) / thinning;
  }
}
