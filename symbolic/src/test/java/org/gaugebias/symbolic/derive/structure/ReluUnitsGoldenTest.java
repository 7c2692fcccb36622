package org.gaugebias.symbolic.derive.structure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.gaugebias.symbolic.EngineFixture;
import org.gaugebias.symbolic.derive.matrix.MatrixDesigns;
import org.gaugebias.symbolic.expr.NumericEvaluator;
import org.gaugebias.symbolic.print.LatexDerivationPrinter;
import org.gaugebias.symbolic.print.TextDerivationPrinter;
import org.gaugebias.symbolic.trace.Derivation;
import org.gaugebias.symbolic.trace.PointEvaluation;
import org.gaugebias.symbolic.trace.UnitSum;
import org.gaugebias.symbolic.trace.Variant;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.EigenDecompositionSymmetric;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The two-layer bias-free ReLU network (THEORY.md §3: the bias is a sum over units) at a size
 * the catalogue does not ship (h = 5 units, 3 inputs; the catalogue has h = 3 on 2 inputs and h = 16 on 3), against
 * an independent numeric computation written here: random rows w_k and v_k = ‖w_k‖ (the balanced
 * slice, moment map ½(‖w_k‖² − v_k²) = 0), the rescaling fields (w_k, −v_k), the predictor's
 * and the moment maps' Jacobians by central differences, log-determinants from eigenvalues. It
 * must agree with {@code eval}'s numbers to 1e-8, and the fold Σ_k f(β_k) the engine derived from
 * one generic unit must give the independent numbers at h = 9 units (of the same width 3); and
 * the same on 4 inputs per unit, where each unit takes the single-unit route (derive.RankOneUnit).
 */
class ReluUnitsGoldenTest {
  @RegisterExtension
  static final EngineFixture ENGINE = new EngineFixture();

  @Test
  void fiveUnitsOnThreeInputsAgreeWithAnIndependentGramAndPrintFolded() throws IOException {
    Derivation d = ENGINE.deriveFromFile(MatrixDesigns.relu(5, 3));
    UnitSum units = d.structure().orElseThrow().units().orElseThrow();
    assertThat(units.units()).isEqualTo(5);
    // checked by the engine at h = 7 and 8 against its own dense Grams of the grown design
    assertThat(units.checks()).extracting(c -> c.rank()).contains(7, 8);
    SplittableRandom rng = new SplittableRandom(8);
    for (int t = 0; t < 4; t++) {
      double[][] w = rows(rng, 5, 3);
      double[] ref = logDets(w);
      PointEvaluation e = PointEvaluation.at(d, point(w), 0.6);
      assertThat(e.logDetG()).isCloseTo(ref[0], within(1e-8));
      assertThat(e.logDetC().orElseThrow()).isCloseTo(ref[1], within(1e-8));
      assertThat(e.logDetP()).isCloseTo(ref[2], within(1e-8));
    }
    // the per-unit closed form at h = 9 (not derived from) against the independent Gram
    double[][] w = rows(rng, 9, 3);
    double[] ref = logDets(w);
    String[] variants = {"ORBIT", "GAUGE", "QUOTIENT"};
    for (int k = 0; k < 3; k++) {
      var fUnit = units.perUnit().get(Variant.valueOf(variants[k]));
      double folded = 0;
      for (double[] row : w) {
        double v = norm(row);
        Map<String, Double> env = new HashMap<>();
        for (int j = 0; j < row.length; j++) {
          env.put("beta$k$" + (j + 1), v * row[j]);
        }
        folded += NumericEvaluator.eval(fUnit, env);
      }
      assertThat(folded).as(variants[k]).isCloseTo(ref[k], within(1e-8));
    }
    // printed folded over the units, in text and LaTeX
    String text = new TextDerivationPrinter(TextDerivationPrinter.Options.defaults()).print(d);
    assertThat(text).contains("R_quot             = (T/2)*sum(").contains("i=1..5")
        .contains("logdet_P_every_h = sum(").contains("k=1..h");
    String latex = new LatexDerivationPrinter(LatexDerivationPrinter.Options.defaults()).print(d);
    assertThat(latex).contains("\\sum_{k=1}^{h}").contains("\\sum_{i=1}^{5}");
  }

  /**
   * Units on 4 inputs (before the single-unit route, the generic unit's symbolic 4×4 P ran into
   * the CAS's time limit): each unit is recognised as β_k = v_k w_k with P_k = v_k² I + w_k w_kᵀ,
   * and eval agrees with the independent Gram of this class at h = 3, the fold at h = 6.
   */
  @Test
  void unitsOnFourInputsTakeTheRankOneUnitAndAgreeWithAnIndependentGram() throws IOException {
    Derivation d = ENGINE.deriveFromFile(MatrixDesigns.relu(3, 4));
    assertThat(d.complete()).isTrue();
    assertThat(d.steps()).as("the unit recognised").anyMatch(s -> s.facts()
        instanceof org.gaugebias.symbolic.trace.StepFacts.RankOneUnit u && u.vector().size() == 4);
    SplittableRandom rng = new SplittableRandom(4);
    for (int t = 0; t < 3; t++) {
      double[][] w = rows(rng, 3, 4);
      double[] ref = logDets(w);
      PointEvaluation e = PointEvaluation.at(d, point(w), 1.3);
      assertThat(e.logDetG()).isCloseTo(ref[0], within(1e-8));
      assertThat(e.logDetC().orElseThrow()).isCloseTo(ref[1], within(1e-8));
      assertThat(e.logDetP()).isCloseTo(ref[2], within(1e-8));
    }
    UnitSum units = d.structure().orElseThrow().units().orElseThrow();
    double[][] w = rows(rng, 6, 4);
    double folded = 0;
    for (double[] row : w) {
      double v = norm(row);
      Map<String, Double> env = new HashMap<>();
      for (int j = 0; j < row.length; j++) {
        env.put("beta$k$" + (j + 1), v * row[j]);
      }
      folded += NumericEvaluator.eval(units.perUnit().get(Variant.QUOTIENT), env);
    }
    assertThat(folded).as("Σ_k log det P_k at h = 6").isCloseTo(logDets(w)[2], within(1e-8));
  }

  private static Map<String, Double> point(double[][] w) {
    Map<String, Double> p = new HashMap<>();
    for (int k = 0; k < w.length; k++) {
      double v = norm(w[k]);
      for (int j = 0; j < w[k].length; j++) {
        p.put("beta$" + (k + 1) + "$" + (j + 1), v * w[k][j]);
      }
    }
    return p;
  }

  private static double[][] rows(SplittableRandom rng, int h, int n) {
    double[][] w = new double[h][n];
    for (int k = 0; k < h; k++) {
      for (int j = 0; j < n; j++) {
        w[k][j] = (rng.nextBoolean() ? 1 : -1) * (0.2 + rng.nextDouble());
      }
    }
    return w;
  }

  private static double norm(double[] r) {
    double s = 0;
    for (double x : r) {
      s += x * x;
    }
    return Math.sqrt(s);
  }

  /**
   * {log det G, log det C, log det P} at θ = (W, v) with v_k = ‖w_k‖; θ flattened as W row by
   * row, then v.
   */
  static double[] logDets(double[][] w) {
    int h = w.length;
    int n = w[0].length;
    int d = h * n + h;
    double[] theta = new double[d];
    for (int k = 0; k < h; k++) {
      System.arraycopy(w[k], 0, theta, k * n, n);
      theta[h * n + k] = norm(w[k]);
    }
    double[][] xi = new double[h][d];
    for (int k = 0; k < h; k++) {
      for (int j = 0; j < n; j++) {
        xi[k][k * n + j] = theta[k * n + j];
      }
      xi[k][h * n + k] = -theta[h * n + k];
    }
    double[][] jchi = new double[h][];
    double[][] jf = new double[h * n][];
    for (int k = 0; k < h; k++) {
      final int unit = k;
      jchi[k] = gradient(theta, x -> {
        double s = 0;
        for (int j = 0; j < n; j++) {
          s += x[unit * n + j] * x[unit * n + j];
        }
        return 0.5 * (s - x[h * n + unit] * x[h * n + unit]);
      });
      for (int j = 0; j < n; j++) {
        final int col = j;
        jf[k * n + j] = gradient(theta, x -> x[h * n + unit] * x[unit * n + col]);
      }
    }
    return new double[] {logDet(gram(xi)), logDet(gram(jchi)), logDet(gram(jf))};
  }

  private static double[] gradient(double[] x, java.util.function.ToDoubleFunction<double[]> f) {
    double[] g = new double[x.length];
    double h = 1e-6;
    for (int i = 0; i < x.length; i++) {
      double[] p = x.clone();
      double[] m = x.clone();
      p[i] += h;
      m[i] -= h;
      g[i] = (f.applyAsDouble(p) - f.applyAsDouble(m)) / (2 * h);
    }
    return g;
  }

  private static double[][] gram(double[][] rows) {
    int k = rows.length;
    double[][] g = new double[k][k];
    for (int a = 0; a < k; a++) {
      for (int b = 0; b < k; b++) {
        for (int i = 0; i < rows[a].length; i++) {
          g[a][b] += rows[a][i] * rows[b][i];
        }
      }
    }
    return g;
  }

  private static double logDet(double[][] m) {
    double s = 0;
    for (double v : new EigenDecompositionSymmetric(new Array2DRowRealMatrix(m))
        .getEigenvalues()) {
      s += Math.log(v);
    }
    return s;
  }
}
