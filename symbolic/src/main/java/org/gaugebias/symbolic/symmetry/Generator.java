package org.gaugebias.symbolic.symmetry;

import java.util.List;
import java.util.Optional;
import org.gaugebias.symbolic.expr.Expr;
import org.hipparchus.fraction.BigFraction;

/**
 * A symmetry generator as the engine uses it: the vector field ξ(θ), and, for a linear action,
 * its constant matrix A (ξ = Aθ) which decides the gauge (THEORY.md §2): symmetric A gets the
 * moment map ½θᵀAθ, antisymmetric A (compact) only a canonical representative.
 */
public record Generator(String label, List<Expr> field, Optional<BigFraction[][]> matrix, String origin) {

  /** How the generator's matrix decides its gauge. */
  public enum Type { SYMMETRIC, ANTISYMMETRIC, MIXED, NONLINEAR }

  public Generator {
    field = List.copyOf(field);
  }

  public Type type() {
    if (matrix.isEmpty()) {
      return Type.NONLINEAR;
    }
    BigFraction[][] a = matrix.get();
    boolean sym = true;
    boolean anti = true;
    for (int i = 0; i < a.length; i++) {
      for (int j = 0; j < a.length; j++) {
        sym &= a[i][j].equals(a[j][i]);
        anti &= a[i][j].equals(a[j][i].negate());
      }
    }
    return sym ? Type.SYMMETRIC : anti ? Type.ANTISYMMETRIC : Type.MIXED;
  }

  /**
   * Whether the symmetric matrix is (semi-)definite, i.e. its moment map ½θᵀAθ has no zero set
   * transverse to the orbits. THEORY.md §2 states the trace-zero case; the criterion that matters
   * is indefiniteness: the ReLU unit's diag(1, 1, 1, −1) has trace 2 and the balanced slice
   * ‖w‖ = |v|, while the scale symmetry A = I has none.
   */
  public boolean definite() {
    BigFraction[][] a = matrix.orElseThrow();
    if (hasIndefiniteMinor(a)) {
      return false;
    }
    double[][] m = new double[a.length][a.length];
    for (int i = 0; i < a.length; i++) {
      for (int j = 0; j < a.length; j++) {
        m[i][j] = a[i][j].doubleValue();
      }
    }
    double[] ev = new org.hipparchus.linear.EigenDecompositionSymmetric(
        new org.hipparchus.linear.Array2DRowRealMatrix(m, false)).getEigenvalues();
    boolean pos = false;
    boolean neg = false;
    for (double v : ev) {
      pos |= v > 1e-12;
      neg |= v < -1e-12;
    }
    return !(pos && neg);
  }

  /**
   * Whether a 2×2 principal minor a_ii a_jj − a_ij² is negative (or two diagonal entries have
   * opposite signs): then A is indefinite, exactly and without an eigen-decomposition (every
   * symmetric generator of a matrix product has such a minor: 75 of them at 100 parameters).
   */
  private static boolean hasIndefiniteMinor(BigFraction[][] a) {
    boolean pos = false;
    boolean neg = false;
    for (int i = 0; i < a.length; i++) {
      pos |= a[i][i].signum() > 0;
      neg |= a[i][i].signum() < 0;
      for (int j = i + 1; j < a.length; j++) {
        if (a[i][j].signum() != 0 && a[i][i].multiply(a[j][j])
            .compareTo(a[i][j].multiply(a[i][j])) < 0) {
          return true;
        }
      }
    }
    return pos && neg;
  }
}
