package org.gaugebias.symbolic.derive;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gaugebias.symbolic.expr.Expr;
import org.gaugebias.symbolic.expr.SymbolNames;
import org.gaugebias.symbolic.trace.Derivation;
import org.gaugebias.symbolic.trace.Step;
import org.gaugebias.symbolic.trace.StepFacts;
import org.gaugebias.symbolic.trace.Variant;
import org.gaugebias.symbolic.trace.VariantResult;
import org.hipparchus.fraction.BigFraction;

/**
 * A single unit β = v·w with w ∈ R^n for every n (issue 9's closed forms; THEORY.md §3): the
 * unit recognised at a concrete size ({@link RankOneUnit}, stated by its derivation's STRUCTURE
 * step) has the same structure at every n, so its steps after the gauge are computed again with
 * the count n a symbol and S = Σ_{i=1}^n β_i²: log det P = n log D + log(1 + aᵀD⁻¹a).
 */
public final class UnitForEveryN {
  private UnitForEveryN() {
  }

  /**
   * The steps from the representative on, the results, ½‖θ̃‖², with the size symbol.
   *
   * @param steps REPRESENTATIVE, GRAM, LOG_DET, BIAS, ROUTES and REPRESENTATION_COST, for every n
   */
  public record ClosedForms(List<Step> steps, Map<Variant, VariantResult> results,
      Expr representationCost) {
    public ClosedForms {
      steps = List.copyOf(steps);
      results = java.util.Collections.unmodifiableMap(new EnumMap<>(results));
    }
  }

  /**
   * The closed forms for every {@code size}, summed over {@code index}, of the unit that
   * {@code reference} (a derivation at a concrete size) recognised; empty when it recognised none.
   */
  public static Optional<ClosedForms> of(Derivation reference, String size, String index) {
    Optional<StepFacts.RankOneUnit> facts = reference.steps().stream().map(Step::facts)
        .filter(f -> f instanceof StepFacts.RankOneUnit).map(f -> (StepFacts.RankOneUnit) f)
        .findFirst();
    if (facts.isEmpty() || !(facts.get().alpha() instanceof Expr.Num a)) {
      return Optional.empty();
    }
    StepFacts.RankOneUnit u = facts.get();
    String w = SymbolNames.base(u.vector().get(0)) + "$" + index;
    String beta = SymbolNames.base(reference.predictorSymbols().get(0)) + "$" + index;
    RankOneUnit unit = new RankOneUnit(u.scale(), List.of(w),
        new BigFraction(a.num(), a.den()));
    Expr normSquared = Expr.fn("Sum", Expr.pow(new Expr.Sym(beta), Expr.integer(2)),
        new Expr.Vec(List.of(new Expr.Sym(index), Expr.integer(1), new Expr.Sym(size))));
    List<Step> steps = new ArrayList<>();
    RankOneUnitSteps s = new RankOneUnitSteps(steps, new Expr.Sym(reference.temperature()), unit,
        List.of(beta), List.of(w, u.scale()), new Expr.Sym(size), normSquared);
    s.representative();
    Map<Variant, VariantResult> results = s.logDets(
        reference.results().containsKey(Variant.GAUGE));
    s.bias(results, reference.headline());
    s.routes();
    Expr cost = s.representationCost();
    return Optional.of(new ClosedForms(steps, results, cost));
  }
}
