package org.gaugebias.symbolic.derive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.gaugebias.symbolic.EngineFixture;
import org.gaugebias.symbolic.trace.Derivation;
import org.gaugebias.symbolic.trace.PointEvaluation;
import org.gaugebias.symbolic.trace.StepFacts;
import org.gaugebias.symbolic.trace.Variant;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.EigenDecompositionSymmetric;
import org.hipparchus.linear.RealMatrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A single ReLU unit β = v·w at a size the shipped design does not have (w ∈ R^5): P = J Jᵀ is
 * recognised as a rank-one update D + a aᵀ (THEORY.md §3) and the trace says so, and the log
 * det P and log det G that {@code eval} computes agree to 1e-8 with a dense numeric Jacobian
 * at the balanced representative (v = ‖w‖ = √‖β‖), built here.
 */
class RankOneUnitTest {
  private static final Path ROOT = EngineFixture.ROOT;
  @RegisterExtension
  static final EngineFixture ENGINE = new EngineFixture();
  @TempDir
  static Path held;

  @Test
  void unitInFiveDimensionsAgreesWithDenseNumerics() throws Exception {
    int m = 5;
    Path f = held.resolve("relu-unit-" + m + ".yaml");
    Files.writeString(f, Files.readString(ROOT.resolve("designs/relu-unit.yaml"))
        .replace("vector 3", "vector " + m));
    Derivation d = ENGINE.derive(f);
    assertThat(d.complete()).isTrue();
    assertThat(d.steps()).as("the determinant lemma stated for P")
        .anyMatch(s -> s.facts() instanceof StepFacts.LogDet l
            && l.variant() == Variant.QUOTIENT && l.rankOneUpdate());
    SplittableRandom rng = new SplittableRandom(5);
    for (int point = 0; point < 3; point++) {
      double[] beta = new double[m];
      double norm = 0;
      for (int i = 0; i < m; i++) {
        beta[i] = rng.nextDouble(-2, 2);
        norm += beta[i] * beta[i];
      }
      double v = Math.pow(norm, 0.25);
      double[][] jf = new double[m][m + 1]; // θ = (w_1..w_m, v)
      Map<String, Double> at = new HashMap<>();
      for (int i = 0; i < m; i++) {
        jf[i][i] = v;
        jf[i][m] = beta[i] / v;
        at.put(d.predictorSymbols().get(i), beta[i]);
      }
      RealMatrix j = new Array2DRowRealMatrix(jf);
      double logDetP = 0;
      for (double ev : new EigenDecompositionSymmetric(j.multiply(j.transpose()))
          .getEigenvalues()) {
        logDetP += Math.log(ev);
      }
      double logDetG = Math.log(2 * v * v); // ξ = (w, −v): G = ‖w‖² + v²
      PointEvaluation e = PointEvaluation.at(d, at, 1.0);
      assertThat(e.logDetP()).as("log det P").isCloseTo(logDetP, within(1e-8));
      assertThat(e.logDetG()).as("log det G").isCloseTo(logDetG, within(1e-8));
    }
  }
}
