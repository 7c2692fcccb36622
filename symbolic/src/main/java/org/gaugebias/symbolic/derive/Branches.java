package org.gaugebias.symbolic.derive;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.gaugebias.symbolic.expr.Expr;
import org.gaugebias.symbolic.expr.Exprs;

/**
 * Extends formulas derived on the positive branch to every sign branch. On the positive branch a
 * root {@code b^(1/k)} or a logarithm {@code log b} of a predictor expression has {@code b > 0};
 * on the other branches the representative differs by signs of θ and the same magnitudes appear
 * with {@code |b|}. The extension is a hypothesis that the engine then checks numerically on
 * random points of every branch (the NUMERIC_CHECK step).
 */
final class Branches {
  private Branches() {
  }

  /** {@code |θ̃|}: fractional powers of predictor expressions get {@code Abs} on their base. */
  static Expr absoluteRepresentative(Expr e, Set<String> beta,
      java.util.function.Predicate<Expr> positiveEverywhere) {
    return Exprs.map(e, x -> {
      if (x instanceof Expr.Pow p && p.exponent() instanceof Expr.Num n && !n.isInteger()
          && !p.base().isFreeOf(beta) && !isAbs(p.base()) && !positiveEverywhere.test(p.base())) {
        return new Expr.Pow(Expr.fn("Abs", p.base()), n);
      }
      return null;
    });
  }

  /**
   * {@code |a − b|} is printed as {@code |b − a|} when that puts a positive term first
   * ({@code Abs[-w1 + w2]} rather than {@code Abs[w1 - w2]} with a leading minus).
   */
  static Expr leadingPositive(Expr e) {
    if (e instanceof Expr.Add a && !a.terms().isEmpty() && negative(a.terms().get(0))) {
      List<Expr> flipped = new ArrayList<>();
      for (Expr t : a.terms()) {
        flipped.add(negate(t));
      }
      flipped.sort(Comparator.comparing(Branches::negative));
      return new Expr.Add(flipped);
    }
    return e;
  }

  private static boolean negative(Expr t) {
    return t instanceof Expr.Mul m && !m.factors().isEmpty()
        && m.factors().get(0) instanceof Expr.Num n && n.num().signum() < 0
        || t instanceof Expr.Num n2 && n2.num().signum() < 0;
  }

  private static Expr negate(Expr t) {
    if (t instanceof Expr.Num n) {
      return new Expr.Num(n.num().negate(), n.den());
    }
    if (t instanceof Expr.Mul m && m.factors().get(0) instanceof Expr.Num n) {
      List<Expr> rest = new ArrayList<>(m.factors());
      Expr.Num neg = new Expr.Num(n.num().negate(), n.den());
      if (neg.isInteger() && neg.num().intValue() == 1 && rest.size() > 1) {
        rest.remove(0);
        return rest.size() == 1 ? rest.get(0) : new Expr.Mul(rest);
      }
      rest.set(0, neg);
      return new Expr.Mul(rest);
    }
    return Expr.mul(Expr.integer(-1), t);
  }

  static boolean isAbs(Expr e) {
    return e instanceof Expr.Fn f && f.head().equals("Abs");
  }
}
