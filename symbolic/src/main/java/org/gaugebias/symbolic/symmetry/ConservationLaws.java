package org.gaugebias.symbolic.symmetry;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.gaugebias.symbolic.expr.Expr;
import org.hipparchus.fraction.BigFraction;

/**
 * The conservation laws of gradient flow θ' = −∇ℓ(f(θ)) for every loss ℓ (THEORY.md §6): their
 * number {@code d − dim W_f} ({@link GradientLieAlgebra}) and a basis of those of degree 2.
 *
 * <p>A quadratic h = ½θᵀSθ is conserved for every ℓ iff ⟨∇h, ∇f_i⟩ = ⟨Sθ, ∇f_i⟩ ≡ 0 for all
 * i, i.e. iff S is a symmetric linear symmetry (J_f(θ) S θ ≡ 0): Noether's correspondence, and
 * the linear system of {@link PolynomialSymmetries} restricted to symmetric S, solved exactly.
 *
 * <p>Certificate: the modular rank gives dim W_f ≥ r for certain, so there are at most d − r
 * laws; q quadratic laws whose gradients are independent at a point are at least q laws. When
 * q = d − r the count is exact with no probability involved ({@link Result#certified()}).
 *
 * @param lieAlgebra the generated algebra and its rank statistics
 * @param quadratic the degree-2 laws h_a = ½θᵀS_aθ (canonical basis), as expressions in θ
 * @param matrices the S_a
 * @param independentQuadratic how many of them are functionally independent
 */
record ConservationLaws(GradientLieAlgebra.Result lieAlgebra, List<Expr> quadratic,
    List<BigFraction[][]> matrices, int independentQuadratic) {

  ConservationLaws {
    quadratic = List.copyOf(quadratic);
    matrices = List.copyOf(matrices);
  }

  /** d − dim W_f. */
  int count() {
    return lieAlgebra.d() - lieAlgebra.dimension();
  }

  /** Whether the count is exact without a probabilistic argument (see the class comment). */
  boolean certified() {
    return lieAlgebra.limitReached().isEmpty() && independentQuadratic == count();
  }

  static ConservationLaws of(PolynomialPredictor f, List<String> outputNames,
      GradientLieAlgebra.Limits limits, long seed, List<BigFraction[][]> symmetricBasis) {
    GradientLieAlgebra.Result lie = new GradientLieAlgebra(f, outputNames, limits, seed)
        .generate();
    List<Expr> laws = new ArrayList<>();
    for (BigFraction[][] s : symmetricBasis) {
      laws.add(quadraticForm(s).toExpr(f.theta()));
    }
    return new ConservationLaws(lie, laws, symmetricBasis,
        independentGradients(symmetricBasis, f.dimension(), seed));
  }

  /** ½θᵀSθ. */
  static Polynomial quadraticForm(BigFraction[][] s) {
    Polynomial h = Polynomial.ZERO;
    BigFraction half = new BigFraction(1, 2);
    for (int j = 0; j < s.length; j++) {
      for (int k = 0; k < s.length; k++) {
        if (s[j][k].signum() != 0) {
          h = h.plus(Polynomial.variable(j).timesVariable(k).scale(s[j][k].multiply(half)));
        }
      }
    }
    return h;
  }

  /** Rank of the gradients S_a θ at a random point mod p (a certain lower bound). */
  static int independentGradients(List<BigFraction[][]> matrices, int d, long seed) {
    SplittableRandom rng = new SplittableRandom(seed ^ 0x5157L);
    long[] x = new long[d];
    for (int i = 0; i < d; i++) {
      x[i] = rng.nextLong(Modular.P);
    }
    LieAlgebraRank r = new LieAlgebraRank(d);
    for (BigFraction[][] s : matrices) {
      long[] v = new long[d];
      for (int j = 0; j < d; j++) {
        for (int k = 0; k < d; k++) {
          if (s[j][k].signum() != 0) {
            v[j] = Modular.add(v[j], Modular.mul(Modular.of(s[j][k]), x[k]));
          }
        }
      }
      r.add(v);
    }
    return r.rank();
  }
}
