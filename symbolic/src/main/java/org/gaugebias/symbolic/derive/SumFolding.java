package org.gaugebias.symbolic.derive;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gaugebias.symbolic.expr.Expr;
import org.gaugebias.symbolic.expr.Exprs;

/**
 * Presents separable results as sums over coordinates: the terms {@code log|β_1|, …, log|β_n|} of
 * a sum become {@code Sum[log|β_i|, {i, 1, n}]}. A run of terms folds when each term's indexed
 * symbols ({@code X$k}) all carry the same index k, the terms are identical after renaming k to
 * i, and k runs over 1..n with n ≥ 2. Only for display: evaluation uses the unfolded form.
 */
final class SumFolding {
  private static final String INDEX = "i";

  private SumFolding() {
  }

  static Expr fold(Expr e, Set<String> reserved) {
    if (reserved.contains(INDEX)) {
      return e;
    }
    return Exprs.map(e, x -> x instanceof Expr.Add a ? foldAdd(a) : null);
  }

  private static Expr foldAdd(Expr.Add a) {
    Map<Expr, List<Integer>> groups = new LinkedHashMap<>();
    List<Expr> rest = new ArrayList<>();
    for (Expr t : a.terms()) {
      Integer k = commonIndex(t);
      if (k == null) {
        rest.add(t);
        continue;
      }
      groups.computeIfAbsent(withIndex(t, k), key -> new ArrayList<>()).add(k);
    }
    List<Expr> out = new ArrayList<>();
    for (Map.Entry<Expr, List<Integer>> g : groups.entrySet()) {
      List<Integer> ks = g.getValue();
      int n = ks.size();
      boolean full = n >= 2 && ks.stream().sorted().toList().equals(range(n));
      if (full) {
        out.add(Expr.fn("Sum", g.getKey(), new Expr.Vec(List.of(new Expr.Sym(INDEX),
            Expr.integer(1), Expr.integer(n)))));
      } else {
        for (int k : ks) {
          out.add(Exprs.map(g.getKey(), x -> x instanceof Expr.Sym s && s.name().endsWith("$"
              + INDEX) ? new Expr.Sym(s.name().substring(0, s.name().length() - 1) + k) : null));
        }
      }
    }
    out.addAll(rest);
    return out.size() == 1 ? out.get(0) : new Expr.Add(out);
  }

  private static List<Integer> range(int n) {
    List<Integer> r = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      r.add(i);
    }
    return r;
  }

  /** The single index k shared by every {@code X$k} symbol of t, or null. */
  private static Integer commonIndex(Expr t) {
    Integer k = null;
    for (String s : Exprs.symbols(t)) {
      int d = s.indexOf('$');
      if (d < 0) {
        continue;
      }
      String idx = s.substring(d + 1);
      if (!idx.matches("\\d+")) {
        return null;
      }
      int v = Integer.parseInt(idx);
      if (k != null && k != v) {
        return null;
      }
      k = v;
    }
    return k;
  }

  private static Expr withIndex(Expr t, int k) {
    return Exprs.map(t, x -> x instanceof Expr.Sym s && s.name().endsWith("$" + k)
        && s.name().indexOf('$') == s.name().lastIndexOf('$')
        ? new Expr.Sym(s.name().substring(0, s.name().indexOf('$')) + "$" + INDEX) : null);
  }
}
