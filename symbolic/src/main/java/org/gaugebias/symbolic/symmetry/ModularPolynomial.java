package org.gaugebias.symbolic.symmetry;

import java.util.HashMap;
import java.util.Map;

/**
 * A sparse polynomial with coefficients in F_p ({@link Modular}): the image of a
 * {@link Polynomial} under reduction mod p. Reduction commutes with sums, products and
 * derivatives, so a Lie bracket computed here and evaluated at an integer point is the reduction
 * of the exact value; the vector fields of {@link GradientLieAlgebra} are built this way because
 * exact rational brackets of network predictors grow too fast.
 */
final class ModularPolynomial {
  static final ModularPolynomial ZERO = new ModularPolynomial(Map.of());
  private final Map<Monomial, Long> terms;

  private ModularPolynomial(Map<Monomial, Long> terms) {
    this.terms = terms;
  }

  static ModularPolynomial of(Polynomial p) {
    Map<Monomial, Long> out = new HashMap<>();
    p.terms().forEach((m, c) -> {
      long v = Modular.of(c);
      if (v != 0) {
        out.put(m, v);
      }
    });
    return new ModularPolynomial(out);
  }

  int size() {
    return terms.size();
  }

  boolean isZero() {
    return terms.isEmpty();
  }

  int degree() {
    int d = 0;
    for (Monomial m : terms.keySet()) {
      d = Math.max(d, m.degree());
    }
    return d;
  }

  /** ∂/∂θ_v. */
  ModularPolynomial derivative(int v) {
    Map<Monomial, Long> out = new HashMap<>();
    terms.forEach((m, c) -> {
      int e = m.exponent(v);
      if (e > 0) {
        accumulate(out, m.withoutOne(v), Modular.mul(c, e));
      }
    });
    return new ModularPolynomial(out);
  }

  /** The variables that occur. */
  java.util.Set<Integer> variables() {
    java.util.Set<Integer> out = new java.util.TreeSet<>();
    for (Monomial m : terms.keySet()) {
      for (int v : m.vars()) {
        out.add(v);
      }
    }
    return out;
  }

  /** Value at a point of F_p^d. */
  long at(long[] x) {
    long sum = 0;
    for (Map.Entry<Monomial, Long> t : terms.entrySet()) {
      long v = t.getValue();
      for (int i : t.getKey().vars()) {
        v = Modular.mul(v, x[i]);
      }
      sum = Modular.add(sum, v);
    }
    return sum;
  }

  /**
   * Adds the gradient of this polynomial at {@code x}, times {@code scale}, into {@code row}
   * (one pass over the terms: for each variable of a monomial, the monomial without it).
   */
  void addGradientAt(long[] x, long scale, long[] row) {
    for (Map.Entry<Monomial, Long> t : terms.entrySet()) {
      int[] vs = t.getKey().vars();
      long c = Modular.mul(t.getValue(), scale);
      for (int k = 0; k < vs.length; k++) {
        if (k > 0 && vs[k] == vs[k - 1]) {
          continue;
        }
        // ∂/∂θ_v of c·Π θ: e·c·Π_{others}; multiplying over all positions but one occurrence
        long v = c;
        int e = 0;
        boolean skipped = false;
        for (int q = 0; q < vs.length; q++) {
          if (vs[q] == vs[k]) {
            e++;
            if (!skipped) {
              skipped = true;
              continue;
            }
          }
          v = Modular.mul(v, x[vs[q]]);
        }
        row[vs[k]] = Modular.add(row[vs[k]], Modular.mul(v, e));
      }
    }
  }

  /** {@code this + c·a·b}, the accumulation step of a bracket. */
  static void accumulateProduct(Map<Monomial, Long> out, ModularPolynomial a,
      ModularPolynomial b, long c) {
    for (Map.Entry<Monomial, Long> x : a.terms.entrySet()) {
      long cx = Modular.mul(x.getValue(), c);
      for (Map.Entry<Monomial, Long> y : b.terms.entrySet()) {
        accumulate(out, x.getKey().times(y.getKey()), Modular.mul(cx, y.getValue()));
      }
    }
  }

  static ModularPolynomial from(Map<Monomial, Long> terms) {
    terms.values().removeIf(v -> v == 0);
    return new ModularPolynomial(terms);
  }

  private static void accumulate(Map<Monomial, Long> out, Monomial m, long c) {
    Long old = out.get(m);
    long s = old == null ? c : Modular.add(old, c);
    if (s == 0) {
      out.remove(m);
    } else {
      out.put(m, s);
    }
  }
}
