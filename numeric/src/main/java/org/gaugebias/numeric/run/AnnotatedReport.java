package org.gaugebias.numeric.run;

import java.util.List;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * A report with advice lines for the reader appended to its text (what to change after an
 * UNSTABLE run, why there is no prediction, that the run was interrupted). The advice is decided
 * by the run layer, not by a command.
 *
 * @param report the run's own report
 * @param advice one sentence per line, printed as {@code advice} lines after the report
 */
public record AnnotatedReport(RunReport report, List<String> advice) implements RunReport {
  public AnnotatedReport {
    advice = List.copyOf(advice);
  }

  @Override
  public Outcome outcome() {
    return report.outcome();
  }

  @Override
  public String toText() {
    StringBuilder s = new StringBuilder(report.toText());
    for (String a : advice) {
      s.append("  advice     ").append(a).append('\n');
    }
    return s.toString();
  }

  @Override
  public String toJson() {
    return report.toJson();
  }

  @Override
  public Chart<?, ?> chart() {
    return report.chart();
  }
}
