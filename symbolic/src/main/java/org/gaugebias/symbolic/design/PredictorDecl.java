package org.gaugebias.symbolic.design;

import java.util.Objects;
import org.gaugebias.symbolic.expr.Expr;

/**
 * The predictor map {@code β = f(θ)}: the one function of the parameters the model computes.
 *
 * @param name the predictor's symbol (e.g. {@code beta}); the loss is written in it
 * @param expr {@code f(θ)}, unevaluated, elementwise on vectors
 * @param pos where the name is written
 * @param exprPos where the expression starts (for errors inside it)
 */
public record PredictorDecl(String name, Expr expr, SourcePos pos, SourcePos exprPos) {
  public PredictorDecl {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(expr, "expr");
    Objects.requireNonNull(pos, "pos");
    Objects.requireNonNull(exprPos, "exprPos");
  }
}
