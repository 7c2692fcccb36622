package org.gaugebias.symbolic.symmetry;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.gaugebias.symbolic.cas.Algebra;
import org.gaugebias.symbolic.expr.Expr;
import org.gaugebias.symbolic.expr.Exprs;
import org.gaugebias.symbolic.expr.NumericEvaluator;
import org.gaugebias.symbolic.expr.NumericFunctions;
import org.hipparchus.fraction.BigFraction;

/**
 * The invariance check of THEORY.md §1, {@code J_f(θ) ξ(θ) ≡ 0}, symbolically (Together, then
 * Simplify) and in double precision at given points, and the constant matrix of a linear field.
 */
public final class Invariance {
  /** Largest relative residual accepted at a point. */
  public static final double TOLERANCE = 1e-9;
  private final Algebra cas;
  private final NumericFunctions fns;

  public Invariance(Algebra cas, NumericFunctions fns) {
    this.cas = cas;
    this.fns = fns;
  }

  /**
   * The outcome for one field.
   *
   * @param product J_f ξ, simplified
   * @param worstRelative the largest |(J_f ξ)_i| relative to the size of its terms
   */
  public record Verdict(Expr product, double worstRelative) {
    /** Whether J_f ξ is symbolically zero and numerically within {@link #TOLERANCE}. */
    public boolean holds() {
      return Exprs.items(product).stream().allMatch(Exprs::isZero)
          && !(worstRelative > TOLERANCE);
    }
  }

  /** J_f ξ for one field, simplified and evaluated at {@code points}. */
  public Verdict check(List<List<Expr>> jacobian, List<Expr> field,
      List<Map<String, Double>> points) {
    List<Expr> product = new ArrayList<>();
    for (List<Expr> row : jacobian) {
      List<Expr> terms = new ArrayList<>();
      for (int j = 0; j < row.size(); j++) {
        terms.add(Expr.mul(row.get(j), field.get(j)));
      }
      product.add(new Expr.Add(terms));
    }
    Expr simplified = polynomialZero(product, jacobian, field)
        ? new Expr.Vec(product.stream().map(x -> (Expr) Expr.integer(0)).toList())
        : cas.simplify(cas.together(new Expr.Vec(product)));
    double worst = 0;
    for (Map<String, Double> env : points) {
      worst = Math.max(worst, relativeResidual(jacobian, field, env));
    }
    return new Verdict(simplified, worst);
  }

  /**
   * Whether every (J_f ξ)_i is a polynomial that is identically zero, decided exactly without
   * the CAS (a depth-32 product's 31 fields took 3 s of Together in Symja).
   */
  private static boolean polynomialZero(List<Expr> product, List<List<Expr>> jacobian,
      List<Expr> field) {
    Map<String, Integer> index = new java.util.HashMap<>();
    for (Expr e : product) {
      for (String x : Exprs.symbols(e)) {
        index.putIfAbsent(x, index.size());
      }
    }
    for (Expr e : product) {
      Optional<Polynomial> poly = Polynomial.of(e, index, 20_000);
      if (poly.isEmpty() || !poly.get().isZero()) {
        return false;
      }
    }
    return true;
  }

  /**
   * The largest |(J_f ξ)_i| relative to the size of its terms Σ_j |J_ij ξ_j|: rounding in a sum
   * of large cancelling terms (an expanded (uv + 1)^40, nested Exp/Log) is relative to them,
   * so an absolute tolerance rejects true symmetries of large predictors. Points where the
   * terms overflow are skipped; the symbolic zero is still required.
   */
  private double relativeResidual(List<List<Expr>> jac, List<Expr> field,
      Map<String, Double> env) {
    double[] xi = new double[field.size()];
    for (int j = 0; j < xi.length; j++) {
      xi[j] = NumericEvaluator.eval(field.get(j), env, fns);
    }
    double worst = 0;
    for (List<Expr> row : jac) {
      double sum = 0;
      double size = 0;
      for (int j = 0; j < row.size(); j++) {
        double t = NumericEvaluator.eval(row.get(j), env, fns) * xi[j];
        sum += t;
        size += Math.abs(t);
      }
      if (!Double.isFinite(size)) {
        continue; // overflow at this point (Exp[Exp[…]]): it says nothing either way
      }
      worst = Math.max(worst, size == 0 ? Math.abs(sum) : Math.abs(sum) / size);
    }
    return worst;
  }

  /** The constant matrix A of a field ξ = Aθ, if the field is linear in θ with rational A. */
  public Optional<BigFraction[][]> linearMatrix(List<Expr> field, List<String> theta) {
    List<List<Expr>> a = cas.jacobian(field, theta);
    int d = theta.size();
    BigFraction[][] out = new BigFraction[d][d];
    Set<String> vars = new LinkedHashSet<>(theta);
    for (int i = 0; i < d; i++) {
      for (int j = 0; j < d; j++) {
        Expr e = a.get(i).get(j);
        if (!(e instanceof Expr.Num n) || !e.isFreeOf(vars)) {
          return Optional.empty();
        }
        out[i][j] = new BigFraction(n.num(), n.den());
      }
    }
    return Optional.of(out);
  }
}
