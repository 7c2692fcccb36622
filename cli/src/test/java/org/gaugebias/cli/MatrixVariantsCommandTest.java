package org.gaugebias.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gaugebias matrix-variants} in-process: a short two-seed run writes its reports and
 * summary, the exit code follows the verdicts; bad options exit 2. The long run lives in the
 * numeric module (MatrixVariantsStatisticalTest).
 */
class MatrixVariantsCommandTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final String MATRIX = ROOT.resolve("test-data/designs/matrix-uv.yaml")
      .toString();

  record Result(int code, String out, String err) { }

  static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = GaugebiasCommand.commandLine(new PrintWriter(out), new PrintWriter(err))
        .execute(args);
    return new Result(code, out.toString(), err.toString());
  }

  @Test
  void shortTwoSeedRunWritesReportsAndSummary(@TempDir Path dir) throws Exception {
    Result r = run("matrix-variants", MATRIX, "--chains", "256", "--time", "6",
        "--importance", "20000", "--seeds", "11,12", "--threads", "2", "--out", dir.toString());
    assertThat(r.err()).isEmpty();
    assertThat(r.out()).contains("gaugebias matrix variants: matrix-uv", "quotient",
        "gauge (balance diagnostic)", "agreed verdict:");
    JsonSchemas.assertValid("matrix-variants", dir.resolve("matrix-uv-variants-seed11.json"));
    JsonNode json = new ObjectMapper().readTree(dir.resolve("matrix-uv-variants-seed11.json")
        .toFile());
    assertThat(json.get("settings").get("seed").asLong()).isEqualTo(11L);
    assertThat(json.get("candidates")).hasSize(4);
    assertThat(Files.exists(dir.resolve("matrix-uv-variants-seed12.png"))).isTrue();
    String summary = Files.readString(dir.resolve("matrix-uv-variants-summary.txt"));
    assertThat(r.code()).as(summary).isIn(ExitCode.OK, ExitCode.VERIFY_FAILED);
    assertThat(r.code() == ExitCode.OK).as(summary)
        .isEqualTo(!summary.contains("agreed verdict: none")
            && !summary.contains("agreed verdict: disagree"));
  }

  @Test
  void badOptionsExitWithUsage() {
    Result r = run("matrix-variants", MATRIX, "--chains", "1");
    assertThat(r.code()).isEqualTo(ExitCode.USAGE);
    assertThat(r.err()).contains("chains");
    Result t = run("matrix-variants", MATRIX, "--temperature", "-1");
    assertThat(t.code()).isEqualTo(ExitCode.USAGE);
    assertThat(t.err()).contains("temperature");
  }
}
