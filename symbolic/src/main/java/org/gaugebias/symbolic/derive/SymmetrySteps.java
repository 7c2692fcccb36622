package org.gaugebias.symbolic.derive;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.gaugebias.symbolic.cas.Algebra;
import org.gaugebias.symbolic.cas.SymjaSession;
import org.gaugebias.symbolic.compile.Parameterization;
import org.gaugebias.symbolic.expr.Expr;
import org.gaugebias.symbolic.expr.Exprs;
import org.gaugebias.symbolic.expr.NumericEvaluator;
import org.gaugebias.symbolic.expr.NumericFunctions;
import org.gaugebias.symbolic.sampling.Numerics;
import org.gaugebias.symbolic.sampling.PointSampler;
import org.gaugebias.symbolic.symmetry.ExactInvariance;
import org.gaugebias.symbolic.symmetry.Generator;
import org.gaugebias.symbolic.symmetry.Invariance;
import org.gaugebias.symbolic.symmetry.LinearSymmetries;
import org.gaugebias.symbolic.expr.TextPrinter;
import org.gaugebias.symbolic.symmetry.NonlinearSymmetries;
import org.gaugebias.symbolic.symmetry.SymmetryDiscovery;
import org.gaugebias.symbolic.trace.Formula;
import org.gaugebias.symbolic.trace.Step;
import org.gaugebias.symbolic.trace.StepFacts;
import org.gaugebias.symbolic.trace.StepKind;
import org.hipparchus.fraction.BigFraction;
import org.hipparchus.linear.Array2DRowRealMatrix;

/**
 * The symmetry steps of the forward derivation (THEORY.md §1, §6): the declared
 * parameterisation, J_f, the generators (declared, or discovered linear or non-linear ones),
 * their invariance, independence and completeness.
 */
final class SymmetrySteps {
  private final DerivationContext c;
  private final Parameterization p;
  private final Algebra cas;
  private final SymjaSession session;
  private final SplittableRandom rng;
  private final PointSampler sampler;
  private final Map<String, Double> fixed;
  private final NumericFunctions fns;
  private final Invariance invariance;
  private final List<Step> steps;
  private static final int INVARIANCE_POINTS = 5;

  SymmetrySteps(DerivationContext c) {
    this.c = c;
    this.p = c.p;
    this.cas = c.cas;
    this.session = c.session;
    this.rng = c.rng;
    this.sampler = c.sampler;
    this.fixed = c.fixed;
    this.fns = c.fns;
    this.invariance = c.invariance;
    this.steps = c.steps;
  }

  void declare() {
    List<Formula> out = new ArrayList<>();
    for (int i = 0; i < p.beta().size(); i++) {
      out.add(new Formula(p.beta().get(i), p.predictor().get(i)));
    }
    steps.add(Step.done(StepKind.DECLARE, new StepFacts.Declared(p.theta(), p.beta().size()),
        List.of(), out, p.assumptions()));
  }

  /**
   * J_f: for matrix designs from the exact polynomial expansion (the matrix route builds its
   * Grams from its own sparse polynomials, so J_f is only evaluated and shown; a CAS {@code D}
   * of 16 quartic components in 64 variables costs seconds), otherwise by the CAS.
   */
  List<List<Expr>> jacobian() {
    List<List<Expr>> j = c.matrixFrame().isPresent() && c.exactInvariance().isPresent()
        ? c.exactInvariance().get().jacobian() : cas.jacobian(p.predictor(), p.theta());
    steps.add(Step.done(StepKind.JACOBIAN, new StepFacts.Jacobian(),
        List.of(), List.of(new Formula("J_f", Exprs.matrix(j))), List.of()));
    return j;
  }

  List<Generator> generators(List<List<Expr>> jac) {
    List<Generator> gens = new ArrayList<>();
    StepFacts.Generators facts;
    if (p.generators().isPresent()) {
      for (Parameterization.GeneratorField g : p.generators().get()) {
        Optional<BigFraction[][]> matrix = c.exactInvariance().isPresent()
            ? c.exactInvariance().get().linearMatrix(g.field())
            : invariance.linearMatrix(g.field(), p.theta());
        gens.add(new Generator(g.label(), g.field(), matrix, g.origin()));
      }
      facts = new StepFacts.Generators(StepFacts.GeneratorSource.DECLARED, false, 0);
    } else {
      Optional<List<BigFraction[][]>> exact = SymmetryDiscovery.exactLinearSymmetries(p);
      List<BigFraction[][]> found = exact.orElseGet(() -> LinearSymmetries.discover(jac,
          p.theta(), rng, sampler, fixed, fns));
      int k = 1;
      for (BigFraction[][] a : found) {
        gens.add(new Generator("X" + k++, LinearSymmetries.field(a, p.theta()), Optional.of(a),
            ""));
      }
      facts = new StepFacts.Generators(StepFacts.GeneratorSource.DISCOVERED_LINEAR,
          exact.isPresent(), found.size());
      Optional<List<Generator>> nonlinear = nonlinearIfIncomplete(jac, gens);
      if (nonlinear.isPresent()) {
        gens = nonlinear.get();
        facts = new StepFacts.Generators(StepFacts.GeneratorSource.DISCOVERED_NONLINEAR,
            exact.isPresent(), found.size());
      }
    }
    if (gens.isEmpty()) {
      throw new DerivationException(DerivationException.Kind.NO_SYMMETRY, p.source(),
          "the predictor has no continuous linear symmetry: the parameterisation is not"
              + " redundant, so there is no induced bias (declare the symmetry if it is nonlinear)");
    }
    List<Formula> out = new ArrayList<>();
    for (int a = 0; a < gens.size(); a++) {
      out.add(new Formula("xi_" + (a + 1), new Expr.Vec(gens.get(a).field())));
    }
    steps.add(Step.done(StepKind.GENERATORS, facts, List.of(), out, List.of()));
    return gens;
  }

  /**
   * Non-linear kernel fields of J_f when the discovered linear generators do not fill the
   * fibres (THEORY.md §1, §6), if the design declares the gauge they need; without one, an
   * error that says which gauge would do.
   */
  private Optional<List<Generator>> nonlinearIfIncomplete(List<List<Expr>> jac,
      List<Generator> linear) {
    Map<String, Double> at = c.env(p.theta(), sampler.positivePoint(rng));
    int fibre = p.dimension() - Numerics.rank(Numerics.evalMatrix(jac, at, fns));
    int orbit = linear.isEmpty() ? 0
        : Numerics.rank(Numerics.evalMatrix(c.fieldsAsColumns(linear), at, fns));
    if (fibre == 0 || orbit >= fibre) {
      return Optional.empty();
    }
    List<List<Expr>> kernel = NonlinearSymmetries.kernelFields(session, jac, p.theta());
    if (p.gauge().isEmpty()) {
      List<String> gauge = NonlinearSymmetries.gaugeSuggestion(kernel, p.components(), fns);
      throw new DerivationException(DerivationException.Kind.GAUGE_MISSING, "",
          "the linear symmetries have orbits of dimension " + orbit + " in fibres of"
              + " dimension " + fibre + "; the fibres are spanned by the non-linear fields "
              + kernel.stream().map(f -> TextPrinter.print(new Expr.Vec(f))).toList() + ", which can be"
              + " rescaled by any function of β, so there is no default gauge: declare one"
              + " transverse to them" + (gauge.isEmpty() ? "" : ", e.g. 'gauge: ["
              + String.join(", ", gauge) + "]'") + " (then R_quot is derived on it)");
    }
    List<Generator> out = new ArrayList<>();
    for (int a = 0; a < kernel.size(); a++) {
      out.add(new Generator("Z" + (a + 1), kernel.get(a), Optional.empty(), ""));
    }
    return Optional.of(out);
  }

  /**
   * J_f ξ_a ≡ 0 for every generator: for a polynomial predictor and polynomial fields exactly,
   * as an identity in Q[θ] ({@link ExactInvariance}: a proof, no CAS); otherwise by the CAS
   * (Together, Simplify) and in double precision at random points. A generator that fails
   * stops the derivation with {@code NOT_INVARIANT}, naming its declaration.
   */
  void checkInvariance(List<List<Expr>> jac, List<Generator> gens) {
    List<Formula> out = new ArrayList<>();
    boolean allExact = true;
    for (int a = 0; a < gens.size(); a++) {
      Generator g = gens.get(a);
      List<Map<String, Double>> points = new ArrayList<>();
      for (int s = 0; s < INVARIANCE_POINTS; s++) {
        // drawn on both paths, so that later steps see the same sample stream
        points.add(c.env(p.theta(), sampler.positivePoint(rng)));
      }
      Optional<List<Expr>> exact = c.exactInvariance().flatMap(e -> e.residual(g.field()));
      Expr product;
      if (exact.isPresent()) {
        product = new Expr.Vec(exact.get());
        if (!exact.get().stream().allMatch(Exprs::isZero)) {
          throw notInvariant(g, product, "exactly, as polynomials over Q");
        }
      } else {
        allExact = false;
        Invariance.Verdict v = invariance.check(jac, g.field(), points);
        product = v.product();
        if (!v.holds()) {
          throw notInvariant(g, product, "numerically up to "
              + String.format("%.3g", v.worstRelative()));
        }
      }
      out.add(new Formula("J_f_xi_" + (a + 1), product));
    }
    steps.add(Step.done(StepKind.INVARIANCE,
        new StepFacts.Invariance(allExact ? 0 : INVARIANCE_POINTS, allExact),
        List.of(), out, List.of()));
  }

  private DerivationException notInvariant(Generator g, Expr product, String how) {
    return new DerivationException(DerivationException.Kind.NOT_INVARIANT, c.where(g.origin()),
        "generator " + g.label() + " does not leave the predictor invariant: J_f·ξ = "
            + product.toWolfram() + " (" + how + "), not 0");
  }

  /** A predictor that does not depend on θ has no bias to derive (and every A is a symmetry). */
  void requireNonConstant(List<List<Expr>> jac) {
    for (int s = 0; s < 3; s++) {
      Map<String, Double> env = c.env(p.theta(), sampler.positivePoint(rng));
      if (Numerics.rank(Numerics.evalMatrix(jac, env, fns)) > 0) {
        return;
      }
    }
    throw new DerivationException(DerivationException.Kind.INVALID_DESIGN, p.source(),
        "the predictor does not depend on the parameters (J_f = 0 at random points): there is"
            + " no fibre and no bias to derive; write the predictor as a function of "
            + String.join(", ", p.theta()));
  }

  /**
   * Declared generators must be linearly independent as fields (over constants): a zero
   * generator or two proportional ones make G = ΞᵀΞ singular everywhere, a fault of the
   * declaration, not of the action's freeness (so3-radius: independent fields, pointwise
   * dependent). Checked by stacking the fields at several random points.
   */
  void requireIndependent(List<Generator> gens) {
    int k = gens.size();
    int points = 4;
    int d = p.dimension();
    List<Map<String, Double>> envs = new ArrayList<>();
    for (int s = 0; s < points; s++) {
      envs.add(c.env(p.theta(), sampler.positivePoint(rng)));
    }
    double[][] stacked = new double[k][d * points];
    for (int s = 0; s < points; s++) {
      for (int a = 0; a < k; a++) {
        for (int j = 0; j < d; j++) {
          stacked[a][s * d + j] = NumericEvaluator.eval(gens.get(a).field().get(j), envs.get(s),
              fns);
        }
      }
      if (s == 0 && Numerics.rank(new Array2DRowRealMatrix(
          java.util.Arrays.stream(stacked).map(row -> java.util.Arrays.copyOf(row, d))
              .toArray(double[][]::new), false)) == k) {
        return; // independent at one point, so as fields (the usual case: one k×d rank)
      }
    }
    for (int a = 0; a < k; a++) {
      double[][] upTo = java.util.Arrays.copyOf(stacked, a + 1);
      if (Numerics.rank(new Array2DRowRealMatrix(upTo, false)) <= a) {
        Generator g = gens.get(a);
        boolean zero = java.util.Arrays.stream(stacked[a]).allMatch(x -> x == 0);
        throw new DerivationException(DerivationException.Kind.SINGULAR_GRAM, c.where(g.origin()),
            "generator " + g.label() + (zero ? " is zero"
                : " is a linear combination of the generators before it")
                + ": the generator Gram matrix G = ΞᵀΞ is singular everywhere; remove it");
      }
    }
  }

  /** rank J_f and rank Ξ at generic points. */
  record Completeness(int rankJ, int rankXi) { }

  Completeness completeness(List<List<Expr>> jac, List<Generator> gens) {
    int rankJ = 0;
    int rankXi = 0;
    // the largest rank over 3 points; a rank at its bound (full) cannot grow, so it is not
    // recomputed (the points are drawn all the same: later steps see the same sample stream)
    int maxJ = Math.min(jac.size(), p.dimension());
    int maxXi = Math.min(gens.size(), p.dimension());
    for (int s = 0; s < 3; s++) {
      Map<String, Double> env = c.env(p.theta(), sampler.positivePoint(rng));
      if (rankJ < maxJ) {
        rankJ = Math.max(rankJ, Numerics.rank(Numerics.evalMatrix(jac, env, fns)));
      }
      if (rankXi < maxXi) {
        rankXi = Math.max(rankXi, Numerics.rank(Numerics.evalMatrix(c.fieldsAsColumns(gens),
            env, fns)));
      }
    }
    StepFacts.Completeness facts = new StepFacts.Completeness(rankXi, p.dimension(), rankJ,
        gens.size());
    // the printers state the verdict; an incomplete action leaves the step unresolved
    steps.add(new Step(StepKind.COMPLETENESS, facts, List.of(), List.of(), List.of(),
        facts.complete() ? Step.Status.DONE : Step.Status.UNRESOLVED, ""));
    return new Completeness(rankJ, rankXi);
  }
}
