package org.gaugebias.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.gaugebias.symbolic.io.SafeFiles;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults injected where real ones strike (issue 11): a CAS call that never returns, in the middle
 * of a catalogue; a file system that fails after some bytes. The healthy designs complete, exactly
 * as in a run without the fault, and no file is left half-written.
 */
class FaultInjectionTest {
  private static final Path DESIGNS = Path.of("..", "designs").toAbsolutePath().normalize();
  private static final String STUCK = """
      id: m-stuck
      title: a design whose CAS calls never return (fault injection)
      parameters: {stuckq: scalar, v: scalar}
      predictor:
        beta: stuckq*v
      """;

  @TempDir
  Path tmp;

  @AfterEach
  void noFaults() {
    Engine.session().injectStall(code -> false);
    SafeFiles.noFaults();
  }

  private Path folder(String name, String... designs) throws IOException {
    Path dir = Files.createDirectories(tmp.resolve(name));
    for (String d : designs) {
      Files.copy(DESIGNS.resolve(d), dir.resolve(d));
    }
    return dir;
  }

  private static List<Path> files(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.sorted().toList();
    }
  }

  @Test
  void aStuckCasCallFailsItsDesignOnlyAndLeavesNothingRunning() throws Exception {
    Path withStuck = folder("designs", "hadamard-depth2.yaml", "so2-radius.yaml");
    CliTest.Result fresh = CliTest.run("catalogue", "--designs", withStuck.toString(), "-o",
        tmp.resolve("fresh").toString());
    assertThat(fresh.code()).as(fresh.err()).isZero();

    Files.writeString(withStuck.resolve("m-stuck.yaml"), STUCK); // sorted between the two
    Engine.session().injectStall(code -> code.contains("stuckq"));
    int abandonedBefore = Engine.session().abandonedWorkers();
    long t0 = System.nanoTime();
    CliTest.Result r = CliTest.run("catalogue", "--designs", withStuck.toString(), "-o",
        tmp.resolve("faulty").toString(), "--timeout", "3");
    double seconds = (System.nanoTime() - t0) / 1e9;

    assertThat(r.code()).as(r.err()).isEqualTo(ExitCode.PARTIAL);
    assertThat(r.out()).contains("FAILED (timeout)").contains("m-stuck.yaml");
    assertThat(r.err()).contains("m-stuck.yaml").doesNotContain("\tat ");
    assertThat(Engine.session().abandonedWorkers()).isGreaterThan(abandonedBefore);
    assertThat(seconds).as("the stuck design costs its budget, not more").isLessThan(60);
    for (String doc : List.of("hadamard-depth2", "so2-radius")) {
      for (String ext : List.of("txt", "tex", "json")) {
        assertThat(Files.readString(tmp.resolve("faulty").resolve(doc + "." + ext)))
            .as(doc + "." + ext + " after the abandoned call equals the fresh run's")
            .isEqualTo(Files.readString(tmp.resolve("fresh").resolve(doc + "." + ext)));
      }
    }
    assertThat(tmp.resolve("faulty").resolve("m-stuck.json")).doesNotExist();
    assertThat(Files.readString(tmp.resolve("faulty").resolve("summary.txt")))
        .contains("FAILED (timeout)");
    // the stopped worker is gone: one live CAS thread at most, no work thread left
    Thread.sleep(200);
    long symja = Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().equals("gaugebias-symja") && t.isAlive()).count();
    long work = Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().equals("gaugebias-work") && t.isAlive()).count();
    assertThat(symja).isLessThanOrEqualTo(1);
    assertThat(work).isZero();
  }

  @Test
  void aFailingFileSystemLeavesNoPartialFileAndASummary() throws Exception {
    Path designs = folder("designs", "hadamard-depth2.yaml", "so2-radius.yaml");
    Path out = tmp.resolve("out");
    SafeFiles.failAfterBytes(1500); // every document is larger; the summary is not
    CliTest.Result r = CliTest.run("catalogue", "--designs", designs.toString(), "-o",
        out.toString());
    assertThat(r.code()).as(r.err()).isEqualTo(ExitCode.PARTIAL);
    assertThat(r.err()).contains("cannot write").contains(out.toString());
    assertThat(files(out)).extracting(p -> p.getFileName().toString())
        .containsExactly("summary.txt");
    assertThat(Files.readString(out.resolve("summary.txt"))).contains("FAILED (io)");
  }

  @Test
  void aFailedWriteKeepsTheOldFile() throws Exception {
    Path target = tmp.resolve("good.json");
    Files.writeString(target, "{\"good\": true}\n");
    SafeFiles.failAfterBytes(100);
    CliTest.Result r = CliTest.run("derive", DESIGNS.resolve("hadamard-depth2.yaml").toString(),
        "--format", "json", "-o", target.toString());
    assertThat(r.code()).isEqualTo(ExitCode.IO);
    assertThat(r.err().strip()).startsWith(target + ": error: cannot write " + target)
        .doesNotContain("\n");
    assertThat(Files.readString(target)).isEqualTo("{\"good\": true}\n");
    assertThat(files(tmp)).extracting(p -> p.getFileName().toString())
        .containsExactly("good.json");
  }

  @Test
  void anUnwritableOutputIsRefusedBeforeAnyWork() throws Exception {
    Path folderInTheWay = Files.createDirectories(tmp.resolve("taken.txt"));
    long t0 = System.nanoTime();
    CliTest.Result r = CliTest.run("derive", DESIGNS.resolve("hadamard-uv.yaml").toString(),
        "-o", folderInTheWay.toString());
    assertThat(r.code()).isEqualTo(ExitCode.IO);
    assertThat(r.err()).contains("it is a folder");
    assertThat((System.nanoTime() - t0) / 1e9).as("refused before deriving").isLessThan(2);
  }
}
