package org.gaugebias.symbolic.size;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gaugebias.symbolic.expr.Expr;
import org.gaugebias.symbolic.trace.Derivation;
import org.gaugebias.symbolic.trace.StepFacts;
import org.gaugebias.symbolic.trace.Variant;
import org.gaugebias.symbolic.trace.VariantResult;

/**
 * A derivation for every n written out at one n, for {@code eval}: the sums become their terms,
 * the predictor's components {@code beta$1 … beta$n} ({@code beta$k$j} for blocks of several
 * outputs). What {@code trace.PointEvaluation} then evaluates is the closed form itself.
 */
public final class SizedEvaluation {
  /** The largest n {@code eval} writes a closed form out at. */
  public static final int MAX_SIZE = 1_000_000;

  private SizedEvaluation() {
  }

  /** The symbolic-size facts of a derivation, when it took the size route. */
  public static Optional<StepFacts.SymbolicSize> facts(Derivation d) {
    return d.steps().stream().map(s -> s.facts())
        .filter(f -> f instanceof StepFacts.SymbolicSize)
        .map(f -> (StepFacts.SymbolicSize) f).findFirst();
  }

  /** The predictor's component symbols at size n, in flattening order. */
  public static List<String> predictorSymbols(StepFacts.SymbolicSize z, int n) {
    List<String> out = new ArrayList<>();
    for (int k = 1; k <= n; k++) {
      if (z.outputsPerBlock() == 1) {
        out.add(z.predictor() + "$" + k);
      } else {
        for (int j = 1; j <= z.outputsPerBlock(); j++) {
          out.add(z.predictor() + "$" + k + "$" + j);
        }
      }
    }
    return out;
  }

  /** {@code d} (a derivation by {@link SizeRoute}) with its size at {@code n}. */
  public static Derivation at(Derivation d, int n) {
    StepFacts.SymbolicSize z = facts(d).orElseThrow(() -> new IllegalArgumentException(
        "not a derivation for every size"));
    if (n < 1 || n > MAX_SIZE) {
      throw new IllegalArgumentException("size " + n + " outside 1.." + MAX_SIZE);
    }
    String size = z.size();
    Map<Variant, VariantResult> results = new EnumMap<>(Variant.class);
    d.results().forEach((v, r) -> results.put(v, new VariantResult(v,
        IndexedSums.expand(r.logDet(), size, n), IndexedSums.expand(r.bias(), size, n),
        IndexedSums.expand(r.droppedConstant(), size, n), r.pseudoDeterminant())));
    Expr repCost = IndexedSums.expand(d.representationCost(), size, n);
    return new Derivation(d.designId(), d.title(), d.source(), predictorSymbols(z, n),
        d.temperature(), d.headline(), List.of(), results, repCost,
        d.stationaryDensity().map(e -> IndexedSums.expand(e, size, n)), Map.of(),
        Optional.empty());
  }
}
