package org.gaugebias.numeric.matrix;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.gaugebias.numeric.compile.ExprCompiler;
import org.gaugebias.numeric.compile.VectorFunction;
import org.gaugebias.symbolic.expr.Expr;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.CholeskyDecomposition;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.SingularValueDecomposition;

/**
 * The numeric side of a two-factor matrix design {@code W = F Gᵀ}: the engine's Jacobian J_f,
 * generator fields ξ_a and balance Jacobian J_χ compiled once (janino), the balanced
 * representative θ̃(W) and the three Gram log-determinants there (THEORY.md §2–3):
 *
 * <ul>
 *   <li>representative: for the SVD {@code W = P Σ Qᵀ} (Hipparchus), {@code F = P Σ^{1/2}},
 *       {@code G = Q Σ^{1/2}} (first r singular triples);
 *   <li>{@code log det P}, {@code P = J_f J_fᵀ} (predictor Gram: the quotient variant);
 *   <li>{@code log det G}, {@code G = ΞᵀΞ} (generator Gram: the orbit variant);
 *   <li>{@code log det C}, {@code C = J_χ J_χᵀ} with χ the raw entries i ≤ j of FᵀF − GᵀG (the
 *       authors' balance-constraint diagnostic, the gauge variant).
 * </ul>
 *
 * Log-determinants are sums of the logs of Cholesky pivots (never {@code log(det)}). Nothing
 * here knows THEORY's closed forms; the tests compare against them. Immutable; the compiled
 * functions are stateless, so one instance may be shared by threads (work arrays are per call).
 */
public final class FactorModel {
  private final MatrixDynamics dynamics;
  private final int d;
  private final int m;
  private final int n;
  private final int r;
  /** θ index of each factor's entry [i][k]: (F, G) or (W_1, …, W_L). */
  private final int[][][] factorIndex;
  private final VectorFunction jacobian;
  private final VectorFunction fields;
  private final VectorFunction balanceJacobian;
  private final VectorFunction predictor;
  private final int predictorCount;
  private final int fieldCount;
  private final int balanceCount;

  public FactorModel(MatrixDynamics dynamics) {
    this.dynamics = dynamics;
    List<String> theta = dynamics.parameters();
    this.d = theta.size();
    this.m = dynamics.rows();
    this.n = dynamics.columns();
    this.r = dynamics.rank();
    this.factorIndex = dynamics.factors().stream().map(f -> indices(f, theta))
        .toArray(int[][][]::new);
    this.predictorCount = dynamics.predictor().size();
    this.fieldCount = dynamics.generators().size();
    this.balanceCount = dynamics.balance().size();
    if (predictorCount != m * n) {
      throw new IllegalArgumentException("the predictor has " + predictorCount
          + " components, W is " + m + "x" + n);
    }
    Map<String, Double> none = Map.of();
    this.jacobian = ExprCompiler.vector(flatten(dynamics.jacobian()), theta, none);
    this.fields = ExprCompiler.vector(flatten(dynamics.generators()), theta, none);
    this.balanceJacobian = ExprCompiler.vector(flatten(dynamics.balanceJacobian()), theta,
        none);
    this.predictor = ExprCompiler.vector(dynamics.predictor(), theta, none);
  }

  public MatrixDynamics dynamics() {
    return dynamics;
  }

  /** Rows m and columns n of W, and the inner dimension r. */
  public int rows() {
    return m;
  }

  public int columns() {
    return n;
  }

  public int rank() {
    return r;
  }

  public int dimension() {
    return d;
  }

  /** W = f(θ) as an m×n array (row by row as the design flattens it). */
  public double[][] predictor(double[] theta) {
    double[] out = new double[predictorCount];
    predictor.value(theta, out);
    double[][] w = new double[m][n];
    for (int i = 0; i < m; i++) {
      System.arraycopy(out, i * n, w[i], 0, n);
    }
    return w;
  }

  /**
   * The balanced representative θ̃(W) from Hipparchus's SVD {@code W = PΣQᵀ} (singular values in
   * decreasing order): F = PΣ^{1/2}, G = QΣ^{1/2} (first r triples) for two factors;
   * W_L = PΣ^{1/L}, W_l = Σ^{1/L} for 1 &lt; l &lt; L, W_1 = Σ^{1/L}Qᵀ for a product (THEORY.md
   * §3's W_l = R_l Σ^{1/L} R_{l−1}ᵀ with R_L = P, R_0 = Q and the inner frames the identity: the
   * Gram determinants do not depend on them).
   */
  public double[] representative(double[][] w) {
    SingularValueDecomposition svd = new SingularValueDecomposition(
        new Array2DRowRealMatrix(w, false));
    return representative(svd);
  }

  double[] representative(SingularValueDecomposition svd) {
    return dynamics.factorisation() == MatrixDynamics.Factorisation.TWO_FACTOR
        ? twoFactorRepresentative(svd) : productRepresentative(svd);
  }

  private double[] twoFactorRepresentative(SingularValueDecomposition svd) {
    double[] s = svd.getSingularValues();
    RealMatrix p = svd.getU();
    RealMatrix q = svd.getV();
    int[][] firstIndex = factorIndex[0];
    int[][] secondIndex = factorIndex[1];
    double[] theta = new double[d];
    for (int k = 0; k < r; k++) {
      double root = Math.sqrt(k < s.length ? s[k] : 0.0);
      for (int i = 0; i < m; i++) {
        theta[firstIndex[i][k]] = k < s.length ? p.getEntry(i, k) * root : 0.0;
      }
      for (int j = 0; j < n; j++) {
        theta[secondIndex[j][k]] = k < s.length ? q.getEntry(j, k) * root : 0.0;
      }
    }
    return theta;
  }

  private double[] productRepresentative(SingularValueDecomposition svd) {
    double[] s = svd.getSingularValues();
    RealMatrix p = svd.getU();
    RealMatrix q = svd.getV();
    int layers = factorIndex.length;
    double[] theta = new double[d];
    for (int k = 0; k < r; k++) {
      double root = Math.pow(s[k], 1.0 / layers);
      for (int i = 0; i < r; i++) {
        theta[factorIndex[layers - 1][i][k]] = p.getEntry(i, k) * root;
        theta[factorIndex[0][k][i]] = root * q.getEntry(i, k);
      }
      for (int l = 1; l < layers - 1; l++) {
        theta[factorIndex[l][k][k]] = root;
      }
    }
    return theta;
  }

  /** The three Gram log-determinants at θ (not necessarily balanced). */
  public LogDets logDets(double[] theta) {
    double[] jf = new double[predictorCount * d];
    jacobian.value(theta, jf);
    double[] xi = new double[fieldCount * d];
    fields.value(theta, xi);
    double[] jc = new double[balanceCount * d];
    balanceJacobian.value(theta, jc);
    return new LogDets(logDetGram(jf, predictorCount), logDetGram(xi, fieldCount),
        logDetGram(jc, balanceCount));
  }

  /** The log-determinants at the balanced representative of W. */
  public LogDets logDetsAt(double[][] w) {
    return logDets(representative(w));
  }

  /**
   * log det(A Aᵀ) for the k×d matrix A stored row by row: Cholesky, twice the sum of the logs
   * of the diagonal of L. NaN when A Aᵀ is not numerically positive definite.
   */
  double logDetGram(double[] a, int k) {
    double[][] g = new double[k][k];
    for (int i = 0; i < k; i++) {
      for (int j = 0; j <= i; j++) {
        double s = 0;
        for (int c = 0; c < d; c++) {
          s += a[i * d + c] * a[j * d + c];
        }
        g[i][j] = s;
        g[j][i] = s;
      }
    }
    try {
      CholeskyDecomposition ch = new CholeskyDecomposition(MatrixUtils.createRealMatrix(g),
          1e-10, 1e-300);
      RealMatrix l = ch.getL();
      double sum = 0;
      for (int i = 0; i < k; i++) {
        sum += Math.log(l.getEntry(i, i));
      }
      return 2 * sum;
    } catch (org.hipparchus.exception.MathIllegalArgumentException e) {
      return Double.NaN;
    }
  }

  private static int[][] indices(List<List<String>> rows, List<String> theta) {
    int[][] out = new int[rows.size()][];
    for (int i = 0; i < rows.size(); i++) {
      out[i] = new int[rows.get(i).size()];
      for (int k = 0; k < out[i].length; k++) {
        out[i][k] = theta.indexOf(rows.get(i).get(k));
        if (out[i][k] < 0) {
          throw new IllegalArgumentException("unknown parameter " + rows.get(i).get(k));
        }
      }
    }
    return out;
  }

  private static List<Expr> flatten(List<List<Expr>> rows) {
    List<Expr> out = new ArrayList<>();
    for (List<Expr> row : rows) {
      out.addAll(row);
    }
    return out;
  }

  /**
   * Log-determinants of the predictor, generator and constraint Gram matrices.
   *
   * @param predictorGram log det P, P = J_f J_fᵀ
   * @param generatorGram log det G, G = ΞᵀΞ
   * @param constraintGram log det C, C = J_χ J_χᵀ
   */
  public record LogDets(double predictorGram, double generatorGram, double constraintGram) { }
}
