package org.gaugebias.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code eval} on matrix designs: the point given as singular values or as the predictor matrix,
 * the same lines as for vector designs; non-free points and bad matrix designs refused with their
 * documented exit codes. Expected numbers: the row "uv m=2,n=2 {1.7, 0.6}" of
 * test-data/matrix-families.tsv (NumPy, test-data/matrix_families.py).
 */
class MatrixEvalTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final String UV = ROOT.resolve("designs/matrix-uv.yaml").toString();

  @Test
  void singularValuesAndTheMatrixGiveTheSameLines() {
    CliTest.Result bySigma = CliTest.run("eval", UV, "--at", "sigma={1.7, 0.6}");
    assertThat(bySigma.code()).as(bySigma.err()).isZero();
    assertThat(bySigma.out()).contains("logdet_G = 3.07191523428627", "logdet_C = 5.70474201415090",
        "logdet_P = 3.07191523428627", "pseudo_determinant_G = false",
        "pseudo_determinant_C = false", "pseudo_determinant_P = false");
    // W = R diag(1.7, 0.6) Qᵀ with rotations by 0.3 and -1.1 rad: the same singular values
    double c1 = Math.cos(0.3);
    double s1 = Math.sin(0.3);
    double c2 = Math.cos(-1.1);
    double s2 = Math.sin(-1.1);
    double[][] w = new double[2][2];
    double[][] r = {{c1, -s1}, {s1, c1}};
    double[][] q = {{c2, -s2}, {s2, c2}};
    double[] sig = {1.7, 0.6};
    for (int i = 0; i < 2; i++) {
      for (int j = 0; j < 2; j++) {
        for (int k = 0; k < 2; k++) {
          w[i][j] += r[i][k] * sig[k] * q[j][k];
        }
      }
    }
    String matrix = String.format(java.util.Locale.ROOT, "W={{%.17g, %.17g}, {%.17g, %.17g}}",
        w[0][0], w[0][1], w[1][0], w[1][1]);
    CliTest.Result byMatrix = CliTest.run("eval", UV, "--at", matrix);
    assertThat(byMatrix.code()).as(byMatrix.err()).isZero();
    assertThat(byMatrix.out().lines().toList().subList(0, 3))
        .usingElementComparator((a, b) -> Math.abs(value(a) - value(b)) < 1e-12 ? 0 : 1)
        .isEqualTo(bySigma.out().lines().toList().subList(0, 3));
  }

  private static double value(String line) {
    return Double.parseDouble(line.substring(line.indexOf('=') + 1).trim());
  }

  @Test
  void repeatedOrZeroValuesAreRefused() {
    CliTest.Result r = CliTest.run("eval", UV, "--at", "sigma={1, 1}");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("positive and distinct", "not free");
    assertThat(CliTest.run("eval", UV, "--at", "sigma={1, 0}").code()).isEqualTo(2);
    assertThat(CliTest.run("eval", UV, "--at", "sigma={1, 2, 3}").code()).isEqualTo(2);
  }

  @Test
  void anActionThatDoesNotPreserveThePredictorIsRefused(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("bad-action.yaml");
    Files.writeString(f, """
        id: bad-action
        title: V moved as U
        parameters:
          U: matrix 2 x 2
          V: matrix 2 x 2
        predictor:
          W: U.Transpose[V]
        symmetry:
          actions:
            - group: GL 2
              element: A
              acts:
                U: U.A
                V: V.A
        """);
    CliTest.Result r = CliTest.run("derive", f.toString());
    assertThat(r.code()).isEqualTo(10);
    // a polynomial predictor and field: refused by the exact expansion in Q[θ], not the CAS
    assertThat(r.err()).contains("bad-action.yaml:", "does not leave the predictor invariant",
        "exactly, as polynomials over Q");
  }

  /**
   * A rank-deficient predictor (U 3×2, V 4×2: W of rank 2 in 3×4): P's determinant is a
   * pseudo-determinant, G's is not (the action of GL(2) is free), and eval says so per variant.
   */
  @Test
  void aRankDeficientDesignFlagsTheQuotientsPseudoDeterminant() {
    CliTest.Result r = CliTest.run("eval", ROOT.resolve("designs/matrix-uv-rect.yaml").toString(),
        "--at", "sigma={1.7, 0.6}");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("pseudo_determinant_G = false", "pseudo_determinant_P = true");
  }

  @Test
  void shapesThatDoNotMultiplyAreRefused(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("bad-shapes.yaml");
    Files.writeString(f, """
        id: bad-shapes
        title: U is 2 x 3, V is 2 x 2
        parameters:
          U: matrix 2 x 3
          V: matrix 2 x 2
        predictor:
          W: U.Transpose[V]
        """);
    CliTest.Result r = CliTest.run("derive", f.toString());
    assertThat(r.code()).as(r.err()).isEqualTo(16);
    assertThat(r.err()).contains("bad-shapes.yaml:7:", "does not multiply");
    assertThat(r.err()).doesNotContain("Exception");
  }
}
