package org.gaugebias.symbolic.trace;

import java.util.Objects;
import org.gaugebias.symbolic.expr.Expr;

/**
 * A named formula in a step: {@code lhs = expr}. {@code lhs} is a LaTeX fragment (e.g.
 * {@code \det G}) and {@code name} a plain identifier used by text and JSON output
 * (e.g. {@code det_G}).
 */
public record Formula(String name, String lhs, Expr expr) {
  public Formula {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(lhs, "lhs");
    Objects.requireNonNull(expr, "expr");
  }
}
