package org.gaugebias.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A derivation that runs out of its time budget says which step it had reached and at which
 * size (issue 9). The slow step is made slow by construction: a CAS call of that step never
 * returns (the session's fault injection), so the step reached is known whatever the machine.
 */
class TimeoutReachedTest {
  /** A design whose log-determinant step is made never to finish (its CAS calls with Log). */
  private static final String UV_SLOW = """
      id: uv-slow
      title: u*v whose log-determinant step never finishes (fault injection)
      parameters: {u: vector 3, v: vector 3}
      predictor:
        beta: u*v
      """;

  @TempDir
  Path tmp;

  @AfterEach
  void noFaults() {
    Engine.session().injectStall(code -> false);
  }

  @Test
  void aTimedOutDeriveNamesTheStepReachedAndTheSize() throws Exception {
    Path design = tmp.resolve("uv-slow.yaml");
    Files.writeString(design, UV_SLOW);
    CliTest.run("derive", design.toString()); // the session warm, outside the budget
    Engine.session().injectStall(code -> code.contains("Log"));
    CliTest.Result r = CliTest.run("derive", design.toString(), "--timeout", "2");
    assertThat(r.code()).as(r.err()).isEqualTo(ExitCode.TIMEOUT);
    assertThat(r.err()).containsPattern("reached step \\d+, Gram matrix P \\(3 × 3\\) and its"
        + " log-determinant, of deriving 'uv-slow' at 6 parameters \\(u: vector 3, v: vector 3\\)")
        .doesNotContain("\tat ");
  }

  @Test
  void evalAndCatalogueNameTheStepReachedToo() throws Exception {
    Path folder = Files.createDirectories(tmp.resolve("designs"));
    Path design = folder.resolve("uv-slow.yaml");
    Files.writeString(design, UV_SLOW);
    CliTest.run("derive", design.toString());
    Engine.session().injectStall(code -> code.contains("Log"));
    CliTest.Result eval = CliTest.run("eval", design.toString(), "--at", "beta={1,2,3}",
        "--timeout", "2");
    assertThat(eval.code()).as(eval.err()).isEqualTo(ExitCode.TIMEOUT);
    assertThat(eval.err()).contains("Gram matrix P (3 × 3) and its log-determinant, of deriving"
        + " 'uv-slow' at 6 parameters (u: vector 3, v: vector 3)");
    CliTest.Result catalogue = CliTest.run("catalogue", "--designs", folder.toString(), "-o",
        tmp.resolve("out").toString(), "--timeout", "2");
    assertThat(catalogue.code()).as(catalogue.err()).isEqualTo(ExitCode.PARTIAL);
    assertThat(catalogue.err()).contains("uv-slow.yaml").contains("Gram matrix P (3 × 3) and"
        + " its log-determinant, of deriving 'uv-slow' at 6 parameters");
  }

  @Test
  void aTimedOutSymmetryDiscoveryNamesItsStageAndSize() throws Exception {
    Path design = tmp.resolve("root.yaml");
    Files.writeString(design, """
        id: root
        title: a non-polynomial predictor, discovered numerically (its Jacobian never finishes)
        parameters: {u: scalar, v: scalar}
        predictor:
          beta: Sqrt[u*v]
        """);
    CliTest.run("symmetries", design.toString());
    Engine.session().injectStall(code -> code.startsWith("D["));
    CliTest.Result r = CliTest.run("symmetries", design.toString(), "--timeout", "2");
    assertThat(r.code()).as(r.err()).isEqualTo(ExitCode.TIMEOUT);
    assertThat(r.err()).contains("reached the linear symmetries, numerically (4 unknowns), of"
        + " discovering the symmetries of 'root' at 2 parameters (u: scalar, v: scalar)")
        .doesNotContain("\tat ");
  }

  @Test
  void aTimedOutDesignNamesTheFamilyTriedAndTheStepOfItsProof() {
    CliTest.run("design", "--target", "T/2*Total[Log[Abs[beta]]]", "--dimension", "2");
    // the candidate's forward derivation solves for its representative with Solve
    Engine.session().injectStall(code -> code.startsWith("Solve["));
    CliTest.Result r = CliTest.run("design", "--target", "T/2*Total[Log[Abs[beta]]]",
        "--dimension", "2", "--timeout", "2");
    assertThat(r.code()).as(r.err()).isEqualTo(ExitCode.TIMEOUT);
    assertThat(r.err()).containsPattern("reached step \\d+, Representative on the slice, of"
        + " deriving '[a-z0-9-]+' at 4 parameters \\(u: vector 2, v: vector 2\\), within"
        + " step 2, proving its candidate design, of trying family 'analysis")
        .contains("designing for the target T/2*Total[Log[Abs[beta]]] in dimension 2")
        .doesNotContain("\tat ");
  }
}
