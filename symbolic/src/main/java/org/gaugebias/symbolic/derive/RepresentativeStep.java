package org.gaugebias.symbolic.derive;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.gaugebias.symbolic.compile.Parameterization;
import org.gaugebias.symbolic.expr.Expr;
import org.gaugebias.symbolic.sampling.PointSampler;
import org.gaugebias.symbolic.trace.Formula;
import org.gaugebias.symbolic.trace.Step;
import org.gaugebias.symbolic.trace.StepFacts;
import org.gaugebias.symbolic.trace.StepKind;

/**
 * The representative θ̃(β) on the gauge slice (THEORY.md §2): numeric solutions on the positive
 * branch guide the symbolic solve.
 */
final class RepresentativeStep {
  private final DerivationContext c;
  private final Parameterization p;
  private final SplittableRandom rng;
  private final PointSampler sampler;
  private final List<Step> steps;
  private static final int BRANCH_SAMPLES = 3;

  RepresentativeStep(DerivationContext c) {
    this.c = c;
    this.p = c.p;
    this.rng = c.rng;
    this.sampler = c.sampler;
    this.steps = c.steps;
  }

  /** Positive-branch predictor points and the numeric representative at each. */
  List<RepresentativeSolver.Sample> branchSamples(DerivationContext.Gauge gauge, List<String> zeroed) {
    List<RepresentativeSolver.Sample> out = new ArrayList<>();
    List<Expr> res = c.residuals(gauge, zeroed);
    int attempts = 0;
    while (out.size() < BRANCH_SAMPLES && attempts++ < 40) {
      double[] x = sampler.positivePoint(rng);
      Optional<RepresentativeSolver.Sample> s = c.numericRepresentative(res, x, true);
      s.ifPresent(out::add);
    }
    if (out.size() < BRANCH_SAMPLES) {
      throw new DerivationException(DerivationException.Kind.NO_REPRESENTATIVE, p.source(),
          "the system f(θ) = β, χ(θ) = 0 has no numeric solution near random points of the"
              + " positive branch: the gauge slice does not meet the fibres");
    }
    return out;
  }

  Map<String, Expr> representative(DerivationContext.Gauge gauge, List<String> zeroed,
      RepresentativeSolver solver) {
    RepresentativeSolver.Result r = solver.solve(c.residuals(gauge, zeroed), p.theta());
    if (!r.ok()) {
      throw new DerivationException(DerivationException.Kind.NO_REPRESENTATIVE,
          c.where(c.originOfGauge()),
          "step 'representative': " + r.failure());
    }
    List<Formula> out = new ArrayList<>();
    for (String t : p.theta()) {
      out.add(new Formula(t, r.solution().get(t)));
    }
    List<Expr> assumed = new ArrayList<>();
    for (String t : p.theta()) {
      if (!zeroed.contains(t)) {
        assumed.add(Expr.fn("Greater", new Expr.Sym(t), Expr.integer(0)));
      }
    }
    steps.add(Step.done(StepKind.REPRESENTATIVE,
        new StepFacts.Representative(zeroed, BRANCH_SAMPLES), List.of(), out, assumed));
    return r.solution();
  }
}
