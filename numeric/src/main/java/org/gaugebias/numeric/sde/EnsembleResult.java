package org.gaugebias.numeric.sde;

import java.util.List;

/**
 * Streamed statistics of an ensemble run (memory proportional to the number of chains).
 *
 * @param settings the run's settings
 * @param plan what was recorded about the observable
 * @param observationNames names of the observed quantities (index 0 is the observable)
 * @param histogram counts of recorded observable values per window bin
 * @param binStandardErrors standard error of each bin's fraction of the in-window values, from
 *     the spread between blocks of chains (NaN with fewer than two blocks)
 * @param inWindow recorded values inside the window (outside the exclusion zone)
 * @param outsideWindow recorded values outside the window (outside the exclusion zone)
 * @param excluded recorded values with |x| below the exclusion radius
 * @param nonFinite recorded values that were NaN or infinite although the state was finite
 * @param windowBlocks per block of chains: count and Σ log|x| of in-window values (for the
 *     exponent fit and its block-jackknife error)
 * @param observations per observed quantity: mean over all recorded samples, error from the
 *     spread of per-chain means
 * @param trace ensemble means along the run
 * @param finalSamples in-window values from the last records of each chain, in chain order
 * @param divergedChains chains stopped because θ left the divergence limit or became NaN
 * @param chainSteps chain-steps simulated (diverged chains count until their stop)
 * @param seconds wall time of the simulation (the simulation phase: the JIT warm-up excluded)
 * @param warmUpSeconds wall time of the JIT warm-up before it (0 when skipped)
 * @param cpuSeconds CPU time of the worker threads over the blocks of chains (NaN where the JVM
 *     does not measure thread CPU time)
 * @param complete false if the run was cancelled (then only finished blocks are included)
 */
public record EnsembleResult(SimulationSettings settings, ObservationPlan plan,
    List<String> observationNames, long[] histogram, double[] binStandardErrors, long inWindow, long outsideWindow,
    long excluded, long nonFinite, List<WindowStats> windowBlocks,
    List<ObservationSummary> observations, MomentTrace trace, double[] finalSamples,
    int divergedChains, long chainSteps, double seconds, double warmUpSeconds,
    double cpuSeconds, boolean complete) {

  public EnsembleResult {
    observationNames = List.copyOf(observationNames);
    histogram = histogram.clone();
    binStandardErrors = binStandardErrors.clone();
    windowBlocks = List.copyOf(windowBlocks);
    observations = List.copyOf(observations);
    finalSamples = finalSamples.clone();
  }

  @Override
  public long[] histogram() {
    return histogram.clone();
  }

  @Override
  public double[] binStandardErrors() {
    return binStandardErrors.clone();
  }

  @Override
  public double[] finalSamples() {
    return finalSamples.clone();
  }

  /** All recorded values of the observable. */
  public long recorded() {
    return inWindow + outsideWindow + excluded + nonFinite;
  }

  /** Fraction of recorded values inside the exclusion zone. */
  public double excludedMass() {
    long r = recorded();
    return r == 0 ? 0 : excluded / (double) r;
  }

  /** Chain-steps per second of wall time. */
  public double throughput() {
    return chainSteps / seconds;
  }

  /** Count and Σ log|x| of in-window values for one block of chains. */
  public record WindowStats(long count, double sumLogAbs) { }

  /**
   * Summary of one observed quantity over all recorded samples.
   *
   * @param standardError standard deviation of the per-chain means over √(chains): valid
   *     whatever the correlation inside a chain, since chains are independent
   */
  public record ObservationSummary(String name, long count, double mean, double variance,
      double standardError) { }

  /** Ensemble means of every observation at the trace times (alive chains only). */
  public record MomentTrace(double[] times, double[][] means, long[] alive) {
    public MomentTrace {
      times = times.clone();
      means = means.clone();
      for (int i = 0; i < means.length; i++) {
        means[i] = means[i].clone();
      }
      alive = alive.clone();
    }
  }
}
