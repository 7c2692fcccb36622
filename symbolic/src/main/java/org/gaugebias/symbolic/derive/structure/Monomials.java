package org.gaugebias.symbolic.derive.structure;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.gaugebias.symbolic.expr.Expr;

/** Products of parameters ({@code u$1 v$1}, {@code x^2 y}): derivatives and coefficients. */
final class Monomials {
  private Monomials() {
  }

  /** ∂m/∂x for a product of symbols and symbols to positive integer powers. */
  static Expr derivative(Expr m, String x) {
    List<Expr> factors = m instanceof Expr.Mul mul ? mul.factors() : List.of(m);
    List<Expr> out = new ArrayList<>();
    boolean found = false;
    for (Expr f : factors) {
      if (f instanceof Expr.Sym s && s.name().equals(x)) {
        found = true;
      } else if (f instanceof Expr.Pow p && p.base() instanceof Expr.Sym s && s.name().equals(x)
          && p.exponent() instanceof Expr.Num k) {
        found = true;
        out.add(0, k);
        BigInteger e = k.num().subtract(BigInteger.ONE);
        if (e.signum() > 0) {
          out.add(e.equals(BigInteger.ONE) ? s : new Expr.Pow(s, new Expr.Num(e, BigInteger.ONE)));
        }
      } else {
        out.add(f);
      }
    }
    if (!found) {
      return Expr.integer(0);
    }
    return out.isEmpty() ? Expr.integer(1) : out.size() == 1 ? out.get(0) : new Expr.Mul(out);
  }

  /** {@code c·e} without a unit factor. */
  static Expr times(Expr c, Expr e) {
    if (c instanceof Expr.Num n && n.num().equals(n.den())) {
      return e;
    }
    if (e instanceof Expr.Num n && n.num().equals(n.den())) {
      return c;
    }
    List<Expr> out = new ArrayList<>();
    out.addAll(c instanceof Expr.Mul m ? m.factors() : List.of(c));
    out.addAll(e instanceof Expr.Mul m ? m.factors() : List.of(e));
    return new Expr.Mul(out);
  }
}
