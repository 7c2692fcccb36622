package org.gaugebias.symbolic.trace;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.gaugebias.symbolic.expr.Expr;
import org.gaugebias.symbolic.expr.NumericEvaluator;
import org.gaugebias.symbolic.expr.NumericFunctions;
import org.gaugebias.symbolic.trace.Derivation;
import org.gaugebias.symbolic.trace.Variant;
import org.gaugebias.symbolic.trace.VariantResult;

/**
 * The derived formulas evaluated at one predictor point, constants included (THEORY.md §2
 * conventions), as {@code gaugebias eval} prints them.
 *
 * @param logDetC empty when no gauge condition is needed
 * @param pseudoDeterminants per variant derived, whether its Gram determinant is a
 *     pseudo-determinant (product of the non-zero eigenvalues): the orbit's where the action is
 *     not free, the quotient's where the predictor is rank-deficient (a matrix W of rank
 *     r &lt; min(m, n), THEORY.md §3)
 */
public record PointEvaluation(double logDetG, Optional<Double> logDetC, double logDetP,
    double rQuot, double rOrbit, Optional<Double> rGauge, double repCost,
    Map<Variant, Boolean> pseudoDeterminants) {
  public PointEvaluation {
    pseudoDeterminants = Map.copyOf(pseudoDeterminants);
  }

  /**
   * Evaluates {@code d} at the predictor point {@code point} (component symbol → value) and
   * temperature {@code t}.
   */
  public static PointEvaluation at(Derivation d, Map<String, Double> point, double t) {
    return at(d, point, t, NumericFunctions.NONE);
  }

  /**
   * As {@link #at(Derivation, Map, double)} for a design with tabulated functions
   * ({@link Parameterization#functions()}); a point outside a table is an
   * {@link IllegalArgumentException} that says so.
   */
  public static PointEvaluation at(Derivation d, Map<String, Double> point, double t,
      NumericFunctions fns) {
    // matrix designs are written in singular values or eigenvalues (THEORY.md §3)
    List<String> coordinates = d.structure().flatMap(Structure::spectrum)
        .map(s -> s.values().symbols()).orElse(d.predictorSymbols());
    for (String b : coordinates) {
      if (!point.containsKey(b)) {
        throw new IllegalArgumentException("no value for predictor component " + b);
      }
    }
    Map<String, Double> env = new HashMap<>(point);
    env.put(d.temperature(), t);
    // a derivation with discovered non-linear generators has R_quot only (no orbit variant)
    Optional<VariantResult> orbit = Optional.ofNullable(d.results().get(Variant.ORBIT));
    double g = orbit.map(r -> value(r.logDet(), env, fns)).orElse(Double.NaN);
    double p = value(d.results().get(Variant.QUOTIENT).logDet(), env, fns);
    Optional<Double> c = Optional.ofNullable(d.results().get(Variant.GAUGE))
        .map(VariantResult::logDet).map(e -> value(e, env, fns));
    Map<Variant, Boolean> pseudo = new java.util.EnumMap<>(Variant.class);
    d.results().forEach((v, r) -> pseudo.put(v, r.pseudoDeterminant()));
    return new PointEvaluation(g, c, p, t / 2 * p, t / 2 * g, c.map(x -> t / 2 * x),
        value(d.representationCost(), env, fns), pseudo);
  }

  private static double value(Expr e, Map<String, Double> env, NumericFunctions fns) {
    return NumericEvaluator.eval(e, env, fns);
  }

  /** The lines {@code eval} prints, in the documented order, 17 significant digits. */
  public List<String> lines() {
    List<String> out = new ArrayList<>();
    out.add("logdet_G = " + fmt(logDetG));
    out.add("logdet_C = " + logDetC.map(PointEvaluation::fmt).orElse("none"));
    out.add("logdet_P = " + fmt(logDetP));
    out.add("R_quot = " + fmt(rQuot));
    out.add("R_orbit = " + fmt(rOrbit));
    out.add("R_gauge = " + rGauge.map(PointEvaluation::fmt).orElse("none"));
    out.add("repcost = " + fmt(repCost));
    for (Variant v : List.of(Variant.ORBIT, Variant.GAUGE, Variant.QUOTIENT)) {
      Boolean pseudo = pseudoDeterminants.get(v);
      out.add("pseudo_determinant_" + v.gram() + " = " + (pseudo == null ? "none" : pseudo));
    }
    return out;
  }

  static String fmt(double v) {
    if (Double.isNaN(v)) {
      return "none";
    }
    return String.format(Locale.ROOT, "%.16e", v);
  }
}
