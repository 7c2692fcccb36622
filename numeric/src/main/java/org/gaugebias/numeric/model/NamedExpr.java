package org.gaugebias.numeric.model;

import java.util.Objects;
import org.gaugebias.symbolic.expr.Expr;

/** A formula with a display name, e.g. a moment map {@code "u^2 - v^2"}. */
public record NamedExpr(String name, Expr expr) {
  public NamedExpr {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(expr, "expr");
  }
}
