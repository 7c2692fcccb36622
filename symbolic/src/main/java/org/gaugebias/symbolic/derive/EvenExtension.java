package org.gaugebias.symbolic.derive;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.gaugebias.symbolic.compile.Parameterization;
import org.gaugebias.symbolic.expr.Expr;
import org.gaugebias.symbolic.expr.Exprs;
import org.gaugebias.symbolic.expr.NumericEvaluator;
import org.gaugebias.symbolic.expr.Relations;
import org.gaugebias.symbolic.sampling.Numerics;
import org.gaugebias.symbolic.symmetry.Generator;
import org.gaugebias.symbolic.trace.Formula;
import org.gaugebias.symbolic.trace.Step;
import org.gaugebias.symbolic.trace.StepFacts;
import org.gaugebias.symbolic.trace.StepKind;
import org.gaugebias.symbolic.trace.Variant;
import org.gaugebias.symbolic.trace.VariantResult;

/**
 * The sign branches of an odd predictor (THEORY.md §2: one representative per sign pattern).
 * Let S negate one parameter. When S negates the component β_i and keeps the others
 * (f(Sθ) = (…, −β_i, …)), maps every generator field and every gauge condition to ± itself
 * (ξ_a(Sθ) = ±S ξ_a(θ), χ(Sθ) = ±χ(θ)) and keeps the assumptions, S carries the slice over β to
 * the slice over β with β_i negated: θ̃(…, −β_i, …) = S θ̃(β). S is an isometry and maps J_f,
 * Ξ and J_χ to ±(·)S, so P, G, C and ½‖θ̃‖² are the same at both points: every result is even in
 * β_i. A formula derived on the positive branch therefore holds on the other as the same
 * function of |β_i|. The example is an outer map β = φ(u v) with φ odd (S: v ↦ −v), whose
 * positive-branch formulas (log det P = log 2 + 2β/T for R* = |β|) are not even by themselves.
 * The conditions are checked at random points in double precision; the NUMERIC_CHECK step then
 * compares the extended formulas with numeric Gram matrices on every branch.
 */
final class EvenExtension {
  private static final int POINTS = 6;
  private static final double TOLERANCE = 1e-9;
  /** Its own stream: finding the flips does not move the derivation's sample points. */
  private static final long SEED = 0x6f6464L;

  /** S negates {@code negated} and with it the component {@code component}. */
  record Flip(String component, String negated) { }

  private final DerivationContext c;
  private final List<Flip> flips;

  private EvenExtension(DerivationContext c, List<Flip> flips) {
    this.c = c;
    this.flips = List.copyOf(flips);
  }

  /**
   * The flips of {@code c}'s predictor: per component, the first parameter whose negation
   * meets the conditions above at random points; components without one are left out.
   */
  static EvenExtension find(DerivationContext c, List<Generator> gens, List<Expr> conditions) {
    Parameterization p = c.p;
    SplittableRandom rng = new SplittableRandom(SEED);
    List<Map<String, Double>> points = new ArrayList<>();
    for (int k = 0; k < POINTS; k++) {
      points.add(c.env(p.theta(), c.sampler.signedPoint(rng)));
    }
    List<Flip> found = new ArrayList<>();
    for (int i = 0; i < p.beta().size(); i++) {
      for (String x : p.theta()) {
        if (!Exprs.symbols(p.predictor().get(i)).contains(x)) {
          continue;
        }
        if (odd(c, i, x, gens, conditions, points)) {
          found.add(new Flip(p.beta().get(i), x));
          break;
        }
      }
    }
    return new EvenExtension(c, found);
  }

  private static boolean odd(DerivationContext c, int component, String x, List<Generator> gens,
      List<Expr> conditions, List<Map<String, Double>> points) {
    Parameterization p = c.p;
    int at = p.theta().indexOf(x);
    for (Map<String, Double> theta : points) {
      Map<String, Double> flipped = new HashMap<>(theta);
      flipped.put(x, -theta.get(x));
      for (Expr a : p.assumptions()) {
        if (Relations.holds(a, theta, c.fns).orElse(true)
            != Relations.holds(a, flipped, c.fns).orElse(true)) {
          return false;
        }
      }
      double[] f = Numerics.eval(p.predictor(), theta, c.fns);
      double[] g = Numerics.eval(p.predictor(), flipped, c.fns);
      for (int j = 0; j < f.length; j++) {
        if (!close(g[j], j == component ? -f[j] : f[j])) {
          return false;
        }
      }
      for (Generator gen : gens) {
        double[] xi = Numerics.eval(gen.field(), theta, c.fns);
        double[] moved = Numerics.eval(gen.field(), flipped, c.fns);
        xi[at] = -xi[at]; // S ξ(θ)
        if (!plusOrMinus(moved, xi)) {
          return false;
        }
      }
      double[] chi = Numerics.eval(conditions, theta, c.fns);
      double[] chiMoved = Numerics.eval(conditions, flipped, c.fns);
      for (int k = 0; k < chi.length; k++) {
        if (!close(Math.abs(chi[k]), Math.abs(chiMoved[k]))) {
          return false;
        }
      }
    }
    return true;
  }

  private static boolean plusOrMinus(double[] a, double[] b) {
    boolean same = true;
    boolean opposite = true;
    for (int k = 0; k < a.length; k++) {
      same &= close(a[k], b[k]);
      opposite &= close(a[k], -b[k]);
    }
    return same || opposite;
  }

  private static boolean close(double a, double b) {
    return Double.isFinite(a) && Double.isFinite(b)
        && Math.abs(a - b) <= TOLERANCE * Math.max(1, Math.abs(a) + Math.abs(b));
  }

  /**
   * {@code e} with β_i replaced by |β_i| for every flip under which it is not already even at
   * the positive-branch points {@code samples} (a formula already right on every branch, like
   * log|β|, is left as it is).
   */
  Expr extend(Expr e, List<RepresentativeSolver.Sample> samples) {
    Map<String, Expr> abs = new LinkedHashMap<>();
    for (Flip f : flips) {
      if (!e.isFreeOf(java.util.Set.of(f.component())) && !even(e, f.component(), samples)) {
        abs.put(f.component(), Expr.fn("Abs", new Expr.Sym(f.component())));
      }
    }
    return abs.isEmpty() ? e : Exprs.substitute(e, abs);
  }

  private boolean even(Expr e, String component, List<RepresentativeSolver.Sample> samples) {
    for (RepresentativeSolver.Sample s : samples) {
      Map<String, Double> beta = new HashMap<>(s.beta());
      double plus = NumericEvaluator.eval(e, beta, c.fns);
      beta.put(component, -beta.get(component));
      double minus;
      try {
        minus = NumericEvaluator.eval(e, beta, c.fns);
      } catch (IllegalArgumentException outside) {
        return false; // a table evaluated off its range
      }
      if (!close(plus, minus)) {
        return false;
      }
    }
    return true;
  }

  /**
   * The results extended to every sign branch, and the step that says so (none when every
   * result is already even, or no component is odd).
   */
  Map<Variant, VariantResult> extend(Map<Variant, VariantResult> results,
      List<RepresentativeSolver.Sample> samples) {
    if (flips.isEmpty()) {
      return results;
    }
    Map<Variant, VariantResult> out = new java.util.EnumMap<>(Variant.class);
    List<Formula> changed = new ArrayList<>();
    for (Map.Entry<Variant, VariantResult> e : results.entrySet()) {
      VariantResult r = e.getValue();
      Expr logDet = extend(r.logDet(), samples);
      if (!logDet.equals(r.logDet())) {
        changed.add(new Formula("logdet_" + r.variant().gram(), logDet));
        r = new VariantResult(r.variant(), logDet, extend(r.bias(), samples),
            r.droppedConstant(), r.pseudoDeterminant());
      }
      out.put(e.getKey(), r);
    }
    if (changed.isEmpty()) {
      return results;
    }
    List<String> components = flips.stream().map(Flip::component).toList();
    List<String> negated = flips.stream().map(Flip::negated).toList();
    c.steps.add(Step.done(StepKind.SIGN_BRANCHES, new StepFacts.SignBranches(components,
        negated, POINTS), List.of(), changed, List.of()));
    return out;
  }
}
