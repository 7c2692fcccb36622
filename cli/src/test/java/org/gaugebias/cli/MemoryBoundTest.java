package org.gaugebias.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With a small heap (a forked JVM with -Xmx), work too large for it ends with the resources exit
 * code and one line naming the file, never an OutOfMemoryError stack trace (issue 11, case 2).
 */
class MemoryBoundTest {
  @TempDir
  Path tmp;

  record Run(int code, String err) { }

  private static Run gaugebias(String heap, Path dir, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), heap, "-Xss64m",
        "-cp", System.getProperty("java.class.path"), Main.class.getName()));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).directory(dir.toFile())
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    byte[] err = p.getErrorStream().readAllBytes();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    return new Run(p.exitValue(), new String(err, StandardCharsets.UTF_8));
  }

  @Test
  void aDesignTooLargeForTheHeapIsRefusedWithTheResourcesCode() throws Exception {
    // one coupled component: no block structure, so the whole symmetry is discovered, and its
    // 599 generators are 600 × 600 matrices (about 900 MiB however sparse the equations)
    Files.writeString(tmp.resolve("wide.yaml"), """
        id: wide
        title: Total[u*v] with vector 300 (599 generators of 600 x 600)
        parameters: {u: vector 300, v: vector 300}
        predictor:
          beta: Total[u*v]
        """);
    Run r = gaugebias("-Xmx96m", tmp, "derive", "wide.yaml");
    assertThat(r.code()).as(r.err()).isEqualTo(ExitCode.RESOURCES);
    assertThat(r.err().strip()).startsWith("wide.yaml:").contains("MiB")
        .contains("exactly (sparse").doesNotContain("\tat ");
  }

  @Test
  void aLargePolynomialDesignTheSparseMethodHandlesIsNotRefused() throws Exception {
    // 100 parameters, no symmetry declared: sized for the dense numeric method it needed
    // "4579 MiB" and was refused; the exact method that runs needs a few MiB
    Files.writeString(tmp.resolve("deep.yaml"), """
        id: deep
        title: deep linear L = 4, r = 5, symmetry discovered
        parameters: {P1: matrix 5 x 5, P2: matrix 5 x 5, P3: matrix 5 x 5, P4: matrix 5 x 5}
        predictor:
          W: P4.P3.P2.P1
        """);
    Run r = gaugebias("-Xmx96m", tmp, "derive", "deep.yaml", "--timeout", "60");
    assertThat(r.code()).as(r.err()).isIn(ExitCode.OK, ExitCode.TIMEOUT);
    assertThat(r.err()).doesNotContain("needs about");
  }

  @Test
  void runningOutOfHeapMidWayIsTheResourcesCodeNotAStackTrace() throws Exception {
    // passes the size checks (3 parameters), then the CAS expands a huge polynomial
    Files.writeString(tmp.resolve("huge.yaml"), """
        id: huge
        title: a predictor whose expansion does not fit a small heap
        parameters: {u: scalar, v: scalar, w: scalar}
        predictor:
          beta: u*v*w + 0*Length[Expand[(u + v + w + 1)^400]]
        """);
    Run r = gaugebias("-Xmx80m", tmp, "derive", "huge.yaml", "--timeout", "60");
    assertThat(r.err()).doesNotContain("\tat ").doesNotContain("Exception in thread");
    assertThat(r.code()).as(r.err()).isIn(ExitCode.RESOURCES, ExitCode.TIMEOUT);
    assertThat(r.err().strip()).startsWith("huge.yaml");
    assertThat(r.err().strip().lines().count()).isEqualTo(1);
  }
}
