package org.gaugebias.numeric.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gaugebias.numeric.sde.NoiseModel;
import org.gaugebias.symbolic.compile.Component;
import org.gaugebias.symbolic.dynamics.Dynamics;
import org.gaugebias.symbolic.dynamics.Marginals;
import org.gaugebias.symbolic.expr.Expr;
import org.gaugebias.symbolic.expr.NumericEvaluator;

/**
 * Builds a {@link SimulationModel} from the engine's {@link Dynamics} (the hand-built
 * {@link ReferenceModels} are the independent check of this path).
 *
 * <p>The observable is one predictor component: the first unless the caller names another
 * ({@code beta$2}, also written {@code beta_2} or {@code beta[2]}). Its candidate laws are the
 * marginals of the derived laws of β, which exist in closed form when the log-density separates
 * into terms of single components (diagonal designs such as β = u⊙v); otherwise
 * {@link IllegalArgumentException} says so.
 *
 * <p>Which law is marked predicted depends on the noise (shared/THEORY.md §5): projected noise
 * predicts the quotient law {@code −(L + R_quot)/T}; isotropic noise predicts
 * {@code −(L + R_quot − R_orbit)/T} when the group is compact and nothing (no stationary law)
 * otherwise; gradient descent predicts no law. Laws that coincide (up to a constant) with an
 * earlier one are dropped, so the predicted law never competes with a copy of itself.
 */
public final class SimulationModels {
  private static final double[] PROBES = {0.37, 0.81, 1.33, 2.09};
  private static final double PROBE_T = 0.7;

  private SimulationModels() {
  }

  /** The model with the first predictor component as observable. */
  public static SimulationModel from(Dynamics d, NoiseModel noise) {
    return from(d, noise, Optional.empty());
  }

  /**
   * The model of {@code d} under {@code noise}, observing the named predictor component.
   *
   * @throws IllegalArgumentException for an unknown component or a non-separable law
   */
  public static SimulationModel from(Dynamics d, NoiseModel noise, Optional<String> observable) {
    int index = observableIndex(d, observable);
    String obs = d.predictorSymbols().get(index);
    List<String> all = d.predictorSymbols();
    Expr obsLoss = marginal(d.lossInPredictor(), obs, all, "loss");

    List<CandidateLaw> laws = new ArrayList<>();
    Dynamics.Law predicted = null;
    List<Dynamics.Law> others = new ArrayList<>();
    if (noise == NoiseModel.PROJECTED) {
      predicted = d.predicted();
      others.addAll(d.alternatives());
      others.add(d.isotropic());
    } else if (noise == NoiseModel.ISOTROPIC && d.compact()) {
      predicted = d.isotropic();
      others.add(d.predicted());
      others.addAll(d.alternatives());
    } else {
      others.add(d.predicted());
      others.addAll(d.alternatives());
      others.add(d.isotropic());
    }
    List<Expr> seen = new ArrayList<>();
    if (predicted != null) {
      Expr m = marginal(predicted.logDensity(), obs, all, predicted.name());
      laws.add(CandidateLaw.predicted(predicted.name(), m));
      seen.add(m);
    }
    for (Dynamics.Law l : others) {
      Expr m = marginal(l.logDensity(), obs, all, l.name());
      if (seen.stream().noneMatch(s -> sameUpToConstant(s, m, obs, d.temperature()))) {
        laws.add(CandidateLaw.alternative(l.name(), m));
        seen.add(m);
      }
    }
    List<NamedExpr> maps = new ArrayList<>();
    for (Dynamics.MomentMap m : d.momentMaps()) {
      maps.add(new NamedExpr(m.name(), m.value()));
    }
    String name = d.designId() + ": " + d.title() + (all.size() > 1 ? " [observable " + obs
        + "]" : "");
    return new SimulationModel(name, d.parameters(), d.predictor(), d.loss(), d.gradient(),
        d.generators(), maps, d.predictor().get(index), obs, obsLoss, laws, d.temperature());
  }

  /**
   * Index of the named predictor component (first if none is named). A component of
   * {@code beta} is named {@code beta} (scalar), {@code beta_2}, {@code beta[2]},
   * {@code beta[[2]]} or {@code beta$2}; a matrix entry {@code W_1_2}, {@code W[1,2]}, ….
   */
  public static int observableIndex(Dynamics d, Optional<String> name) {
    List<String> comps = d.predictorSymbols();
    if (name.isEmpty()) {
      return 0;
    }
    String n = name.get().replace(" ", "");
    List<Component> components = d.predictorVariable().components();
    for (int i = 0; i < components.size(); i++) {
      if (spellings(components.get(i)).contains(n)) {
        return i;
      }
    }
    throw new IllegalArgumentException("unknown observable '" + name.get() + "': the predictor"
        + " components are " + String.join(", ", comps));
  }

  /** The ways a user may write a component on the command line. */
  private static List<String> spellings(Component c) {
    if (c.indices().isEmpty()) {
      return List.of(c.variable(), c.symbol());
    }
    List<String> idx = c.indices().stream().map(String::valueOf).toList();
    return List.of(c.symbol(), c.variable() + "_" + String.join("_", idx),
        c.variable() + "[" + String.join(",", idx) + "]",
        c.variable() + "[[" + String.join(",", idx) + "]]");
  }

  private static Expr marginal(Expr logDensity, String obs, List<String> all, String what) {
    try {
      return Marginals.of(logDensity, obs, all);
    } catch (Marginals.NotSeparableException e) {
      throw new IllegalArgumentException("cannot observe " + obs + " alone: " + what + ": "
          + e.getMessage());
    }
  }

  /** Whether a − b is constant in x (checked at fixed probe points and a fixed temperature). */
  static boolean sameUpToConstant(Expr a, Expr b, String x, String t) {
    double first = Double.NaN;
    for (double p : PROBES) {
      Map<String, Double> env = new HashMap<>();
      env.put(x, p);
      env.put(t, PROBE_T);
      double diff = NumericEvaluator.eval(a, env) - NumericEvaluator.eval(b, env);
      if (!Double.isFinite(diff)) {
        return false;
      }
      if (Double.isNaN(first)) {
        first = diff;
      } else if (Math.abs(diff - first) > 1e-9 * (1 + Math.abs(first))) {
        return false;
      }
    }
    return true;
  }
}
