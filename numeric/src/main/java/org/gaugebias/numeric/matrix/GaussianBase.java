package org.gaugebias.numeric.matrix;

import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.hipparchus.linear.CholeskyDecomposition;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;

/**
 * The law e^{−L(W)/T} of a loss quadratic in the predictor, {@code L = ½ wᵀHw + bᵀw + c}
 * (w the entries of W row by row): exactly the Gaussian with mean {@code −H⁻¹b} and covariance
 * {@code T H⁻¹}. Immutable.
 */
public final class GaussianBase {
  private final int rows;
  private final int cols;
  private final double[] mean;
  /** S with S Sᵀ = T H⁻¹ (lower triangular). */
  private final double[][] factor;

  public GaussianBase(double[][] hessian, double[] linear, double temperature, int rows,
      int cols) {
    int k = linear.length;
    if (k != rows * cols || hessian.length != k) {
      throw new IllegalArgumentException("the loss is not a quadratic form in a " + rows + "x"
          + cols + " matrix");
    }
    RealMatrix h = MatrixUtils.createRealMatrix(hessian);
    CholeskyDecomposition ch;
    try {
      ch = new CholeskyDecomposition(h, 1e-12, 1e-14);
    } catch (org.hipparchus.exception.MathIllegalArgumentException e) {
      throw new IllegalArgumentException("the loss's Hessian in the predictor is not positive"
          + " definite: e^(-L/T) is not normalisable", e);
    }
    RealMatrix inv = ch.getSolver().getInverse();
    this.mean = inv.operate(linear);
    for (int i = 0; i < k; i++) {
      mean[i] = -mean[i];
    }
    RealMatrix s = new CholeskyDecomposition(inv.scalarMultiply(temperature), 1e-10, 0).getL();
    this.factor = s.getData();
    this.rows = rows;
    this.cols = cols;
  }

  /** The minimiser of L (the mean), row by row. */
  public double[] mean() {
    return mean.clone();
  }

  /** One draw of W. */
  public double[][] sample(ZigguratSampler.NormalizedGaussian g) {
    int k = mean.length;
    double[] z = new double[k];
    for (int i = 0; i < k; i++) {
      z[i] = g.sample();
    }
    double[][] w = new double[rows][cols];
    for (int i = 0; i < k; i++) {
      double v = mean[i];
      for (int j = 0; j <= i; j++) {
        v += factor[i][j] * z[j];
      }
      w[i / cols][i % cols] = v;
    }
    return w;
  }
}
