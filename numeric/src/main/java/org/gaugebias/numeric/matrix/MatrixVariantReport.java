package org.gaugebias.numeric.matrix;

import static org.gaugebias.numeric.report.ReportWriting.trim;

import java.nio.file.Path;
import java.util.List;
import org.gaugebias.numeric.report.ReportWriting;
import org.gaugebias.numeric.run.Outcome;
import org.gaugebias.numeric.run.ReportFiles;
import org.gaugebias.numeric.run.RunReport;

/**
 * The result of a matrix-variant run: the simulated expectations of functions of the singular
 * values, each candidate law's expectations (importance sampling), their distances and the
 * verdict. Text ({@link #toText()}), JSON ({@link #toJson()}) and a PNG of the z-scores
 * ({@link MatrixVariantPlot}).
 *
 * @param design design id and title
 * @param convention the SDE and its convention
 * @param kernel the fused kernel's diffusion form
 * @param settings the run's settings
 * @param functions names of the compared functions
 * @param simulation simulated expectations in the comparison region
 * @param counts zone counts and run statistics of the simulation
 * @param importanceDraws draws from the Gaussian base e^{−L/T}
 * @param importanceSeconds wall time of importance sampling
 * @param quotientOrbitSpread max over compared draws of |(log det P − log det G) − first value|:
 *     0 up to rounding means the quotient and orbit variants coincide up to a constant
 * @param candidates per candidate: expectations, differences, distances
 * @param verdict which variant the simulation follows
 */
public record MatrixVariantReport(String design, String convention, String kernel,
    MatrixVariantSettings settings, List<String> functions, Expectations simulation,
    Counts counts, long importanceDraws, double importanceSeconds, double quotientOrbitSpread,
    List<CandidateResult> candidates, Verdict verdict) implements RunReport {

  public MatrixVariantReport {
    functions = List.copyOf(functions);
    candidates = List.copyOf(candidates);
  }

  /**
   * Simulation statistics.
   *
   * @param excludedMass fraction of recorded samples with σ_min &lt; δ
   * @param otherSectorMass fraction with det W ≤ 0 outside the exclusion zone
   * @param balanceRms RMS of the balance conditions (raw entries) over recorded samples (0 on the
   *     balanced slice the chains start on)
   * @param balanceNames the balance conditions χ
   * @param balanceMean the mean of each over recorded samples (a drift off the balanced slice)
   */
  public record Counts(int chains, int divergedChains, long recorded, long compared,
      double excludedMass, double otherSectorMass, long nonFinite, double balanceRms,
      List<String> balanceNames, double[] balanceMean, long chainSteps, double seconds,
      double chainStepsPerSecond, boolean complete) {
    public Counts {
      balanceNames = List.copyOf(balanceNames);
      balanceMean = balanceMean.clone();
    }

    @Override
    public double[] balanceMean() {
      return balanceMean.clone();
    }
  }

  /**
   * One candidate law.
   *
   * @param z (simulated − candidate) / combined standard error, per function
   * @param distance Σ z² over the functions (the diagonal χ²; the functions are correlated,
   *     so it is a distance, not a χ² variate)
   * @param mahalanobis dᵀ(Σ_sim + Σ_cand)⁻¹d over the linearly independent functions
   *     {@link SingularValues#INDEPENDENT}: χ² with that many degrees of freedom if the law fits
   * @param pValue upper tail of χ² at {@code mahalanobis}
   * @param excludedMass the candidate's mass in the exclusion zone σ_min &lt; δ
   * @param otherSectorMass the candidate's mass with det W ≤ 0 outside the exclusion zone
   */
  public record CandidateResult(String name, String formula, Expectations expectations,
      double[] difference, double[] z, double distance, double mahalanobis, double pValue,
      double excludedMass, double otherSectorMass) {
    public CandidateResult {
      difference = difference.clone();
      z = z.clone();
    }

    @Override
    public double[] difference() {
      return difference.clone();
    }

    @Override
    public double[] z() {
      return z.clone();
    }
  }

  /**
   * @param outcome the variant the simulation follows ("quotient = orbit", "gauge", …), or
   *     "none" when no variant fits, "UNSTABLE" or "INCOMPLETE"
   * @param closest the variant with the smallest Mahalanobis distance
   * @param fits whether the closest variant's p-value is at least {@code level}
   * @param margin Mahalanobis distance of the runner-up variant minus that of the closest
   * @param runnerUp the runner-up variant
   * @param level the p-value threshold and its origin are in {@code rule}
   */
  public record Verdict(String outcome, String closest, boolean fits, double margin,
      String runnerUp, double level, String rule, List<String> notes) {
    public Verdict {
      notes = List.copyOf(notes);
    }
  }

  public String toJson() {
    return ReportWriting.json(this);
  }

  public String toText() {
    StringBuilder s = new StringBuilder();
    MatrixVariantSettings st = settings;
    s.append("gaugebias matrix variants: ").append(design).append('\n');
    s.append("  dynamics   ").append(convention).append(" (kernel ").append(kernel)
        .append(")\n");
    s.append(f("  run        T = %s, dt = %s, steps = %d (burn-in %d, thinning %d, %d records"
        + " per chain), chains = %d, seed = %d, threads = %d%n", g(st.temperature()), g(st.dt()),
        st.steps(), st.burnInSteps(), st.thinning(), st.recordsPerChain(), st.chains(),
        st.seed(), st.threads()));
    s.append("  initial    W0 ~ e^(-L/T) in the region with sigma_min >= 2*delta, at the"
        + " balanced representative\n");
    Counts c = counts;
    s.append(ReportWriting.chainsLine(c.chains(), c.divergedChains(), c.chainSteps(),
        c.seconds(), 1, c.chainStepsPerSecond(), c.complete()));
    s.append(f("  region     sigma_min >= delta = %s and det W > 0: %d of %d recorded samples;"
        + " exclusion zone mass %.4g, det W <= 0 mass %.4g, non-finite %d%n",
        g(st.exclusion()), c.compared(), c.recorded(), c.excludedMass(), c.otherSectorMass(),
        c.nonFinite()));
    s.append(f("  balance    RMS of the balance conditions over recorded samples: %.3g; means:",
        c.balanceRms()));
    for (int b = 0; b < c.balanceNames().size(); b++) {
      s.append(f(" %s %.3g", c.balanceNames().get(b), c.balanceMean()[b]));
    }
    s.append('\n');
    s.append(f("  importance %d draws from e^(-L/T) (Gaussian, exact), %.1f s; quotient vs orbit"
        + " log-det spread %.2g%n", importanceDraws, importanceSeconds, quotientOrbitSpread));
    s.append("\n  expectation             simulation (s.e.)");
    for (CandidateResult r : candidates) {
      s.append(f("   %-26s", trim(r.name(), 26)));
    }
    s.append('\n');
    for (int k = 0; k < functions.size(); k++) {
      s.append(f("  %-22s  %.5f (%.5f)", "E[" + functions.get(k) + "]", simulation.mean(k),
          simulation.standardError(k)));
      for (CandidateResult r : candidates) {
        s.append(f("   %.5f (%.5f) z %+7.2f", r.expectations().mean(k),
            r.expectations().standardError(k), r.z()[k]));
      }
      s.append('\n');
    }
    s.append("\n  candidate                   formula                                   "
        + "sum z^2    Mahalanobis  p          ESS       excl. mass  det<=0 mass\n");
    for (CandidateResult r : candidates) {
      s.append(f("  %-27s %-41s %-10.4g %-12.4g %-10.3g %-9.4g %-11.4g %.4g%n",
          trim(r.name(), 27), trim(r.formula(), 41), r.distance(), r.mahalanobis(),
          r.pValue(), r.expectations().effectiveSamples(), r.excludedMass(),
          r.otherSectorMass()));
    }
    Verdict v = verdict;
    s.append(f("%n  verdict    %s (closest '%s', %s; runner-up '%s', Mahalanobis margin %.4g)%n",
        v.outcome(), v.closest(), v.fits() ? "fits" : "does not fit", v.runnerUp(),
        v.margin()));
    s.append("  rule       ").append(v.rule()).append('\n');
    ReportWriting.appendNotes(s, v.notes());
    return s.toString();
  }

  /** Writes {@code stem.txt}, {@code stem.json} and {@code stem.png} into {@code dir}. */
  public void writeTo(Path dir, String stem) {
    ReportFiles.write(dir, stem, this);
  }

  /** INCOMPLETE, UNSTABLE, PASS when a variant fits, FAIL otherwise. */
  @Override
  public Outcome outcome() {
    String o = verdict.outcome();
    if (o.equals("INCOMPLETE") || o.equals("UNSTABLE")) {
      return Outcome.of(o);
    }
    return verdict.fits() ? Outcome.PASS : Outcome.FAIL;
  }

  @Override
  public org.knowm.xchart.CategoryChart chart() {
    return MatrixVariantPlot.chart(this);
  }

  /** Root-locale format (kept for the package's other renderings). */
  static String f(String fmt, Object... args) {
    return ReportWriting.f(fmt, args);
  }

  /** Settings as the user would write them (kept for the package's other renderings). */
  static String g(double v) {
    return ReportWriting.g(v);
  }
}
