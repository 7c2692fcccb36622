package org.gaugebias.symbolic.derive.matrix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.gaugebias.symbolic.EngineFixture;
import org.gaugebias.symbolic.derive.DerivationException;
import org.gaugebias.symbolic.expr.NumericEvaluator;
import org.gaugebias.symbolic.trace.Derivation;
import org.gaugebias.symbolic.trace.PointEvaluation;
import org.gaugebias.symbolic.trace.Spectrum;
import org.gaugebias.symbolic.trace.Variant;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.EigenDecompositionSymmetric;
import org.hipparchus.linear.QRDecomposition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Conjugation X ↦ R X Rᵀ (THEORY.md §3, the Vandermonde row) against an independent numeric
 * computation written here, not the engine's: at a random orthogonal frame X = Q diag(λ) Qᵀ the
 * tangent vectors [E_ij − E_ji, X] as full n×n matrices, G_ab = tr(ξ_a ξ_b) (the Frobenius inner
 * product, no coordinates involved), and P from the eigenvalues' central differences along an
 * orthonormal basis of the symmetric matrices (E_ii, (E_ij + E_ji)/√2); log-determinants from
 * eigenvalues. It must agree with {@code eval}'s numbers ({@link PointEvaluation}) to 1e-8 at a
 * size the catalogue does not ship (n = 4; the catalogue has n = 3), and the closed form derived
 * there must match the independent Gram at n = 6.
 */
class ConjugationGoldenTest {
  @RegisterExtension
  static final EngineFixture ENGINE = new EngineFixture();

  private static Derivation derive(String yaml) {
    return ENGINE.deriveFromFile(yaml);
  }

  @Test
  void sizeFourAgreesWithAnIndependentGramAndItsClosedFormHoldsAtSix() throws IOException {
    Derivation d = derive(MatrixDesigns.conjugation(4));
    SplittableRandom rng = new SplittableRandom(41);
    for (int t = 0; t < 4; t++) {
      double[] lam = distinct(rng, 4);
      Map<String, Double> point = new HashMap<>();
      for (int i = 0; i < 4; i++) {
        point.put("lambda$" + (i + 1), lam[i]);
      }
      PointEvaluation e = PointEvaluation.at(d, point, 0.8);
      double[] ref = logDets(lam, rng);
      assertThat(e.logDetG()).isCloseTo(ref[0], within(1e-8));
      assertThat(e.logDetP()).isCloseTo(ref[1], within(1e-8));
      assertThat(e.logDetC()).isEmpty();
      // R_orbit = T Σ_{i<j} log|λ_i − λ_j| + const: compare with the direct sum, up to its constant
      double vandermonde = 0;
      for (int i = 0; i < 4; i++) {
        for (int j = i + 1; j < 4; j++) {
          vandermonde += Math.log(Math.abs(lam[i] - lam[j]));
        }
      }
      assertThat(e.logDetG() - 2 * vandermonde).isCloseTo(6 * Math.log(2), within(1e-9));
    }
    Spectrum s = d.structure().orElseThrow().spectrum().orElseThrow();
    assertThat(s.signed()).isTrue();
    Spectrum.ClosedForm g = s.closedForms().get(Variant.ORBIT);
    assertThat(g.checks()).extracting(Spectrum.Check::rank).contains(5, 6);
    double[] lam = distinct(rng, 6);
    double folded = 0;
    for (int i = 0; i < 6; i++) {
      folded += NumericEvaluator.eval(g.single(), Map.of("lambda$i", lam[i]));
      for (int j = i + 1; j < 6; j++) {
        folded += NumericEvaluator.eval(g.pair(), Map.of("lambda$i", lam[i], "lambda$j",
            lam[j]));
      }
    }
    assertThat(folded).isCloseTo(logDets(lam, rng)[0], within(1e-8));
    assertThat(d.results().get(Variant.QUOTIENT).bias().toWolfram()).isEqualTo("0");
  }

  @Test
  void anActionThatLeavesTheSymmetricMatricesIsRefused() {
    String bad = MatrixDesigns.conjugation(2).replace("R.X.Transpose[R]", "R.X");
    assertThatThrownBy(() -> derive(bad)).isInstanceOf(DerivationException.class)
        .hasMessageContaining("is not symmetric");
  }

  @Test
  void aSymmetricParameterNeedsTheSpectralPredictor() {
    String bad = MatrixDesigns.conjugation(2).replace("Eigenvalues[X]", "X.X");
    assertThatThrownBy(() -> derive(bad)).isInstanceOf(DerivationException.class)
        .hasMessageContaining("Eigenvalues[X]");
  }

  /** {log det G, log det P} of conjugation at X = Q diag(λ) Qᵀ, Q random orthogonal. */
  static double[] logDets(double[] lam, SplittableRandom rng) {
    int n = lam.length;
    double[][] q = randomOrthogonal(rng, n);
    double[][] x = new double[n][n];
    for (int a = 0; a < n; a++) {
      for (int b = 0; b < n; b++) {
        for (int l = 0; l < n; l++) {
          x[a][b] += q[a][l] * lam[l] * q[b][l];
        }
      }
    }
    int k = n * (n - 1) / 2;
    double[][][] xi = new double[k][][];
    int c = 0;
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        double[][] kk = new double[n][n];
        kk[i][j] = 1;
        kk[j][i] = -1;
        xi[c++] = minus(times(kk, x), times(x, kk));
      }
    }
    double[][] g = new double[k][k];
    for (int a = 0; a < k; a++) {
      for (int b = 0; b < k; b++) {
        g[a][b] = frobenius(xi[a], xi[b]);
      }
    }
    // the symmetric matrices' orthonormal basis, eigenvalue Jacobian by central differences
    int d = n * (n + 1) / 2;
    double[][] jac = new double[n][d];
    int col = 0;
    double h = 1e-5;
    for (int i = 0; i < n; i++) {
      for (int j = i; j < n; j++) {
        double[][] e = new double[n][n];
        double w = i == j ? 1 : 1 / Math.sqrt(2);
        e[i][j] = w;
        e[j][i] = w;
        double[] plus = eig(plus(x, e, h));
        double[] minus = eig(plus(x, e, -h));
        for (int a = 0; a < n; a++) {
          jac[a][col] = (plus[a] - minus[a]) / (2 * h);
        }
        col++;
      }
    }
    double[][] p = new double[n][n];
    for (int a = 0; a < n; a++) {
      for (int b = 0; b < n; b++) {
        for (int m = 0; m < d; m++) {
          p[a][b] += jac[a][m] * jac[b][m];
        }
      }
    }
    return new double[] {logDet(g), logDet(p)};
  }

  private static double[] distinct(SplittableRandom rng, int n) {
    double[] s = new double[n];
    for (int i = 0; i < n; i++) {
      s[i] = -1.7 + 0.8 * i + 0.4 * rng.nextDouble();
    }
    return s;
  }

  private static double[][] randomOrthogonal(SplittableRandom rng, int n) {
    double[][] a = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        a[i][j] = rng.nextGaussian();
      }
    }
    return new QRDecomposition(new Array2DRowRealMatrix(a)).getQ().getData();
  }

  private static double[][] times(double[][] a, double[][] b) {
    int n = a.length;
    double[][] c = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        for (int l = 0; l < n; l++) {
          c[i][j] += a[i][l] * b[l][j];
        }
      }
    }
    return c;
  }

  private static double[][] minus(double[][] a, double[][] b) {
    return plus(a, b, -1);
  }

  private static double[][] plus(double[][] a, double[][] b, double s) {
    int n = a.length;
    double[][] c = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        c[i][j] = a[i][j] + s * b[i][j];
      }
    }
    return c;
  }

  private static double frobenius(double[][] a, double[][] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      for (int j = 0; j < a.length; j++) {
        s += a[i][j] * b[i][j];
      }
    }
    return s;
  }

  private static double[] eig(double[][] m) {
    double[] ev = new EigenDecompositionSymmetric(new Array2DRowRealMatrix(m)).getEigenvalues();
    java.util.Arrays.sort(ev);
    return ev;
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
