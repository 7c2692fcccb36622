package org.gaugebias.numeric.reproduce;

import java.util.List;

/**
 * One arm over all seeds.
 *
 * @param arm the arm
 * @param seedsComplete replicas that ran all their steps without diverging
 * @param seedsDiverged replicas that diverged
 * @param seedsIncomplete replicas cut short by cancellation
 * @param metrics seed statistics over the complete replicas, in the model's metric order
 * @param reproduces whether the seed means show the experiment's outcome (null: no complete
 *     replica)
 * @param seconds wall time summed over the replicas
 */
public record ArmSummary(Arm arm, int seedsComplete, int seedsDiverged, int seedsIncomplete,
    List<Stat> metrics, Boolean reproduces, double seconds) {
  public ArmSummary {
    metrics = List.copyOf(metrics);
  }

  /** The statistics of {@code metric}, or null. */
  public Stat metric(String metric) {
    for (Stat s : metrics) {
      if (s.name().equals(metric)) {
        return s;
      }
    }
    return null;
  }
}
