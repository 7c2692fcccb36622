package org.gaugebias.symbolic.symmetry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gaugebias.symbolic.compile.Parameterization;
import org.gaugebias.symbolic.expr.Expr;
import org.hipparchus.fraction.BigFraction;

/**
 * The invariance check of THEORY.md §1, {@code J_f(θ) ξ(θ) ≡ 0}, as an identity in Q[θ] for a
 * polynomial predictor and a polynomial field: each component {@code Σ_j ∂_j f_i · ξ_j} is
 * expanded exactly as a sparse polynomial with rational coefficients, and the identity holds
 * for every θ if and only if every coefficient is 0. This is a proof (no sampling, no
 * probability, no CAS), and it costs one product of sparse polynomials per variable a component
 * depends on: a deep linear W₄W₃W₂W₁ with 4×4 factors (64 parameters, 48 generators) takes
 * milliseconds where a CAS {@code Simplify} of the same products runs out of time.
 *
 * <p>Predictors with tabulated functions, the temperature or any non-polynomial part, and
 * fields that are not polynomial, are left to the CAS check ({@link Invariance}).
 */
public final class ExactInvariance {
  private final PolynomialPredictor f;
  private final Map<String, Integer> index = new HashMap<>();
  /** ∂_j f_i for the variables f_i depends on, computed once for all fields. */
  private final List<Map<Integer, Polynomial>> gradients = new ArrayList<>();

  private ExactInvariance(PolynomialPredictor f) {
    this.f = f;
    for (int i = 0; i < f.dimension(); i++) {
      index.put(f.theta().get(i), i);
    }
    gradients.addAll(gradients(f));
  }

  /** ∇f_i as sparse maps (variable → ∂_j f_i), for each component. */
  static List<Map<Integer, Polynomial>> gradients(PolynomialPredictor f) {
    List<Map<Integer, Polynomial>> out = new ArrayList<>();
    for (Polynomial fi : f.components()) {
      Map<Integer, Polynomial> g = new HashMap<>();
      for (int j : fi.variables()) {
        g.put(j, fi.derivative(j));
      }
      out.add(g);
    }
    return out;
  }

  /** The exact check for this design, if its predictor is a polynomial in θ over Q. */
  public static Optional<ExactInvariance> of(Parameterization p) {
    if (!p.functions().isEmpty()) {
      return Optional.empty();
    }
    return PolynomialPredictor.of(p).map(ExactInvariance::new);
  }

  /** J_f with its entries expanded exactly (one row per component, 0 where f_i lacks θ_j). */
  public List<List<Expr>> jacobian() {
    List<List<Expr>> out = new ArrayList<>();
    for (Map<Integer, Polynomial> gradient : gradients) {
      List<Expr> row = new ArrayList<>();
      for (int j = 0; j < f.dimension(); j++) {
        Polynomial q = gradient.get(j);
        row.add(q == null ? Expr.integer(0) : q.toExpr(f.theta()));
      }
      out.add(row);
    }
    return out;
  }

  /**
   * The components of {@code J_f ξ} as expanded exact polynomials (each the integer 0 when ξ
   * is a symmetry), or empty when a component of ξ is not a polynomial in θ over Q.
   */
  public Optional<List<Expr>> residual(List<Expr> field) {
    List<Polynomial> xi = new ArrayList<>();
    for (Expr e : field) {
      Optional<Polynomial> q = Polynomial.of(e, index, PolynomialPredictor.MAX_TERMS);
      if (q.isEmpty()) {
        return Optional.empty();
      }
      xi.add(q.get());
    }
    List<Expr> out = new ArrayList<>();
    for (Map<Integer, Polynomial> gradient : gradients) {
      out.add(Polynomial.sumOfProducts(gradient, xi).toExpr(f.theta()));
    }
    return Optional.of(out);
  }

  /**
   * The constant Jacobian A of a field of degree ≤ 1 in θ over Q, read off its exact expansion
   * (as {@link Invariance#linearMatrix} reads it off the CAS Jacobian: a constant part of the
   * field does not enter A), or empty when the field is not of that form.
   */
  public Optional<BigFraction[][]> linearMatrix(List<Expr> field) {
    int d = f.dimension();
    BigFraction[][] a = RationalMatrices.zero(d);
    for (int i = 0; i < d; i++) {
      Optional<Polynomial> q = Polynomial.of(field.get(i), index, PolynomialPredictor.MAX_TERMS);
      if (q.isEmpty()) {
        return Optional.empty();
      }
      for (Map.Entry<Monomial, BigFraction> t : q.get().terms().entrySet()) {
        if (t.getKey().degree() > 1) {
          return Optional.empty();
        }
        if (t.getKey().degree() == 1) {
          a[i][t.getKey().vars()[0]] = t.getValue();
        }
      }
    }
    return Optional.of(a);
  }
}
