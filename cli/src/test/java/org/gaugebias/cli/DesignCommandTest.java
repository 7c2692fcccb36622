package org.gaugebias.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gaugebias design}: output, written files that the forward engine accepts, errors. */
class DesignCommandTest {
  @Test
  void designsWritesAFileTheForwardEngineDerives(@TempDir Path tmp) throws Exception {
    Path out = tmp.resolve("sparse.yaml");
    CliTest.Result r = CliTest.run("design", "--target", "T/2*Total[Log[Abs[beta]]]",
        "--dimension", "2", "--id", "sparse", "-o", out.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("# family   analysis", "beta: u*v");
    // the answer and the constant in conventional notation, not Wolfram input form
    assertThat(r.out()).contains("# answer   beta_i = u_i*v_i   (i = 1..2)\n",
        "# constant R_quot - R* = T*log(2)\n");
    // every comment line but the echo of the user's target
    r.out().lines().filter(l -> l.startsWith("#") && !l.startsWith("# target")).forEach(l ->
        assertThat(l).doesNotContain("Log[", "Times[", "gbB", "$"));
    assertThat(tmp.resolve("sparse-inverse.tex")).exists();
    DocumentLeaks.assertNoInternalNames("sparse-inverse.tex",
        Files.readString(tmp.resolve("sparse-inverse.tex")));
    DocumentLeaks.assertNoInternalNames("sparse-inverse.txt",
        Files.readString(tmp.resolve("sparse-inverse.txt")));
    compilesIfPdflatexPresent(tmp.resolve("sparse-inverse.tex"));
    CliTest.Result fwd = CliTest.run("eval", out.toString(), "--at", "beta={0.5, -2}");
    assertThat(fwd.code()).as(fwd.err()).isZero();
    // R_quot = (T/2) Σ log(2|β_i|) at T = 1 (THEORY.md §3)
    double expected = 0.5 * (Math.log(2 * 0.5) + Math.log(2 * 2));
    assertThat(fwd.out()).contains("R_quot = " + PointFormat.fmt(expected));
  }

  @Test
  void anOuterMapAnswerShowsNoInternalSymbolInAnyDocument(@TempDir Path tmp) throws Exception {
    Path out = tmp.resolve("laplace.yaml");
    CliTest.Result r = CliTest.run("design", "--target", "Abs[beta]/4", "-o", out.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("# family   outer");
    for (String doc : new String[] {"laplace-inverse.tex", "laplace-inverse.txt",
        "laplace-inverse.json"}) {
      DocumentLeaks.assertNoInternalNames(doc, Files.readString(tmp.resolve(doc)));
    }
  }

  @Test
  void aSingularValueTargetIsReachedByAMatrixFamilyWhoseFileEvaluates(@TempDir Path tmp)
      throws Exception {
    Path out = tmp.resolve("lowrank.yaml");
    CliTest.Result r = CliTest.run("design", "--target", "T/2*Total[Log[sigma]]"
        + " + T*Sum[Log[sigma[[i]] + sigma[[j]]], {i,1,r}, {j,i+1,r}]", "--dimension", "2",
        "--id", "lowrank", "-o", out.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("# family   lowrank", "W: U.Transpose[V]");
    // the written file, read back by eval: R_quot differences equal the target's (issue 8)
    double[][] at = {{2, 0.5}, {1.3, 0.2}};
    double[] rq = new double[2];
    for (int k = 0; k < 2; k++) {
      CliTest.Result e = CliTest.run("eval", out.toString(), "--at", "sigma={" + at[k][0]
          + ", " + at[k][1] + "}");
      assertThat(e.code()).as(e.err()).isZero();
      String line = e.out().lines().filter(l -> l.startsWith("R_quot = ")).findFirst()
          .orElseThrow();
      rq[k] = Double.parseDouble(line.substring("R_quot = ".length()));
    }
    java.util.function.Function<double[], Double> target = s -> 0.5 * (Math.log(s[0])
        + Math.log(s[1])) + Math.log(s[0] + s[1]);
    assertThat(rq[1] - rq[0]).isCloseTo(target.apply(at[1]) - target.apply(at[0]),
        org.assertj.core.data.Offset.offset(1e-12));
  }

  @Test
  void aSingularValueTargetNoFamilyReachesExitsTwentyOneNamingThePairTerm() {
    CliTest.Result r = CliTest.run("design", "--target", "T/2*Total[Log[sigma]]",
        "--dimension", "2");
    assertThat(r.code()).isEqualTo(21);
    assertThat(r.err()).contains("no matrix family reaches", "pair term not reached",
        "log(sigma_i + sigma_j)").doesNotContain("\tat ");
  }

  @Test
  void aTabulatedDesignIsWrittenWithItsTableAndDerivesAndEvaluates(@TempDir Path tmp)
      throws Exception {
    Path out = tmp.resolve("cauchy.yaml");
    // β > 0 only: the forward engine derives the written file (the both-sign map it cannot yet)
    CliTest.Result r = CliTest.run("design", "--target", "Log[1 + beta^2]",
        "--temperature-value", "0.5", "--family", "outer", "--id", "cauchy", "--positive-branch",
        "-o", out.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("# table    cauchy-phi.csv", "phi: cauchy-phi.csv",
        "beta: \"phi[u*v]\"");
    Path csv = tmp.resolve("cauchy-phi.csv");
    assertThat(csv).exists();
    assertThat(Files.readString(csv)).contains("# error_bound = ", "\nq,phi,dphi,");
    CliTest.Result derive = CliTest.run("derive", out.toString());
    assertThat(derive.code()).as(derive.err()).isZero();
    assertThat(derive.out()).contains("phi^-1(beta)");
    // R_quot(β) − r(β) is constant: compare two points against log(1 + β²) (THEORY.md §4)
    double[] at = {0.4, 2.5};
    double[] rq = new double[2];
    for (int i = 0; i < 2; i++) {
      CliTest.Result e = CliTest.run("eval", out.toString(), "--at", "beta=" + at[i], "--at",
          "T=0.5");
      assertThat(e.code()).as(e.err()).isZero();
      String line = e.out().lines().filter(l -> l.startsWith("R_quot = ")).findFirst()
          .orElseThrow();
      rq[i] = Double.parseDouble(line.substring("R_quot = ".length()));
    }
    assertThat(rq[1] - rq[0]).isCloseTo(Math.log(1 + 2.5 * 2.5) - Math.log(1 + 0.4 * 0.4),
        org.assertj.core.data.Offset.offset(2e-9));
    CliTest.Result outside = CliTest.run("eval", out.toString(), "--at", "beta=20");
    assertThat(outside.code()).isEqualTo(ExitCode.USAGE);
    assertThat(outside.err()).contains("table 'phi'").doesNotContain("\tat ");
  }

  /** The three commands of issue 9's acceptance, as users run them. */
  @Test
  void theIssueNineAcceptanceCommandsSucceedOnBothSignsWithAProof() {
    CliTest.Result abs = CliTest.run("design", "--target", "Abs[beta]");
    assertThat(abs.code()).as(abs.err()).isZero();
    assertThat(abs.out()).contains("# domain   both signs of β", "# constant R_quot - R* = ");
    CliTest.Result total = CliTest.run("design", "--target", "Total[Abs[beta]]", "--dimension",
        "64");
    assertThat(total.code()).as(total.err()).isZero();
    assertThat(total.out()).contains("both signs of every β_i", "(i = 1..64)",
        "# constant R_quot - R* = 32*T*log(2)\n");
    CliTest.Result quartic = CliTest.run("design", "--target", "beta^4/4",
        "--temperature-value", "1");
    assertThat(quartic.code()).as(quartic.err()).isZero();
    // the constant is a number with its bound, not an expression in beta and phi^-1
    String constant = quartic.out().lines().filter(l -> l.startsWith("# constant")).findFirst()
        .orElseThrow();
    assertThat(constant).matches("# constant R_quot - R\\* = -?[0-9.]+ ± [0-9.]+e-[0-9]+ .*")
        .doesNotContain("beta", "phi");
    assertThat(quartic.out()).contains("# table    designed-phi.csv");
  }

  @Test
  void aTableWithASymbolicTemperatureAsksForTemperatureValue() {
    CliTest.Result r = CliTest.run("design", "--target", "Log[1 + beta^2]", "--family", "outer");
    assertThat(r.code()).isEqualTo(ExitCode.INVERSE + 1); // unreachable
    assertThat(r.err()).contains("--temperature-value").doesNotContain("\tat ");
    CliTest.Result bad = CliTest.run("design", "--target", "Log[1 + beta^2]",
        "--temperature-value", "-1");
    assertThat(bad.code()).isEqualTo(ExitCode.USAGE);
  }

  @Test
  void aTargetOfAnotherVariableIsAClearError() {
    CliTest.Result r = CliTest.run("design", "--target", "Log[Abs[x]]");
    assertThat(r.code()).isEqualTo(ExitCode.INVERSE);
    assertThat(r.err()).contains("not a function of the predictor").doesNotContain("\tat ");
  }

  @Test
  void anUnknownFamilyIsAUsageError() {
    CliTest.Result r = CliTest.run("design", "--target", "Log[Abs[beta]]", "--family", "nope");
    assertThat(r.code()).isEqualTo(ExitCode.USAGE);
  }

  @Test
  void aMalformedTargetIsAClearError() {
    CliTest.Result r = CliTest.run("design", "--target", "Log[Abs[beta]");
    assertThat(r.code()).isNotZero();
    assertThat(r.err()).startsWith("error:").doesNotContain("\tat ");
  }

  /** The inverse derivation's LaTeX compiles (under CI=true pdflatex must be present). */
  static void compilesIfPdflatexPresent(Path tex) throws Exception {
    boolean present = java.util.stream.Stream.of(System.getenv("PATH").split(
        java.io.File.pathSeparator)).anyMatch(d -> Files.isExecutable(Path.of(d, "pdflatex")));
    if ("true".equals(System.getenv("CI"))) {
      assertThat(present).as("CI must have pdflatex").isTrue();
    }
    if (!present) {
      return;
    }
    Process p = new ProcessBuilder("pdflatex", "-interaction=nonstopmode", "-halt-on-error",
        tex.getFileName().toString()).directory(tex.getParent().toFile())
        .redirectErrorStream(true).start();
    String log = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("pdflatex %s:%n%s", tex, log).isZero();
  }

  /** eval's number format. */
  static final class PointFormat {
    static String fmt(double v) {
      return String.format(java.util.Locale.ROOT, "%.16e", v);
    }
  }
  @Test
  void theWrittenBothSignAbsoluteValueDesignEvaluatesWhereItIsVerified(@TempDir Path tmp)
      throws Exception {
    Path out = tmp.resolve("abs.yaml");
    CliTest.Result r = CliTest.run("design", "--target", "Abs[beta]", "--temperature-value", "1",
        "-o", out.toString());
    assertThat(r.code()).as(r.err()).isZero();
    // (v^4)^(1/4) in the written predictor: the representative was not isolated (exit 14)
    CliTest.Result pos = CliTest.run("eval", out.toString(), "--at", "beta=0.4");
    assertThat(pos.code()).as(pos.err()).isZero();
    // R_quot = |beta| + (T/2) log 2 at T = 1, the constant the design reports
    assertThat(pos.out()).contains("R_quot = " + PointFormat.fmt(0.4 + 0.5 * Math.log(2)));
    // off the positive branch the derived formulas fail the engine's own check: refused
    CliTest.Result neg = CliTest.run("eval", out.toString(), "--at", "beta=-0.4");
    assertThat(neg.code()).isEqualTo(2);
    assertThat(neg.err()).contains("positive branch only");
  }
}
