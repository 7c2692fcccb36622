package org.gaugebias.numeric.reproduce;

import static org.gaugebias.numeric.report.ReportWriting.f;
import static org.gaugebias.numeric.report.ReportWriting.g;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Seed statistics, MATCH and the attribution rule of issue 10, applied to the finished runs of
 * one experiment.
 *
 * <p>Rule: the outcome is attributed to the noise when the noise arms reproduce it and GD from
 * the same initialisation does not; to the initialisation when GD from the published
 * initialisation reproduces it and the large-init arm does not; otherwise "not separated by these
 * arms". For full-batch experiments the published arm is itself GD from the published init.
 */
final class Attribution {
  private Attribution() {
  }

  static ExperimentReport report(Experiment e, Reproduction.Settings s, List<ArmResult> results,
      double seconds) {
    List<ArmSummary> arms = new ArrayList<>();
    boolean complete = true;
    for (Arm arm : e.arms()) {
      ArmSummary a = summary(e, arm, results);
      complete &= a.seedsComplete() + a.seedsDiverged() == s.seeds();
      arms.add(a);
    }
    List<Comparison> comparisons = new ArrayList<>();
    for (Published p : e.published()) {
      comparisons.add(compare(p, arms));
    }
    String[] attribution = complete ? attribute(arms)
        : new String[] {ExperimentReport.UNDECIDED, "the run was interrupted before every arm"
            + " finished every seed"};
    ExperimentReport draft = new ExperimentReport(e.name(), e.title(), s.rootSeed(), s.seeds(),
        s.steps(e), s.stepsScale(), choices(e, s), e.criterion(), arms, comparisons,
        attribution[0], attribution[1], List.of(), complete, seconds, results);
    return new ExperimentReport(draft.name(), draft.title(), draft.rootSeed(), draft.seeds(),
        draft.steps(), draft.stepsScale(), draft.choices(), draft.criterion(), draft.arms(),
        draft.comparisons(), draft.attribution(), draft.attributionReason(), e.findings(draft),
        complete, seconds, results);
  }

  private static List<String> choices(Experiment e, Reproduction.Settings s) {
    List<String> out = new ArrayList<>(e.choices());
    out.addAll(s.catalogueLines(e));
    return out;
  }

  private static ArmSummary summary(Experiment e, Arm arm, List<ArmResult> results) {
    List<ArmResult> done = new ArrayList<>();
    int diverged = 0;
    int incomplete = 0;
    double seconds = 0;
    for (ArmResult r : results) {
      if (!r.arm().equals(arm.id())) {
        continue;
      }
      seconds += r.seconds();
      if (r.diverged()) {
        diverged++;
      } else if (r.complete()) {
        done.add(r);
      } else {
        incomplete++;
      }
    }
    List<Stat> metrics = new ArrayList<>();
    Map<String, Double> means = new LinkedHashMap<>();
    if (!done.isEmpty()) {
      for (String m : done.get(0).metrics().keySet()) {
        double[] v = done.stream().mapToDouble(r -> r.metrics().get(m)).toArray();
        Stat st = Stat.of(m, v);
        metrics.add(st);
        means.put(m, st.mean());
      }
    }
    Boolean reproduces = null;
    if (!done.isEmpty()) {
      reproduces = e.reproduces(means);
    } else if (diverged > 0) {
      reproduces = Boolean.FALSE;
    }
    return new ArmSummary(arm, done.size(), diverged, incomplete, metrics, reproduces, seconds);
  }

  static Comparison compare(Published p, List<ArmSummary> arms) {
    ArmSummary a = arms.stream().filter(x -> x.arm().id().equals(p.arm())).findFirst()
        .orElseThrow(() -> new IllegalStateException("no arm " + p.arm()));
    Stat st = a.metric(p.metric());
    if (st == null) {
      st = Stat.of(p.metric(), new double[0]);
    }
    double gap = p.value() - st.mean();
    double gapSd = gap / st.sd();
    String match;
    if (st.n() < 2 || Double.isNaN(st.sd())) {
      match = "n/a";
    } else {
      match = Math.abs(gap) <= 2 * st.sd() ? "yes" : "no";
    }
    String evidence = match.equals("no") ? evidence(p, st, arms) : "";
    return new Comparison(p.quantity(), p.arm(), p.value(), st, gap, gapSd, match, evidence);
  }

  /** Where the published value sits, and the arms whose seeds would match it. */
  private static String evidence(Published p, Stat st, List<ArmSummary> arms) {
    StringBuilder s = new StringBuilder(f("published %s is %s s.d. %s our mean %s (seeds %s)",
        g(p.value()), ExperimentReport.num(Math.abs((p.value() - st.mean()) / st.sd())),
        p.value() > st.mean() ? "above" : "below", ExperimentReport.num(st.mean()),
        range(st.perSeed())));
    List<String> matching = new ArrayList<>();
    for (ArmSummary a : arms) {
      Stat o = a.metric(p.metric());
      if (o != null && !a.arm().id().equals(p.arm()) && o.n() > 1
          && Math.abs(p.value() - o.mean()) <= 2 * o.sd()) {
        matching.add(f("%s (%s +- %s)", a.arm().id(), ExperimentReport.num(o.mean()),
            ExperimentReport.num(o.sd())));
      }
    }
    s.append(matching.isEmpty() ? "; no other arm matches it either"
        : "; matched by arm " + String.join(", ", matching));
    return s.toString();
  }

  private static String range(double[] v) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (double x : v) {
      lo = Math.min(lo, x);
      hi = Math.max(hi, x);
    }
    return v.length == 0 ? "none" : "[" + ExperimentReport.num(lo) + ", "
        + ExperimentReport.num(hi) + "]";
  }

  /** {attribution, reason}. */
  static String[] attribute(List<ArmSummary> arms) {
    List<ArmSummary> noise = arms.stream().filter(a -> a.arm().isNoise()).toList();
    ArmSummary gd = arms.stream().filter(a -> a.arm().role() == ArmRole.GD).findFirst()
        .orElse(arms.stream().filter(a -> a.arm().role() == ArmRole.PUBLISHED).findFirst()
            .orElseThrow());
    ArmSummary large = arms.stream().filter(a -> a.arm().role() == ArmRole.LARGE_INIT)
        .findFirst().orElse(null);
    String status = describe(arms);
    boolean noiseYes = !noise.isEmpty() && noise.stream()
        .allMatch(a -> Boolean.TRUE.equals(a.reproduces()));
    boolean gdYes = Boolean.TRUE.equals(gd.reproduces());
    boolean largeNo = large != null && Boolean.FALSE.equals(large.reproduces());
    if (noiseYes && Boolean.FALSE.equals(gd.reproduces())) {
      return new String[] {ExperimentReport.NOISE, "the noise arms reproduce it and GD from the"
          + " same initialisation does not (" + status + ")"};
    }
    if (gdYes && largeNo) {
      return new String[] {ExperimentReport.INITIALISATION, "GD from the published"
          + " initialisation reproduces it and the large-init arm does not (" + status + ")"};
    }
    return new String[] {ExperimentReport.NOT_SEPARATED, status};
  }

  private static String describe(List<ArmSummary> arms) {
    List<String> parts = new ArrayList<>();
    for (ArmSummary a : arms) {
      int seeds = a.seedsComplete() + a.seedsDiverged() + a.seedsIncomplete();
      parts.add(a.arm().id() + (a.arm().isNoise() && a.arm().role() == ArmRole.PUBLISHED
          ? " [noise B]" : "") + ": " + (a.reproduces() == null ? "n/a"
          : a.reproduces() ? "yes" : "no") + (a.seedsDiverged() > 0 ? " (diverged in "
          + a.seedsDiverged() + " of " + seeds + " seeds at the published step size)" : ""));
    }
    return String.join(", ", parts);
  }
}
