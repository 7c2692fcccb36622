package org.gaugebias.symbolic.derive;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gaugebias.symbolic.compile.Parameterization;
import org.gaugebias.symbolic.expr.Expr;
import org.gaugebias.symbolic.expr.NumericFunctions;
import org.gaugebias.symbolic.trace.Formula;
import org.gaugebias.symbolic.trace.Step;
import org.gaugebias.symbolic.trace.StepFacts;
import org.gaugebias.symbolic.trace.StepKind;

/**
 * The weight-decay representation cost ½‖θ̃(β)‖² of the balanced representative (THEORY.md §3).
 */
final class RepresentationCostStep {
  private final DerivationContext c;
  private final Parameterization p;
  private final Set<String> betaNames;
  private final NumericFunctions fns;
  private final List<Step> steps;

  RepresentationCostStep(DerivationContext c) {
    this.c = c;
    this.p = c.p;
    this.betaNames = c.betaNames;
    this.fns = c.fns;
    this.steps = c.steps;
  }

  /** ½‖θ̃(β)‖², extended to the other sign branches by {@code branches}. */
  Expr representationCost(Map<String, Expr> rep, RepresentativeSolver solver,
      java.util.function.UnaryOperator<Expr> branches) {
    List<Expr> squares = new ArrayList<>();
    for (String t : p.theta()) {
      squares.add(Expr.pow(Branches.absoluteRepresentative(rep.get(t), betaNames,
          g -> GramDeterminants.positiveEverywhere(g, c.signedBetas(), fns)), Expr.integer(2)));
    }
    Expr cost = Expr.mul(Expr.rational(1, 2), new Expr.Add(squares));
    // tidying is cosmetic (the check below compares values): only small sums get it
    Expr best = org.gaugebias.symbolic.expr.Exprs.size(cost) <= StationaryLawStep.COSMETIC_LIMIT
        ? solver.tidy(cost) : cost;
    best = branches.apply(best);
    steps.add(Step.done(StepKind.REPRESENTATION_COST, new StepFacts.RepresentationCost(),
        List.of(), List.of(new Formula("repcost", best)),
        List.of()));
    return best;
  }
}
