package org.gaugebias.symbolic.trace;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A layer of independent units (THEORY.md §3, the two-layer ReLU row): every Gram matrix is
 * block-diagonal over the units and each log-determinant is {@code Σ_{k=1}^{h} f(β_k)}, f derived
 * once from one generic unit (its predictor row β_k written with the index k).
 *
 * @param index the unit index symbol (k)
 * @param units h, the number of units of the design
 * @param perUnit per variant, f in the row symbols with the index ({@code beta$k$1, …})
 * @param sums per variant, {@code Sum[f, {k, 1, h}]} with h a symbol
 * @param checks how the fold was checked (against the assembled result, and at other h)
 */
public record UnitSum(String index, int units, Map<Variant, org.gaugebias.symbolic.expr.Expr>
    perUnit, Map<Variant, org.gaugebias.symbolic.expr.Expr> sums, List<Spectrum.Check> checks) {
  public UnitSum {
    Objects.requireNonNull(index, "index");
    perUnit = Map.copyOf(perUnit);
    sums = Map.copyOf(sums);
    checks = List.copyOf(checks);
  }
}
