package org.gaugebias.numeric.sgd;

import java.util.Objects;
import org.gaugebias.numeric.sde.InitialCondition;

/**
 * Settings of one minibatch-SGD ensemble.
 *
 * @param learningRate η (the design's unless overridden)
 * @param batch minibatch size B
 * @param steps SGD steps per chain (time t = steps·η)
 * @param traceInterval steps between balance measurements
 * @param probes fresh samples per chain and measurement used to estimate the per-sample
 *     gradient covariance Σ(θ) for the prediction (from a separate random stream, so the
 *     trajectory does not depend on it)
 * @param chains independent chains
 * @param seed root seed: chain i uses the i-th jump of one XoRoShiRo128++ stream; probes and
 *     the training set use long jumps of the same seed
 * @param threads worker threads (results do not depend on it)
 * @param initial initial condition of θ
 * @param divergenceLimit a chain with |θ_i| above this (or NaN) is stopped and counted
 */
public record SgdSettings(double learningRate, int batch, long steps, long traceInterval,
    int probes, int chains, long seed, int threads, InitialCondition initial,
    double divergenceLimit) {
  public SgdSettings {
    Objects.requireNonNull(initial, "initial");
    if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
      throw new IllegalArgumentException("learning rate must be finite and > 0: "
          + learningRate);
    }
    if (batch < 1 || steps < 1 || traceInterval < 1 || chains < 1 || threads < 1) {
      throw new IllegalArgumentException("batch, steps, trace interval, chains and threads must"
          + " be >= 1");
    }
    if (probes < 2) {
      throw new IllegalArgumentException("probes must be >= 2 (a covariance estimate)");
    }
    if (!(divergenceLimit > 0)) {
      throw new IllegalArgumentException("divergence limit must be > 0");
    }
  }

  /** T = η/B (shared/THEORY.md §5, SGD convention). */
  public double temperature() {
    return learningRate / batch;
  }

  /** Defaults: 100 balance measurements, 32 probes, all processors, limit 1e100. */
  public static SgdSettings of(double learningRate, int batch, long steps, int chains,
      long seed, InitialCondition initial) {
    return new SgdSettings(learningRate, batch, steps, Math.max(1, steps / 100), 32, chains,
        seed, Runtime.getRuntime().availableProcessors(), initial, 1e100);
  }

  public SgdSettings withThreads(int n) {
    return new SgdSettings(learningRate, batch, steps, traceInterval, probes, chains, seed, n,
        initial, divergenceLimit);
  }
}
