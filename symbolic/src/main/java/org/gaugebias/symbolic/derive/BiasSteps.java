package org.gaugebias.symbolic.derive;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.gaugebias.symbolic.cas.Algebra;
import org.gaugebias.symbolic.cas.CasException;
import org.gaugebias.symbolic.compile.Parameterization;
import org.gaugebias.symbolic.expr.Expr;
import org.gaugebias.symbolic.expr.Exprs;
import org.gaugebias.symbolic.trace.Formula;
import org.gaugebias.symbolic.trace.Step;
import org.gaugebias.symbolic.trace.StepFacts;
import org.gaugebias.symbolic.trace.StepKind;
import org.gaugebias.symbolic.trace.Variant;
import org.gaugebias.symbolic.trace.VariantResult;

/**
 * The induced bias R_variant = (T/2) log det and the comparison of the orbit and quotient
 * routes (THEORY.md §3).
 */
final class BiasSteps {
  private final Parameterization p;
  private final Algebra cas;
  private final Expr temperature;
  private final List<Step> steps;

  BiasSteps(DerivationContext c) {
    this.p = c.p;
    this.cas = c.cas;
    this.temperature = c.temperature;
    this.steps = c.steps;
  }

  /** {@code (T/2)·e}, with a leading rational of e folded in ({@code (2/3) T log|β|}). */
  private Expr halfTimes(Expr e) {
    return halfTimes(e, temperature);
  }

  /** {@code (T/2)·e} for the temperature {@code temperature}, a leading rational folded in. */
  static Expr halfTimes(Expr e, Expr temperature) {
    if (Exprs.isZero(e)) {
      return Expr.integer(0);
    }
    if (e instanceof Expr.Mul m && m.factors().get(0) instanceof Expr.Num leading) {
      List<Expr> rest = new ArrayList<>();
      rest.add(new Expr.Num(leading.num(), leading.den().shiftLeft(1)));
      rest.add(temperature);
      rest.addAll(m.factors().subList(1, m.factors().size()));
      return new Expr.Mul(rest);
    }
    return Expr.mul(Expr.rational(1, 2), temperature, e);
  }

  /** {@code T β/(4T) → β/4}; sums keep their factored {@code (T/2)(…)} form. */
  private Expr simplerIfSingleTerm(Expr bias) {
    if (bias instanceof Expr.Mul m && m.factors().stream().noneMatch(f -> f instanceof Expr.Add)) {
      try {
        Expr s = cas.simplify(bias);
        return Exprs.size(s) < Exprs.size(bias) ? s : bias;
      } catch (CasException ignored) {
        return bias;
      }
    }
    return bias;
  }

  void bias(Map<Variant, VariantResult> results) {
    List<Formula> out = new ArrayList<>();
    for (Map.Entry<Variant, VariantResult> e : new ArrayList<>(results.entrySet())) {
      VariantResult r = e.getValue();
      Expr bias = simplerIfSingleTerm(halfTimes(r.bias()));
      Expr dropped = halfTimes(r.droppedConstant());
      results.put(e.getKey(), new VariantResult(r.variant(), r.logDet(), bias, dropped,
          r.pseudoDeterminant()));
      out.add(new Formula("R_" + r.variant().shortName(), bias));
    }
    steps.add(Step.done(StepKind.BIAS, new StepFacts.Bias(p.headline()), List.of(), out,
        List.of()));
  }

  void routes(Map<Variant, VariantResult> results) {
    VariantResult q = results.get(Variant.QUOTIENT);
    VariantResult o = results.get(Variant.ORBIT);
    Expr diff = cas.simplify(Expr.add(q.bias(), Expr.mul(Expr.integer(-1), o.bias())));
    boolean adapted = Exprs.isZero(diff);
    steps.add(Step.done(StepKind.ROUTES, new StepFacts.Routes(adapted),
        List.of(), List.of(new Formula("coordinate_term", diff)), List.of()));
  }
}
