package org.gaugebias.numeric.sgd;

import static org.gaugebias.numeric.report.ReportWriting.f;
import static org.gaugebias.numeric.report.ReportWriting.g;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.gaugebias.numeric.report.ReportWriting;
import org.gaugebias.numeric.run.Outcome;
import org.gaugebias.numeric.run.ReportFiles;
import org.gaugebias.numeric.run.RunReport;
import org.gaugebias.symbolic.dynamics.SgdProblem;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

/**
 * The outcome of a minibatch-SGD run: the balance law of each gauge function, observed against
 * predicted, and the verdict with its tolerance. Renders as text, JSON and a PNG plot.
 *
 * @param model the model's name
 * @param dynamics the update rule and the prediction, in words
 * @param settings the run's settings (seed included)
 * @param temperature T = η/B
 * @param data the data generator, in words
 * @param counts chains, divergence, timing
 * @param times measurement times t = step·η
 * @param balance per gauge function: observed and predicted decay
 * @param observable the observed predictor component
 * @param observableMean its ensemble mean at the last measurement
 * @param observableSd its ensemble standard deviation there
 * @param verdict the decision
 */
public record SgdReport(String model, String dynamics, SgdSettings settings, double temperature,
    String data, Counts counts, double[] times, List<BalanceLaw> balance, String observable,
    double observableMean, double observableSd, Verdict verdict) implements RunReport {

  /**
   * Relative tolerance on the decay rate: the law is first order in η, and the neglected terms
   * (η(E g)², the discretisation, the O(T) fluctuation of the curvature) are a few per cent at
   * the settings of the tests; 10 % leaves room for them.
   */
  public static final double RELATIVE_TOLERANCE = 0.10;
  /** Fraction of diverged chains above which the run is UNSTABLE. */
  public static final double UNSTABLE_FRACTION = 0.10;

  public SgdReport {
    times = times.clone();
    balance = List.copyOf(balance);
  }

  /** Chain accounting. */
  public record Counts(int chains, int divergedChains, long chainSteps, double seconds,
      double chainStepsPerSecond, boolean complete) { }

  /**
   * The balance law of one gauge function χ.
   *
   * @param name χ as a formula
   * @param initial m(0) = E|χ(θ₀)| (the signed mean at the start)
   * @param last m(t_end)
   * @param observedRate −ln(m(t_end)/m(0))/t_end
   * @param predictedRate −(1/t_end) ∫ p/m dt, p the predicted drift of m
   * @param observedRateSe block-jackknife standard error of observedRate
   * @param predictedRateSe block-jackknife standard error of predictedRate
   * @param differenceSe block-jackknife standard error of their difference
   * @param fittedRate least-squares slope of −ln m(t) (a second estimate)
   * @param meanBalance m(t) at the measurement times
   * @param predictedLog ln m(0) + ∫₀ᵗ p/m ds: the predicted ln m(t)
   * @param passed whether observed and predicted rates agree within the tolerance
   */
  public record BalanceLaw(String name, double initial, double last, double observedRate,
      double predictedRate, double observedRateSe, double predictedRateSe, double differenceSe,
      double fittedRate, double[] meanBalance, double[] predictedLog, boolean passed) {
    public BalanceLaw {
      meanBalance = meanBalance.clone();
      predictedLog = predictedLog.clone();
    }
  }

  /**
   * The decision.
   *
   * @param outcome PASS, FAIL, NO_PREDICTION, UNSTABLE or INCOMPLETE
   * @param tolerance how observed and predicted rates are compared, and why
   * @param notes further findings
   */
  public record Verdict(String outcome, String tolerance, List<String> notes) {
    public Verdict {
      notes = List.copyOf(notes);
    }
  }

  // ------------------------------------------------------------------ analysis

  static SgdReport analyse(SgdModel model, SgdSettings settings,
      List<MinibatchSgd.BlockSums> blocks, long[] points, double seconds) {
    boolean complete = blocks.stream().allMatch(b -> b != null);
    List<MinibatchSgd.BlockSums> done = blocks.stream().filter(b -> b != null).toList();
    int nMaps = model.momentMaps().size();
    int np = points.length;
    double eta = settings.learningRate();
    double[] times = new double[np];
    for (int i = 0; i < np; i++) {
      times[i] = points[i] * eta;
    }
    int chains = 0;
    int diverged = 0;
    long chainSteps = 0;
    for (MinibatchSgd.BlockSums b : done) {
      chains += b.chains();
      diverged += b.diverged();
      chainSteps += b.chainSteps();
    }
    Sums all = Sums.of(done, np, nMaps, -1);
    List<BalanceLaw> laws = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    boolean allPass = nMaps > 0;
    boolean measurable = true;
    for (int k = 0; k < nMaps; k++) {
      double[] rates = all.rates(k, times);
      double[] jk = jackknife(done, np, nMaps, k, times, rates);
      double[] m = all.mean(k);
      double[] predictedLog = all.predictedLog(k, times);
      double fitted = fittedRate(times, m);
      double tol = Math.max(RELATIVE_TOLERANCE * Math.abs(rates[1]),
          Double.isNaN(jk[2]) ? 0 : 3 * jk[2]);
      boolean pass = Double.isFinite(rates[0]) && Double.isFinite(rates[1])
          && Math.abs(rates[0] - rates[1]) <= tol;
      measurable &= m[0] > 1e-12 && Double.isFinite(rates[1]);
      allPass &= pass;
      String name = model.momentMaps().get(k).name();
      laws.add(new BalanceLaw(name, m[0], m[np - 1], rates[0], rates[1], jk[0], jk[1], jk[2],
          fitted, m, predictedLog, pass));
      double decayed = 1 - m[np - 1] / m[0];
      if (Double.isFinite(decayed) && Math.abs(decayed) < 0.1) {
        notes.add(String.format(Locale.ROOT, "%s changed by only %.1f%% over the run: run more"
            + " steps for a sharper test", name, 100 * decayed));
      }
    }
    if (done.size() < 2 && nMaps > 0) {
      notes.add("one block of chains only: no block-jackknife standard errors (use more than "
          + MinibatchSgd.BLOCK + " chains)");
    }
    String outcome;
    if (nMaps == 0) {
      outcome = "NO_PREDICTION";
      notes.add("the design has no gauge function (no symmetric generator): the law of balance"
          + " has nothing to test");
    } else if (!measurable) {
      outcome = "NO_PREDICTION";
      notes.add("the chains start balanced (m(0) = 0): nothing can decay; start from an"
          + " imbalanced initial condition");
    } else {
      outcome = allPass ? "PASS" : "FAIL";
    }
    double fraction = chains == 0 ? 0 : diverged / (double) chains;
    if (diverged > 0) {
      notes.add(String.format(Locale.ROOT, "%d of %d chains diverged (%.2f%%) at learning rate"
          + " %s%s", diverged, chains, 100 * fraction, settings.learningRate(),
          fraction > 0.01 ? ": the learning rate is probably too large for stability; lower it"
              + " (--dt sets the learning rate of the sgd arm)" : ""));
    }
    if (fraction > UNSTABLE_FRACTION) {
      outcome = "UNSTABLE";
    }
    if (!complete) {
      outcome = "INCOMPLETE";
      notes.add("cancelled: only the finished blocks of chains are included");
    }
    String tolerance = String.format(Locale.ROOT, "|observed - predicted rate| <= max(%.2f x"
        + " |predicted|, 3 x block-jackknife s.e. of the difference): the law is first order in"
        + " eta (THEORY.md section 5); the neglected terms eta*(E g)^2, the discretisation and"
        + " the O(T) fluctuation of the curvature are a few per cent at the tested settings",
        RELATIVE_TOLERANCE);
    double obsMean = all.obs[np - 1] / all.alive[np - 1];
    double obsVar = all.obsSq[np - 1] / all.alive[np - 1] - obsMean * obsMean;
    SgdProblem p = model.problem();
    String data = String.format(Locale.ROOT, "%s ~ N(%s, %s^2) per coordinate; %s = %s + %s N(0,1);"
        + " %s", String.join(", ", p.inputs()), g(p.inputMean()), g(p.inputSd()), p.label(),
        p.teacher().toWolfram(), g(p.labelNoise()), p.samples() == 0
            ? "online (fresh samples every step)"
            : "one training set of " + p.samples() + " samples, minibatches with replacement");
    return new SgdReport(model.name(), "plain minibatch SGD theta <- theta - (eta/B) sum_batch"
        + " grad l; prediction d/dt E[chi] = E[-grad chi . grad L + (T/2) tr(Hess chi Sigma)],"
        + " T = eta/B, t = step*eta", settings, settings.temperature(), data,
        new Counts(settings.chains(), diverged, chainSteps, seconds, chainSteps / seconds,
            complete), times, laws, model.observableSymbol(), obsMean,
        Math.sqrt(Math.max(0, obsVar)), new Verdict(outcome, tolerance, notes));
  }

  /** Leave-one-block-out standard errors of (observed, predicted, difference). */
  private static double[] jackknife(List<MinibatchSgd.BlockSums> blocks, int np, int nMaps,
      int k, double[] times, double[] full) {
    int n = blocks.size();
    if (n < 2) {
      return new double[] {Double.NaN, Double.NaN, Double.NaN};
    }
    double[][] est = new double[n][3];
    double[] mean = new double[3];
    for (int b = 0; b < n; b++) {
      double[] r = Sums.of(blocks, np, nMaps, b).rates(k, times);
      est[b] = new double[] {r[0], r[1], r[0] - r[1]};
      for (int j = 0; j < 3; j++) {
        mean[j] += est[b][j] / n;
      }
    }
    double[] se = new double[3];
    for (int j = 0; j < 3; j++) {
      double s = 0;
      for (int b = 0; b < n; b++) {
        s += (est[b][j] - mean[j]) * (est[b][j] - mean[j]);
      }
      se[j] = Math.sqrt((n - 1.0) / n * s);
    }
    return se;
  }

  /** Least-squares slope of −ln m(t) over the points with m > 0. */
  private static double fittedRate(double[] t, double[] m) {
    double st = 0;
    double sy = 0;
    double stt = 0;
    double sty = 0;
    int n = 0;
    for (int i = 0; i < t.length; i++) {
      if (m[i] > 0) {
        double y = Math.log(m[i]);
        st += t[i];
        sy += y;
        stt += t[i] * t[i];
        sty += t[i] * y;
        n++;
      }
    }
    double den = n * stt - st * st;
    return n < 2 || den == 0 ? Double.NaN : -(n * sty - st * sy) / den;
  }

  /** Sums over a set of blocks (optionally leaving one out). */
  private static final class Sums {
    final double[] alive;
    final double[][] balance;
    final double[][] drift;
    final double[] obs;
    final double[] obsSq;

    private Sums(int np, int nMaps) {
      alive = new double[np];
      balance = new double[np][nMaps];
      drift = new double[np][nMaps];
      obs = new double[np];
      obsSq = new double[np];
    }

    static Sums of(List<MinibatchSgd.BlockSums> blocks, int np, int nMaps, int leaveOut) {
      Sums s = new Sums(np, nMaps);
      for (int b = 0; b < blocks.size(); b++) {
        if (b == leaveOut) {
          continue;
        }
        MinibatchSgd.BlockSums x = blocks.get(b);
        for (int i = 0; i < np; i++) {
          s.alive[i] += x.alive()[i];
          s.obs[i] += x.observable()[i];
          s.obsSq[i] += x.observableSq()[i];
          for (int k = 0; k < nMaps; k++) {
            s.balance[i][k] += x.balance()[i][k];
            s.drift[i][k] += x.drift()[i][k];
          }
        }
      }
      return s;
    }

    double[] mean(int k) {
      double[] m = new double[alive.length];
      for (int i = 0; i < m.length; i++) {
        m[i] = balance[i][k] / alive[i];
      }
      return m;
    }

    /** ln m(0) + ∫₀ᵗ p/m ds by the trapezoid rule. */
    double[] predictedLog(int k, double[] t) {
      double[] m = mean(k);
      double[] out = new double[m.length];
      out[0] = Math.log(m[0]);
      for (int i = 1; i < m.length; i++) {
        double a = drift[i - 1][k] / balance[i - 1][k];
        double b = drift[i][k] / balance[i][k];
        out[i] = out[i - 1] + 0.5 * (a + b) * (t[i] - t[i - 1]);
      }
      return out;
    }

    /** (observed, predicted) mean decay rates over the run. */
    double[] rates(int k, double[] t) {
      double[] m = mean(k);
      int last = m.length - 1;
      double span = t[last] - t[0];
      double observed = m[0] > 0 && m[last] > 0 ? -Math.log(m[last] / m[0]) / span : Double.NaN;
      double[] log = predictedLog(k, t);
      double predicted = -(log[last] - log[0]) / span;
      return new double[] {observed, predicted};
    }
  }

  // ------------------------------------------------------------------ rendering

  /** JSON rendering (NaN written as the string "NaN"). */
  public String toJson() {
    return ReportWriting.json(this);
  }

  /** Human-readable rendering. */
  public String toText() {
    StringBuilder s = new StringBuilder();
    SgdSettings st = settings;
    s.append("gaugebias verification (minibatch SGD): ").append(model).append('\n');
    s.append("  dynamics   ").append(dynamics).append('\n');
    s.append(f("  run        eta = %s, B = %d, T = eta/B = %s, steps = %d (t_end = %s),"
        + " chains = %d, seed = %d, threads = %d%n", g(st.learningRate()), st.batch(),
        g(temperature), st.steps(), g(times[times.length - 1]), st.chains(), st.seed(),
        st.threads()));
    s.append(f("  data       %s%n", data));
    s.append(f("  initial    %s + %s N(0,1)%s per coordinate; Sigma estimated from %d probe"
        + " samples per chain every %d steps%n", g(st.initial().centre()),
        g(st.initial().spread()), st.initial().absolute() ? " (absolute value)" : "",
        st.probes(), st.traceInterval()));
    Counts c = counts;
    s.append(ReportWriting.chainsLine(c.chains(), c.divergedChains(), c.chainSteps(),
        c.seconds(), 2, c.chainStepsPerSecond(), c.complete()));
    s.append(f("  observable %s: mean %.6g, sd %.4g at t_end%n", observable, observableMean,
        observableSd));
    s.append("\n  balance law (m(t) = E[sign(chi(theta_0)) chi(theta_t)])\n");
    for (BalanceLaw b : balance) {
      s.append("  ").append(b.name()).append('\n');
      s.append(f("    m(0) = %.6g, m(t_end) = %.6g%n", b.initial(), b.last()));
      s.append(f("    decay rate observed  %.6g +- %.3g (least-squares fit %.6g)%n",
          b.observedRate(), b.observedRateSe(), b.fittedRate()));
      s.append(f("    decay rate predicted %.6g +- %.3g; difference %.3g +- %.3g (%.2f%% of"
          + " predicted) %s%n", b.predictedRate(), b.predictedRateSe(),
          b.observedRate() - b.predictedRate(), b.differenceSe(),
          100 * (b.observedRate() - b.predictedRate()) / b.predictedRate(),
          b.passed() ? "agrees" : "DISAGREES"));
    }
    s.append(f("%n  verdict    %s%n", verdict.outcome()));
    s.append("  tolerance  ").append(verdict.tolerance()).append('\n');
    ReportWriting.appendNotes(s, verdict.notes());
    return s.toString();
  }

  /** The observed and predicted ln m(t) of each gauge function (XChart). */
  @Override
  public XYChart chart() {
    XYChart chart = org.gaugebias.numeric.run.Plots.lines(model.split(":")[0]
            + " — minibatch SGD, eta = " + settings.learningRate() + ", B = " + settings.batch(),
        "time t = step * eta (training time)", "ln m(t), m = E[sign(chi_0) chi]");
    for (int k = 0; k < Math.min(4, balance.size()); k++) {
      BalanceLaw b = balance.get(k);
      double[] y = new double[times.length];
      for (int i = 0; i < y.length; i++) {
        y[i] = b.meanBalance()[i] > 0 ? Math.log(b.meanBalance()[i]) : Double.NaN;
      }
      int eq = b.name().indexOf(" = ");
      String label = eq > 0 ? b.name().substring(0, eq) : b.name();
      java.awt.Color colour = org.gaugebias.numeric.run.Plots.color(k);
      org.gaugebias.numeric.run.Plots.line(chart, "simulated " + label, times, y)
          .setLineColor(colour);
      XYSeries p = org.gaugebias.numeric.run.Plots.line(chart, "predicted " + label, times,
          b.predictedLog());
      p.setLineColor(colour);
      p.setLineStyle(new java.awt.BasicStroke(2f, java.awt.BasicStroke.CAP_BUTT,
          java.awt.BasicStroke.JOIN_MITER, 10f, new float[] {8f, 5f}, 0f));
    }
    if (balance.isEmpty()) {
      org.gaugebias.numeric.run.Plots.line(chart, "no gauge function", new double[] {0, 1},
          new double[] {0, 0});
    }
    return chart;
  }

  /** Writes {@code stem.txt}, {@code stem.json} and {@code stem.png} into {@code dir}. */
  public void writeTo(Path dir, String stem) {
    ReportFiles.write(dir, stem, this);
  }

  @Override
  public Outcome outcome() {
    return Outcome.of(verdict.outcome());
  }

}
