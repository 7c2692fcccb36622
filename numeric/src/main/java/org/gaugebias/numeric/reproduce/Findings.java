package org.gaugebias.numeric.reproduce;

import static org.gaugebias.numeric.report.ReportWriting.f;

import java.util.ArrayList;
import java.util.List;

/** Helpers for the experiment-specific findings: seed statistics of one arm's metric. */
final class Findings {
  private Findings() {
  }

  /** "mean +- s.d." of {@code metric} in arm {@code arm}, or "n/a". */
  static String stat(ExperimentReport r, String arm, String metric) {
    ArmSummary a = r.arm(arm);
    Stat s = a == null ? null : a.metric(metric);
    return s == null ? "n/a" : ExperimentReport.num(s.mean()) + " +- "
        + ExperimentReport.num(s.sd());
  }

  /** Seed mean of {@code metric} in {@code arm}, NaN when absent. */
  static double mean(ExperimentReport r, String arm, String metric) {
    ArmSummary a = r.arm(arm);
    Stat s = a == null ? null : a.metric(metric);
    return s == null ? Double.NaN : s.mean();
  }

  /** The arms whose seed mean of {@code metric} is at most {@code limit}. */
  static String armsAtMost(ExperimentReport r, String metric, double limit) {
    List<String> yes = new ArrayList<>();
    List<String> no = new ArrayList<>();
    for (ArmSummary a : r.arms()) {
      Stat s = a.metric(metric);
      if (s != null) {
        (s.mean() <= limit ? yes : no).add(f("%s %s", a.arm().id(),
            ExperimentReport.num(s.mean())));
      }
    }
    return "yes: " + (yes.isEmpty() ? "none" : String.join(", ", yes)) + "; no: "
        + (no.isEmpty() ? "none" : String.join(", ", no));
  }
}
