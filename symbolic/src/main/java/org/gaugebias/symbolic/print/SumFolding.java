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

  /** Predictors with more components than this print sums with offsets folded too. */
  private static final int AT_SIZE = 8;

  private SumFolding(List<Variable> variables, boolean offsets, int unitRows) {
    this.offsets = offsets;
    for (Variable v : variables) {
      if (v.shape().kind() == Shape.Kind.VECTOR) {
        vectors.put(v.name(), v);
        v.components().forEach(c -> components.put(c.symbol(), c));
      } else if (v.shape().kind() == Shape.Kind.MATRIX && (v.shape().rows() > AT_SIZE
          || v.shape().rows() == unitRows)) {
        // a layer of units (derived as Σ_k f(β_k): trace.UnitSum) folds over its rows too
        // a tall matrix (one row per unit of a layer): a term in one row k folds over the rows
        v.components().forEach(c -> components.put(c.symbol(), c));
      } else if (v.shape().kind() == Shape.Kind.MATRIX) {
        blocking.addAll(v.symbols());
      }
    }
  }

  /** {@code e} with its separable sums folded, for a derivation with typed structure. */
  public static Expr fold(Expr e, Derivation d) {
    return folder(d).map(f -> Exprs.map(e, x -> x instanceof Expr.Add a
        ? f.foldAll(a.terms(), "Sum") : null)).orElse(e);
  }

  /**
   * {@code e} with its separable products folded as well ({@code Π_i |β_i|^{-1/2}}), for the
   * displayed stationary density.
   */
  public static Expr foldProducts(Expr e, Derivation d) {
    return folder(d).map(f -> Exprs.map(e, x -> x instanceof Expr.Mul m
        ? f.foldAll(m.factors(), "Product") : null)).orElse(e);
  }

  /**
   * {@code e} with sums of neighbouring differences folded as well ({@code Σ_{i=2}^{n} log|w_i −
   * w_{i-1}|}) when the derivation is at size (more than {@value #AT_SIZE} predictor components:
   * n = 200 prints Σ, not 200 terms); small designs print as derived.
   */
  public static Expr foldAtSize(Expr e, Derivation d) {
    if (d.predictorSymbols().size() <= AT_SIZE) {
      return e;
    }
    return folder(d, true).map(f -> Exprs.map(e, x -> x instanceof Expr.Add a
        ? f.foldAll(a.terms(), "Sum") : null)).orElse(e);
  }

  private static java.util.Optional<SumFolding> folder(Derivation d) {
    return folder(d, false);
  }

  private static java.util.Optional<SumFolding> folder(Derivation d, boolean offsets) {
    if (d.structure().isEmpty()) {
      return java.util.Optional.empty();
    }
    Structure s = d.structure().get();
    Set<String> reserved = new HashSet<>(s.theta());
    reserved.addAll(s.predictor().symbols());
    reserved.add(d.temperature());
    if (reserved.contains(INDEX)) {
      return java.util.Optional.empty();
    }
    List<Variable> variables = new ArrayList<>(s.parameters());
    variables.add(s.predictor());
    OperatorDisplay.vector(d).ifPresent(variables::add);
    return java.util.Optional.of(new SumFolding(variables, offsets,
        s.units().map(org.gaugebias.symbolic.trace.UnitSum::units).orElse(-1)));
  }

  private Expr foldAll(List<Expr> items, String head) {
    Map<Expr, List<Integer>> groups = new LinkedHashMap<>();
    List<Expr> children = new ArrayList<>();
    for (Expr t : items) {
      // inner sums and products fold first (a product of sums, a sum of products)
      children.add(head.equals("Sum") ? Exprs.map(t, x -> x instanceof Expr.Add a && a != t
          ? foldAll(a.terms(), "Sum") : null) : Exprs.map(t, x -> x instanceof Expr.Mul m
          && m != t ? foldAll(m.factors(), "Product") : null));
    }
    // a folded group takes the place of its first term; every other term keeps its place
    List<Object[]> slots = new ArrayList<>();
    for (Expr t : children) {
      Integer k = commonIndex(t);
      if (k == null) {
        slots.add(new Object[] {t});
        continue;
      }
      Expr key = withIndex(t, k);
      slots.add(new Object[] {t, key});
      groups.computeIfAbsent(key, x -> new ArrayList<>()).add(k);
    }
    List<Expr> out = new ArrayList<>();
    Set<Expr> emitted = new HashSet<>();
    for (Object[] slot : slots) {
      if (slot.length == 1) {
        out.add((Expr) slot[0]);
        continue;
      }
      Expr key = (Expr) slot[1];
      List<Integer> ks = groups.get(key);
      int n = ks.size();
      List<Integer> sorted = ks.stream().sorted().toList();
      int from = sorted.get(0);
      boolean full = n >= 2 && (offsets ? sorted.equals(range(from, from + n - 1))
          : sorted.equals(range(1, n)));
      if (!full) {
        out.add((Expr) slot[0]);
      } else if (emitted.add(key)) {
        out.add(Expr.fn(head, key, new Expr.Vec(List.of(new Expr.Sym(INDEX),
            Expr.integer(from), Expr.integer(from + n - 1)))));
      }
    }
    if (out.size() == 1) {
      return out.get(0);
    }
    return head.equals("Sum") ? new Expr.Add(out) : new Expr.Mul(out);
  }

  /**
   * A displayed formula row: {@code name = expr}, for {@code count} values of the index i when
   * {@code count > 1} (then {@code name} and {@code expr} are written with i).
   */
  public record Row(String name, String lhs, Expr expr, int count) { }

  /**
   * Formulas that differ only by a vector index, {@code ũ_1 = √β_1, …, ũ_n = √β_n}, as one
   * row {@code ũ_i = √β_i, i = 1..n}: large designs print by structure, not entry by entry.
   * The name is a vector component ({@code u$3}) or ends in {@code _k} ({@code chi_3}); only a
   * complete run k = 1..n (n ≥ 2) folds.
   */
  public static List<Row> rows(List<org.gaugebias.symbolic.trace.Formula> fs, Derivation d) {
    java.util.Optional<SumFolding> folder = folder(d);
    List<Row> out = new ArrayList<>();
    int i = 0;
    while (i < fs.size()) {
      org.gaugebias.symbolic.trace.Formula f = fs.get(i);
      int j = i;
      if (folder.isPresent() && f.lhs().isBlank()) {
        SumFolding sf = folder.get();
        Key first = sf.key(f, 1);
        while (first != null && j + 1 < fs.size()) {
          Key next = sf.key(fs.get(j + 1), j + 2 - i);
          if (next == null || !next.equals(first)) {
            break;
          }
          j++;
        }
        if (first != null && j > i) {
          out.add(new Row(first.name(), "", first.expr(), j - i + 1));
          i = j + 1;
          continue;
        }
      }
      out.add(new Row(f.name(), f.lhs(), f.expr(), 1));
      i++;
    }
    return out;
  }

  /**
   * Expressions (assumptions) that differ only by a vector index, {@code u_1 > 0, …, u_n > 0},
   * as one row {@code u_i > 0} with count n; others as rows of count 1.
   */
  public static List<Row> foldExprs(List<Expr> es, Derivation d) {
    java.util.Optional<SumFolding> folder = folder(d);
    List<Row> out = new ArrayList<>();
    int i = 0;
    while (i < es.size()) {
      int j = i;
      if (folder.isPresent()) {
        SumFolding sf = folder.get();
        Expr first = sf.indexed(es.get(i), 1);
        while (first != null && j + 1 < es.size()
            && first.equals(sf.indexed(es.get(j + 1), j + 2 - i))) {
          j++;
        }
        if (first != null && j > i) {
          out.add(new Row("", "", first, j - i + 1));
          i = j + 1;
          continue;
        }
      }
      out.add(new Row("", "", es.get(i), 1));
      i++;
    }
    return out;
  }

  /** {@code e} with its index k written as i, or null when k is not its one index. */
  private Expr indexed(Expr e, int k) {
    Integer common = commonIndex(e);
    return common == null || common != k || e instanceof Expr.Vec ? null : withIndex(e, k);
  }

  /** A formula with index k written as i: its name and expression; null if it has no index k. */
  private record Key(String name, Expr expr) { }

  private Key key(org.gaugebias.symbolic.trace.Formula f, int k) {
    String name;
    Component c = components.get(f.name());
    if (c != null && c.indices().size() == 1 && c.indices().get(0) == k) {
      name = vectors.get(c.variable()).indexedBy(INDEX);
    } else if (f.name().endsWith("_" + k) && f.name().length() > ("_" + k).length()) {
      name = f.name().substring(0, f.name().length() - String.valueOf(k).length()) + INDEX;
    } else {
      return null;
    }
    Integer common = commonIndex(f.expr());
    if (common == null || common != k || f.expr() instanceof Expr.Vec) {
      return null;
    }
    return new Key(name, withIndex(f.expr(), k));
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
      if (c.indices().size() == 2) {
        // an entry (k, col) of a tall matrix: written (i, col); symbol syntax as Variable's
        return j == k ? new Expr.Sym(c.variable() + "$" + INDEX + "$" + c.indices().get(1))
            : null;
      }
      Variable v = vectors.get(c.variable());
      return j == k ? new Expr.Sym(v.indexedBy(INDEX))
          : j == k - 1 ? new Expr.Sym(v.indexedBy(INDEX + "-1")) : null;
    });
  }
}
