package org.gaugebias.numeric.reproduce;

import static org.gaugebias.numeric.report.ReportWriting.f;
import static org.gaugebias.numeric.report.ReportWriting.g;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.ArrayList;
import java.util.List;
import org.gaugebias.numeric.report.ReportWriting;
import org.gaugebias.numeric.run.Outcome;
import org.gaugebias.numeric.run.Plots;
import org.gaugebias.numeric.run.RunReport;
import org.knowm.xchart.XYChart;

/**
 * One reproduced experiment: every arm over every seed, the published numbers against ours, and
 * the attribution (issue 10's rule).
 *
 * @param name experiment name
 * @param title the model and data in one line
 * @param rootSeed the recorded root seed (replica r uses the streams of index r)
 * @param seeds replicas asked for
 * @param steps steps per arm (published × steps-scale)
 * @param stepsScale the scale applied to the published step count
 * @param choices the settings, with the choices made where the paper is unspecific
 * @param criterion the outcome and the test "an arm reproduces it"
 * @param arms per arm: seed statistics and whether it reproduces the outcome
 * @param comparisons published vs ours
 * @param attribution "noise", "initialisation", "not separated by these arms" or, when
 *     interrupted, "undecided (interrupted)"
 * @param attributionReason which arms decided it
 * @param findings experiment-specific evidence
 * @param complete whether every arm ran every seed to the end
 * @param seconds wall time of the experiment (its tasks overlap on the worker threads)
 * @param results the raw per-replica results (plots only; not in the JSON)
 */
public record ExperimentReport(String name, String title, long rootSeed, int seeds, long steps,
    double stepsScale, List<String> choices, String criterion, List<ArmSummary> arms,
    List<Comparison> comparisons, String attribution, String attributionReason,
    List<String> findings, boolean complete, double seconds,
    @JsonIgnore List<ArmResult> results) implements RunReport {

  public static final String NOISE = "noise";
  public static final String INITIALISATION = "initialisation";
  public static final String NOT_SEPARATED = "not separated by these arms";
  public static final String UNDECIDED = "undecided (interrupted)";

  public ExperimentReport {
    choices = List.copyOf(choices);
    arms = List.copyOf(arms);
    comparisons = List.copyOf(comparisons);
    findings = List.copyOf(findings);
    results = List.copyOf(results);
  }

  /** PASS when every published number matches, FAIL otherwise, INCOMPLETE when cut short. */
  @Override
  public Outcome outcome() {
    if (!complete) {
      return Outcome.INCOMPLETE;
    }
    return comparisons.stream().allMatch(c -> c.match().equals("yes")) ? Outcome.PASS
        : Outcome.FAIL;
  }

  /** The summary of arm {@code id}, or null. */
  public ArmSummary arm(String id) {
    for (ArmSummary a : arms) {
      if (a.arm().id().equals(id)) {
        return a;
      }
    }
    return null;
  }

  /** The result of arm {@code id} for replica {@code replica}, or null. */
  public ArmResult result(String id, int replica) {
    for (ArmResult r : results) {
      if (r.arm().equals(id) && r.replica() == replica) {
        return r;
      }
    }
    return null;
  }

  /**
   * Writes {@code name.txt}, {@code name.json}, {@code name.png}/{@code .svg} and the further
   * pictures ({@link #charts()}: {@code name-final.png}/{@code .svg}, …) into {@code dir}, each
   * file atomically.
   */
  public void writeTo(java.nio.file.Path dir) {
    org.gaugebias.numeric.run.ReportFiles.write(dir, name, this);
    for (java.util.Map.Entry<String, XYChart> c : charts().entrySet()) {
      if (!c.getKey().isEmpty()) {
        org.gaugebias.numeric.run.ReportFiles.writeChart(dir, name + c.getKey(), c.getValue());
      }
    }
  }

  @Override
  public String toJson() {
    return ReportWriting.json(this);
  }

  @Override
  public String toText() {
    StringBuilder s = new StringBuilder();
    s.append(f("gaugebias reproduce: %s%n", name));
    s.append(f("  model      %s%n", title));
    s.append(f("  seeds      %d replicas from root seed %d (streams split by jump, one per"
        + " replica and purpose)%n", seeds, rootSeed));
    s.append(f("  steps      %d per arm (published x %s)%s%n", steps, g(stepsScale),
        complete ? "" : "  INCOMPLETE (cancelled)"));
    for (String c : choices) {
      s.append("  setting    ").append(c).append('\n');
    }
    s.append(f("%n  arms (mean +- s.d. over complete seeds)%n"));
    for (ArmSummary a : arms) {
      s.append(f("  - %-12s %s%n", a.arm().id(), a.arm().description()));
      s.append(f("    %-12s seeds %d complete, %d diverged, %d incomplete; %.1f s; reproduces"
          + " the outcome: %s%n", "", a.seedsComplete(), a.seedsDiverged(), a.seedsIncomplete(),
          a.seconds(), a.reproduces() == null ? "n/a" : a.reproduces() ? "yes" : "no"));
      StringBuilder line = new StringBuilder();
      for (Stat m : a.metrics()) {
        String item = f("%s %s +- %s", m.name(), num(m.mean()), num(m.sd()));
        if (line.length() + item.length() > 84) {
          s.append("    ").append(f("%-12s ", "")).append(line).append('\n');
          line.setLength(0);
        }
        line.append(line.length() == 0 ? "" : "; ").append(item);
      }
      if (line.length() > 0) {
        s.append("    ").append(f("%-12s ", "")).append(line).append('\n');
      }
    }
    s.append(f("%n  published vs ours (MATCH: published within mean +- 2 s.d.)%n"));
    for (Comparison c : comparisons) {
      s.append(f("  %-26s %-10s published %-8s ours %s +- %s (n=%d), gap %s (%s s.d.): %s%n",
          c.quantity(), c.arm(), g(c.published()), num(c.ours().mean()), num(c.ours().sd()),
          c.ours().n(), num(c.gap()), num(c.gapInSd()), c.match()));
      if (!c.evidence().isEmpty()) {
        s.append("  ").append(f("%-26s ", "")).append("evidence: ").append(c.evidence())
            .append('\n');
      }
    }
    s.append(f("%n  outcome    %s%n", criterion));
    s.append(f("  attribution %s: %s%n", attribution, attributionReason));
    for (String fi : findings) {
      s.append("  finding    ").append(fi).append('\n');
    }
    return s.toString();
  }

  static String num(double v) {
    if (Double.isNaN(v)) {
      return "n/a";
    }
    return Math.abs(v) >= 1e-3 && Math.abs(v) < 1e5 || v == 0 ? f("%.4g", v) : f("%.3e", v);
  }

  /** Traces of the published arm's first replica (the report's main picture). */
  @Override
  public XYChart chart() {
    return traceChart(arms.get(0).arm().id(), name.equals("matrix-completion") ? "sigma" : null);
  }

  /**
   * Every picture of the report by file-name suffix: "" the main chart, "-final" the end vector
   * of every arm (ratios, coefficients, signals), "-reference" the second end vector (initial
   * ratios, truth), and for matrix completion "-ratios" (balance over time).
   */
  public java.util.Map<String, XYChart> charts() {
    java.util.Map<String, XYChart> c = new java.util.LinkedHashMap<>();
    c.put("", chart());
    ArmResult first = results.isEmpty() ? null : result(arms.get(0).arm().id(), 0);
    String f0 = first != null && !first.finals().isEmpty() ? first.finals().get(0).name()
        : "final";
    String f1 = first != null && first.finals().size() > 1 ? first.finals().get(1).name()
        : "reference";
    c.put("-final", finalsChart(0, f0 + ", every arm, seed replica 0", "index"));
    c.put("-reference", finalsChart(1, f1 + ", every arm, seed replica 0", "index"));
    if (name.equals("matrix-completion")) {
      c.put("-ratios", traceChart(arms.get(0).arm().id(), "ratio"));
    }
    return c;
  }

  /**
   * Traces of arm {@code id} whose name contains {@code filter} (null: all): per trace, the mean
   * over the seed replicas with a band of ±1 standard deviation between replicas (replica 0 alone
   * when it is the only one with that trace).
   */
  public XYChart traceChart(String id, String filter) {
    int n = replicasOf(id);
    XYChart c = Plots.lines(name + ": " + id + " arm, " + (n > 1 ? "mean of " + n
        + " seed replicas ± 1 s.d." : "seed replica 0"), "step", "value");
    ArmResult r = result(id, 0);
    if (r == null) {
      Plots.line(c, "no result", new double[] {0, 1}, new double[] {0, 0});
      return c;
    }
    int k = 0;
    for (Series t : r.traces()) {
      if (filter == null || t.name().contains(filter)) {
        double[][] ys = replicaValues(id, t);
        java.awt.Color colour = Plots.color(k++);
        if (ys.length > 1) {
          double[][] band = meanAndSpread(ys);
          Plots.band(c, t.name() + " ± 1 s.d. (" + ys.length + " seeds)", t.x(), band[1],
              band[2], colour);
          Plots.line(c, t.name(), t.x(), band[0]).setLineColor(colour);
        } else {
          Plots.line(c, t.name(), t.x(), t.y()).setLineColor(colour);
        }
      }
    }
    return c;
  }

  private int replicasOf(String id) {
    int n = 0;
    while (result(id, n) != null) {
      n++;
    }
    return n;
  }

  /** The trace named like {@code t} in every replica that has it on the same abscissae. */
  private double[][] replicaValues(String id, Series t) {
    java.util.List<double[]> out = new ArrayList<>();
    for (int i = 0; result(id, i) != null; i++) {
      for (Series s : result(id, i).traces()) {
        if (s.name().equals(t.name()) && java.util.Arrays.equals(s.x(), t.x())) {
          out.add(s.y());
        }
      }
    }
    return out.toArray(double[][]::new);
  }

  /** Per abscissa: mean, mean − s.d., mean + s.d. over the rows. */
  static double[][] meanAndSpread(double[][] ys) {
    int m = ys[0].length;
    double[][] out = new double[3][m];
    for (int j = 0; j < m; j++) {
      double sum = 0;
      for (double[] y : ys) {
        sum += y[j];
      }
      double mean = sum / ys.length;
      double ss = 0;
      for (double[] y : ys) {
        ss += (y[j] - mean) * (y[j] - mean);
      }
      double sd = Math.sqrt(ss / (ys.length - 1));
      out[0][j] = mean;
      out[1][j] = mean - sd;
      out[2][j] = mean + sd;
    }
    return out;
  }

  /** Final vector {@code index} of every arm (replica 0), e.g. recovered coefficients. */
  public XYChart finalsChart(int index, String title, String xTitle) {
    XYChart c = Plots.lines(name + ": " + title, xTitle, "value");
    List<String> seen = new ArrayList<>();
    for (ArmSummary a : arms) {
      ArmResult r = result(a.arm().id(), 0);
      if (r != null && r.finals().size() > index) {
        Series f = r.finals().get(index);
        String label = a.arm().id() + ": " + f.name();
        if (!seen.contains(label)) {
          seen.add(label);
          Plots.line(c, label, f.x(), f.y());
        }
      }
    }
    if (seen.isEmpty()) {
      Plots.line(c, "no result", new double[] {0, 1}, new double[] {0, 0});
    }
    return c;
  }
}
