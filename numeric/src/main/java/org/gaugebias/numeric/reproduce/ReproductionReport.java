package org.gaugebias.numeric.reproduce;

import static org.gaugebias.numeric.report.ReportWriting.f;
import static org.gaugebias.numeric.report.ReportWriting.g;

import java.util.List;
import org.gaugebias.numeric.report.ReportWriting;
import org.gaugebias.numeric.run.Outcome;
import org.gaugebias.numeric.run.Plots;
import org.gaugebias.numeric.run.RunReport;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;

/**
 * All reproduced experiments: the one table (experiment | published | ours | MATCH |
 * attribution).
 *
 * @param rootSeed the recorded root seed
 * @param seeds replicas per arm
 * @param stepsScale factor on the published step counts
 * @param threads worker threads used (results do not depend on it)
 * @param experiments the experiment reports
 * @param seconds wall time of the whole set
 * @param complete false when cancelled
 */
public record ReproductionReport(long rootSeed, int seeds, double stepsScale, int threads,
    List<ExperimentReport> experiments, double seconds, boolean complete) implements RunReport {
  public ReproductionReport {
    experiments = List.copyOf(experiments);
  }

  @Override
  public Outcome outcome() {
    if (!complete) {
      return Outcome.INCOMPLETE;
    }
    return experiments.stream().allMatch(e -> e.outcome() == Outcome.PASS) ? Outcome.PASS
        : Outcome.FAIL;
  }

  @Override
  public String toJson() {
    return ReportWriting.json(new Summary(rootSeed, seeds, stepsScale, seconds, complete,
        rows()));
  }

  /** The JSON form: settings and the table. */
  public record Summary(long rootSeed, int seeds, double stepsScale, double seconds,
      boolean complete, List<Row> table) {
  }

  /** One row of the table. */
  public record Row(String experiment, String quantity, double published, double mean,
      double sd, int seeds, String match, String attribution) {
  }

  public List<Row> rows() {
    return experiments.stream().flatMap(e -> e.comparisons().stream().map(c -> new Row(
        e.name(), c.quantity(), c.published(), c.ours().mean(), c.ours().sd(), c.ours().n(),
        c.match(), e.attribution()))).toList();
  }

  @Override
  public String toText() {
    StringBuilder s = new StringBuilder();
    s.append(f("gaugebias reproduce: %d experiment(s), %d seed(s) from root %d, steps x %s,"
        + " %.0f s%s%n%n", experiments.size(), seeds, rootSeed, g(stepsScale), seconds,
        complete ? "" : "  INCOMPLETE (cancelled)"));
    String fmt = "%-18s | %-24s | %-9s | %-22s | %-5s | %s%n";
    s.append(f(fmt, "experiment", "quantity", "published", "ours (mean +- s.d.)", "MATCH",
        "attribution"));
    s.append("-".repeat(110)).append('\n');
    for (Row r : rows()) {
      s.append(f(fmt, r.experiment(), ReportWriting.trim(r.quantity(), 24), g(r.published()),
          ExperimentReport.num(r.mean()) + " +- " + ExperimentReport.num(r.sd()), r.match(),
          r.attribution()));
    }
    return s.toString();
  }

  /** Gap of each published number in standard deviations of our seeds. */
  @Override
  public CategoryChart chart() {
    Plots.warmUp();
    CategoryChart c = new CategoryChartBuilder().width(1000).height(600)
        .title("published − ours, in standard deviations of our seeds (|gap| ≤ 2: MATCH)")
        .xAxisTitle("quantity").yAxisTitle("(published − ours) / s.d. of seeds").build();
    Plots.style(c.getStyler());
    List<Row> rows = rows();
    List<String> names = rows.stream().map(r -> ReportWriting.trim(r.experiment() + ": "
        + r.quantity(), 40)).toList();
    List<Double> gaps = rows.stream().map(r -> {
      double v = (r.published() - r.mean()) / r.sd();
      return Double.isFinite(v) ? Math.max(-50, Math.min(50, v)) : 0.0;
    }).toList();
    if (names.isEmpty()) {
      c.addSeries("gap", List.of("none"), List.of(0.0));
    } else {
      c.addSeries("gap", names, gaps);
    }
    c.getStyler().setXAxisLabelRotation(60);
    return c;
  }
}
