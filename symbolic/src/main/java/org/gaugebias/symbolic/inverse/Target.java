package org.gaugebias.symbolic.inverse;

import java.util.List;
import java.util.Objects;
import org.gaugebias.symbolic.compile.Variable;
import org.gaugebias.symbolic.design.Shape;
import org.gaugebias.symbolic.expr.Expr;

/**
 * A target regulariser R*(β): the bias, in the quotient variant (the law of β under projected
 * noise, THEORY.md §3–4), that the designed parameterisation must induce up to a constant.
 *
 * @param expr the target in the predictor's component symbols ({@code beta$1 …}) and T
 * @param variable the predictor's name ({@code beta})
 * @param dimension number of predictor components
 * @param temperature the temperature symbol
 * @param temperatureValue when present, the design need only work at this temperature
 *     (THEORY.md §4: r = log(1 + β²) has a closed-form answer at T = 1 only)
 * @param source the target as the user wrote it
 */
public record Target(Expr expr, String variable, int dimension, String temperature,
    java.util.Optional<Expr.Num> temperatureValue, String source) {
  public Target {
    Objects.requireNonNull(expr);
    if (dimension < 1) {
      throw new IllegalArgumentException("dimension must be at least 1");
    }
  }

  /** The temperature as it enters the construction: its fixed value, or the symbol. */
  public Expr temperatureExpr() {
    return temperatureValue.<Expr>map(v -> v).orElse(new Expr.Sym(temperature));
  }

  /** The predictor as a shaped variable: a scalar for dimension 1, else a vector. */
  public Variable predictor() {
    return Variable.of(variable, dimension == 1 ? Shape.scalar() : Shape.vector(dimension));
  }

  /** Component symbols: {@code beta} for dimension 1, else {@code beta$1 … beta$n}. */
  public List<String> components() {
    return predictor().symbols();
  }

  /** What the variable stands for in an expression: a symbol or the list of components. */
  public Expr value() {
    return predictor().value();
  }
}
