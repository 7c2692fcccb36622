package org.gaugebias.numeric.matrix;

import java.util.List;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.LUDecomposition;
import org.hipparchus.linear.SingularValueDecomposition;

/**
 * The functions of the singular values that the comparison uses, and the comparison region
 * (THEORY.md §5: compare expectations, not histograms, so the SVD Jacobian
 * {@code Π|σ_i² − σ_j²|} never has to be handled by hand).
 *
 * <p>Functions: σ_max, σ_min, Σσ_i (the nuclear norm) and log Σσ_i. For 2×2, Σσ = σ₁ + σ₂
 * exactly, so only σ_max, σ_min and log Σσ are linearly independent (see {@link #INDEPENDENT}).
 *
 * <p>Region: σ_min ≥ δ (outside the exclusion zone around rank-deficient W, where the action of
 * GL(r) is not free and Euler–Maruyama does not converge) and, for square W, det W &gt; 0: the
 * chains start there, and crossing det W = 0 means passing through the non-free set, so the
 * comparison is made within the sector the chains equilibrate in (a conditional law of a
 * stationary law is still exact). The mass outside is reported.
 */
public final class SingularValues {
  /** Names of the compared functions, in order. */
  public static final List<String> NAMES = List.of("sigma_max", "sigma_min", "sigma_sum",
      "log(sigma_sum)");
  /** Indices of a linearly independent subset (for the Mahalanobis distance). */
  public static final int[] INDEPENDENT = {0, 1, 3};

  /** Where a matrix falls. */
  public enum Zone { COMPARED, EXCLUDED, OTHER_SECTOR, NON_FINITE }

  private SingularValues() {
  }

  /** Singular values in decreasing order (Hipparchus). */
  public static double[] of(double[][] w) {
    return new SingularValueDecomposition(new Array2DRowRealMatrix(w, false))
        .getSingularValues();
  }

  /** The compared functions of σ (decreasing order). */
  public static double[] functions(double[] sigma) {
    double sum = 0;
    for (double s : sigma) {
      sum += s;
    }
    return new double[] {sigma[0], sigma[sigma.length - 1], sum, Math.log(sum)};
  }

  /** The zone of W with singular values σ (δ: exclusion radius). */
  public static Zone zone(double[][] w, double[] sigma, double delta) {
    for (double[] row : w) {
      for (double v : row) {
        if (!Double.isFinite(v)) {
          return Zone.NON_FINITE;
        }
      }
    }
    if (sigma[sigma.length - 1] < delta) {
      return Zone.EXCLUDED;
    }
    if (w.length == w[0].length && determinant(w) <= 0) {
      return Zone.OTHER_SECTOR;
    }
    return Zone.COMPARED;
  }

  static double determinant(double[][] w) {
    if (w.length == 2) {
      return w[0][0] * w[1][1] - w[0][1] * w[1][0];
    }
    return new LUDecomposition(new Array2DRowRealMatrix(w, false)).getDeterminant();
  }
}
