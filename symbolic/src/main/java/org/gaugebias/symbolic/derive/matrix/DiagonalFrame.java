package org.gaugebias.symbolic.derive.matrix;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gaugebias.symbolic.compile.Component;
import org.gaugebias.symbolic.compile.Parameterization;
import org.gaugebias.symbolic.compile.Variable;
import org.gaugebias.symbolic.design.Shape;
import org.gaugebias.symbolic.expr.Expr;
import org.hipparchus.fraction.BigFraction;

/**
 * The frame in which a matrix design's representative is diagonal (docs/matrix-families.md,
 * THEORY.md §2): every matrix factor is {@code Σ_{i≤r} d_i E_ii} (rectangular, zero-padded), the
 * predictor is then {@code diag(d_i^L)} with L the predictor's degree, so σ_i = d_i^L and the
 * factors are diag(σ_i^{1/L}) — {@code U = [Σ^{1/2}; 0]} for UVᵀ and UUᵀ, {@code W_l =
 * diag(σ^{1/L})} for a depth-L product. Families that are orthogonally equivariant have the same
 * Gram determinants at every point of the orbit of this representative under the orthogonal
 * frames, so the frame loses no generality.
 *
 * @param rank r, the smallest dimension of the factors and of the predictor
 * @param depth L, the degree of the predictor in θ
 * @param symmetric whether the predictor is a symmetric matrix (its values are eigenvalues)
 * @param theta the parameter components as polynomials in θ (variable k is θ_k)
 * @param predictor the predictor components as polynomials in θ
 * @param representative each θ component as a polynomial in d_1 … d_r
 * @param values σ_1 … σ_r (or λ for a symmetric predictor)
 * @param predictorVariable the predictor's name, shape and component symbols
 */
public record DiagonalFrame(int rank, int depth, boolean symmetric, List<String> theta,
    List<Poly> predictor, Map<String, Poly> representative, Variable values,
    Variable predictorVariable) {

  /** The frame of a design whose parameters and predictor are matrices with a product predictor. */
  public static Optional<DiagonalFrame> of(Parameterization p) {
    if (p.predictorVariable().shape().kind() != Shape.Kind.MATRIX
        || p.parameters().stream().anyMatch(v -> v.shape().kind() != Shape.Kind.MATRIX)) {
      return Optional.empty();
    }
    List<String> theta = p.theta();
    int d = theta.size();
    Map<String, Poly> thetaVars = new HashMap<>();
    for (int k = 0; k < d; k++) {
      thetaVars.put(theta.get(k), Poly.variable(k, d));
    }
    List<Poly> f = new ArrayList<>();
    int degree = -1;
    for (Expr e : p.predictor()) {
      Optional<Poly> q = Poly.of(e, thetaVars, d);
      if (q.isEmpty() || q.get().isZero()) {
        return Optional.empty();
      }
      for (Poly.Mono m : q.get().terms().keySet()) {
        if (degree >= 0 && m.degree() != degree) {
          return Optional.empty();
        }
        degree = m.degree();
      }
      f.add(q.get());
    }
    if (degree < 2) {
      return Optional.empty();
    }
    Shape w = p.predictorVariable().shape();
    int r = Math.min(w.rows(), w.cols());
    for (Variable v : p.parameters()) {
      r = Math.min(r, Math.min(v.shape().rows(), v.shape().cols()));
    }
    Map<String, Poly> rep = new LinkedHashMap<>();
    for (Variable v : p.parameters()) {
      for (Component c : v.components()) {
        int i = c.indices().get(0);
        rep.put(c.symbol(), i == c.indices().get(1) && i <= r ? Poly.variable(i - 1, r)
            : Poly.ZERO);
      }
    }
    List<Poly> repList = theta.stream().map(rep::get).toList();
    List<Component> wc = p.predictorVariable().components();
    for (int k = 0; k < f.size(); k++) {
      int a = wc.get(k).indices().get(0);
      int b = wc.get(k).indices().get(1);
      Poly expected = a == b && a <= r ? power(Poly.variable(a - 1, r), degree) : Poly.ZERO;
      if (!f.get(k).substitute(repList, r).equals(expected)) {
        return Optional.empty();
      }
    }
    boolean symmetric = w.rows() == w.cols();
    for (int k = 0; k < f.size() && symmetric; k++) {
      int a = wc.get(k).indices().get(0);
      int b = wc.get(k).indices().get(1);
      symmetric = f.get(k).equals(f.get((b - 1) * w.cols() + a - 1));
    }
    String name = freeName(p, symmetric ? "lambda" : "sigma");
    return Optional.of(new DiagonalFrame(r, degree, symmetric, theta, f, rep,
        Variable.of(name, Shape.vector(r)), p.predictorVariable()));
  }

  private static String freeName(Parameterization p, String wanted) {
    java.util.Set<String> used = new java.util.HashSet<>();
    p.parameters().forEach(v -> used.add(v.name()));
    used.add(p.predictorVariable().name());
    used.add(p.temperature());
    String name = wanted;
    while (used.contains(name)) {
      name = name + "s";
    }
    return name;
  }

  static Poly power(Poly x, int k) {
    Poly s = Poly.constant(BigFraction.ONE, x.vars());
    for (int i = 0; i < k; i++) {
      s = s.times(x);
    }
    return s;
  }

  /** The representative as a list in θ order. */
  List<Poly> representativeList() {
    return theta.stream().map(representative::get).toList();
  }

  /** {@code d_i^k} written in the values: σ_i^{k/L}. */
  Expr dPower(int i, int k) {
    Expr s = new Expr.Sym(values.symbols().get(i));
    Expr.Num e = Expr.rational(k, depth);
    return e.isInteger() && e.num().intValue() == 1 ? s : new Expr.Pow(s, e);
  }

  /** A polynomial in d written in the values. */
  Expr inValues(Poly q) {
    return q.toExpr(this::dPower);
  }
}
