package org.gaugebias.symbolic.inverse;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gaugebias.symbolic.expr.Expr;
import org.gaugebias.symbolic.expr.Exprs;

/**
 * The coefficients of a linear form Σ_j c_j β_j read off its structure (sums, products with
 * constants), without the CAS: the target of a 200-coordinate design has 200 forms, and
 * differentiating each in each coordinate with Symja is 40 000 calls.
 */
final class LinearForms {
  private LinearForms() {
  }

  /**
   * c_1 … c_n of {@code form} in {@code components}, or empty when the form is not visibly a
   * sum of constant multiples of single components (the CAS then differentiates it). A term
   * free of the components makes it empty too: the caller reports an affine shift.
   */
  static Optional<List<Expr>> coefficients(Expr form, List<String> components) {
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < components.size(); i++) {
      index.put(components.get(i), i);
    }
    List<List<Expr>> parts = new ArrayList<>(Collections.nCopies(components.size(), null));
    if (!collect(form, List.of(), index, parts)) {
      return Optional.empty();
    }
    List<Expr> row = new ArrayList<>();
    for (List<Expr> p : parts) {
      row.add(p == null ? Expr.integer(0) : p.size() == 1 ? p.get(0) : new Expr.Add(p));
    }
    return Optional.of(row);
  }

  private static boolean collect(Expr e, List<Expr> scale, Map<String, Integer> index,
      List<List<Expr>> parts) {
    if (e instanceof Expr.Add a) {
      for (Expr t : a.terms()) {
        if (!collect(t, scale, index, parts)) {
          return false;
        }
      }
      return true;
    }
    if (e instanceof Expr.Sym s && index.containsKey(s.name())) {
      int i = index.get(s.name());
      if (parts.get(i) == null) {
        parts.set(i, new ArrayList<>());
      }
      parts.get(i).add(product(scale));
      return true;
    }
    if (e instanceof Expr.Mul m) {
      Expr varying = null;
      List<Expr> constant = new ArrayList<>(scale);
      for (Expr f : m.factors()) {
        if (f.isFreeOf(index.keySet())) {
          constant.add(f);
        } else if (varying == null) {
          varying = f;
        } else {
          return false;
        }
      }
      return varying != null && collect(varying, constant, index, parts);
    }
    return false;
  }

  /** The product of constant factors, a number folded when they all are. */
  private static Expr product(List<Expr> factors) {
    if (factors.isEmpty()) {
      return Expr.integer(1);
    }
    if (factors.stream().allMatch(f -> f instanceof Expr.Num)) {
      java.math.BigInteger num = java.math.BigInteger.ONE;
      java.math.BigInteger den = java.math.BigInteger.ONE;
      for (Expr f : factors) {
        num = num.multiply(((Expr.Num) f).num());
        den = den.multiply(((Expr.Num) f).den());
      }
      java.math.BigInteger g = num.gcd(den);
      return new Expr.Num(num.divide(g), den.divide(g));
    }
    return factors.size() == 1 ? factors.get(0) : new Expr.Mul(factors);
  }

}
