package org.gaugebias.symbolic.print;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gaugebias.symbolic.compile.Component;
import org.gaugebias.symbolic.compile.Variable;
import org.gaugebias.symbolic.design.Shape;
import org.gaugebias.symbolic.expr.Expr;
import org.gaugebias.symbolic.expr.Exprs;
import org.gaugebias.symbolic.trace.Derivation;
import org.gaugebias.symbolic.trace.Structure;

/**
 * Presents separable results as sums over coordinates: the terms {@code log|β_1|, …, log|β_n|} of
 * a sum become {@code Sum[log|β_i|, {i, 1, n}]}. A run of terms folds when each term's vector
 * components all carry the same index k, the terms are identical after renaming k to i, and k
 * runs over 1..n with n ≥ 2. Only for display: the derivation keeps the unfolded form, which is
 * what evaluation uses.
 */
public final class SumFolding {
  private static final String INDEX = "i";
  /** Vector components by symbol. */
  private final Map<String, Component> components = new HashMap<>();
  /** Components of matrices: a term with one of them does not fold. */
  private final Set<String> blocking = new HashSet<>();
  /** Vector variables by name. */
  private final Map<String, Variable> vectors = new HashMap<>();

  private SumFolding(List<Variable> variables) {
    for (Variable v : variables) {
      if (v.shape().kind() == Shape.Kind.VECTOR) {
        vectors.put(v.name(), v);
        v.components().forEach(c -> components.put(c.symbol(), c));
      } else if (v.shape().kind() == Shape.Kind.MATRIX) {
        blocking.addAll(v.symbols());
      }
    }
  }

  /** {@code e} with its separable sums folded, for a derivation with typed structure. */
  public static Expr fold(Expr e, Derivation d) {
    if (d.structure().isEmpty()) {
      return e;
    }
    Structure s = d.structure().get();
    Set<String> reserved = new HashSet<>(s.theta());
    reserved.addAll(s.predictor().symbols());
    reserved.add(d.temperature());
    if (reserved.contains(INDEX)) {
      return e;
    }
    List<Variable> variables = new ArrayList<>(s.parameters());
    variables.add(s.predictor());
    SumFolding f = new SumFolding(variables);
    return Exprs.map(e, x -> x instanceof Expr.Add a ? f.foldAdd(a) : null);
  }

  private Expr foldAdd(Expr.Add a) {
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
          out.add(atIndex(g.getKey(), k));
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

  /** The single index k shared by every vector component of t, or null. */
  private Integer commonIndex(Expr t) {
    Integer k = null;
    for (String s : Exprs.symbols(t)) {
      if (blocking.contains(s)) {
        return null;
      }
      Component c = components.get(s);
      if (c == null) {
        continue;
      }
      int v = c.indices().get(0);
      if (k != null && k != v) {
        return null;
      }
      k = v;
    }
    return k;
  }

  /** t with each vector component of index k replaced by the variable's indexed symbol. */
  private Expr withIndex(Expr t, int k) {
    return Exprs.map(t, x -> x instanceof Expr.Sym s && components.containsKey(s.name())
        && components.get(s.name()).indices().get(0) == k
        ? new Expr.Sym(vectors.get(components.get(s.name()).variable()).indexedBy(INDEX)) : null);
  }

  /** The inverse of {@link #withIndex}: indexed symbols back to components of index k. */
  private Expr atIndex(Expr t, int k) {
    Map<String, Expr> back = new HashMap<>();
    for (Variable v : vectors.values()) {
      back.put(v.indexedBy(INDEX), new Expr.Sym(v.components().get(k - 1).symbol()));
    }
    return Exprs.map(t, x -> x instanceof Expr.Sym s ? back.get(s.name()) : null);
  }
}
