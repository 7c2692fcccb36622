package org.gaugebias.numeric.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one report writer: complete files or none, and the output folder checked up front. */
class ReportFilesTest {
  @Test
  void writesTextJsonPngAndSvgAndLeavesNoPartialFiles(@TempDir Path dir) throws Exception {
    var chart = Plots.lines("t", "x", "y");
    Plots.line(chart, "s", new double[] {0, 1}, new double[] {1, 2});
    ReportFiles.write(dir.resolve("sub"), "r", "text\n", "{}", chart);
    assertThat(Files.readString(dir.resolve("sub/r.txt"))).isEqualTo("text\n");
    assertThat(Files.size(dir.resolve("sub/r.png"))).isGreaterThan(1000);
    try (Stream<Path> s = Files.list(dir.resolve("sub"))) {
      assertThat(s.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("r.txt",
          "r.json", "r.png", "r.svg");
    }
  }

  @Test
  void refusesAFileAsFolderBeforeAnyWork(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("f"), "x");
    assertThatThrownBy(() -> ReportFiles.checkWritableFolder(file))
        .isInstanceOf(UncheckedIOException.class).hasMessageContaining("is a file");
    assertThatThrownBy(() -> ReportFiles.checkWritableFolder(file.resolve("below")))
        .isInstanceOf(UncheckedIOException.class).hasMessageContaining("is a file");
    ReportFiles.checkWritableFolder(dir.resolve("new/folder"));
  }

  @Test
  void refusesAReadOnlyFolder(@TempDir Path dir) throws Exception {
    Path ro = Files.createDirectory(dir.resolve("ro"));
    assertThat(ro.toFile().setWritable(false, false)).isTrue();
    // root may write anywhere: then there is nothing to refuse
    Assumptions.assumeFalse(Files.isWritable(ro), "running as root");
    assertThatThrownBy(() -> ReportFiles.checkWritableFolder(ro))
        .isInstanceOf(UncheckedIOException.class).hasMessageContaining("read-only");
  }
}
