package org.gaugebias.numeric.matrix;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.gaugebias.numeric.compile.ExprCompiler;
import org.gaugebias.numeric.compile.VectorFunction;
import org.gaugebias.symbolic.cas.Algebra;
import org.gaugebias.symbolic.cas.SymjaSession;
import org.gaugebias.symbolic.compile.Parameterization;
import org.gaugebias.symbolic.compile.Variable;
import org.gaugebias.symbolic.derive.DerivationException;
import org.gaugebias.symbolic.derive.ForwardDeriver.SymmetryAnalysis;
import org.gaugebias.symbolic.design.Shape;
import org.gaugebias.symbolic.dynamics.FactorDynamicsDeriver;
import org.gaugebias.symbolic.expr.Expr;
import org.gaugebias.symbolic.expr.Exprs;

/**
 * The {@link MatrixDynamics} of a matrix design: a product of square factors
 * {@code W = W_L ⋯ W_1} (deep linear network, THEORY.md §3) built here, anything else handed to
 * the engine's two-factor route ({@link FactorDynamicsDeriver}, {@code W = F Gᵀ}).
 *
 * <p>For a product, everything comes from the engine: the Jacobian and the checked generator
 * fields of {@link SymmetryAnalysis} (the discovered gl(r)^{L−1}), and, through the CAS's typed
 * operations ({@link Algebra}), the θ-gradient of the loss, the balance conditions
 * {@code W_{l+1}ᵀW_{l+1} − W_l W_lᵀ} as raw entries i ≤ j with their Jacobian, and the loss as an
 * exact quadratic form in W. The order of the factors is read off the compiled predictor: it is
 * evaluated at a random θ and compared with the product of the factors in every order (a design
 * names the factors in any order and writes {@code W3.W2.W1}). No Gram determinant is derived:
 * {@link FactorModel} evaluates them numerically at the balanced representative.
 */
public final class ProductDynamics {
  private static final Duration LIMIT = Duration.ofSeconds(120);

  private ProductDynamics() {
  }

  /** The dynamics of {@code p}: a product of square factors, else the two-factor route. */
  public static MatrixDynamics derive(SymjaSession session, Parameterization p,
      SymmetryAnalysis symmetry) {
    List<Variable> factors = productOrder(p);
    if (factors.isEmpty()) {
      return MatrixDynamics.of(new FactorDynamicsDeriver(session).derive(p, symmetry));
    }
    return derive(new Algebra(session, LIMIT), p, symmetry, factors);
  }

  private static MatrixDynamics derive(Algebra cas, Parameterization p, SymmetryAnalysis sym,
      List<Variable> factors) {
    if (p.loss().isEmpty()) {
      throw new DerivationException(DerivationException.Kind.INVALID_DESIGN, p.source(),
          "the matrix verifier needs a loss: add 'loss:' to the design");
    }
    List<String> theta = p.theta();
    Map<String, Expr> betaToTheta = new LinkedHashMap<>();
    for (int i = 0; i < p.beta().size(); i++) {
      betaToTheta.put(p.beta().get(i), p.predictor().get(i));
    }
    Expr lossTheta = Exprs.substitute(p.loss().get(), betaToTheta);
    List<Expr> gradient = items(cas.gradient(lossTheta, theta), theta.size(), p);

    int r = factors.get(0).shape().rows();
    List<String> names = new ArrayList<>();
    List<Expr> chis = new ArrayList<>();
    for (int l = 0; l + 1 < factors.size(); l++) {
      Variable lower = factors.get(l);
      Variable upper = factors.get(l + 1);
      Expr upperGram = Expr.fn("Dot", Expr.fn("Transpose", upper.value()), upper.value());
      Expr lowerGram = Expr.fn("Dot", lower.value(), Expr.fn("Transpose", lower.value()));
      List<List<Expr>> diff = Exprs.rows(cas.expand(
          Expr.add(upperGram, Expr.mul(Expr.integer(-1), lowerGram))));
      for (int i = 0; i < r; i++) {
        for (int j = i; j < r; j++) {
          names.add("(" + upper.name() + "^T " + upper.name() + " - " + lower.name() + " "
              + lower.name() + "^T)_" + (i + 1) + (j + 1));
          chis.add(diff.get(i).get(j));
        }
      }
    }
    List<List<Expr>> chiJacobian = Exprs.rows(cas.jacobianOf(chis, theta));
    QuadraticLoss q = QuadraticLoss.of(cas, p);
    List<List<List<String>>> rows = new ArrayList<>();
    for (Variable v : factors) {
      List<List<String>> rs = new ArrayList<>();
      for (int i = 1; i <= r; i++) {
        rs.add(v.row(i));
      }
      rows.add(rs);
    }
    return new MatrixDynamics(p.id(), p.title(), MatrixDynamics.Factorisation.PRODUCT, theta,
        rows, r, r, p.beta(), p.predictor(), gradient, sym.jacobian(), sym.fields(), names, chis,
        chiJacobian, q.hessian(), q.linear(), p.temperature());
  }

  /**
   * The matrix parameters in product order W_1 … W_L (rightmost first) when the predictor is
   * their product, all r×r with L ≥ 2 and nothing else in θ; empty otherwise.
   */
  static List<Variable> productOrder(Parameterization p) {
    List<Variable> ms = p.parameters();
    if (ms.size() < 2) {
      return List.of();
    }
    int r = ms.get(0).shape().rows();
    for (Variable v : ms) {
      if (v.shape().kind() != Shape.Kind.MATRIX || v.shape().rows() != r
          || v.shape().cols() != r) {
        return List.of();
      }
    }
    if (p.predictor().size() != r * r) {
      return List.of();
    }
    List<String> theta = p.theta();
    VectorFunction f;
    try {
      f = ExprCompiler.vector(p.predictor(), theta, Map.of());
    } catch (RuntimeException e) {
      return List.of();
    }
    double[] x = new SplittableRandom(20260406L).doubles(theta.size(), -1, 1).toArray();
    double[] w = new double[r * r];
    f.value(x, w);
    List<List<Variable>> orders = new ArrayList<>();
    permutations(new ArrayList<>(ms), 0, orders);
    for (List<Variable> order : orders) {
      double[][] prod = identity(r);
      for (Variable v : order) { // order is W_1 .. W_L: W = W_L (… (W_2 W_1))
        prod = multiply(matrix(v, theta, x, r), prod);
      }
      boolean same = true;
      for (int i = 0; i < r * r; i++) {
        same &= Math.abs(prod[i / r][i % r] - w[i]) <= 1e-9 * (1 + Math.abs(w[i]));
      }
      if (same) {
        return order;
      }
    }
    return List.of();
  }

  private static void permutations(List<Variable> a, int k, List<List<Variable>> out) {
    if (k == a.size()) {
      out.add(List.copyOf(a));
      return;
    }
    for (int i = k; i < a.size(); i++) {
      java.util.Collections.swap(a, k, i);
      permutations(a, k + 1, out);
      java.util.Collections.swap(a, k, i);
    }
  }

  private static double[][] matrix(Variable v, List<String> theta, double[] x, int r) {
    double[][] m = new double[r][r];
    for (int i = 0; i < r; i++) {
      List<String> row = v.row(i + 1);
      for (int j = 0; j < r; j++) {
        m[i][j] = x[theta.indexOf(row.get(j))];
      }
    }
    return m;
  }

  private static double[][] identity(int r) {
    double[][] m = new double[r][r];
    for (int i = 0; i < r; i++) {
      m[i][i] = 1;
    }
    return m;
  }

  static double[][] multiply(double[][] a, double[][] b) {
    int n = a.length;
    int k = b.length;
    int m = b[0].length;
    double[][] c = new double[n][m];
    for (int i = 0; i < n; i++) {
      for (int t = 0; t < k; t++) {
        for (int j = 0; j < m; j++) {
          c[i][j] += a[i][t] * b[t][j];
        }
      }
    }
    return c;
  }

  private static List<Expr> items(Expr e, int n, Parameterization p) {
    if (!(e instanceof Expr.Vec v) || v.items().size() != n) {
      throw new DerivationException(DerivationException.Kind.INVALID_DESIGN, p.source(),
          "the gradient of the loss could not be computed: " + e.toWolfram());
    }
    return v.items();
  }

  /** L(β) = ½ βᵀHβ + bᵀβ + c, with H checked constant (the Gaussian base law needs it). */
  private record QuadraticLoss(double[][] hessian, double[] linear) {
    static QuadraticLoss of(Algebra cas, Parameterization p) {
      List<String> beta = p.beta();
      Expr loss = p.loss().get();
      List<List<Expr>> hessian = Exprs.rows(cas.hessian(loss, beta));
      double[][] h = new double[beta.size()][beta.size()];
      for (int i = 0; i < beta.size(); i++) {
        for (int j = 0; j < beta.size(); j++) {
          Expr hij = hessian.get(i).get(j);
          if (!Exprs.symbols(hij).isEmpty()) {
            throw new DerivationException(DerivationException.Kind.INVALID_DESIGN, p.source(),
                "the matrix verifier samples e^(-L/T) exactly and needs a loss quadratic in"
                    + " the predictor; its Hessian entry " + hij.toWolfram()
                    + " is not constant");
          }
          h[i][j] = cas.numeric(hij);
        }
      }
      Map<String, Expr> zero = new LinkedHashMap<>();
      beta.forEach(b -> zero.put(b, Expr.integer(0)));
      Expr g = cas.gradient(loss, beta);
      double[] b = new double[beta.size()];
      for (int i = 0; i < beta.size(); i++) {
        b[i] = cas.numeric(Exprs.substitute(((Expr.Vec) g).items().get(i), zero));
      }
      return new QuadraticLoss(h, b);
    }
  }
}
