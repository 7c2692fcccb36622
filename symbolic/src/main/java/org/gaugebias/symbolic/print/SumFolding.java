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

  /** Whether terms in components i and i − 1 fold too (differences: total variation). */
  private final boolean offsets;

  private SumFolding(List<Variable> variables, boolean offsets) {
    this.offsets = offsets;
    for (Variable v : variables) {
      if (v.shape().kind() == Shape.Kind.VECTOR) {
        vectors.put(v.name(), v);
        v.components().forEach(c -> components.put(c.symbol(), c));
      } else if (v.shape().kind() == Shape.Kind.MATRIX) {
        blocking.addAll(v.symbols());
      }
    }
  }

  /** Predictors with more components than this print every sum over coordinates folded. */
  private static final int AT_SIZE = 8;

  /**
   * {@code e} folded when the derivation is at size (more than {@value #AT_SIZE} predictor
   * components: n = 200 prints Σ, not 200 terms); small designs print as derived.
   */
  public static Expr foldAtSize(Expr e, Derivation d) {
    return d.predictorSymbols().size() > AT_SIZE ? fold(e, d, true) : e;
  }

  /** {@code e} with its separable sums folded, for a derivation with typed structure. */
  public static Expr fold(Expr e, Derivation d) {
    return fold(e, d, false);
  }

  private static Expr fold(Expr e, Derivation d, boolean offsets) {
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
    SumFolding f = new SumFolding(variables, offsets);
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
      List<Integer> sorted = ks.stream().sorted().toList();
      int from = sorted.get(0);
      boolean full = n >= 2 && (offsets ? sorted.equals(range(from, from + n - 1))
          : sorted.equals(range(1, n)));
      if (full) {
        out.add(Expr.fn("Sum", g.getKey(), new Expr.Vec(List.of(new Expr.Sym(INDEX),
            Expr.integer(from), Expr.integer(from + n - 1)))));
      } else {
        for (int k : ks) {
          out.add(atIndex(g.getKey(), k));
        }
      }
    }
    out.addAll(rest);
    return out.size() == 1 ? out.get(0) : new Expr.Add(out);
  }

  private static List<Integer> range(int from, int to) {
    List<Integer> r = new ArrayList<>();
    for (int i = from; i <= to; i++) {
      r.add(i);
    }
    return r;
  }

  /**
   * The single index k shared by every vector component of t (with offsets: the largest index,
   * the others all k − 1), or null.
   */
  private Integer commonIndex(Expr t) {
    Integer k = null;
    Integer low = null;
    for (String s : Exprs.symbols(t)) {
      if (blocking.contains(s)) {
        return null;
      }
      Component c = components.get(s);
      if (c == null) {
        continue;
      }
      int v = c.indices().get(0);
      k = k == null ? v : Math.max(k, v);
      low = low == null ? v : Math.min(low, v);
    }
    if (k == null) {
      return null;
    }
    return k.equals(low) || offsets && low == k - 1 ? k : null;
  }

  /** t with each vector component of index k (k − 1) replaced by the indexed symbol i (i-1). */
  private Expr withIndex(Expr t, int k) {
    return Exprs.map(t, x -> {
      if (!(x instanceof Expr.Sym s) || !components.containsKey(s.name())) {
        return null;
      }
      Component c = components.get(s.name());
      int j = c.indices().get(0);
      Variable v = vectors.get(c.variable());
      return j == k ? new Expr.Sym(v.indexedBy(INDEX))
          : j == k - 1 ? new Expr.Sym(v.indexedBy(INDEX + "-1")) : null;
    });
  }

  /** The inverse of {@link #withIndex}: indexed symbols back to components of index k. */
  private Expr atIndex(Expr t, int k) {
    Map<String, Expr> back = new HashMap<>();
    for (Variable v : vectors.values()) {
      back.put(v.indexedBy(INDEX), new Expr.Sym(v.components().get(k - 1).symbol()));
      if (k >= 2) {
        back.put(v.indexedBy(INDEX + "-1"), new Expr.Sym(v.components().get(k - 2).symbol()));
      }
    }
    return Exprs.map(t, x -> x instanceof Expr.Sym s ? back.get(s.name()) : null);
  }
}
