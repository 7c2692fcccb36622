package org.gaugebias.symbolic.dynamics;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.gaugebias.symbolic.expr.Expr;
import org.gaugebias.symbolic.expr.Exprs;

/**
 * The marginal log-density of one predictor component, for log-densities that separate into a
 * sum of terms each depending on one component: then the law factorises and the marginal of
 * {@code β_j} is {@code exp} of the terms in {@code β_j} alone. Purely structural (sums, and
 * products with β-free factors are distributed); a term that couples two components makes the
 * log-density non-separable and is reported, never approximated.
 */
public final class Marginals {
  private Marginals() {
  }

  /** A log-density that couples predictor components. */
  public static final class NotSeparableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NotSeparableException(String message) {
      super(message);
    }
  }

  /**
   * The terms of {@code logDensity} that depend on {@code keep}, dropping those in the other
   * components of {@code all} and constants.
   *
   * @throws NotSeparableException when a term depends on {@code keep} and another component
   */
  public static Expr of(Expr logDensity, String keep, List<String> all) {
    Set<String> others = new LinkedHashSet<>(all);
    others.remove(keep);
    Expr out = separate(logDensity, keep, others, logDensity);
    return out == null ? Expr.integer(0) : out;
  }

  /** The part in {@code keep}, or null when there is none. */
  private static Expr separate(Expr e, String keep, Set<String> others, Expr whole) {
    Set<String> syms = Exprs.symbols(e);
    boolean mine = syms.contains(keep);
    boolean theirs = syms.stream().anyMatch(others::contains);
    if (!mine) {
      return null;
    }
    if (!theirs) {
      return e;
    }
    if (e instanceof Expr.Add a) {
      List<Expr> parts = new ArrayList<>();
      for (Expr t : a.terms()) {
        Expr p = separate(t, keep, others, whole);
        if (p != null) {
          parts.add(p);
        }
      }
      return parts.isEmpty() ? null : parts.size() == 1 ? parts.get(0) : new Expr.Add(parts);
    }
    if (e instanceof Expr.Mul m) {
      int dependent = -1;
      for (int i = 0; i < m.factors().size(); i++) {
        Set<String> fs = Exprs.symbols(m.factors().get(i));
        if (fs.contains(keep) || fs.stream().anyMatch(others::contains)) {
          if (dependent >= 0) {
            dependent = -2;
            break;
          }
          dependent = i;
        }
      }
      if (dependent >= 0) {
        Expr p = separate(m.factors().get(dependent), keep, others, whole);
        if (p == null) {
          return null;
        }
        List<Expr> fs = new ArrayList<>(m.factors());
        fs.set(dependent, p);
        return new Expr.Mul(fs);
      }
    }
    throw new NotSeparableException("the log-density " + whole.toWolfram() + " does not separate"
        + " into terms of single predictor components (the term " + e.toWolfram() + " couples "
        + keep + " with " + syms.stream().filter(others::contains).toList() + "), so the"
        + " marginal law of " + keep + " has no closed form here");
  }
}
