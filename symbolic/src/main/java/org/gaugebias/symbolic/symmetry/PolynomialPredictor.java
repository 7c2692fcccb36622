package org.gaugebias.symbolic.symmetry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gaugebias.symbolic.compile.Parameterization;
import org.gaugebias.symbolic.expr.Expr;

/**
 * A predictor β = f(θ) whose components are polynomials with rational coefficients, read from a
 * {@link Parameterization}: the exact route of symmetry discovery (THEORY.md §6) applies to it.
 * Components that are not polynomial (a square root, an arctangent, the temperature) make the
 * whole predictor non-polynomial, and the numeric route is used instead.
 *
 * @param theta the parameter names, index i is θ_i
 * @param components f_1 … f_m
 */
record PolynomialPredictor(List<String> theta, List<Polynomial> components) {
  /** Expansion bound per component: beyond it the predictor is treated as non-polynomial. */
  static final int MAX_TERMS = 200_000;

  PolynomialPredictor {
    theta = List.copyOf(theta);
    components = List.copyOf(components);
  }

  static Optional<PolynomialPredictor> of(Parameterization p) {
    return of(p.theta(), p.predictor());
  }

  static Optional<PolynomialPredictor> of(List<String> theta, List<Expr> predictor) {
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < theta.size(); i++) {
      index.put(theta.get(i), i);
    }
    List<Polynomial> out = new ArrayList<>();
    for (Expr e : predictor) {
      Optional<Polynomial> q = Polynomial.of(e, index, MAX_TERMS);
      if (q.isEmpty()) {
        return Optional.empty();
      }
      out.add(q.get());
    }
    return Optional.of(new PolynomialPredictor(theta, out));
  }

  int dimension() {
    return theta.size();
  }

  int outputs() {
    return components.size();
  }

  int degree() {
    return components.stream().mapToInt(Polynomial::degree).max().orElse(0);
  }

  /** ∇f_i as d polynomials. */
  List<Polynomial> gradient(int i) {
    List<Polynomial> g = new ArrayList<>();
    for (int j = 0; j < dimension(); j++) {
      g.add(components.get(i).derivative(j));
    }
    return g;
  }
}
