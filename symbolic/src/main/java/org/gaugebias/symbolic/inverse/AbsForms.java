package org.gaugebias.symbolic.inverse;

import org.gaugebias.symbolic.cas.SymjaSession;
import org.gaugebias.symbolic.expr.Expr;
import org.gaugebias.symbolic.expr.Exprs;

/**
 * One spelling for {@code |x| = |−x|}: Symja's Simplify does not know that
 * {@code Log[Abs[b1 - b2]] - Log[Abs[b2 - b1]] = 0}. Each {@code Abs} argument is expanded and
 * replaced by its negation when that prints first in a fixed order.
 */
final class AbsForms {
  private AbsForms() {
  }

  static Expr canonical(SymjaSession cas, Expr e) {
    return Exprs.map(e, x -> {
      if (x instanceof Expr.Fn f && f.head().equals("Abs") && f.args().size() == 1) {
        Expr a = cas.eval("Expand[" + f.args().get(0).toWolfram() + "]");
        Expr b = cas.eval("Expand[-(" + f.args().get(0).toWolfram() + ")]");
        return Expr.fn("Abs", a.toWolfram().compareTo(b.toWolfram()) <= 0 ? a : b);
      }
      return null;
    });
  }
}
