package org.gaugebias.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * {@code eval} of a design with a symbolic size (docs/design-format.md, "Symbolic sizes"): n from
 * {@code --at n=} or from the predictor list's length, the closed form written out there, and
 * clear errors (exit 2) for a bad n, a list of the wrong length, or an export.
 */
class SizedEvalTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final String UV_N = ROOT.resolve("designs/hadamard-uv-n.yaml").toString();

  @Test
  void listLengthFixesNAndMatchesTheConcreteDesign() {
    CliTest.Result sized = CliTest.run("eval", UV_N, "--at", "beta={0.4, -1.1, 0.8}",
        "--at", "T=0.3");
    CliTest.Result concrete = CliTest.run("eval", ROOT.resolve("designs/hadamard-uv.yaml")
        .toString(), "--at", "beta={0.4, -1.1, 0.8}", "--at", "T=0.3");
    assertThat(sized.code()).as(sized.err()).isZero();
    assertThat(concrete.code()).as(concrete.err()).isZero();
    assertThat(sized.out()).isEqualTo(concrete.out());
  }

  @Test
  void explicitNWithOneNumberFillsEveryComponent() {
    CliTest.Result r = CliTest.run("eval", UV_N, "--at", "n=200", "--at", "beta=0.5");
    assertThat(r.code()).as(r.err()).isZero();
    // log det P = Σ log(2|β_i|) = 200 log 1 = 0; ½‖θ̃‖² = Σ |β_i| = 100
    assertThat(value(r.out(), "logdet_P")).isCloseTo(0, org.assertj.core.data.Offset.offset(
        1e-10));
    assertThat(value(r.out(), "repcost")).isCloseTo(100, org.assertj.core.data.Offset.offset(
        1e-10));
  }

  private static double value(String out, String name) {
    return out.lines().filter(l -> l.startsWith(name + " = ")).map(l -> Double.parseDouble(
        l.substring(name.length() + 3))).findFirst().orElseThrow();
  }

  @Test
  void badSizesAreUsageErrors() {
    CliTest.Result zero = CliTest.run("eval", UV_N, "--at", "n=0", "--at", "beta=1");
    assertThat(zero.code()).isEqualTo(2);
    assertThat(zero.err()).contains("--at n: the size must be a whole number from 1");
    CliTest.Result fraction = CliTest.run("eval", UV_N, "--at", "n=2.5", "--at", "beta=1");
    assertThat(fraction.code()).isEqualTo(2);
    CliTest.Result mismatch = CliTest.run("eval", UV_N, "--at", "n=3", "--at", "beta={1, 2}");
    assertThat(mismatch.code()).isEqualTo(2);
    assertThat(mismatch.err()).contains("has 2 numbers but n = 3 needs 3");
    CliTest.Result empty = CliTest.run("eval", UV_N, "--at", "beta={}");
    assertThat(empty.code()).isEqualTo(2);
    assertThat(empty.err()).doesNotContain("internal error");
  }

  /** The exports keep n symbolic (ExportsAgainstEvalTest evaluates them against eval). */
  @Test
  void exportsOfASymbolicSizeKeepTheSizeSymbolic() {
    CliTest.Result sympy = CliTest.run("derive", "--format", "sympy", UV_N);
    assertThat(sympy.code()).as(sympy.err()).isZero();
    assertThat(sympy.out()).contains("n = sp.Symbol(\"n\", integer=True, positive=True)",
        "sp.Sum(", "(i, 1, n)", "def at_size(k):");
    CliTest.Result python = CliTest.run("derive", "--format", "python", UV_N);
    assertThat(python.code()).as(python.err()).isZero();
    assertThat(python.out()).contains("n = beta.shape[-1]", "xp.sum(");
  }
}
