package org.gaugebias.symbolic.derive;

import java.util.List;
import java.util.Optional;
import org.gaugebias.symbolic.cas.Algebra;
import org.gaugebias.symbolic.cas.CasException;
import org.gaugebias.symbolic.compile.Parameterization;
import org.gaugebias.symbolic.expr.Expr;
import org.gaugebias.symbolic.expr.Exprs;
import org.gaugebias.symbolic.trace.Formula;
import org.gaugebias.symbolic.trace.Step;
import org.gaugebias.symbolic.trace.StepFacts;
import org.gaugebias.symbolic.trace.StepKind;
import org.gaugebias.symbolic.trace.VariantResult;

/** The effective potential and stationary density under projected noise (THEORY.md §5). */
final class StationaryLawStep {
  private final Parameterization p;
  private final Algebra cas;
  private final Expr temperature;
  private final List<Step> steps;

  /** Formulas larger than this (in nodes) are not given to the CAS only to look nicer. */
  static final int COSMETIC_LIMIT = 400;
  /**
   * Nor are densities in more predictor components than this: Symja's {@code Simplify} grows
   * with the number of variables, not the formula's size (a single unit on 20 inputs with a
   * squared loss spent its whole 20 s CAS limit on the density, which it then left as it was).
   */
  static final int COSMETIC_COMPONENTS = 8;

  StationaryLawStep(DerivationContext c) {
    this.p = c.p;
    this.cas = c.cas;
    this.temperature = c.temperature;
    this.steps = c.steps;
  }

  Optional<Expr> stationaryLaw(VariantResult quot) {
    if (p.loss().isEmpty()) {
      return Optional.empty();
    }
    Expr phi = Expr.add(p.loss().get(), quot.bias());
    Expr density = Expr.pow(new Expr.Sym("E"),
        Expr.mul(Expr.integer(-1), Expr.pow(temperature, Expr.integer(-1)), phi));
    Expr simplified = density;
    // a cosmetic rewrite: tried only on small formulas (it may spend its whole CAS limit)
    if (Exprs.size(density) > COSMETIC_LIMIT || p.beta().size() > COSMETIC_COMPONENTS) {
      steps.add(Step.done(StepKind.STATIONARY_LAW, new StepFacts.StationaryLaw(),
          List.of(new Formula("L", p.loss().get())),
          List.of(new Formula("Phi", phi), new Formula("p", density)), List.of()));
      return Optional.of(density);
    }
    try {
      Expr s = cas.powerExpand(cas.simplify(density));
      simplified = Exprs.size(s) <= Exprs.size(density) + 4 ? s : density;
    } catch (CasException ignored) {
      // keep the plain exponential form
    }
    steps.add(Step.done(StepKind.STATIONARY_LAW, new StepFacts.StationaryLaw(),
        List.of(new Formula("L", p.loss().get())),
        List.of(new Formula("Phi", phi), new Formula("p", simplified)),
        List.of()));
    return Optional.of(simplified);
  }
}
