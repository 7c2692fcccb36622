package org.gaugebias.symbolic.inverse;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.gaugebias.symbolic.cas.Algebra;
import org.gaugebias.symbolic.design.KroneckerDecl;
import org.gaugebias.symbolic.design.NamedTransform;
import org.gaugebias.symbolic.design.SourcePos;
import org.gaugebias.symbolic.expr.Expr;
import org.gaugebias.symbolic.expr.Exprs;
import org.gaugebias.symbolic.expr.NumericEvaluator;

/**
 * A family-1 target (THEORY.md §4) written with a Kronecker analysis operator,
 * {@code T/2*Total[Log[Abs[KroneckerProduct[A, B].beta]]]}: the operator the target's linear forms
 * make (D, each row up to a non-zero scale, which only moves the additive constant, and in any
 * order, which the sum Σ_i log|(Dβ)_i| does not see) is checked to be the product of the
 * factors written in the target, so that the design declares it by its
 * factors ({@code Op: kron(dct 8, dct 8)}) and the forward proof keeps it that way. Factors equal
 * to a named transform of their size (in double precision, 1e-12) are written by name; others
 * become constants {@code F1}, {@code F2}, … of the design.
 *
 * @param kronecker the operator by its factors
 * @param literals the factors written as literal constants, by name
 */
record KroneckerTarget(KroneckerDecl kronecker, Map<String, Expr> literals) {

  /** The Kronecker operator of {@code target} that its rows are, if there is one. */
  static Optional<KroneckerTarget> of(Algebra cas, Expr target, Set<String> comps,
      List<List<Expr>> rows, String file) {
    try {
      return find(cas, target, comps, rows, file);
    } catch (RuntimeException e) {
      return Optional.empty(); // a factor the CAS or the numeric evaluator cannot read
    }
  }

  private static Optional<KroneckerTarget> find(Algebra cas, Expr target, Set<String> comps,
      List<List<Expr>> rows, String file) {
    List<Expr.Fn> found = new ArrayList<>();
    Exprs.map(target, x -> {
      if (x instanceof Expr.Fn f && f.head().equals("KroneckerProduct") && f.args().size() >= 2
          && x.isFreeOf(comps)) {
        found.add(f);
      }
      return null;
    });
    SourcePos at = SourcePos.start(file);
    for (Expr.Fn f : found) {
      List<List<List<Expr>>> factors = new ArrayList<>();
      for (Expr a : f.args()) {
        Optional<List<List<Expr>>> m = square(cas.evaluate(a));
        if (m.isEmpty()) {
          break;
        }
        factors.add(m.get());
      }
      if (factors.size() != f.args().size() || !matches(factors, rows)) {
        continue;
      }
      List<KroneckerDecl.Factor> out = new ArrayList<>();
      Map<String, Expr> literals = new java.util.LinkedHashMap<>();
      for (List<List<Expr>> m : factors) {
        Optional<NamedTransform> named = named(m);
        if (named.isPresent()) {
          NamedTransform t = named.get();
          out.add(new KroneckerDecl.Factor(KroneckerDecl.label(t), t.declaration(), named,
              t.meaning(), t.matrix(), at));
        } else {
          String name = "F" + (literals.size() + 1);
          Expr value = new Expr.Vec(m.stream().map(r -> (Expr) new Expr.Vec(r)).toList());
          literals.put(name, value);
          out.add(new KroneckerDecl.Factor(name, name, Optional.empty(), "the constant "
              + m.size() + "×" + m.size() + " matrix " + name + " of the design", value, at));
        }
      }
      return Optional.of(new KroneckerTarget(new KroneckerDecl(out), literals));
    }
    return Optional.empty();
  }

  /**
   * The named transform of D's size whose rows D's rows are, each up to a non-zero scale and in
   * any order (the test {@link #of} applies to a product, in double precision: 1e-9 relative to a
   * row's largest entry), if one is. Such a D is declared by name ({@code Op: dct 64}) instead of
   * as n² literal entries; the scales and the order only move the additive constant.
   */
  static Optional<NamedTransform> namedRows(List<List<Expr>> rows) {
    int n = rows.size();
    if (n < 2 || n > NamedTransform.LARGEST) {
      return Optional.empty();
    }
    try {
      for (NamedTransform.Kind kind : NamedTransform.Kind.values()) {
        if (kind == NamedTransform.Kind.HADAMARD && Integer.bitCount(n) != 1) {
          continue;
        }
        NamedTransform t = new NamedTransform(kind, n);
        if (matches(List.of(square(t.matrix()).orElseThrow()), rows)) {
          return Optional.of(t);
        }
      }
    } catch (RuntimeException e) {
      return Optional.empty(); // an entry the numeric evaluator cannot read
    }
    return Optional.empty();
  }

  /** Whether the rows of D are non-zero multiples of the rows of F_1 ⊗ F_2 ⊗ …, in some order. */
  private static boolean matches(List<List<List<Expr>>> factors, List<List<Expr>> rows) {
    double[][] k = {{1}};
    for (List<List<Expr>> f : factors) {
      double[][] fv = NumericEvaluator.matrix(f);
      int n = k.length;
      int m = fv.length;
      double[][] next = new double[n * m][n * m];
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < m; j++) {
          for (int p = 0; p < n; p++) {
            for (int q = 0; q < m; q++) {
              next[i * m + j][p * m + q] = k[i][p] * fv[j][q];
            }
          }
        }
      }
      k = next;
    }
    if (k.length != rows.size()) {
      return false;
    }
    double[][] d = NumericEvaluator.matrix(rows);
    boolean[] used = new boolean[k.length];
    for (double[] row : d) {
      boolean found = false;
      for (int r = 0; r < k.length && !found; r++) {
        if (!used[r] && proportional(row, k[r])) {
          used[r] = true;
          found = true;
        }
      }
      if (!found) {
        return false;
      }
    }
    return true;
  }

  /** Whether {@code d} = s·{@code k} for some s ≠ 0 (1e-9 relative to d's largest entry). */
  private static boolean proportional(double[] d, double[] k) {
    int pivot = 0;
    for (int j = 0; j < k.length; j++) {
      if (Math.abs(k[j]) > Math.abs(k[pivot])) {
        pivot = j;
      }
    }
    double scale = d[pivot] / k[pivot];
    if (!(Math.abs(scale) > 0) || !Double.isFinite(scale)) {
      return false;
    }
    for (int j = 0; j < k.length; j++) {
      if (!(Math.abs(d[j] - scale * k[j]) <= 1e-9 * Math.abs(d[pivot]))) {
        return false;
      }
    }
    return true;
  }

  /** The named transform equal to {@code m} (1e-12 per entry), if one is. */
  private static Optional<NamedTransform> named(List<List<Expr>> m) {
    double[][] v = NumericEvaluator.matrix(m);
    int n = v.length;
    for (NamedTransform.Kind kind : NamedTransform.Kind.values()) {
      if (kind == NamedTransform.Kind.HADAMARD && Integer.bitCount(n) != 1) {
        continue;
      }
      NamedTransform t = new NamedTransform(kind, n);
      double[][] w = NumericEvaluator.matrix(square(t.matrix()).orElseThrow());
      boolean equal = true;
      for (int i = 0; i < n && equal; i++) {
        for (int j = 0; j < n && equal; j++) {
          equal = Math.abs(v[i][j] - w[i][j]) <= 1e-12;
        }
      }
      if (equal) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }

  private static Optional<List<List<Expr>>> square(Expr e) {
    if (!(e instanceof Expr.Vec rows) || rows.items().isEmpty()) {
      return Optional.empty();
    }
    int n = rows.items().size();
    List<List<Expr>> out = new ArrayList<>();
    for (Expr r : rows.items()) {
      if (!(r instanceof Expr.Vec row) || row.items().size() != n
          || row.items().stream().anyMatch(x -> x instanceof Expr.Vec)) {
        return Optional.empty();
      }
      out.add(row.items());
    }
    return Optional.of(out);
  }

}
