package org.gaugebias.numeric.reproduce;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one arm produced for one replica (one seed).
 *
 * @param arm the arm's id
 * @param replica the replica index (its streams are split from the root seed by this index)
 * @param steps steps asked for
 * @param stepsDone steps done (fewer when cancelled or diverged)
 * @param diverged whether a parameter became non-finite or exceeded the divergence limit
 * @param seconds wall time of this arm
 * @param metrics the measured quantities at the end, in report order
 * @param traces curves over the run (ratios, singular values, losses), for the plots
 * @param finals end-of-run vectors (recovered coefficients, signals, ratios), for the plots
 */
public record ArmResult(String arm, int replica, long steps, long stepsDone, boolean diverged,
    double seconds, Map<String, Double> metrics, List<Series> traces, List<Series> finals) {
  public ArmResult {
    metrics = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    traces = List.copyOf(traces);
    finals = List.copyOf(finals);
  }

  /** Whether the arm ran all its steps. */
  public boolean complete() {
    return stepsDone == steps && !diverged;
  }
}
