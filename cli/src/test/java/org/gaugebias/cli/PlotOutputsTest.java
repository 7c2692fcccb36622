package org.gaugebias.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pictures the commands write beside their reports (PNG and SVG) and the global
 * {@code --quiet}, before or after the subcommand; no progress bar reaches a non-terminal.
 */
class PlotOutputsTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  @Test
  void catalogueDrawsTheBiasOfScalarDesigns(@TempDir Path dir) throws Exception {
    Path designs = Files.createDirectories(dir.resolve("designs"));
    Files.copy(ROOT.resolve("designs/hadamard-depth2.yaml"),
        designs.resolve("hadamard-depth2.yaml"));
    Files.copy(ROOT.resolve("designs/hadamard-uv.yaml"), designs.resolve("hadamard-uv.yaml"));
    MatrixVariantsCommandTest.Result r = MatrixVariantsCommandTest.run("--quiet", "catalogue",
        "--designs", designs.toString(), "-o", dir.resolve("out").toString());
    assertThat(r.code()).as(r.err()).isEqualTo(ExitCode.OK);
    assertThat(r.err()).isEmpty();
    assertThat(r.out()).contains("1 bias plots");
    assertThat(Files.size(dir.resolve("out/hadamard-depth2-bias.png"))).isGreaterThan(10_000);
    assertThat(Files.readString(dir.resolve("out/hadamard-depth2-bias.svg")).strip())
        .endsWith("</svg>");
    assertThat(dir.resolve("out/hadamard-uv-bias.png")).as("vector predictor: no picture")
        .doesNotExist();
  }

  @Test
  void deepLinearMatrixVariantsWritesPngAndSvgQuietly(@TempDir Path dir) throws Exception {
    MatrixVariantsCommandTest.Result r = MatrixVariantsCommandTest.run("matrix-variants",
        ROOT.resolve("test-data/designs/deep-linear-3.yaml").toString(), "--quiet",
        "--chains", "256", "--time", "4", "--importance", "10000", "--seeds", "5",
        "--threads", "2", "--out", dir.toString());
    assertThat(r.err()).isEmpty();
    assertThat(r.out()).contains("gaugebias matrix variants: deep-linear-3",
        "(W2^T W2 - W1 W1^T)_11");
    for (String ext : new String[] {"txt", "json", "png", "svg"}) {
      assertThat(dir.resolve("deep-linear-3-variants-seed5." + ext)).exists();
    }
  }
}
