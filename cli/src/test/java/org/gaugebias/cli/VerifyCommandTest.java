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
 * {@code gaugebias verify} run in-process: reports written, exit codes per verdict, option and
 * design errors. Short runs (a few hundred chains); the statistical reproductions live in the
 * numeric module.
 */
class VerifyCommandTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final String UV = ROOT.resolve("test-data/designs/uv-scalar.yaml").toString();
  private static final String UV_SGD = ROOT.resolve("test-data/designs/uv-sgd.yaml").toString();

  record Result(int code, String out, String err) { }

  static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = GaugebiasCommand.commandLine(new PrintWriter(out), new PrintWriter(err))
        .execute(args);
    return new Result(code, out.toString(), err.toString());
  }

  @Test
  void shortProjectedRunWritesTextJsonAndPng(@TempDir Path dir) throws Exception {
    Result r = run("verify", UV, "--noise", "projected", "--chains", "512", "--steps", "30000",
        "--dt", "1e-3", "--temperature", "0.1", "--window", "0.2,1.8", "--threads", "2",
        "--out", dir.toString());
    assertThat(r.err()).isEmpty();
    JsonSchemas.assertValid("verification", dir.resolve("uv-scalar-projected.json"));
    JsonNode json = new ObjectMapper().readTree(dir.resolve("uv-scalar-projected.json")
        .toFile());
    String outcome = json.get("verdict").get("outcome").asText();
    assertThat(r.code()).as(r.out()).isEqualTo(VerifyCommand.exitCode(outcome));
    // 512 chains x ~20 samples: the quotient law wins clearly (L1 about 0.03 vs 0.14)
    assertThat(outcome).as(r.out()).isEqualTo("PASS");
    assertThat(r.code()).isZero();
    assertThat(json.get("settings").get("seed").asLong()).isEqualTo(VerifyCommand.DEFAULT_SEED);
    assertThat(r.out()).contains("verdict    PASS", "quotient -(L+R_quot)/T", "(predicted)",
        "uv-scalar-projected.{txt,json,png}");
    assertThat(Files.readString(dir.resolve("uv-scalar-projected.txt"))).contains("verdict");
    assertThat(Files.size(dir.resolve("uv-scalar-projected.png"))).isGreaterThan(1000);
  }

  @Test
  void benchVerifyTimesTheSimulationPhasePerDesign() {
    // no reference script: the rates and the floor are printed, the ratio is NaN
    Result r = run("bench", "--verify", "--verify-designs", UV, "--chains", "300", "--steps",
        "600", "--pairs", "2", "--reference", ROOT.resolve("no-such-script.py").toString());
    assertThat(r.code()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).contains("not found: no ratio", "uv-scalar run 1:", "uv-scalar run 2:",
        "coordinate-steps/s", "floor (one thread", "verdicts");
  }

  @Test
  void sgdRunTestsTheLawOfBalance(@TempDir Path dir) throws Exception {
    Result r = run("verify", UV_SGD, "--noise", "sgd", "--chains", "512", "--steps", "8000",
        "--threads", "2", "--out", dir.toString());
    assertThat(r.code()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).contains("minibatch SGD", "T = eta/B = 0.01", "decay rate predicted",
        "verdict    PASS");
    assertThat(dir.resolve("uv-sgd-sgd.json")).exists();
    JsonSchemas.assertValid("sgd", dir.resolve("uv-sgd-sgd.json"));
    assertThat(Files.size(dir.resolve("uv-sgd-sgd.png"))).isGreaterThan(1000);
  }

  @Test
  void interruptedRunStillWritesAPartialReport(@TempDir Path dir) throws Exception {
    Result r = run("verify", UV, "--noise", "projected", "--chains", "1024", "--steps", "6000",
        "--threads", "2", "--window", "0.2,1.8", "--out", dir.toString(),
        "--cancel-after-first-block");
    assertThat(r.code()).as(r.out() + r.err()).isEqualTo(ExitCode.VERIFY_INCOMPLETE);
    assertThat(r.out()).contains("INCOMPLETE", "interrupted");
    JsonNode json = new ObjectMapper().readTree(dir.resolve("uv-scalar-projected.json")
        .toFile());
    assertThat(json.get("counts").get("complete").asBoolean()).isFalse();
  }

  @Test
  void aStepTooLargeIsNamedUnstable(@TempDir Path dir) {
    Result r = run("verify", UV, "--noise", "projected", "--chains", "256", "--steps", "2000",
        "--dt", "3", "--threads", "2", "--window", "0.2,1.8", "--out", dir.toString());
    assertThat(r.code()).as(r.out() + r.err()).isEqualTo(ExitCode.VERIFY_UNSTABLE);
    assertThat(r.out()).contains("UNSTABLE", "too large for stability", "lower --dt");
  }

  @Test
  void gradientDescentHasNoLawToTest(@TempDir Path dir) {
    Result r = run("verify", UV, "--noise", "gd", "--chains", "256", "--steps", "2000",
        "--threads", "2", "--out", dir.toString());
    assertThat(r.code()).as(r.out() + r.err()).isEqualTo(ExitCode.VERIFY_NO_PREDICTION);
    assertThat(r.out()).contains("NO_PREDICTION", "no stationary law");
  }

  @Test
  void badOptionsExitWithUsageAndAClearMessage() {
    String[][] cases = {
        {"--chains", "0"}, {"--steps", "-5"}, {"--dt", "0"}, {"--dt", "NaN"},
        {"--temperature", "0"}, {"--window", "1.8,0.2"}, {"--window", "abc"},
        {"--noise", "langevin"}};
    String[] expected = {"--chains must be a positive number", "--steps must be a positive",
        "--dt must be a positive finite number", "--dt must be a positive finite number",
        "--temperature must be positive", "--window needs finite lo < hi",
        "--window expects lo,hi", "--noise: unknown noise model 'langevin'"};
    for (int i = 0; i < cases.length; i++) {
      boolean noiseGiven = cases[i][0].equals("--noise");
      Result r = noiseGiven ? run("verify", UV, cases[i][0], cases[i][1])
          : run("verify", UV, "--noise", "projected", cases[i][0], cases[i][1]);
      assertThat(r.code()).as(String.join(" ", cases[i]) + ": " + r.err())
          .isEqualTo(ExitCode.USAGE);
      assertThat(r.err()).contains("error: " + expected[i]).doesNotContain("Exception");
    }
    Result sgdT = run("verify", UV_SGD, "--noise", "sgd", "--temperature", "0.1");
    assertThat(sgdT.code()).isEqualTo(ExitCode.USAGE);
    assertThat(sgdT.err()).contains("T = eta/B");
  }

  @Test
  void windowOutsideTheSupportIsRejected() {
    Result r = run("verify", UV, "--noise", "projected", "--window", "-1,1", "--chains", "10");
    assertThat(r.code()).as(r.err()).isEqualTo(ExitCode.USAGE);
    assertThat(r.err()).contains("is not inside the support", "beta = 0");
  }

  @Test
  void designsWithoutLossOrDataGetClearErrors(@TempDir Path dir) throws Exception {
    Path noLoss = dir.resolve("noloss.yaml");
    Files.writeString(noLoss, "id: noloss\ntitle: no loss\nparameters:\n  u: scalar\n"
        + "  v: scalar\npredictor:\n  beta: u*v\n");
    Result r = run("verify", noLoss.toString(), "--noise", "projected");
    assertThat(r.code()).isEqualTo(ExitCode.of(
        org.gaugebias.symbolic.derive.DerivationException.Kind.INVALID_DESIGN));
    assertThat(r.err()).contains("verify needs a loss: add 'loss:' to the design")
        .doesNotContain("Exception");
    Result noData = run("verify", UV, "--noise", "sgd");
    assertThat(noData.code()).isEqualTo(ExitCode.USAGE);
    assertThat(noData.err()).contains("add a 'data:' block");
  }

  /** A file given as --out is refused before the derivation and the simulation start. */
  @Test
  void outThatIsAFileIsRefusedBeforeSimulating(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("taken"), "x");
    long start = System.nanoTime();
    Result r = run("verify", UV, "--noise", "projected", "--chains", "100000", "--steps",
        "1000000", "--out", file.toString());
    assertThat(r.code()).as(r.err()).isEqualTo(ExitCode.IO);
    assertThat(r.err()).contains("error: cannot write reports to", "is a file")
        .doesNotContain("Exception");
    assertThat(r.out()).isEmpty();
    assertThat((System.nanoTime() - start) / 1e9).isLessThan(30);
    assertThat(Files.readString(file)).isEqualTo("x");
  }

  /** An ensemble that cannot fit in the heap is refused (exit 17) before any simulation. */
  @Test
  void chainsThatCannotFitAreRefusedWithTheResourcesCode(@TempDir Path dir) {
    Result r = run("verify", UV, "--noise", "projected", "--chains", "2000000000", "--out",
        dir.toString());
    assertThat(r.code()).as(r.err()).isEqualTo(ExitCode.RESOURCES);
    assertThat(r.err()).contains("uv-scalar.yaml", "--chains 2000000000", "use fewer chains")
        .doesNotContain("Exception");
    assertThat(dir).isEmptyDirectory();
  }

  /** The time budget cancels the run like Ctrl-C: partial report written, exit 5. */
  @Test
  void theTimeBudgetStopsTheRunAndKeepsAPartialReport(@TempDir Path dir) {
    Result r = run("verify", UV, "--noise", "projected", "--chains", "256", "--steps",
        "50000000", "--timeout", "2", "--out", dir.toString());
    assertThat(r.code()).as(r.err()).isEqualTo(ExitCode.TIMEOUT);
    assertThat(r.err()).contains("time budget of 2 s ran out", "partial report was written");
    assertThat(dir.resolve("uv-scalar-projected.txt")).exists();
    assertThat(dir.resolve("uv-scalar-projected.json")).exists();
  }
}
