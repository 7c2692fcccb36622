package org.gaugebias.numeric.verify;

import static org.gaugebias.numeric.report.ReportWriting.f;
import static org.gaugebias.numeric.report.ReportWriting.g;
import static org.gaugebias.numeric.report.ReportWriting.trim;

import java.nio.file.Path;
import java.util.List;
import org.gaugebias.numeric.sde.EnsembleResult;
import org.gaugebias.numeric.sde.ObservationPlan;
import org.gaugebias.numeric.report.ReportWriting;
import org.gaugebias.numeric.run.Outcome;
import org.gaugebias.numeric.run.ReportFiles;
import org.gaugebias.numeric.run.RunReport;
import org.gaugebias.numeric.sde.SimulationSettings;
import org.gaugebias.numeric.stats.ExponentFit;

/**
 * The outcome of one verification: what was simulated, what was measured, how each candidate law
 * fits, and the verdict with its tolerance. Renders as text ({@link #toText()}), JSON
 * ({@link #toJson()}) and a PNG plot ({@link ReportPlot}).
 *
 * @param model the model's name
 * @param convention the SDE and scheme, in words
 * @param noise noise model id
 * @param noiseFormula N as a formula
 * @param diffusionForm how the kernel realised N
 * @param settings simulation settings (seed included)
 * @param plan window, bins, exclusion radius
 * @param counts what happened to the recorded samples and the chains
 * @param histogram the normalised histogram on the window
 * @param laws per candidate law: distances and tests
 * @param exponentFit ML exponent of |x|^a e^{−L/T} on the window, or null
 * @param observations means of the observed quantities (observable, predictor, moment maps)
 * @param trace ensemble means of the observations along the run
 * @param verdict the decision
 */
public record VerificationReport(String model, String convention, String noise,
    String noiseFormula, String diffusionForm, SimulationSettings settings, ObservationPlan plan,
    Counts counts, Histogram histogram, List<LawResult> laws, ExponentFit.Result exponentFit,
    List<EnsembleResult.ObservationSummary> observations, EnsembleResult.MomentTrace trace,
    Verdict verdict) implements RunReport {

  public VerificationReport {
    laws = List.copyOf(laws);
    observations = List.copyOf(observations);
  }

  /**
   * Sample and chain accounting; {@code seconds} and {@code chainStepsPerSecond} are the
   * simulation phase, {@code warmUpSeconds} the JIT warm-up before it (0: none),
   * {@code cpuSeconds} the worker threads' CPU time in the phase (NaN: not measured).
   */
  public record Counts(int chains, int divergedChains, long chainSteps, double seconds,
      double chainStepsPerSecond, double warmUpSeconds, double cpuSeconds, boolean complete,
      long recorded,
      long inWindow, long outsideWindow, long excluded, long nonFinite, double excludedMass,
      int ksSamples) {
    /** Wall nanoseconds per chain-step and worker thread in the simulation phase. */
    public double nanosPerChainStepAndThread(int threads) {
      return 1e9 * seconds * threads / chainSteps;
    }
  }

  /**
   * Histogram density (count / (N·width)) per bin, N the in-window count, with its standard
   * error from the spread between blocks of chains.
   */
  public record Histogram(double lo, double hi, int bins, long[] counts, double[] density,
      double[] densityError) {
    public Histogram {
      counts = counts.clone();
      density = density.clone();
      densityError = densityError.clone();
    }
  }

  /**
   * One candidate law compared with the simulation.
   *
   * @param meanOnWindow E[x] under the law restricted to the window
   * @param curveX abscissae of {@code curve}
   * @param curve the law's normalised density on the window (for the plot)
   */
  public record LawResult(String name, String role, String logDensity, double l1,
      double ksStatistic, double ksPValue, double meanOnWindow, double[] curveX,
      double[] curve) {
    public LawResult {
      curveX = curveX.clone();
      curve = curve.clone();
    }
  }

  /**
   * The decision.
   *
   * @param outcome PASS, FAIL, NO_PREDICTION, UNSTABLE or INCOMPLETE
   * @param winner the law with the smallest L1 distance
   * @param predicted the predicted law's name, or null
   * @param margin smallest alternative L1 divided by the predicted law's L1
   * @param tolerance the L1 tolerance applied
   * @param toleranceOrigin where the tolerance comes from
   * @param noiseFloor expected L1 of the predicted law itself at this sample size
   * @param notes further findings (divergence, exclusion mass, exponent)
   */
  public record Verdict(String outcome, String winner, String predicted, double margin,
      double tolerance, String toleranceOrigin, double noiseFloor, List<String> notes) {
    public Verdict {
      notes = List.copyOf(notes);
    }
  }

  /** JSON rendering (Jackson; NaN written as the string "NaN"). */
  public String toJson() {
    return ReportWriting.json(this);
  }

  /** Human-readable rendering. */
  public String toText() {
    StringBuilder s = new StringBuilder();
    SimulationSettings st = settings;
    s.append("gaugebias verification: ").append(model).append('\n');
    s.append("  dynamics   ").append(convention).append('\n');
    s.append("  noise      ").append(noise).append(": ").append(noiseFormula)
        .append(" (kernel ").append(diffusionForm).append(")\n");
    s.append(f("  run        T = %s, dt = %s, steps = %d (burn-in %d, thinning %d),"
        + " chains = %d, seed = %d, threads = %d%n", g(st.temperature()), g(st.dt()),
        st.steps(), st.burnInSteps(), st.thinning(), st.chains(), st.seed(), st.threads()));
    s.append(f("  initial    %s + %s N(0,1)%s per coordinate%n", g(st.initial().centre()),
        g(st.initial().spread()), st.initial().absolute() ? " (absolute value)" : ""));
    s.append(f("  window     [%s, %s], %d bins, exclusion |x| < %s%n", g(plan.lo()),
        g(plan.hi()), plan.bins(), g(plan.exclusionRadius())));
    Counts c = counts;
    s.append(ReportWriting.chainsLine(c.chains(), c.divergedChains(), c.chainSteps(),
        c.seconds(), 2, c.chainStepsPerSecond(), c.complete()));
    s.append(f("  speed      simulation phase %.3g chain-steps/s = %.2f ns per chain-step and"
        + " thread (%d threads)%s%s%n", c.chainStepsPerSecond(),
        c.nanosPerChainStepAndThread(st.threads()), st.threads(),
        Double.isNaN(c.cpuSeconds()) ? "" : f("; CPU %.2f ns per chain-step",
            1e9 * c.cpuSeconds() / c.chainSteps()),
        c.warmUpSeconds() > 0
            ? f("; JIT warm-up %.2f s before it, not included", c.warmUpSeconds()) : ""));
    s.append(f("  samples    %d recorded: %d in window, %d outside, %d in exclusion zone"
        + " (mass %.4g), %d non-finite; KS on %d%n", c.recorded(), c.inWindow(),
        c.outsideWindow(), c.excluded(), c.excludedMass(), c.nonFinite(), c.ksSamples()));
    s.append("\n  law                          L1       KS D     KS p       mean(window)\n");
    for (LawResult l : laws) {
      s.append(f("  %-28s %-8.4f %-8.4f %-10.3g %.5f%s%n", trim(l.name(), 28), l.l1(),
          l.ksStatistic(), l.ksPValue(), l.meanOnWindow(),
          l.role().equals("PREDICTED") ? "  (predicted)" : ""));
    }
    if (exponentFit != null) {
      ExponentFit.Result e = exponentFit;
      s.append(f("%n  ML exponent a of |x|^a e^(-L/T) on the window: %.4f; s.e. %.4f (Fisher %.4f,"
          + " block jackknife %.4f); %s%% CI [%.4f, %.4f]; n = %d in %d blocks%n",
          e.exponent(), e.standardError(), e.fisherStandardError(), e.jackknifeStandardError(),
          g(100 * e.level()), e.ciLow(), e.ciHigh(), e.samples(), e.blocks()));
    }
    s.append("\n  observation                  mean          s.e. (chain means)\n");
    for (EnsembleResult.ObservationSummary o : observations) {
      s.append(f("  %-28s %-13.6g %.3g%n", trim(o.name(), 28), o.mean(), o.standardError()));
    }
    if (trace != null && trace.times().length > 1) {
      int last = trace.times().length - 1;
      s.append("\n  trace (ensemble means)       t = 0         t = ")
          .append(g(trace.times()[last])).append('\n');
      for (int o = 0; o < observations.size(); o++) {
        s.append(f("  %-28s %-13.6g %.6g%n", trim(observations.get(o).name(), 28),
            trace.means()[0][o], trace.means()[last][o]));
      }
    }
    Verdict v = verdict;
    s.append(f("%n  verdict    %s: best law '%s'", v.outcome(), v.winner()));
    if (v.predicted() != null) {
      s.append(f(", predicted '%s' margin %.3g (next-best L1 / predicted L1)", v.predicted(),
          v.margin()));
    }
    s.append(f("%n  tolerance  L1 <= %.4g: %s%n", v.tolerance(), v.toleranceOrigin()));
    ReportWriting.appendNotes(s, v.notes());
    return s.toString();
  }

  /** Writes {@code report.txt}, {@code report.json} and {@code plot.png} into {@code dir}. */
  public void writeTo(Path dir, String stem) {
    ReportFiles.write(dir, stem, this);
  }

  @Override
  public Outcome outcome() {
    return Outcome.of(verdict.outcome());
  }

  @Override
  public org.knowm.xchart.XYChart chart() {
    return ReportPlot.chart(this);
  }
}
