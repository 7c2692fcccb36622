package org.gaugebias.symbolic.derive;

import java.util.ArrayList;
import java.util.List;
import org.gaugebias.symbolic.expr.Expr;
import org.gaugebias.symbolic.expr.Exprs;

/**
 * Inverse pairs such as {@code InverseErf[Erf[x]] → x}, and {@code (a^p)^q → a^(pq)} and {@code (a b)^q → a^q b^q} for rational exponents: valid for
 * positive bases, which is what a branch of the representative has. Symja 3.0.0's
 * {@code PowerExpand} leaves {@code Sqrt[x^2]} alone, so the engine applies these itself and
 * accepts the result only where it agrees numerically on the branch ({@link RepresentativeSolver}).
 */
final class PowerRules {
  private PowerRules() {
  }

  /** f[g[x]] → x for these inverse pairs (principal branches; checked numerically by callers). */
  private static final java.util.Map<String, String> INVERSE = java.util.Map.of(
      "InverseErf", "Erf", "Erf", "InverseErf", "Tan", "ArcTan", "ArcTan", "Tan");

  static Expr expand(Expr e) {
    return Exprs.map(e, x -> {
      if (x instanceof Expr.Fn f && f.args().size() == 1 && INVERSE.containsKey(f.head())
          && f.args().get(0) instanceof Expr.Fn g && g.args().size() == 1
          && g.head().equals(INVERSE.get(f.head()))) {
        return expand(g.args().get(0));
      }
      if (!(x instanceof Expr.Pow p) || !(p.exponent() instanceof Expr.Num q)) {
        return null;
      }
      Expr base = expand(p.base());
      if (base instanceof Expr.Pow inner && inner.exponent() instanceof Expr.Num r) {
        return power(inner.base(), multiply(r, q));
      }
      if (base instanceof Expr.Mul m && !q.isInteger()) {
        List<Expr> out = new ArrayList<>();
        for (Expr f : m.factors()) {
          out.add(expand(new Expr.Pow(f, q)));
        }
        return new Expr.Mul(out);
      }
      return new Expr.Pow(base, q);
    });
  }

  private static Expr power(Expr base, Expr.Num exp) {
    return exp.isInteger() && exp.num().intValue() == 1 && exp.num().bitLength() < 3 ? base
        : new Expr.Pow(base, exp);
  }

  private static Expr.Num multiply(Expr.Num a, Expr.Num b) {
    return new Expr.Num(a.num().multiply(b.num()), a.den().multiply(b.den()));
  }
}
