package org.gaugebias.numeric.matrix;

import java.util.List;

/**
 * One table over several matrix-variant runs (seeds, step sizes, temperatures): per run the
 * verdict, each candidate's Mahalanobis distance and the run time, and whether the verdicts
 * agree. The agreed verdict names one variant only if every run names the same one.
 */
public final class MatrixVariantSummary {
  private MatrixVariantSummary() {
  }

  /** The common verdict of all runs, or "disagree: …" / "none …" as the runs say. */
  public static String agreedVerdict(List<MatrixVariantReport> runs) {
    String first = runs.get(0).verdict().outcome();
    for (MatrixVariantReport r : runs) {
      if (!r.verdict().outcome().equals(first)) {
        return "disagree: " + String.join(" / ", runs.stream()
            .map(x -> x.verdict().outcome()).toList());
      }
    }
    return first;
  }

  /** Whether all runs name the same variant (not "none", not UNSTABLE/INCOMPLETE). */
  public static boolean agreeOnAVariant(List<MatrixVariantReport> runs) {
    String v = agreedVerdict(runs);
    return !v.startsWith("disagree") && !v.startsWith("none") && !v.equals("UNSTABLE")
        && !v.equals("INCOMPLETE");
  }

  public static String toText(List<String> labels, List<MatrixVariantReport> runs) {
    StringBuilder s = new StringBuilder();
    s.append("gaugebias matrix variants, summary: ").append(runs.get(0).design()).append('\n');
    s.append("  distance: Mahalanobis chi^2 (3 d.o.f.) of E[sigma_max], E[sigma_min],"
        + " E[log(sigma_1+sigma_2)], simulation vs law; sum z^2 over the 4 functions in"
        + " brackets\n\n");
    s.append(String.format(java.util.Locale.ROOT, "  %-26s %-7s %-7s %-9s %-8s %-22s %-22s"
        + " %-22s %-9s %s%n", "run", "T", "dt", "seed", "chains", "quotient = orbit",
        "gauge (diagnostic)", "no correction", "time (s)", "verdict"));
    for (int i = 0; i < runs.size(); i++) {
      MatrixVariantReport r = runs.get(i);
      MatrixVariantSettings st = r.settings();
      s.append(String.format(java.util.Locale.ROOT, "  %-26s %-7s %-7s %-9d %-8d %-22s %-22s"
          + " %-22s %-9.1f %s%n", labels.get(i), MatrixVariantReport.g(st.temperature()),
          MatrixVariantReport.g(st.dt()), st.seed(), st.chains(),
          dist(r, Candidate.QUOTIENT), dist(r, Candidate.GAUGE),
          dist(r, Candidate.NO_CORRECTION),
          r.counts().seconds() + r.importanceSeconds(), r.verdict().outcome()));
    }
    s.append("\n  agreed verdict: ").append(agreedVerdict(runs)).append('\n');
    return s.toString();
  }

  private static String dist(MatrixVariantReport r, Candidate c) {
    MatrixVariantReport.CandidateResult x = r.candidates().get(c.ordinal());
    return String.format(java.util.Locale.ROOT, "%.4g (%.4g)", x.mahalanobis(), x.distance());
  }
}
