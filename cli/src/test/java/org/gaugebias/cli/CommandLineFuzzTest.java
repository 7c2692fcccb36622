package org.gaugebias.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.gaugebias.symbolic.failure.FailureKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Command lines a careless or hostile user might type, built from a fixed seed: every run ends
 * with a documented exit code other than "internal error", prints no stack trace (no --verbose),
 * and leaves no partial file behind. Cases that reach the engine are few (they cost seconds).
 */
class CommandLineFuzzTest {
  private static final Path DESIGNS = Path.of("..", "designs").toAbsolutePath().normalize();

  @TempDir
  Path tmp;

  private List<String> fileArguments() throws Exception {
    Path empty = Files.writeString(tmp.resolve("empty.yaml"), "");
    Path binary = tmp.resolve("binary.yaml");
    byte[] junk = new byte[4096];
    new SplittableRandom(11).nextBytes(junk);
    Files.write(binary, junk);
    Path deep = Files.writeString(tmp.resolve("deep.yaml"), "id: deep\ntitle: t\n"
        + "parameters: {u: scalar}\npredictor:\n  beta: " + "[".repeat(5000) + "\n");
    Path folder = Files.createDirectories(tmp.resolve("folder.yaml"));
    return List.of(empty.toString(), binary.toString(), deep.toString(), folder.toString(),
        tmp.resolve("missing.yaml").toString(), "/dev/null", "", "-",
        DESIGNS.resolve("hadamard-depth2.yaml").toString());
  }

  private static final List<String> VALUES = List.of("", "0", "-1", "1e400", "NaN", "abc",
      "beta=", "=1", "beta={1,", "beta=Infinity", "T=0", "T=-2", "beta=1/0", "x=1",
      "'", "[[[", "\u0000", "Log[Abs[beta]", "T/2*Log[Abs[beta]]", "../../etc/passwd",
      "9".repeat(30));

  private static final List<String> OPTIONS = List.of("--at", "--format", "--variant",
      "--timeout", "--designs", "--target", "--dimension", "--id", "--family", "--bogus",
      "--temperature-value", "--variable");

  private static final List<String> COMMANDS = List.of("derive", "eval", "catalogue", "design",
      "nonsense", "");

  @Test
  void randomCommandLinesGetDocumentedCodesNoTracesNoPartialFiles() throws Exception {
    List<String> files = fileArguments();
    SplittableRandom rng = new SplittableRandom(20261130);
    List<Integer> documented = Stream.of(FailureKind.values())
        .filter(k -> k != FailureKind.INTERNAL).map(FailureKind::exitCode).toList();
    int engineRuns = 0;
    for (int i = 0; i < 80; i++) {
      List<String> args = new ArrayList<>();
      args.add(COMMANDS.get(rng.nextInt(COMMANDS.size())));
      if (rng.nextInt(3) > 0) {
        args.add(files.get(rng.nextInt(files.size())));
      }
      for (int k = rng.nextInt(4); k > 0; k--) {
        args.add(OPTIONS.get(rng.nextInt(OPTIONS.size())));
        args.add(VALUES.get(rng.nextInt(VALUES.size())));
      }
      args.add("-o");
      args.add(tmp.resolve("out-" + i + ".txt").toString());
      boolean reachesEngine = args.contains(files.get(files.size() - 1))
          && !args.contains("--bogus");
      if (reachesEngine && engineRuns++ >= 3) {
        continue; // a few full derivations are enough; they cost seconds each
      }
      CliTest.Result r = CliTest.run(args.toArray(String[]::new));
      String what = String.join(" ", args) + "\n" + r.err();
      assertThat(r.code()).as(what).isIn(documented.toArray());
      assertThat(r.err()).as(what).doesNotContain("\tat ").doesNotContain("internal error");
      try (Stream<Path> s = Files.walk(tmp)) {
        assertThat(s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".part")))
            .as(what).isEmpty();
      }
    }
  }

  @Test
  void everyExitCodeIsDeclaredOnceAndTheShorthandsAgree() {
    List<Integer> codes = Stream.of(FailureKind.values()).map(FailureKind::exitCode).toList();
    assertThat(codes).doesNotHaveDuplicates().doesNotContain(0);
    assertThat(ExitCode.TIMEOUT).isEqualTo(5);
    assertThat(ExitCode.RESOURCES).isEqualTo(17);
    assertThat(ExitCode.IO).isEqualTo(4);
    assertThat(ExitCode.INTERNAL).isEqualTo(70);
    var d = org.gaugebias.symbolic.derive.DerivationException.Kind.class;
    assertThat(java.util.Arrays.stream(d.getEnumConstants()).map(ExitCode::of).toList())
        .containsExactly(10, 11, 12, 13, 14, 15, 16);
    var inverse = org.gaugebias.symbolic.inverse.InverseDesignException.Kind.values();
    assertThat(java.util.Arrays.stream(inverse).map(k -> new org.gaugebias.symbolic.inverse
        .InverseDesignException(k, "").failure().exitCode()).toList())
        .containsExactly(20, 21, 22);
    // README's table lists each code with its meaning
    String readme;
    try {
      readme = Files.readString(Path.of("..", "README.md"));
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
    for (FailureKind k : FailureKind.values()) {
      assertThat(readme).as(k.name()).contains("| " + k.exitCode() + " |");
    }
  }
}
