package org.gaugebias.symbolic.design;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import org.gaugebias.symbolic.expr.TabulatedFunction;
import org.gaugebias.symbolic.failure.FailureKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The format's limits are enforced while reading, quickly, with a position (issue 11, case 8):
 * no size of input reaches the parsers' recursion or the output file names.
 */
class DesignReaderLimitsTest {
  private static final String BODY = """
      parameters: {u: scalar, v: scalar}
      predictor:
        beta: u*v
      """;

  @TempDir
  Path tmp;

  private static DesignException failure(String text) {
    DesignException e = catchThrowableOfType(() -> DesignReader.read("x.yaml", text),
        DesignException.class);
    assertThat(e).as("should be refused").isNotNull();
    return e;
  }

  @Test
  void aLongIdIsRefusedAtItsPosition() {
    DesignException e = failure("id: " + "a".repeat(10_000) + "\ntitle: t\n" + BODY);
    assertThat(e.errors()).extracting(DesignError::kind).containsExactly(DesignError.Kind.LIMIT);
    assertThat(e.errors().get(0).pos()).isEqualTo(new SourcePos("x.yaml", 1, 5));
    assertThat(e.getMessage()).hasSizeLessThan(300);
  }

  @Test
  void aLongTitleIsRefused() {
    DesignException e = failure("id: x\ntitle: " + "t".repeat(DesignReader.MAX_TITLE_LENGTH + 1)
        + "\n" + BODY);
    assertThat(e.errors()).extracting(DesignError::kind).containsExactly(DesignError.Kind.LIMIT);
    assertThat(e.failure()).isEqualTo(FailureKind.DESIGN_FILE);
  }

  @Test
  void deepNestingIsRefusedBeforeAnyParserRecurses() {
    long t0 = System.nanoTime();
    DesignException e = failure("id: x\ntitle: t\nparameters: {u: scalar}\npredictor:\n"
        + "  beta: " + "[".repeat(200_000) + "\n");
    assertThat((System.nanoTime() - t0) / 1e9).isLessThan(2);
    assertThat(e.errors().get(0).pos()).isEqualTo(new SourcePos("x.yaml", 5, 209));
  }

  @Test
  void aFileOverTheCapIsNotReadWhole() throws Exception {
    Path big = tmp.resolve("big.yaml");
    try (var out = Files.newOutputStream(big)) {
      out.write(("id: x\ntitle: t\n" + BODY).getBytes());
      out.write(new byte[DesignReader.MAX_FILE_BYTES]);
    }
    DesignException e = catchThrowableOfType(() -> DesignReader.read(big),
        DesignException.class);
    assertThat(e.errors()).extracting(DesignError::kind)
        .containsExactly(DesignError.Kind.TOO_LARGE);
    assertThat(e.failure()).isEqualTo(FailureKind.RESOURCES);
    assertThat(e.position()).startsWith(big.toString());
  }

  @Test
  void aMissingFileOrAFolderIsAnIoFailure() throws Exception {
    for (Path p : new Path[] {tmp.resolve("missing.yaml"), tmp}) {
      DesignException e = catchThrowableOfType(() -> DesignReader.read(p),
          DesignException.class);
      assertThat(e.failure()).as(p.toString()).isEqualTo(FailureKind.IO);
    }
  }

  @Test
  void tableFilesStayInTheDesignsFolder() {
    for (String path : new String[] {"../../../../etc/passwd", "/etc/passwd", "a/../../x.csv"}) {
      DesignException e = failure("id: x\ntitle: t\ntables:\n  phi: " + path + "\n"
          + "parameters: {u: scalar, v: scalar}\npredictor:\n  beta: phi[u*v]\n");
      assertThat(e.errors()).as(path).extracting(DesignError::kind)
          .containsExactly(DesignError.Kind.BAD_PATH);
      assertThat(e.errors().get(0).pos()).isEqualTo(new SourcePos("x.yaml", 4, 8));
    }
    assertThat(DesignReader.read("x.yaml", "id: x\ntitle: t\ntables:\n  phi: sub/x.csv\n"
        + "parameters: {u: scalar, v: scalar}\npredictor:\n  beta: phi[u*v]\n").tables())
        .hasSize(1);
  }

  @Test
  void aTableThatIsNotATableIsNotEchoed() throws Exception {
    Path secret = Files.writeString(tmp.resolve("secret.csv"), "root:x:0:0:secret\n");
    IllegalArgumentException e = catchThrowableOfType(() -> TabulatedFunction.read(secret),
        IllegalArgumentException.class);
    assertThat(e.getMessage()).contains("secret.csv:1").doesNotContain("root:x");
  }

  @Test
  void nonFiniteConstantsAreRefused() {
    for (String value : new String[] {"Infinity", "-Infinity", "Indeterminate",
        "ComplexInfinity"}) {
      DesignException e = failure("id: x\ntitle: t\nconstants:\n  c: " + value + "\n" + BODY);
      assertThat(e.errors()).as(value).extracting(DesignError::kind)
          .containsExactly(DesignError.Kind.BAD_CONSTANT);
    }
  }
}
