package org.gaugebias.numeric.matrix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The matrix-variant verifier on a deep linear network, test-data/designs/deep-linear-3.yaml
 * (W = W3 W2 W1, 2×2 factors): the engine's formulas, the numeric Gram log-determinants at the
 * balanced representative against the block structure of docs/matrix-families.md (derived and
 * checked there by test-data/matrix_families.py, not by the engine), and a short seeded run of
 * the whole comparison. The full protocol runs from the command line (docs/verifier.md).
 */
class DeepLinearVariantsTest {
  private static final int LAYERS = 3;

  @Test
  void engineFormulasDescribeAProductOfThreeFactors() {
    MatrixDynamics d = MatrixModels.deepLinear3();
    assertThat(d.factorisation()).isEqualTo(MatrixDynamics.Factorisation.PRODUCT);
    assertThat(d.parameters()).hasSize(12);
    assertThat(d.generators()).as("gl(2) + gl(2), discovered").hasSize(8);
    assertThat(d.balance()).as("raw entries i <= j of two symmetric 2x2 conditions").hasSize(6);
    // factors in product order W1, W2, W3 (the design writes W3.W2.W1)
    assertThat(d.factors().get(0).get(0).get(0)).startsWith("W1");
    assertThat(d.factors().get(2).get(0).get(0)).startsWith("W3");
    assertThat(d.lossLinear()).containsExactly(-1.0, 0.0, 0.0, -0.5);
  }

  @Test
  void numericLogDetsMatchTheBlockStructure() {
    FactorModel model = new FactorModel(MatrixModels.deepLinear3());
    SplittableRandom rng = new SplittableRandom(20260407L);
    Double quotMinusOrbit = null;
    int checked = 0;
    for (int trial = 0; trial < 200; trial++) {
      double[][] w = new double[2][2];
      for (int i = 0; i < 2; i++) {
        for (int j = 0; j < 2; j++) {
          w[i][j] = 2 * rng.nextDouble() - 1;
        }
      }
      double[] s = SingularValues.of(w);
      if (s[1] < 1e-2 || s[0] - s[1] < 1e-2) {
        continue;
      }
      double[] theta = model.representative(w);
      double[][] back = model.predictor(theta);
      for (int i = 0; i < 2; i++) {
        for (int j = 0; j < 2; j++) {
          assertThat(back[i][j]).isCloseTo(w[i][j], within(1e-12));
        }
      }
      FactorModel.LogDets l = model.logDets(theta);
      // docs/matrix-families.md: diagonal blocks L σ^{2(L−1)/L}, pair blocks
      // (σ_i² − σ_j²)/(σ_i^{2/L} − σ_j^{2/L}); G has both pairs (i, j) and (j, i); C has the
      // (L−1)×(L−1) blocks scaled by 4 (i = j) and 2 (i < j).
      double diag = logDiag(s[0]) + logDiag(s[1]);
      double pair = Math.log((s[0] * s[0] - s[1] * s[1])
          / (Math.pow(s[0], 2.0 / LAYERS) - Math.pow(s[1], 2.0 / LAYERS)));
      double g = diag + 2 * pair;
      double c = diag + pair + (LAYERS - 1) * (2 * Math.log(4) + Math.log(2));
      assertThat(l.generatorGram()).as("log det G at σ = %s", s).isCloseTo(g, within(1e-8));
      assertThat(l.constraintGram()).as("log det C at σ = %s", s).isCloseTo(c, within(1e-8));
      double diff = l.predictorGram() - l.generatorGram();
      if (quotMinusOrbit == null) {
        quotMinusOrbit = diff;
      }
      assertThat(diff).as("det P = det G up to a constant").isCloseTo(quotMinusOrbit,
          within(1e-8));
      checked++;
    }
    assertThat(checked).isGreaterThan(150);
  }

  private static double logDiag(double sigma) {
    return Math.log(LAYERS) + 2.0 * (LAYERS - 1) / LAYERS * Math.log(sigma);
  }

  @Test
  void shortSeededRunComparesEveryCandidate(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    MatrixVariantSettings s = new MatrixVariantSettings(0.05, 2e-3, 3_000, 1_000, 200, 512,
        20260406L, 2, 0.05, 40_000, 1e6);
    MatrixVariantReport r = MatrixVariants.run(MatrixModels.deepLinear3(), s);
    System.out.println(r.toText());
    assertThat(r.candidates()).hasSize(Candidate.values().length);
    assertThat(r.counts().divergedChains()).isZero();
    assertThat(r.counts().balanceMean()).as("one mean per balance condition").hasSize(6);
    assertThat(r.quotientOrbitSpread()).isLessThan(1e-7);
    assertThat(r.simulation().mean(0)).isBetween(0.8, 1.3);
    assertThat(r.verdict().outcome()).isNotBlank();
    // the chart: every candidate's distance on a log axis, with the rejection line
    var chart = MatrixVariantPlot.chart(java.util.List.of("seed 20260406"), java.util.List.of(r));
    assertThat(chart.getYAxisTitle()).startsWith("log₁₀ d²");
    assertThat(chart.getSeriesMap().keySet()).anyMatch(k -> k.startsWith("rejection line d² = 16.3"))
        .anyMatch(k -> k.startsWith("seed 20260406, T = 0.05"));
    org.gaugebias.numeric.run.ReportFiles.write(dir, "deep", r);
    org.gaugebias.numeric.run.ChartFiles.check(dir, "deep", r.chart());
  }
}
