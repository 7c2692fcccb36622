package org.gaugebias.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code derive --format sympy | python}: the exports through the command line. */
class DeriveExportCommandTest {
  private static final String UV = Path.of("..", "designs", "hadamard-uv.yaml").toString();

  @Test
  void sympyAndPythonExportsAreWritten() {
    CliTest.Result s = CliTest.run("derive", "--format", "sympy", UV);
    assertThat(s.code()).as(s.err()).isZero();
    assertThat(s.out()).contains("import sympy as sp", "beta_1 = sp.Symbol(\"beta_1\", real=True)",
        "representative = {", "u_1: sp.sqrt(beta_1)");
    CliTest.Result p = CliTest.run("derive", "--format", "python", UV);
    assertThat(p.code()).as(p.err()).isZero();
    assertThat(p.out()).contains("def predictor(u, v, T=None):", "def representative(beta,",
        "def log_density(beta, T):", "xp.log(xp.abs(beta_1))");
  }

  @Test
  void anUnknownFormatNamesTheExportsToo() {
    CliTest.Result r = CliTest.run("derive", "--format", "numpy", UV);
    assertThat(r.code()).isEqualTo(ExitCode.USAGE);
    assertThat(r.err()).contains("text, latex, json, sympy, python");
  }
}
