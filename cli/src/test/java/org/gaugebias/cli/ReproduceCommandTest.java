package org.gaugebias.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gaugebias reproduce} in-process: a tiny run writes its reports and the one table. */
class ReproduceCommandTest {
  @Test
  void tinyRunPrintsTheTableAndWritesReports(@TempDir Path dir) throws Exception {
    VerifyCommandTest.Result r = VerifyCommandTest.run("reproduce", "spectral-sparsity",
        "--seeds", "2", "--steps-scale", "0.02", "--threads", "2", "--out", dir.toString(),
        "--designs", Path.of("..", "designs").toString());
    assertThat(r.code()).as(r.err()).isEqualTo(ExitCode.OK);
    assertThat(r.out()).contains("experiment", "published", "ours (mean +- s.d.)", "MATCH",
        "attribution", "test MSE designed p*q", "setting ");
    // the catalogue design of the same parameterisation, derived by the engine during the run
    assertThat(r.out()).contains("hadamard-uv.yaml",
        "derived by the engine: R_quot = (T/2)*sum(log|beta_i|, i=1..3)");
    JsonSchemas.assertValid("experiment", dir.resolve("spectral-sparsity.json"));
    JsonNode json = new ObjectMapper().readTree(dir.resolve("spectral-sparsity.json").toFile());
    assertThat(json.get("seeds").asInt()).isEqualTo(2);
    assertThat(json.get("root_seed").asLong()).isEqualTo(20260406L);
    assertThat(json.get("comparisons")).hasSize(3);
    for (String f : new String[] {"spectral-sparsity.png", "spectral-sparsity-final.png",
        "reproduce-spectral-sparsity.txt", "reproduce-spectral-sparsity.png"}) {
      assertThat(Files.size(dir.resolve(f))).as(f).isGreaterThan(100);
    }
  }

  @Test
  void badOptionsAreUsageErrors() {
    VerifyCommandTest.Result r = VerifyCommandTest.run("reproduce", "nonsense");
    assertThat(r.code()).isEqualTo(ExitCode.USAGE);
    assertThat(r.err()).contains("unknown experiment 'nonsense'", "relu-balance");
    VerifyCommandTest.Result s = VerifyCommandTest.run("reproduce", "all", "--seeds", "0");
    assertThat(s.code()).isEqualTo(ExitCode.USAGE);
    assertThat(s.err()).contains("--seeds must be a positive number");
  }
}
