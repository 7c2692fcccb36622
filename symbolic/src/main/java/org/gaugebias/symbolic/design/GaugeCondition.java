package org.gaugebias.symbolic.design;

import java.util.Objects;
import org.gaugebias.symbolic.expr.Expr;

/**
 * One declared gauge condition {@code χ(θ) = 0}. A condition written {@code lhs == rhs} is stored
 * as {@code lhs - rhs} (that is {@code Plus[lhs, Times[-1, rhs]]}), which keeps its normalisation
 * exactly as written: the gauge variant depends on it (THEORY.md §2).
 *
 * @param expr χ
 * @param pos where the condition starts
 */
public record GaugeCondition(Expr expr, SourcePos pos) {
  public GaugeCondition {
    Objects.requireNonNull(expr, "expr");
    Objects.requireNonNull(pos, "pos");
  }
}
