package org.gaugebias.numeric.sde;

import java.util.Objects;

/**
 * Settings of one ensemble run. Samples are recorded after {@code burnInSteps}, then every
 * {@code thinning} steps (choose several correlation times); the balance trace every
 * {@code traceInterval} steps from the start.
 *
 * @param noise the noise model
 * @param temperature T ≥ 0 (ignored by gradient descent)
 * @param dt Euler–Maruyama step h
 * @param steps steps per chain
 * @param burnInSteps steps before the first recorded sample
 * @param thinning steps between recorded samples
 * @param traceInterval steps between points of the moment trace
 * @param chains number of independent chains
 * @param seed root seed; chain i uses the i-th jump of one XoRoShiRo128++ stream from it
 * @param threads worker threads (results do not depend on it)
 * @param initial initial condition
 * @param divergenceLimit a chain whose |θ_i| exceeds this (or is NaN) is stopped as diverged
 */
public record SimulationSettings(NoiseModel noise, double temperature, double dt, long steps,
    long burnInSteps, long thinning, long traceInterval, int chains, long seed, int threads,
    InitialCondition initial, double divergenceLimit) {

  public SimulationSettings {
    Objects.requireNonNull(noise, "noise");
    Objects.requireNonNull(initial, "initial");
    if (!(temperature >= 0) || Double.isInfinite(temperature)) {
      throw new IllegalArgumentException("temperature must be finite and >= 0: " + temperature);
    }
    if (noise != NoiseModel.GRADIENT_DESCENT && !(temperature > 0)) {
      throw new IllegalArgumentException(noise.id() + " noise needs temperature > 0");
    }
    if (!(dt > 0) || Double.isInfinite(dt)) {
      throw new IllegalArgumentException("dt must be finite and > 0: " + dt);
    }
    if (steps < 1 || burnInSteps < 0 || burnInSteps > steps) {
      throw new IllegalArgumentException("need steps >= 1 and 0 <= burn-in <= steps (steps "
          + steps + ", burn-in " + burnInSteps + ")");
    }
    if (thinning < 1 || traceInterval < 1) {
      throw new IllegalArgumentException("thinning and trace interval must be >= 1");
    }
    if (chains < 1) {
      throw new IllegalArgumentException("chains must be >= 1: " + chains);
    }
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1: " + threads);
    }
    if (!(divergenceLimit > 0)) {
      throw new IllegalArgumentException("divergence limit must be > 0: " + divergenceLimit);
    }
  }

  /**
   * Defaults: burn-in a third of the run, thinning so that about 20 samples per chain are kept,
   * 50 trace points, all processors, reference initial condition, divergence limit 1e100.
   */
  public static SimulationSettings of(NoiseModel noise, double temperature, double dt,
      long steps, int chains, long seed) {
    long burn = steps / 3;
    long thin = Math.max(1, (steps - burn) / 20);
    return new SimulationSettings(noise, temperature, dt, steps, burn, thin,
        Math.max(1, steps / 50), chains, seed, Runtime.getRuntime().availableProcessors(),
        InitialCondition.reference(), 1e100);
  }

  public SimulationSettings withThreads(int n) {
    return new SimulationSettings(noise, temperature, dt, steps, burnInSteps, thinning,
        traceInterval, chains, seed, n, initial, divergenceLimit);
  }

  public SimulationSettings withNoise(NoiseModel n) {
    return new SimulationSettings(n, temperature, dt, steps, burnInSteps, thinning,
        traceInterval, chains, seed, threads, initial, divergenceLimit);
  }

  public SimulationSettings withSeed(long s) {
    return new SimulationSettings(noise, temperature, dt, steps, burnInSteps, thinning,
        traceInterval, chains, s, threads, initial, divergenceLimit);
  }

  /** The same physical times with step {@code dt/2} (twice the steps, burn-in, thinning, trace). */
  public SimulationSettings withHalvedStep() {
    return new SimulationSettings(noise, temperature, dt / 2, steps * 2, burnInSteps * 2,
        thinning * 2, traceInterval * 2, chains, seed, threads, initial, divergenceLimit);
  }

  public SimulationSettings withChains(int n) {
    return new SimulationSettings(noise, temperature, dt, steps, burnInSteps, thinning,
        traceInterval, n, seed, threads, initial, divergenceLimit);
  }

  public SimulationSettings withInitial(InitialCondition init) {
    return new SimulationSettings(noise, temperature, dt, steps, burnInSteps, thinning,
        traceInterval, chains, seed, threads, init, divergenceLimit);
  }

  /** Recorded samples per chain. */
  public long recordsPerChain() {
    return (steps - burnInSteps) / thinning;
  }
}
