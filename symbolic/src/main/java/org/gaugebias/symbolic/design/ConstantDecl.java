package org.gaugebias.symbolic.design;

import java.util.Objects;
import org.gaugebias.symbolic.expr.Expr;

/**
 * A named fixed value (a number, vector or matrix literal) that expressions may use.
 *
 * @param name the name
 * @param value the literal, unevaluated
 * @param pos where the name is written
 * @param valuePos where the literal starts (for errors inside it)
 */
public record ConstantDecl(String name, Expr value, SourcePos pos, SourcePos valuePos) {
  public ConstantDecl {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(pos, "pos");
    Objects.requireNonNull(valuePos, "valuePos");
  }
}
