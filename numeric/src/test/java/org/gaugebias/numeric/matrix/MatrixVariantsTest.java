package org.gaugebias.numeric.matrix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Fast tests of the matrix-variant verifier on test-data/designs/matrix-uv.yaml (W = UVᵀ, 2×2):
 * the numeric Gram log-determinants at the balanced representative against THEORY.md §3's
 * closed forms (the independent check), and a smoke run of the whole comparison.
 */
class MatrixVariantsTest {

  @Test
  void engineFormulasHaveTheExpectedShapes() {
    MatrixDynamics d = MatrixModels.matrixUv();
    assertThat(d.parameters()).hasSize(8);
    assertThat(d.generators()).hasSize(4);
    assertThat(d.jacobian()).hasSize(4);
    assertThat(d.balance()).hasSize(3);
    assertThat(d.balanceJacobian()).hasSize(3);
    assertThat(d.factorisation()).isEqualTo(MatrixDynamics.Factorisation.TWO_FACTOR);
    // L = ½‖W − diag(1, ½)‖²: Hessian I, linear term −(1, 0, 0, ½)
    double[][] h = d.lossHessian();
    for (int i = 0; i < 4; i++) {
      for (int j = 0; j < 4; j++) {
        assertThat(h[i][j]).isEqualTo(i == j ? 1.0 : 0.0);
      }
    }
    assertThat(d.lossLinear()).containsExactly(-1.0, 0.0, 0.0, -0.5);
  }

  @Test
  void numericLogDetsMatchTheoryClosedForms() {
    FactorModel model = new FactorModel(MatrixModels.matrixUv());
    SplittableRandom rng = new SplittableRandom(20260406L);
    Double quotMinusOrbit = null;
    for (int trial = 0; trial < 200; trial++) {
      double[][] w = new double[2][2];
      for (int i = 0; i < 2; i++) {
        for (int j = 0; j < 2; j++) {
          w[i][j] = 2 * rng.nextDouble() - 1;
        }
      }
      double[] s = SingularValues.of(w);
      if (s[1] < 1e-3) {
        continue;
      }
      double[] theta = model.representative(w);
      // the representative reproduces W and is balanced
      double[][] back = model.predictor(theta);
      for (int i = 0; i < 2; i++) {
        for (int j = 0; j < 2; j++) {
          assertThat(back[i][j]).isCloseTo(w[i][j], within(1e-12));
        }
      }
      FactorModel.LogDets l = model.logDets(theta);
      double s1 = s[0];
      double s2 = s[1];
      // THEORY §3: det G = Π_{i,j}(σ_i + σ_j)
      double g = Math.log(2 * s1) + Math.log(2 * s2) + 2 * Math.log(s1 + s2);
      // det C = Π_i 8σ_i · Π_{i<j} 2(σ_i + σ_j)
      double c = Math.log(8 * s1) + Math.log(8 * s2) + Math.log(2 * (s1 + s2));
      assertThat(l.generatorGram()).as("log det G at %s", (Object) w).isCloseTo(g, within(1e-9));
      assertThat(l.constraintGram()).as("log det C").isCloseTo(c, within(1e-9));
      // quotient = orbit up to a constant for square full-rank factors
      double diff = l.predictorGram() - l.generatorGram();
      if (quotMinusOrbit == null) {
        quotMinusOrbit = diff;
      }
      assertThat(diff).isCloseTo(quotMinusOrbit, within(1e-9));
    }
  }

  @Test
  void smokeRunProducesAReportWithEveryCandidate() {
    MatrixVariantSettings s = new MatrixVariantSettings(0.05, 2e-3, 3_000, 1_000, 200, 512,
        20260406L, 2, 0.05, 40_000, 1e6);
    MatrixVariantReport r = MatrixVariants.run(MatrixModels.matrixUv(), s);
    System.out.println(r.toText());
    assertThat(r.candidates()).hasSize(Candidate.values().length);
    assertThat(r.counts().divergedChains()).isZero();
    assertThat(r.counts().compared()).isPositive();
    assertThat(r.quotientOrbitSpread()).isLessThan(1e-8);
    assertThat(r.simulation().mean(0)).isBetween(0.8, 1.3);
    assertThat(r.verdict().outcome()).isNotBlank();
    assertThat(r.toJson()).contains("\"verdict\"");
  }

  @Test
  void sameSeedGivesIdenticalResultsWhateverTheThreadCount() {
    MatrixVariantSettings s = new MatrixVariantSettings(0.05, 2e-3, 600, 200, 100, 600,
        7L, 1, 0.05, 40_000, 1e6);
    MatrixVariantReport one = MatrixVariants.run(MatrixModels.matrixUv(), s);
    MatrixVariantReport two = MatrixVariants.run(MatrixModels.matrixUv(), s.withThreads(2));
    assertThat(two.simulation().mean()).containsExactly(one.simulation().mean());
    assertThat(two.counts().recorded()).isEqualTo(one.counts().recorded());
    for (int c = 0; c < one.candidates().size(); c++) {
      assertThat(two.candidates().get(c).expectations().mean())
          .containsExactly(one.candidates().get(c).expectations().mean());
    }
  }
}
