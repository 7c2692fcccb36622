package org.gaugebias.symbolic.symmetry;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.gaugebias.symbolic.expr.Expr;
import org.hipparchus.fraction.BigFraction;

/**
 * An immutable sparse multivariate polynomial with exact rational coefficients in the variables
 * θ_0 … θ_{d−1} (indices into the parameter list). Used where an identity must hold exactly:
 * the predictor, its derivatives and the check {@code J_f(θ) A θ ≡ 0}.
 */
final class Polynomial {
  static final Polynomial ZERO = new Polynomial(Map.of());
  private final Map<Monomial, BigFraction> terms;

  private Polynomial(Map<Monomial, BigFraction> terms) {
    this.terms = terms;
  }

  static Polynomial constant(BigFraction c) {
    return c.signum() == 0 ? ZERO : new Polynomial(Map.of(Monomial.ONE, c));
  }

  static Polynomial variable(int i) {
    return new Polynomial(Map.of(Monomial.variable(i), BigFraction.ONE));
  }

  /** The terms (do not modify). */
  Map<Monomial, BigFraction> terms() {
    return Collections.unmodifiableMap(terms);
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

  Polynomial plus(Polynomial o) {
    Map<Monomial, BigFraction> out = new HashMap<>(terms);
    o.terms.forEach((m, c) -> accumulate(out, m, c));
    return new Polynomial(out);
  }

  Polynomial times(Polynomial o) {
    Map<Monomial, BigFraction> out = new HashMap<>();
    for (Map.Entry<Monomial, BigFraction> a : terms.entrySet()) {
      for (Map.Entry<Monomial, BigFraction> b : o.terms.entrySet()) {
        accumulate(out, a.getKey().times(b.getKey()), a.getValue().multiply(b.getValue()));
      }
    }
    return new Polynomial(out);
  }

  /**
   * Σ_j a_j·b_j for the j where both are given and non-zero, accumulated in one map (repeated
   * {@link #plus} copies the running sum at every step).
   */
  static Polynomial sumOfProducts(Map<Integer, Polynomial> a, List<Polynomial> b) {
    Map<Monomial, BigFraction> out = new HashMap<>();
    for (Map.Entry<Integer, Polynomial> e : a.entrySet()) {
      Polynomial x = b.get(e.getKey());
      if (x.isZero()) {
        continue;
      }
      for (Map.Entry<Monomial, BigFraction> s : e.getValue().terms.entrySet()) {
        for (Map.Entry<Monomial, BigFraction> t : x.terms.entrySet()) {
          accumulate(out, s.getKey().times(t.getKey()), s.getValue().multiply(t.getValue()));
        }
      }
    }
    return new Polynomial(out);
  }

  Polynomial scale(BigFraction c) {
    if (c.signum() == 0) {
      return ZERO;
    }
    Map<Monomial, BigFraction> out = new HashMap<>();
    terms.forEach((m, x) -> out.put(m, x.multiply(c)));
    return new Polynomial(out);
  }

  Polynomial timesVariable(int v) {
    Map<Monomial, BigFraction> out = new HashMap<>();
    terms.forEach((m, x) -> out.put(m.timesVariable(v), x));
    return new Polynomial(out);
  }

  /** ∂/∂θ_v. */
  Polynomial derivative(int v) {
    Map<Monomial, BigFraction> out = new HashMap<>();
    terms.forEach((m, c) -> {
      int e = m.exponent(v);
      if (e > 0) {
        accumulate(out, m.withoutOne(v), c.multiply(e));
      }
    });
    return new Polynomial(out);
  }

  /** Value at a point, in double precision. */
  double at(double[] x) {
    double sum = 0;
    for (Map.Entry<Monomial, BigFraction> t : terms.entrySet()) {
      double v = t.getValue().doubleValue();
      for (int i : t.getKey().vars()) {
        v *= x[i];
      }
      sum += v;
    }
    return sum;
  }

  /** The variables that occur, ascending. */
  TreeSet<Integer> variables() {
    TreeSet<Integer> out = new TreeSet<>();
    for (Monomial m : terms.keySet()) {
      for (int v : m.vars()) {
        out.add(v);
      }
    }
    return out;
  }

  ModularPolynomial modular() {
    return ModularPolynomial.of(this);
  }

  /** As an expression in the named variables, terms in graded order (deterministic output). */
  Expr toExpr(List<String> names) {
    List<Monomial> order = new ArrayList<>(terms.keySet());
    Collections.sort(order);
    List<Expr> sum = new ArrayList<>();
    for (Monomial m : order) {
      List<Expr> factors = new ArrayList<>();
      BigFraction c = terms.get(m);
      if (!c.equals(BigFraction.ONE) || m.degree() == 0) {
        factors.add(new Expr.Num(c.getNumerator(), c.getDenominator()));
      }
      int[] vs = m.vars();
      for (int i = 0; i < vs.length; ) {
        int j = i;
        while (j < vs.length && vs[j] == vs[i]) {
          j++;
        }
        Expr s = new Expr.Sym(names.get(vs[i]));
        factors.add(j - i == 1 ? s : Expr.pow(s, Expr.integer(j - i)));
        i = j;
      }
      sum.add(factors.size() == 1 ? factors.get(0) : new Expr.Mul(factors));
    }
    return sum.isEmpty() ? Expr.integer(0) : sum.size() == 1 ? sum.get(0) : new Expr.Add(sum);
  }

  /**
   * The polynomial an expression denotes, if it is one: numbers, the given variables, sums,
   * products and non-negative integer powers; anything else (another symbol, a function, a real)
   * gives empty. {@code maxTerms} bounds the expansion.
   */
  static Optional<Polynomial> of(Expr e, Map<String, Integer> index, int maxTerms) {
    try {
      return Optional.of(convert(e, index, maxTerms));
    } catch (NotPolynomial ignored) {
      return Optional.empty();
    }
  }

  private static final class NotPolynomial extends RuntimeException {
    NotPolynomial() {
      super(null, null, false, false);
    }
  }

  private static Polynomial convert(Expr e, Map<String, Integer> index, int maxTerms) {
    Polynomial out;
    if (e instanceof Expr.Num n) {
      out = constant(new BigFraction(n.num(), n.den()));
    } else if (e instanceof Expr.Sym s && index.containsKey(s.name())) {
      out = variable(index.get(s.name()));
    } else if (e instanceof Expr.Add a) {
      out = ZERO;
      for (Expr t : a.terms()) {
        out = out.plus(convert(t, index, maxTerms));
      }
    } else if (e instanceof Expr.Mul m) {
      out = constant(BigFraction.ONE);
      for (Expr f : m.factors()) {
        out = out.times(convert(f, index, maxTerms));
        check(out, maxTerms);
      }
    } else if (e instanceof Expr.Pow p && p.exponent() instanceof Expr.Num n && n.isInteger()
        && n.num().signum() >= 0 && n.num().compareTo(BigInteger.valueOf(64)) <= 0) {
      Polynomial base = convert(p.base(), index, maxTerms);
      out = constant(BigFraction.ONE);
      for (int k = 0; k < n.num().intValue(); k++) {
        out = out.times(base);
        check(out, maxTerms);
      }
    } else {
      throw new NotPolynomial();
    }
    check(out, maxTerms);
    return out;
  }

  private static void check(Polynomial p, int maxTerms) {
    if (p.size() > maxTerms) {
      throw new NotPolynomial();
    }
  }

  private static void accumulate(Map<Monomial, BigFraction> out, Monomial m, BigFraction c) {
    BigFraction s = out.containsKey(m) ? out.get(m).add(c) : c;
    if (s.signum() == 0) {
      out.remove(m);
    } else {
      out.put(m, s);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Polynomial p && p.terms.equals(terms);
  }

  @Override
  public int hashCode() {
    return terms.hashCode();
  }
}
