package org.gaugebias.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gaugebias symmetries}: the three formats, exit codes, a compiled LaTeX document. */
class SymmetriesCommandTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  @Test
  void textReportsAlgebraLawsAndSlices() {
    CliTest.Result r = CliTest.run("symmetries",
        ROOT.resolve("test-data/designs/matrix-uv.yaml").toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("4 generators (3 symmetric, 1 antisymmetric")
        .contains("conservation laws of gradient flow: 3 = d − dim W_f = 8 − 5")
        .contains("certified").contains("noise-selected slices");
  }

  @Test
  void jsonCarriesTheCountAndTheGenericityStatement() throws Exception {
    CliTest.Result r = CliTest.run("symmetries", "--format", "json",
        ROOT.resolve("designs/relu-unit.yaml").toString());
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode root = new ObjectMapper().readTree(r.out());
    assertThat(root.get("schema").asText()).isEqualTo("gaugebias-symmetries/1");
    JsonNode laws = root.get("conservation_laws");
    assertThat(laws.get("count").asInt()).isEqualTo(1);
    assertThat(laws.get("lie_algebra").get("failure_probability_bound").asDouble())
        .isLessThan(1e-12);
    assertThat(root.get("warnings").toString()).contains("projected noise does not send");
  }

  @Test
  void nonlinearDesignWithoutGaugeExits11FromDeriveButReportsItsFields(@TempDir Path tmp)
      throws Exception {
    Path cubic = tmp.resolve("cubic.yaml");
    Files.writeString(cubic, """
        id: cubic
        title: beta = u + v^3
        parameters: {u: scalar, v: scalar}
        predictor:
          beta: u + v^3
        """);
    CliTest.Result s = CliTest.run("symmetries", cubic.toString());
    assertThat(s.code()).as(s.err()).isZero();
    assertThat(s.out()).contains("ζ_1 = (-3*v^2, 1)").contains("gauge: [v]");
    CliTest.Result d = CliTest.run("derive", cubic.toString());
    assertThat(d.code()).isEqualTo(11);
    assertThat(d.err()).contains("gauge: [v]");
  }

  @Test
  void badFormatIsAUsageError() {
    CliTest.Result r = CliTest.run("symmetries", "--format", "xml",
        ROOT.resolve("designs/hadamard-uv.yaml").toString());
    assertThat(r.code()).isEqualTo(ExitCode.USAGE);
  }

  @Test
  void latexCompiles(@TempDir Path tmp) throws Exception {
    boolean present = Stream.of(System.getenv("PATH").split(java.io.File.pathSeparator))
        .anyMatch(d -> Files.isExecutable(Path.of(d, "pdflatex")));
    if ("true".equals(System.getenv("CI"))) {
      assertThat(present).as("CI must have pdflatex").isTrue();
    }
    assumeTrue(present, "pdflatex not on PATH");
    for (String design : new String[] {"test-data/designs/matrix-uv.yaml",
        "designs/relu-unit.yaml", "designs/so3-radius.yaml"}) {
      Path tex = tmp.resolve(Path.of(design).getFileName().toString().replace(".yaml", ".tex"));
      CliTest.Result r = CliTest.run("symmetries", "--format", "latex", "-o", tex.toString(),
          ROOT.resolve(design).toString());
      assertThat(r.code()).as(r.err()).isZero();
      Process p = new ProcessBuilder("pdflatex", "-interaction=nonstopmode", "-halt-on-error",
          tex.getFileName().toString()).directory(tmp.toFile()).redirectErrorStream(true)
          .start();
      String log = new String(p.getInputStream().readAllBytes());
      assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).as("pdflatex %s:%n%s", tex, log).isZero();
    }
  }
}
