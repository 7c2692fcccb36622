package org.gaugebias.symbolic.inverse;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.gaugebias.symbolic.expr.Expr;
import org.gaugebias.symbolic.expr.Exprs;
import org.gaugebias.symbolic.expr.NumericEvaluator;

/**
 * R_quot − R* for family 1 (THEORY.md §4) without Simplify: both sides are sums
 * {@code w·log|c·ℓ(β)|} of linear forms ℓ. Each term is split into its weight, the form scaled
 * to a leading coefficient 1 (the key) and the constant log|c·pivot|; the difference is constant
 * exactly when every key's weights cancel (as functions of T, compared at two temperatures),
 * and the constant is then the sum of the weighted constant logs, rational scales multiplied
 * exactly. Symja's Simplify does not see that {@code log(|ℓ|/3) − log|ℓ| = −log 3} (at n = 12 it
 * left the forms in the printed constant) and is too slow for 2 × 200 logarithms.
 */
final class LogSums {
  private static final double[] TEMPERATURES = {1.0, 0.7};

  private LogSums() {
  }

  /** One term w·log|scale·form|: the form's normalised coefficients as the key. */
  private record Term(Expr weight, List<Double> key, List<Expr> exactKey, Expr scale) { }

  /**
   * The constant value of {@code diff}, or empty when a term is not a weighted logarithm of a
   * linear form, or some form's weights do not cancel.
   */
  static Optional<Expr> constant(Expr diff, List<String> components, String temperature) {
    Set<String> comps = new HashSet<>(components);
    List<Expr> terms = diff instanceof Expr.Add a ? flatten(a) : List.of(diff);
    List<Expr> free = new ArrayList<>();
    Map<List<Object>, List<Term>> byKey = new LinkedHashMap<>();
    List<Term> all = new ArrayList<>();
    for (Expr t : terms) {
      if (t.isFreeOf(comps)) {
        free.add(t);
        continue;
      }
      Optional<Term> term = term(t, comps, components);
      if (term.isEmpty()) {
        return Optional.empty();
      }
      all.add(term.get());
      byKey.computeIfAbsent(bucket(term.get()), k -> new ArrayList<>()).add(term.get());
    }
    for (List<Term> group : byKey.values()) {
      for (double temp : TEMPERATURES) {
        double w = 0;
        double scale = 0;
        for (Term t : group) {
          double wi = weight(t.weight(), temperature, temp);
          w += wi;
          scale += Math.abs(wi);
        }
        if (!(Math.abs(w) <= 1e-12 * Math.max(1, scale))) {
          return Optional.empty();
        }
      }
      if (!sameForm(group)) {
        return Optional.empty();
      }
    }
    return Optional.of(constantPart(all, free));
  }

  /** The terms of {@code e}, with sums inside sums and constant multiples distributed. */
  static List<Expr> terms(Expr e) {
    return flatten(new Expr.Add(List.of(e)));
  }

  /** Sums nested in sums and in products with constants, flattened to weighted terms. */
  private static List<Expr> flatten(Expr.Add a) {
    List<Expr> out = new ArrayList<>();
    for (Expr t : a.terms()) {
      if (t instanceof Expr.Add inner) {
        out.addAll(flatten(inner));
        continue;
      }
      List<Expr> factors = t instanceof Expr.Mul m ? flattenMul(m) : List.of(t);
      List<Expr> sums = factors.stream().filter(f -> f instanceof Expr.Add).toList();
      if (sums.size() != 1) {
        out.add(t);
        continue;
      }
      List<Expr> rest = factors.stream().filter(f -> f != sums.get(0)).toList();
      for (Expr x : flatten((Expr.Add) sums.get(0))) {
        List<Expr> fs = new ArrayList<>(rest);
        fs.add(x);
        out.add(new Expr.Mul(fs));
      }
    }
    return out;
  }

  private static Optional<Term> term(Expr t, Set<String> comps, List<String> components) {
    List<Expr> factors = t instanceof Expr.Mul m ? flattenMul(m) : List.of(t);
    Expr log = null;
    List<Expr> weight = new ArrayList<>();
    for (Expr f : factors) {
      if (f.isFreeOf(comps)) {
        weight.add(f);
      } else if (log == null && f instanceof Expr.Fn fn && fn.head().equals("Log")
          && fn.args().size() == 1) {
        log = fn.args().get(0);
      } else if (f instanceof Expr.Add inner && log == null) {
        return Optional.empty();
      } else {
        return Optional.empty();
      }
    }
    if (log == null) {
      return Optional.empty();
    }
    List<Expr> scale = new ArrayList<>();
    Expr form = strip(log, comps, scale);
    if (form == null) {
      return Optional.empty();
    }
    Optional<List<Expr>> row = LinearForms.coefficients(form, components);
    if (row.isEmpty()) {
      return Optional.empty();
    }
    Expr pivot = row.get().stream().filter(x -> !Exprs.isZero(x)).findFirst().orElse(null);
    if (pivot == null) {
      return Optional.empty();
    }
    double p;
    List<Double> key = new ArrayList<>();
    try {
      p = NumericEvaluator.eval(pivot, Map.of());
      for (Expr x : row.get()) {
        key.add(NumericEvaluator.eval(x, Map.of()) / p);
      }
    } catch (RuntimeException e) {
      return Optional.empty();
    }
    List<Expr> exact = null;
    if (row.get().stream().allMatch(x -> x instanceof Expr.Num)) {
      exact = new ArrayList<>();
      Expr.Num pn = (Expr.Num) pivot;
      for (Expr x : row.get()) {
        exact.add(divide((Expr.Num) x, pn));
      }
    }
    scale.add(pivot);
    if (scale.stream().allMatch(x -> x instanceof Expr.Num)) {
      Expr.Num folded = Expr.integer(1);
      for (Expr x : scale) {
        folded = divide(folded, divide(Expr.integer(1), (Expr.Num) x));
      }
      scale.clear();
      scale.add(folded);
    }
    Expr w = weight.isEmpty() ? Expr.integer(1) : weight.size() == 1 ? weight.get(0)
        : new Expr.Mul(weight);
    return Optional.of(new Term(w, key, exact, scale.size() == 1 ? scale.get(0)
        : new Expr.Mul(scale)));
  }

  private static List<Expr> flattenMul(Expr.Mul m) {
    List<Expr> out = new ArrayList<>();
    for (Expr f : m.factors()) {
      if (f instanceof Expr.Mul inner) {
        out.addAll(flattenMul(inner));
      } else {
        out.add(f);
      }
    }
    return out;
  }

  /** The linear form inside Abs and constant factors, the factors collected in {@code scale}. */
  private static Expr strip(Expr e, Set<String> comps, List<Expr> scale) {
    if (e instanceof Expr.Fn f && f.head().equals("Abs") && f.args().size() == 1) {
      return strip(f.args().get(0), comps, scale);
    }
    if (e instanceof Expr.Mul m) {
      Expr varying = null;
      for (Expr f : flattenMul(m)) {
        if (f.isFreeOf(comps)) {
          scale.add(f);
        } else if (varying == null) {
          varying = f;
        } else {
          return null;
        }
      }
      return varying == null ? null : strip(varying, comps, scale);
    }
    return e;
  }

  /**
   * Terms whose normalised forms agree to 1e-6 share a bucket (exact and numeric spellings of
   * one form alike: the structure route may write a DCT's rows in double precision);
   * {@link #sameForm} then checks them to 1e-12.
   */
  private static List<Object> bucket(Term t) {
    List<Object> k = new ArrayList<>();
    for (double x : t.key()) {
      k.add(Math.round(x * 1e6));
    }
    return k;
  }

  private static boolean sameForm(List<Term> group) {
    Term first = group.get(0);
    for (Term t : group) {
      for (int i = 0; i < first.key().size(); i++) {
        double a = first.key().get(i);
        double b = t.key().get(i);
        if (!(Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(a)))) {
          return false;
        }
      }
    }
    return true;
  }

  private static double weight(Expr w, String temperature, double temp) {
    return NumericEvaluator.eval(w, Map.of(temperature, temp));
  }

  /**
   * Σ w·log|scale| + the free terms: scales with equal weights multiplied exactly when they
   * are rational, the others kept as logarithms of their values.
   */
  private static Expr constantPart(List<Term> all, List<Expr> free) {
    Map<Expr, BigInteger[]> rational = new LinkedHashMap<>();
    Map<Expr, Double> numeric = new LinkedHashMap<>();
    List<Expr> out = new ArrayList<>(free);
    for (Term t : all) {
      if (t.scale() instanceof Expr.Num n) {
        BigInteger[] acc = rational.computeIfAbsent(t.weight(), k -> new BigInteger[] {
            BigInteger.ONE, BigInteger.ONE});
        acc[0] = acc[0].multiply(n.num().abs());
        acc[1] = acc[1].multiply(n.den());
      } else {
        // a cosine or a double: the logs of such scales are summed as one number per weight
        numeric.merge(t.weight(), Math.log(Math.abs(NumericEvaluator.eval(t.scale(),
            Map.of()))), Double::sum);
      }
    }
    numeric.forEach((w, v) -> out.add(Expr.mul(w, new Expr.Real(v))));
    rational.forEach((w, f) -> {
      BigInteger g = f[0].gcd(f[1]);
      Expr.Num q = new Expr.Num(f[0].divide(g), f[1].divide(g));
      if (!q.equals(Expr.integer(1))) {
        out.add(Expr.mul(w, Expr.log(q)));
      }
    });
    return out.isEmpty() ? Expr.integer(0) : out.size() == 1 ? out.get(0) : new Expr.Add(out);
  }

  private static Expr.Num divide(Expr.Num a, Expr.Num b) {
    BigInteger num = a.num().multiply(b.den());
    BigInteger den = a.den().multiply(b.num());
    BigInteger g = num.gcd(den);
    return g.signum() == 0 ? Expr.integer(0) : new Expr.Num(num.divide(g), den.divide(g));
  }
}
