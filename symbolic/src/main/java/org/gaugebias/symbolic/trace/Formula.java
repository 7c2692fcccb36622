package org.gaugebias.symbolic.trace;

import java.util.Objects;
import org.gaugebias.symbolic.expr.Expr;

/**
 * A named formula in a step: {@code name = expr}, with {@code name} a plain identifier used by
 * text and JSON output (e.g. {@code logdet_G}). {@code lhs} is an optional LaTeX fragment for
 * formulas the printers cannot typeset from the step kind and name (inverse design, hand-built
 * derivations); the forward derivation leaves it empty and {@code print.FormulaLhs} typesets it.
 */
public record Formula(String name, String lhs, Expr expr) {
  public Formula {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(lhs, "lhs");
    Objects.requireNonNull(expr, "expr");
  }

  /** A formula typeset by the printers from its step kind and name. */
  public Formula(String name, Expr expr) {
    this(name, "", expr);
  }
}
