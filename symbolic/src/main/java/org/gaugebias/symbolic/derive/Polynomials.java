package org.gaugebias.symbolic.derive;

import java.util.Set;
import org.gaugebias.symbolic.expr.Expr;
import org.gaugebias.symbolic.expr.Exprs;

/** Structural polynomial facts about expressions, without calling the CAS. */
final class Polynomials {
  private Polynomials() {
  }

  /**
   * Degree of {@code x} in {@code e} if e is polynomial in x (x only under sums, products and
   * non-negative integer powers), else {@link Integer#MAX_VALUE}.
   */
  static int degreeIn(Expr e, String x) {
    if (!Exprs.symbols(e).contains(x)) {
      return 0;
    }
    if (e instanceof Expr.Sym) {
      return 1;
    }
    if (e instanceof Expr.Add a) {
      int d = 0;
      for (Expr t : a.terms()) {
        d = Math.max(d, degreeIn(t, x));
      }
      return d;
    }
    if (e instanceof Expr.Mul m) {
      long d = 0;
      for (Expr t : m.factors()) {
        int k = degreeIn(t, x);
        if (k == Integer.MAX_VALUE) {
          return k;
        }
        d += k;
      }
      return (int) Math.min(d, Integer.MAX_VALUE - 1);
    }
    if (e instanceof Expr.Pow p && p.exponent() instanceof Expr.Num n && n.isInteger()
        && n.num().signum() > 0 && !Exprs.symbols(p.exponent()).contains(x)) {
      int k = degreeIn(p.base(), x);
      return k == Integer.MAX_VALUE ? k : k * n.num().intValue();
    }
    return Integer.MAX_VALUE;
  }

  /**
   * Whether {@code e} is a polynomial with rational coefficients in its symbols (sums, products
   * and positive integer powers of symbols that are not named constants such as {@code Pi}):
   * {@code PowerExpand} has nothing to do on it.
   */
  static boolean isPolynomial(Expr e) {
    if (e instanceof Expr.Num) {
      return true;
    }
    if (e instanceof Expr.Sym s) {
      return !Exprs.isConstant(s.name());
    }
    if (e instanceof Expr.Add a) {
      return a.terms().stream().allMatch(Polynomials::isPolynomial);
    }
    if (e instanceof Expr.Mul m) {
      return m.factors().stream().allMatch(Polynomials::isPolynomial);
    }
    return e instanceof Expr.Pow p && p.exponent() instanceof Expr.Num n && n.isInteger()
        && n.num().signum() > 0 && isPolynomial(p.base());
  }

  /** Whether {@code e} involves any of {@code names}. */
  static boolean involves(Expr e, Set<String> names) {
    return !e.isFreeOf(names);
  }
}
