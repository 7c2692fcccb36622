package org.gaugebias.symbolic.trace;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.gaugebias.symbolic.expr.Expr;

/**
 * A complete forward derivation as data: the ordered steps and the results. Printers
 * (text, LaTeX, JSON) render it; nothing in it depends on how it will be printed.
 *
 * @param designId the design's id
 * @param title the design's title
 * @param source the design file it came from (as given)
 * @param predictorSymbols names of the predictor components, e.g. {@code beta$1, beta$2}
 * @param temperature the temperature symbol, e.g. {@code T}
 * @param headline the variant to headline
 * @param steps the steps in order
 * @param results the variants computed, keyed in {@link Variant} order; GAUGE is absent when no
 *     gauge condition is needed
 * @param representationCost {@code ½‖θ̃(β)‖²}
 * @param stationaryDensity unnormalised {@code p(β)} with the headline variant, when a loss is
 *     declared
 * @param notation LaTeX for each symbol name that is not printed as itself (e.g. {@code beta$1}
 *     to {@code \beta_{1}})
 * @param structure the shapes, generators, gauge and representative as typed data; empty only
 *     for hand-built derivations (printer tests)
 */
public record Derivation(String designId, String title, String source,
    List<String> predictorSymbols, String temperature, Variant headline, List<Step> steps,
    Map<Variant, VariantResult> results, Expr representationCost,
    Optional<Expr> stationaryDensity, Map<String, String> notation,
    Optional<Structure> structure) {

  /** A derivation without typed structure (hand-built, e.g. in printer tests). */
  public Derivation(String designId, String title, String source, List<String> predictorSymbols,
      String temperature, Variant headline, List<Step> steps,
      Map<Variant, VariantResult> results, Expr representationCost,
      Optional<Expr> stationaryDensity, Map<String, String> notation) {
    this(designId, title, source, predictorSymbols, temperature, headline, steps, results,
        representationCost, stationaryDensity, notation, Optional.empty());
  }

  public Derivation {
    Objects.requireNonNull(designId);
    Objects.requireNonNull(title);
    predictorSymbols = List.copyOf(predictorSymbols);
    steps = List.copyOf(steps);
    java.util.EnumMap<Variant, VariantResult> copy = new java.util.EnumMap<>(Variant.class);
    copy.putAll(results);
    results = java.util.Collections.unmodifiableMap(copy);
    Objects.requireNonNull(stationaryDensity, "stationaryDensity (use Optional.empty())");
    notation = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(notation));
    Objects.requireNonNull(structure, "structure (use Optional.empty())");
    if (structure.isPresent() && !structure.get().predictor().symbols().equals(predictorSymbols)) {
      throw new IllegalArgumentException("predictor symbols " + predictorSymbols
          + " differ from the structure's " + structure.get().predictor().symbols());
    }
  }

  /** Whether every step completed. */
  public boolean complete() {
    return steps.stream().allMatch(s -> s.status() == Step.Status.DONE);
  }
}
