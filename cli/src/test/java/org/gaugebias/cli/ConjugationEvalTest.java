package org.gaugebias.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * {@code eval} and {@code derive} on the conjugation design (designs/conjugation.yaml): the
 * point as eigenvalues of either sign or as the symmetric matrix itself, repeated eigenvalues
 * and non-symmetric matrices refused (exit 2), exports refused with a message (exit 2). Expected
 * numbers by hand from THEORY.md §3: at λ = {3, 1, −0.5}, log det G = log Π_{i<j} 2(λ_i − λ_j)²
 * = 3 log 2 + 2 log(2 · 3.5 · 1.5) = 6.78219205600679; P = I.
 */
class ConjugationEvalTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final String CONJ = ROOT.resolve("designs/conjugation.yaml").toString();

  @Test
  void eigenvaluesOrTheMatrixAndTheRefusals() {
    CliTest.Result byValues = CliTest.run("eval", CONJ, "--at", "lambda={-0.5, 3, 1}");
    assertThat(byValues.code()).as(byValues.err()).isZero();
    assertThat(byValues.out()).contains("logdet_G = 6.78219205600679", "logdet_C = none",
        "logdet_P = 0.0000000000000000e+00", "R_quot = 0.0000000000000000e+00");
    // eigenvalues 3, 1, -1
    CliTest.Result byMatrix = CliTest.run("eval", CONJ, "--at", "X={{2,1,0},{1,2,0},{0,0,-1}}");
    assertThat(byMatrix.code()).as(byMatrix.err()).isZero();
    assertThat(byMatrix.out()).contains("logdet_G = 7.62461898615939");
    CliTest.Result repeated = CliTest.run("eval", CONJ, "--at", "lambda={1, 1, 2}");
    assertThat(repeated.code()).isEqualTo(2);
    assertThat(repeated.err()).contains("distinct", "not free").doesNotContain("positive");
    CliTest.Result notSymmetric = CliTest.run("eval", CONJ, "--at",
        "X={{2,1,0},{0,2,0},{0,0,-1}}");
    assertThat(notSymmetric.code()).isEqualTo(2);
    assertThat(notSymmetric.err()).contains("not symmetric");
    // the exports compute the spectral predictor numerically (ExportsAgainstEvalTest checks them)
    CliTest.Result export = CliTest.run("derive", CONJ, "--format", "sympy");
    assertThat(export.code()).as(export.err()).isZero();
    assertThat(export.out()).contains("predictor = [eigenvalue(1, parameters[\"X\"])");
  }
}
