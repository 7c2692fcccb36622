package org.gaugebias.symbolic.symmetry;

import java.util.List;
import java.util.Optional;
import org.gaugebias.symbolic.expr.Expr;
import org.hipparchus.fraction.BigFraction;

/**
 * What {@code gaugebias symmetries} reports for a design (THEORY.md §1, §5, §6): the linear
 * symmetry algebra and its symmetric/antisymmetric split, the conservation laws of gradient flow
 * (count and degree-2 basis), the slice each noise model selects, and non-linear symmetries
 * where the linear ones do not fill the fibres. Data only; {@link SymmetryReportPrinter} renders.
 *
 * @param sameSpanAsDeclared whether the discovered algebra spans the declared generators' (empty
 *     when the design declares none, or declares non-linear ones)
 */
public record SymmetryReport(String id, String title, List<String> theta, List<String> beta,
    String temperature, Route route, Linear linear, Laws laws, List<NoiseSlices.Slice> slices,
    Optional<NonlinearSymmetries.Result> nonlinear, Optional<Boolean> sameSpanAsDeclared,
    List<String> warnings) {

  public SymmetryReport {
    theta = List.copyOf(theta);
    beta = List.copyOf(beta);
    slices = List.copyOf(slices);
    warnings = List.copyOf(warnings);
  }

  /** How the linear symmetries were found. */
  public enum Route {
    /** Polynomial predictor: coefficient matching, exact over Q. */
    EXACT_POLYNOMIAL,
    /** Other predictors: the linear system imposed at random points in double precision,
     * rounded to small rationals, each generator then checked symbolically. */
    NUMERIC
  }

  /**
   * The Lie algebra {A : J_f(θ) A θ ≡ 0}.
   *
   * @param basis canonical basis (reduced row-echelon in the entries of A)
   * @param symmetric its symmetric part (moment maps ½θᵀSθ; the quadratic conservation laws)
   * @param antisymmetric its antisymmetric (compact) part
   * @param rankJacobian rank J_f at generic points
   * @param orbitDimension rank of the fields A_a θ at generic points
   */
  public record Linear(List<BigFraction[][]> basis, List<BigFraction[][]> symmetric,
      List<BigFraction[][]> antisymmetric, List<List<Expr>> fields, int rankJacobian,
      int orbitDimension) {
    public Linear {
      basis = List.copyOf(basis);
      symmetric = List.copyOf(symmetric);
      antisymmetric = List.copyOf(antisymmetric);
      fields = List.copyOf(fields);
    }

    /** Whether the algebra is the sum of its symmetric and antisymmetric parts. */
    public boolean closedUnderTranspose() {
      return symmetric.size() + antisymmetric.size() == basis.size();
    }
  }

  /**
   * Conservation laws of gradient flow.
   *
   * @param lieAlgebra the generated algebra W_f (polynomial predictors)
   * @param count d − dim W_f, when known
   * @param quadratic the degree-2 laws ½θᵀSθ, canonical basis
   * @param independentQuadratic how many of them are functionally independent
   * @param certified whether the count is exact without a probabilistic argument
   * @param method how the count was obtained, or why it was not
   */
  public record Laws(Optional<GradientLieAlgebra.Result> lieAlgebra, Optional<Integer> count,
      List<Expr> quadratic, int independentQuadratic, boolean certified, String method) {
    public Laws {
      quadratic = List.copyOf(quadratic);
    }
  }

  public int dimension() {
    return theta.size();
  }

  /** d − rank J_f: the dimension of the fibres of f. */
  public int fibreDimension() {
    return dimension() - linear.rankJacobian();
  }
}
