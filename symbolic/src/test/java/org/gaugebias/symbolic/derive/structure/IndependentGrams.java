package org.gaugebias.symbolic.derive.structure;

import java.util.SplittableRandom;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.EigenDecompositionSymmetric;
import org.hipparchus.linear.LUDecomposition;
import org.hipparchus.linear.RealMatrix;

/**
 * Log-determinants of P and G and the representation cost at a random β, computed here with dense
 * numeric Jacobians (Hipparchus), not by the engine: the golden side of the paper-size and
 * symbolic-size tests (THEORY.md §2–3).
 */
public final class IndependentGrams {
  private IndependentGrams() { }

  /** What the formulas must give at β: computed here, not by the engine. */
  public record Independent(double[] beta, double logDetP, double logDetG, double repCost) { }

  /** β = A ω at a random ω with random signs; θ̃ balanced; P = (A J_ω)(A J_ω)ᵀ. */
  public static Independent product(double[][] a, SplittableRandom rng) {
    int n = a.length;
    double[] omega = new double[n];
    for (int i = 0; i < n; i++) {
      omega[i] = (rng.nextBoolean() ? 1 : -1) * rng.nextDouble(0.2, 2);
    }
    RealMatrix am = new Array2DRowRealMatrix(a);
    double[] beta = am.operate(omega);
    // ω recovered from β by LU, as eval must
    double[] w = new LUDecomposition(am).getSolver().solve(
        new org.hipparchus.linear.ArrayRealVector(beta)).toArray();
    double[][] jw = new double[n][2 * n];
    double logG = 0;
    double cost = 0;
    for (int i = 0; i < n; i++) {
      double u = Math.sqrt(Math.abs(w[i]));
      double v = Math.signum(w[i]) * u;
      jw[i][i] = v;
      jw[i][n + i] = u;
      logG += Math.log(u * u + v * v);
      cost += (u * u + v * v) / 2;
    }
    RealMatrix jf = am.multiply(new Array2DRowRealMatrix(jw));
    return new Independent(beta, logDet(jf.multiply(jf.transpose())), logG, cost);
  }

  /** ReLU units of 3 inputs β_k = v_k w_k, v_k > 0, balanced ‖w_k‖ = v_k; θ = (W row-major, v). */
  public static Independent relu(int units, SplittableRandom rng) {
    return relu(units, 3, rng);
  }

  /**
   * ReLU units of {@code inputs} inputs each (one unit: β = v w, θ = (w, v)), at the balanced
   * point ‖w_k‖ = v_k = ‖β_k‖^{1/2}; G = C = Σ_k (‖w_k‖² + v_k²) blockwise (ξ_k = ∇χ_k = (w_k, −v_k)).
   */
  public static Independent relu(int units, int inputs, SplittableRandom rng) {
    int n = inputs;
    double[] beta = new double[n * units];
    double[][] jf = new double[n * units][(n + 1) * units];
    double logG = 0;
    double cost = 0;
    for (int k = 0; k < units; k++) {
      double norm = 0;
      for (int j = 0; j < n; j++) {
        beta[n * k + j] = rng.nextDouble(-2, 2);
        norm += beta[n * k + j] * beta[n * k + j];
      }
      double v = Math.pow(norm, 0.25);
      for (int j = 0; j < n; j++) {
        double wj = beta[n * k + j] / v;
        jf[n * k + j][n * k + j] = v;
        jf[n * k + j][n * units + k] = wj;
      }
      logG += Math.log(2 * v * v);
      cost += v * v;
    }
    RealMatrix j = new Array2DRowRealMatrix(jf);
    return new Independent(beta, logDet(j.multiply(j.transpose())), logG, cost);
  }

  private static double logDet(RealMatrix m) {
    double s = 0;
    for (double ev : new EigenDecompositionSymmetric(m).getEigenvalues()) {
      s += Math.log(ev);
    }
    return s;
  }

  public static double[][] identity(int n) {
    double[][] a = new double[n][n];
    for (int i = 0; i < n; i++) {
      a[i][i] = 1;
    }
    return a;
  }

  public static double[][] cumsum(int n) {
    double[][] a = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j <= i; j++) {
        a[i][j] = 1;
      }
    }
    return a;
  }
}
