package org.gaugebias.symbolic.derive.matrix;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.gaugebias.symbolic.expr.Expr;
import org.hipparchus.fraction.BigFraction;

/**
 * A sparse polynomial with rational coefficients in the frame variables d_1 … d_r (the diagonal
 * entries of the representative's factors). Tangent vectors, Jacobian rows and Gram entries at
 * the diagonal representative are such polynomials; products of sparse entries stay exact
 * without a CAS call per entry.
 */
record Poly(Map<Mono, BigFraction> terms) {
  static final Poly ZERO = new Poly(Map.of());

  /** Exponents of d_1 … d_r. */
  record Mono(int[] exps) implements Comparable<Mono> {
    @Override
    public boolean equals(Object o) {
      return o instanceof Mono m && Arrays.equals(exps, m.exps);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(exps);
    }

    @Override
    public int compareTo(Mono o) {
      return Arrays.compare(o.exps, exps);
    }

    Mono times(Mono o) {
      int[] e = new int[exps.length];
      for (int i = 0; i < e.length; i++) {
        e[i] = exps[i] + o.exps[i];
      }
      return new Mono(e);
    }

    int degree() {
      return Arrays.stream(exps).sum();
    }
  }

  Poly {
    terms = Map.copyOf(terms);
  }

  static Poly constant(BigFraction c, int vars) {
    return c.signum() == 0 ? ZERO : new Poly(Map.of(new Mono(new int[vars]), c));
  }

  static Poly variable(int i, int vars) {
    int[] e = new int[vars];
    e[i] = 1;
    return new Poly(Map.of(new Mono(e), BigFraction.ONE));
  }

  boolean isZero() {
    return terms.isEmpty();
  }

  Poly plus(Poly o) {
    Map<Mono, BigFraction> out = new HashMap<>(terms);
    o.terms.forEach((m, c) -> out.merge(m, c, BigFraction::add));
    out.values().removeIf(c -> c.signum() == 0);
    return new Poly(out);
  }

  Poly times(Poly o) {
    Map<Mono, BigFraction> out = new HashMap<>();
    for (var a : terms.entrySet()) {
      for (var b : o.terms.entrySet()) {
        out.merge(a.getKey().times(b.getKey()), a.getValue().multiply(b.getValue()),
            BigFraction::add);
      }
    }
    out.values().removeIf(c -> c.signum() == 0);
    return new Poly(out);
  }

  Poly scale(BigFraction c) {
    return times(constant(c, vars()));
  }

  int vars() {
    return terms.keySet().stream().findFirst().map(m -> m.exps.length).orElse(0);
  }

  /** The variables (0-based) that occur. */
  List<Integer> variables() {
    List<Integer> out = new ArrayList<>();
    for (Mono m : terms.keySet()) {
      for (int i = 0; i < m.exps.length; i++) {
        if (m.exps[i] != 0 && !out.contains(i)) {
          out.add(i);
        }
      }
    }
    out.sort(null);
    return out;
  }

  double value(double[] d) {
    double s = 0;
    for (var t : terms.entrySet()) {
      double v = t.getValue().doubleValue();
      int[] e = t.getKey().exps;
      for (int i = 0; i < e.length; i++) {
        v *= Math.pow(d[i], e[i]);
      }
      s += v;
    }
    return s;
  }

  /** The same polynomial with variables renamed: variable i becomes {@code to[i]}. */
  Poly rename(int[] to, int vars) {
    Map<Mono, BigFraction> out = new HashMap<>();
    terms.forEach((m, c) -> {
      int[] e = new int[vars];
      for (int i = 0; i < m.exps.length; i++) {
        if (m.exps[i] != 0) {
          e[to[i]] += m.exps[i];
        }
      }
      out.put(new Mono(e), c);
    });
    return new Poly(out);
  }

  /**
   * The expression with each d_i written through {@code power(i, k)} = d_i^k (e.g.
   * σ_i^{k/L}); terms in a fixed order so that equal polynomials print alike.
   */
  Expr toExpr(java.util.function.BiFunction<Integer, Integer, Expr> power) {
    List<Expr> sum = new ArrayList<>();
    for (var t : new TreeMap<>(terms).entrySet()) {
      List<Expr> f = new ArrayList<>();
      BigFraction c = t.getValue();
      f.add(new Expr.Num(c.getNumerator(), c.getDenominator()));
      int[] e = t.getKey().exps;
      for (int i = 0; i < e.length; i++) {
        if (e[i] != 0) {
          f.add(power.apply(i, e[i]));
        }
      }
      if (f.size() > 1 && c.equals(BigFraction.ONE)) {
        f.remove(0);
      }
      sum.add(f.size() == 1 ? f.get(0) : new Expr.Mul(f));
    }
    return sum.isEmpty() ? Expr.integer(0) : sum.size() == 1 ? sum.get(0) : new Expr.Add(sum);
  }

  /**
   * Reads a polynomial expression in which each symbol is either a frame variable or has a
   * polynomial value ({@code values}); empty when the expression is not polynomial.
   */
  static Optional<Poly> of(Expr e, Map<String, Poly> values, int vars) {
    if (e instanceof Expr.Num n) {
      return Optional.of(constant(new BigFraction(n.num(), n.den()), vars));
    }
    if (e instanceof Expr.Sym s) {
      return Optional.ofNullable(values.get(s.name()));
    }
    if (e instanceof Expr.Add a) {
      Poly s = ZERO;
      for (Expr t : a.terms()) {
        Optional<Poly> p = of(t, values, vars);
        if (p.isEmpty()) {
          return p;
        }
        s = s.plus(p.get());
      }
      return Optional.of(s);
    }
    if (e instanceof Expr.Mul m) {
      Poly s = constant(BigFraction.ONE, vars);
      for (Expr t : m.factors()) {
        Optional<Poly> p = of(t, values, vars);
        if (p.isEmpty()) {
          return p;
        }
        s = s.times(p.get());
        if (s.isZero()) {
          return Optional.of(ZERO);
        }
      }
      return Optional.of(s);
    }
    if (e instanceof Expr.Pow p && p.exponent() instanceof Expr.Num k && k.isInteger()
        && k.num().signum() >= 0 && k.num().bitLength() < 8) {
      Optional<Poly> b = of(p.base(), values, vars);
      if (b.isEmpty()) {
        return b;
      }
      Poly s = constant(BigFraction.ONE, vars);
      for (int i = 0; i < k.num().intValue(); i++) {
        s = s.times(b.get());
      }
      return Optional.of(s);
    }
    return Optional.empty();
  }

  /** ∂/∂x_var. */
  Poly derivative(int var) {
    Map<Mono, BigFraction> out = new HashMap<>();
    terms.forEach((m, c) -> {
      int k = m.exps[var];
      if (k > 0) {
        int[] e = m.exps.clone();
        e[var] = k - 1;
        out.merge(new Mono(e), c.multiply(k), BigFraction::add);
      }
    });
    out.values().removeIf(c -> c.signum() == 0);
    return new Poly(out);
  }

  /** The polynomial with variable i replaced by {@code values.get(i)} ({@code vars} variables). */
  Poly substitute(List<Poly> values, int vars) {
    Poly s = ZERO;
    for (var t : terms.entrySet()) {
      Poly term = constant(t.getValue(), vars);
      int[] e = t.getKey().exps;
      for (int i = 0; i < e.length && !term.isZero(); i++) {
        for (int k = 0; k < e[i]; k++) {
          term = term.times(values.get(i));
        }
      }
      s = s.plus(term);
    }
    return s;
  }

  /** Whether every coefficient is positive (then the value is positive at positive d). */
  boolean positiveCoefficients() {
    return terms.values().stream().allMatch(c -> c.signum() > 0);
  }
}
