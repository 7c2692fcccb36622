package org.gaugebias.symbolic.derive;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gaugebias.symbolic.expr.Expr;
import org.hipparchus.fraction.BigFraction;

/**
 * aᵀD⁻¹a for D = d I without the CAS on the whole sum: every a_i² is written as a product of
 * powers, the powers common to all terms are taken out, and a remaining sum equal to one of their
 * bases (|a|² = S with d = S^{1/2} at a balanced representative) is absorbed into that power.
 * Purely structural; callers check the result numerically.
 */
final class QuadraticForm {
  private QuadraticForm() {
  }

  /** Σ a_i² / d, with common powers collected (unchanged in form if none are). */
  static Expr overScalar(List<Expr> a, Expr d) {
    List<Map<Expr, BigFraction>> terms = new ArrayList<>();
    for (Expr x : a) {
      terms.add(powers(x, BigFraction.TWO));
    }
    Map<Expr, BigFraction> whole = collect(terms);
    powers(d, BigFraction.MINUS_ONE).forEach((b, k) -> whole.merge(b, k, BigFraction::add));
    return product(whole);
  }

  /**
   * Σ c_j², the terms grouped by their powers of sums (a 1×1 Gram ‖w‖² + v² at the balanced
   * point: S^{-1/2} Σ β_i² + S^{1/2}) and each group collected: S^{1/2} + S^{1/2}.
   */
  static Expr sumOfSquares(List<Expr> c) {
    Map<Map<Expr, BigFraction>, List<Map<Expr, BigFraction>>> groups = new LinkedHashMap<>();
    for (Expr x : c) {
      Map<Expr, BigFraction> t = powers(x, BigFraction.TWO);
      Map<Expr, BigFraction> key = new LinkedHashMap<>(t);
      key.keySet().removeIf(b -> !(b instanceof Expr.Add));
      groups.computeIfAbsent(key, k -> new ArrayList<>()).add(t);
    }
    List<Expr> out = new ArrayList<>();
    groups.values().forEach(g -> out.add(product(collect(g))));
    return out.size() == 1 ? out.get(0) : new Expr.Add(out);
  }

  /** Σ of the products: the powers common to all taken out, a remaining sum equal to a base absorbed. */
  private static Map<Expr, BigFraction> collect(List<Map<Expr, BigFraction>> terms) {
    Map<Expr, BigFraction> common = new LinkedHashMap<>(terms.get(0));
    for (Map<Expr, BigFraction> t : terms) {
      common.entrySet().removeIf(e -> !e.getValue().equals(t.get(e.getKey())));
    }
    List<Expr> rest = new ArrayList<>();
    for (Map<Expr, BigFraction> t : terms) {
      Map<Expr, BigFraction> r = new LinkedHashMap<>(t);
      r.keySet().removeAll(common.keySet());
      rest.add(product(r));
    }
    Expr sum = rest.size() == 1 ? rest.get(0) : new Expr.Add(rest);
    Map<Expr, BigFraction> whole = new LinkedHashMap<>(common);
    whole.merge(sum, BigFraction.ONE, BigFraction::add); // absorbed if the sum is a base
    return whole;
  }

  /** e^k as base → rational exponent (numbers are kept as bases with their exponent). */
  private static Map<Expr, BigFraction> powers(Expr e, BigFraction k) {
    Map<Expr, BigFraction> out = new LinkedHashMap<>();
    if (e instanceof Expr.Mul m) {
      for (Expr f : m.factors()) {
        powers(f, k).forEach((b, x) -> out.merge(b, x, BigFraction::add));
      }
    } else if (e instanceof Expr.Pow p && p.exponent() instanceof Expr.Num q) {
      return powers(p.base(), k.multiply(new BigFraction(q.num(), q.den())));
    } else {
      out.put(e, k);
    }
    return out;
  }

  private static Expr product(Map<Expr, BigFraction> powers) {
    List<Expr> factors = new ArrayList<>();
    powers.forEach((b, k) -> {
      if (k.signum() != 0) {
        factors.add(k.equals(BigFraction.ONE) ? b
            : new Expr.Pow(b, new Expr.Num(k.getNumerator(), k.getDenominator())));
      }
    });
    return factors.isEmpty() ? Expr.integer(1) : factors.size() == 1 ? factors.get(0)
        : new Expr.Mul(factors);
  }
}
