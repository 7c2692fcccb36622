package org.gaugebias.symbolic.inverse;

import org.gaugebias.symbolic.cas.Algebra;
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

  static Expr canonical(Algebra cas, Expr e) {
    return splitLogs(signs(cas, e));
  }

  /** {@code Log[c·|x|·|y|] → Log[c] + Log[|x|] + Log[|y|]} for positive numbers c. */
  private static Expr splitLogs(Expr e) {
    return Exprs.map(e, x -> {
      if (x instanceof Expr.Fn f && f.head().equals("Log") && f.args().size() == 1
          && f.args().get(0) instanceof Expr.Mul m && m.factors().stream().allMatch(
              AbsForms::positiveFactor)) {
        java.util.List<Expr> logs = new java.util.ArrayList<>();
        for (Expr factor : m.factors()) {
          logs.add(Expr.log(splitLogs(factor)));
        }
        return new Expr.Add(logs);
      }
      return null;
    });
  }

  private static boolean positiveFactor(Expr f) {
    if (f instanceof Expr.Fn a && a.head().equals("Abs")) {
      return true;
    }
    if (!Exprs.symbols(f).isEmpty()) {
      return false;
    }
    try {
      return org.gaugebias.symbolic.expr.NumericEvaluator.eval(f, java.util.Map.of()) > 0;
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static Expr signs(Algebra cas, Expr e) {
    return Exprs.map(e, x -> {
      if (x instanceof Expr.Fn f && f.head().equals("Abs") && f.args().size() == 1) {
        // Symja pulls constants out of Abs and may flip signs itself: compare its own results
        Expr a = cas.evaluate(Expr.fn("Abs", Expr.fn("Expand", f.args().get(0))));
        Expr b = cas.evaluate(Expr.fn("Abs", Expr.fn("Expand",
            Expr.mul(Expr.integer(-1), f.args().get(0)))));
        return a.toWolfram().compareTo(b.toWolfram()) <= 0 ? a : b;
      }
      return null;
    });
  }
}
