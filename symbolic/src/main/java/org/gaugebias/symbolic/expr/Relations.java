package org.gaugebias.symbolic.expr;

import java.util.Map;
import java.util.Optional;

/**
 * Numeric truth of a relation such as {@code u > 0} or {@code Sqrt[u*v] < 2*T} (a design's
 * assumptions and domain bounds).
 */
public final class Relations {
  private Relations() {
  }

  /**
   * Whether {@code relation} holds at {@code env}; empty when it is not an order relation or
   * cannot be evaluated there (e.g. it involves symbols without values).
   */
  public static Optional<Boolean> holds(Expr relation, Map<String, Double> env,
      NumericFunctions fns) {
    if (!(relation instanceof Expr.Fn f && f.args().size() == 2)) {
      return Optional.empty();
    }
    double lhs;
    double rhs;
    try {
      lhs = NumericEvaluator.eval(f.args().get(0), env, fns);
      rhs = NumericEvaluator.eval(f.args().get(1), env, fns);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    switch (f.head()) {
      case "Greater":
        return Optional.of(lhs > rhs);
      case "GreaterEqual":
        return Optional.of(lhs >= rhs);
      case "Less":
        return Optional.of(lhs < rhs);
      case "LessEqual":
        return Optional.of(lhs <= rhs);
      default:
        return Optional.empty();
    }
  }
}
