package org.gaugebias.numeric.verify;

import static org.gaugebias.numeric.report.ReportWriting.g;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.gaugebias.numeric.model.CandidateLaw;
import org.gaugebias.numeric.model.SimulationModel;
import org.gaugebias.numeric.model.SimulationModels;
import org.gaugebias.numeric.run.AnnotatedReport;
import org.gaugebias.numeric.run.Outcome;
import org.gaugebias.numeric.run.Run;
import org.gaugebias.numeric.sde.InitialCondition;
import org.gaugebias.numeric.sde.NoiseModel;
import org.gaugebias.numeric.sde.ObservationPlan;
import org.gaugebias.numeric.sde.SimulationSettings;
import org.gaugebias.numeric.sgd.MinibatchSgd;
import org.gaugebias.numeric.sgd.SgdModel;
import org.gaugebias.numeric.sgd.SgdReport;
import org.gaugebias.numeric.sgd.SgdSettings;
import org.gaugebias.symbolic.dynamics.Dynamics;
import org.gaugebias.symbolic.expr.Expr;
import org.gaugebias.symbolic.expr.NumericEvaluator;

/**
 * The arms of {@code verify} as runs (docs/verifier.md): the simulation policy that used to live
 * in the command — default window, exclusion radius around non-free points, the support check of
 * every law on the window, dropping the laws for gradient descent, the advice after an unstable,
 * lawless or interrupted run — is decided here, once.
 */
public final class VerifyArms {
  /** Default SDE step. */
  public static final double DEFAULT_DT = 1e-3;
  /** Default temperature of the SDE arms. */
  public static final double DEFAULT_TEMPERATURE = 0.1;

  private VerifyArms() {
  }

  /**
   * What the user chose; {@code null} fields take the defaults.
   *
   * @param temperature T of the SDE arms (null: {@link #DEFAULT_TEMPERATURE})
   * @param dt SDE step or SGD learning rate (null: {@link #DEFAULT_DT}, or the design's rate)
   * @param window histogram window lo, hi (null: chosen from the loss)
   * @param observable predictor component to observe (null: the first)
   */
  public record Options(Double temperature, Double dt, long steps, int chains, long seed,
      double[] window, String observable, int bins, int threads) {
    public Options {
      window = window == null ? null : window.clone();
    }
  }

  /**
   * The SDE arm ({@code projected}, {@code isotropic} or {@code gd}) of a derived design.
   *
   * @throws IllegalArgumentException when the model cannot be built for this observable, no
   *     window can be chosen, or a candidate law is not finite on the window
   */
  public static Run<AnnotatedReport> sde(Dynamics dynamics, NoiseModel noise, Options o) {
    double t = o.temperature() != null ? o.temperature() : DEFAULT_TEMPERATURE;
    SimulationModel model = SimulationModels.from(dynamics, noise,
        Optional.ofNullable(o.observable()));
    double[] w = o.window() != null ? o.window() : defaultWindow(model, t);
    checkSupport(model, w, t);
    boolean gd = noise == NoiseModel.GRADIENT_DESCENT;
    SimulationModel simulated = gd ? withoutLaws(model) : model;
    SimulationSettings sim = SimulationSettings.of(noise, gd ? 0 : t,
        o.dt() != null ? o.dt() : DEFAULT_DT, o.steps(), o.chains(), o.seed())
        .withThreads(o.threads());
    ObservationPlan plan = new ObservationPlan(w[0], w[1], o.bins(), exclusionRadius(w), 1);
    VerificationSettings settings = VerificationSettings.of(sim, plan);
    return context -> {
      VerificationReport r = Verifier.run(simulated, settings, context.progress(),
          context.cancelled());
      return new AnnotatedReport(r, sdeAdvice(r, noise, sim.dt()));
    };
  }

  /**
   * The minibatch-SGD arm on the design's data block (law of balance).
   *
   * @throws IllegalArgumentException when the design has no usable data block
   */
  public static Run<AnnotatedReport> sgd(Dynamics dynamics, Options o) {
    SgdModel model = SgdModel.from(dynamics, Optional.ofNullable(o.observable()));
    double eta = o.dt() != null ? o.dt() : model.problem().learningRate();
    SgdSettings s = SgdSettings.of(eta, model.problem().batch(), o.steps(), o.chains(),
        o.seed(), InitialCondition.reference()).withThreads(o.threads());
    return context -> {
      SgdReport r = new MinibatchSgd(model, s).run(context.progress(), context.cancelled());
      List<String> advice = new ArrayList<>();
      if (r.outcome() == Outcome.UNSTABLE) {
        advice.add(String.format(Locale.ROOT, "UNSTABLE: %d of %d chains diverged at learning"
            + " rate %s: too large for stability; lower it with --dt (e.g. --dt %s)",
            r.counts().divergedChains(), r.counts().chains(), eta, eta / 4));
      }
      if (r.outcome() == Outcome.INCOMPLETE) {
        advice.add("interrupted: the report covers the finished blocks of chains only");
      }
      return new AnnotatedReport(r, advice);
    };
  }

  private static List<String> sdeAdvice(VerificationReport r, NoiseModel noise, double dt) {
    List<String> advice = new ArrayList<>();
    switch (r.outcome()) {
      case UNSTABLE:
        advice.add(String.format(Locale.ROOT, "UNSTABLE: %d of %d chains diverged at dt = %s:"
            + " the step size is too large for stability; lower --dt (e.g. --dt %s)",
            r.counts().divergedChains(), r.counts().chains(), dt, dt / 4));
        break;
      case NO_PREDICTION:
        advice.add(noise == NoiseModel.GRADIENT_DESCENT
            ? "gradient descent has no stationary law (THEORY.md section 5): the moment maps are"
                + " conserved; compare their trace at t = 0 and at the end"
            : "isotropic noise with a non-compact symmetry group has no stationary law (THEORY.md"
                + " section 5): the histogram only describes this finite run");
        break;
      case INCOMPLETE:
        advice.add("interrupted: the report covers the finished blocks of chains only");
        break;
      default:
        break;
    }
    return advice;
  }

  /** Gradient descent has no stationary law (THEORY.md §5): simulate with nothing to compare. */
  private static SimulationModel withoutLaws(SimulationModel m) {
    return new SimulationModel(m.name(), m.parameters(), m.predictor(), m.loss(), m.gradient(),
        m.generators(), m.momentMaps(), m.observable(), m.observableSymbol(), null, List.of(),
        m.temperatureSymbol());
  }

  /** No exclusion zone when the window contains 0; else at most 0.05, inside the window. */
  public static double exclusionRadius(double[] w) {
    return w[0] <= 0 && w[1] >= 0 ? 0
        : Math.min(0.05, 0.25 * Math.min(Math.abs(w[0]), Math.abs(w[1])));
  }

  /** Where e^{−L/T} of the observable exceeds 1e-4 of its maximum, cut away from 0. */
  public static double[] defaultWindow(SimulationModel model, double t) {
    Expr l = model.observableLoss();
    String x = model.observableSymbol();
    int n = 8001;
    double span = 20;
    double[] v = new double[n];
    double best = Double.POSITIVE_INFINITY;
    double argmin = 0;
    for (int i = 0; i < n; i++) {
      double xi = -span + 2 * span * i / (n - 1);
      double li = eval(l, x, xi, model.temperatureSymbol(), t);
      v[i] = li;
      if (li < best) {
        best = li;
        argmin = xi;
      }
    }
    double lo = Double.NaN;
    double hi = Double.NaN;
    for (int i = 0; i < n; i++) {
      double xi = -span + 2 * span * i / (n - 1);
      if (Double.isFinite(v[i]) && (v[i] - best) / t <= Math.log(1e4)) {
        lo = Double.isNaN(lo) ? xi : lo;
        hi = xi;
      }
    }
    if (Double.isNaN(lo)) {
      throw new IllegalArgumentException("cannot choose a histogram window: the loss of "
          + x + " is not finite on [-20, 20]; give --window lo,hi");
    }
    if (lo < 0 && hi > 0 && Math.abs(argmin) > 1e-9) {
      if (argmin > 0) {
        lo = 0.2 * argmin;
      } else {
        hi = 0.2 * argmin;
      }
    }
    return new double[] {round(lo), round(hi)};
  }

  private static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }

  /** Every law must be finite on the window (it is normalised there). */
  static void checkSupport(SimulationModel model, double[] w, double t) {
    for (CandidateLaw law : model.laws()) {
      for (int i = 0; i <= 200; i++) {
        double xi = w[0] + (w[1] - w[0]) * i / 200;
        double v = eval(law.logDensity(), model.observableSymbol(), xi,
            model.temperatureSymbol(), t);
        if (!Double.isFinite(v)) {
          throw new IllegalArgumentException(String.format(Locale.ROOT, "--window %s,%s is not"
              + " inside the support of the law '%s': its log-density is not finite at %s = %s"
              + " (a non-free point such as 0 must stay outside the window, e.g. --window"
              + " 0.2,1.8)", g(w[0]), g(w[1]), law.name(), model.observableSymbol(), g(xi)));
        }
      }
    }
  }

  private static double eval(Expr e, String x, double at, String tSym, double t) {
    Map<String, Double> env = new HashMap<>();
    env.put(x, at);
    env.put(tSym, t);
    try {
      return NumericEvaluator.eval(e, env);
    } catch (RuntimeException ex) {
      return Double.NaN;
    }
  }
}
