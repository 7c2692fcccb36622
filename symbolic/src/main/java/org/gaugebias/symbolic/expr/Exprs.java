package org.gaugebias.symbolic.expr;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** Structural helpers on {@link Expr}: traversal, substitution, list access. */
public final class Exprs {
  private Exprs() {
  }

  /** Symbols occurring in {@code e}, in order of first occurrence (never constants Pi, E). */
  public static Set<String> symbols(Expr e) {
    Set<String> out = new LinkedHashSet<>();
    collect(e, out);
    return out;
  }

  private static void collect(Expr e, Set<String> out) {
    if (e instanceof Expr.Sym s) {
      if (!isConstant(s.name())) {
        out.add(s.name());
      }
    } else {
      children(e).forEach(c -> collect(c, out));
    }
  }

  /** Whether {@code name} is a built-in constant rather than a variable. */
  public static boolean isConstant(String name) {
    return name.equals("Pi") || name.equals("E") || name.equals("EulerGamma")
        || name.equals("Infinity");
  }

  /** Replaces symbols by expressions (simultaneously, no re-evaluation). */
  public static Expr substitute(Expr e, Map<String, ? extends Expr> rules) {
    return map(e, x -> x instanceof Expr.Sym s && rules.containsKey(s.name())
        ? rules.get(s.name()) : null);
  }

  /**
   * Bottom-up rewrite: {@code rule} returns a replacement or {@code null} to keep the node
   * (children are rewritten first unless the rule replaces the node itself).
   */
  public static Expr map(Expr e, Function<Expr, Expr> rule) {
    Expr replaced = rule.apply(e);
    if (replaced != null) {
      return replaced;
    }
    if (e instanceof Expr.Add a) {
      return new Expr.Add(mapAll(a.terms(), rule));
    } else if (e instanceof Expr.Mul m) {
      return new Expr.Mul(mapAll(m.factors(), rule));
    } else if (e instanceof Expr.Pow p) {
      return new Expr.Pow(map(p.base(), rule), map(p.exponent(), rule));
    } else if (e instanceof Expr.Fn f) {
      return new Expr.Fn(f.head(), mapAll(f.args(), rule));
    } else if (e instanceof Expr.Vec v) {
      return new Expr.Vec(mapAll(v.items(), rule));
    }
    return e;
  }

  private static List<Expr> mapAll(List<Expr> xs, Function<Expr, Expr> rule) {
    List<Expr> out = new ArrayList<>(xs.size());
    for (Expr x : xs) {
      out.add(map(x, rule));
    }
    return out;
  }

  /** The items of a list expression; fails with a clear message otherwise. */
  public static List<Expr> items(Expr e) {
    if (e instanceof Expr.Vec v) {
      return v.items();
    }
    throw new IllegalArgumentException("expected a list, got " + e.toWolfram());
  }

  /** A matrix (list of equal-length lists) as rows. */
  public static List<List<Expr>> rows(Expr e) {
    List<List<Expr>> out = new ArrayList<>();
    for (Expr row : items(e)) {
      out.add(items(row));
    }
    return out;
  }

  /** A matrix expression from rows. */
  public static Expr matrix(List<List<Expr>> rows) {
    List<Expr> out = new ArrayList<>();
    for (List<Expr> r : rows) {
      out.add(new Expr.Vec(r));
    }
    return new Expr.Vec(out);
  }

  /**
   * The principal solution of a Solve result: {@code ConditionalExpression[x + 2 π C[1],
   * C[1] ∈ Integers]} → x with every {@code C[k] → 0}. Callers check it numerically.
   */
  public static Expr principal(Expr e) {
    Expr body = e instanceof Expr.Fn f && f.head().equals("ConditionalExpression")
        ? f.args().get(0) : e;
    return map(body, x -> x instanceof Expr.Fn c && c.head().equals("C")
        ? Expr.integer(0) : null);
  }

  /** Whether {@code e} is a list of equal-length, non-empty lists: a matrix. */
  public static boolean isMatrix(Expr e) {
    if (!(e instanceof Expr.Vec v) || v.items().isEmpty()) {
      return false;
    }
    int cols = -1;
    for (Expr row : v.items()) {
      if (!(row instanceof Expr.Vec r) || r.items().isEmpty()
          || (cols >= 0 && r.items().size() != cols)) {
        return false;
      }
      cols = r.items().size();
    }
    return true;
  }

  public static boolean isZero(Expr e) {
    return e instanceof Expr.Num n && n.num().signum() == 0;
  }

  /** Number of nodes; a cheap size measure for choosing between equivalent forms. */
  public static int size(Expr e) {
    return 1 + children(e).stream().mapToInt(Exprs::size).sum();
  }

  /** The direct sub-expressions of {@code e} (empty for atoms). */
  public static List<Expr> children(Expr e) {
    if (e instanceof Expr.Add a) {
      return a.terms();
    } else if (e instanceof Expr.Mul m) {
      return m.factors();
    } else if (e instanceof Expr.Pow p) {
      return List.of(p.base(), p.exponent());
    } else if (e instanceof Expr.Fn f) {
      return f.args();
    } else if (e instanceof Expr.Vec v) {
      return v.items();
    }
    return List.of();
  }
}
