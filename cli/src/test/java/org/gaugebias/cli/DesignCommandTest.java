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
  /**
   * The written both-sign design, as users run it: derive covers both branches (φ is odd, the
   * results even), and eval at −β prints what it prints at +β, which an independent computation
   * confirms: φ(q) = sign(q)·(−T log(1 − 2√|q|/T)) (THEORY.md §4, r = |β|), the balanced
   * representative |u| = |v| found by bisection, J by central differences, log det P = log(J Jᵀ).
   */
  @Test
  void theWrittenBothSignAbsoluteValueDesignEvaluatesOnBothBranches(@TempDir Path tmp)
      throws Exception {
    Path out = tmp.resolve("abs.yaml");
    CliTest.Result r = CliTest.run("design", "--target", "Abs[beta]", "--temperature-value", "1",
        "-o", out.toString());
    assertThat(r.code()).as(r.err()).isZero();
    CliTest.Result derive = CliTest.run("derive", out.toString());
    assertThat(derive.code()).as(derive.err()).isZero();
    assertThat(derive.out()).contains("status      complete", "Sign branches")
        .doesNotContain("UNRESOLVED");
    assertThat(derive.out().lines().filter(l -> l.startsWith("    R_quot ")).findFirst())
        .hasValueSatisfying(l -> assertThat(l).endsWith("|beta|"));
    for (double b : new double[] {0.7, 0.4, 1.6}) {
      CliTest.Result pos = CliTest.run("eval", out.toString(), "--at", "beta=" + b);
      CliTest.Result neg = CliTest.run("eval", out.toString(), "--at", "beta=" + -b);
      assertThat(pos.code()).as(pos.err()).isZero();
      assertThat(neg.code()).as(neg.err()).isZero();
      assertThat(neg.out()).isEqualTo(pos.out());
      // R_quot = |beta| + (T/2) log 2 at T = 1, the constant the design reports
      assertThat(value(neg.out(), "R_quot")).isCloseTo(b + 0.5 * Math.log(2),
          org.assertj.core.data.Offset.offset(1e-12));
      assertThat(value(neg.out(), "logdet_P")).isCloseTo(numericLogDetP(-b, 1.0),
          org.assertj.core.data.Offset.offset(1e-8));
    }
  }

  /** φ of the design for R* = |β| (THEORY.md §4: r = λβ gives −(T/λ) log(1 − 2λ√q/T)). */
  private static double phi(double q, double t) {
    return Math.signum(q) * -t * Math.log(1 - 2 * Math.sqrt(Math.abs(q)) / t);
  }

  /** log det P at the balanced representative of β, u = r, v = sign(β) r, in double precision. */
  static double numericLogDetP(double beta, double t) {
    double lo = 0;
    double hi = t / 2; // φ → ∞ as √|q| → T/2
    for (int k = 0; k < 200; k++) {
      double mid = (lo + hi) / 2;
      if (Math.abs(phi(mid * mid, t)) < Math.abs(beta)) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    double u = lo;
    double v = Math.signum(beta) * lo;
    double h = 1e-6;
    double du = (phi((u + h) * v, t) - phi((u - h) * v, t)) / (2 * h);
    double dv = (phi(u * (v + h), t) - phi(u * (v - h), t)) / (2 * h);
    return Math.log(du * du + dv * dv);
  }

  /** {@code name = value} from eval's output. */
  static double value(String evalOut, String name) {
    String line = evalOut.lines().filter(l -> l.startsWith(name + " = ")).findFirst()
        .orElseThrow(() -> new AssertionError(name + " not in " + evalOut));
    return Double.parseDouble(line.substring(name.length() + 3));
  }

  /**
   * A written outer-map design at a size not in the catalogue: its 40 atoms φ(u_i v_i) take the
   * block route (one block derived, 40 renamed), both signs of every β_i, and eval's R_quot at
   * random signed points is the target Σ|β_i| plus the constant the design reports.
   */
  @Test
  void aWrittenOuterMapDesignAtSizeDerivesByBlocksOnBothSigns(@TempDir Path tmp)
      throws Exception {
    Path out = tmp.resolve("total.yaml");
    CliTest.Result r = CliTest.run("design", "--target", "Total[Abs[beta]]", "--dimension", "40",
        "-o", out.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("# constant R_quot - R* = 20*T*log(2)\n");
    CliTest.Result derive = CliTest.run("derive", out.toString());
    assertThat(derive.code()).as(derive.err()).isZero();
    assertThat(derive.out()).contains("status      complete", "[STRUCTURE]", "40 independent"
        + " blocks", "Sign branches").doesNotContain("UNRESOLVED");
    java.util.SplittableRandom rng = new java.util.SplittableRandom(11);
    for (double t : new double[] {1.0, 0.6}) {
      double[] beta = rng.doubles(40, -2, 2).toArray();
      CliTest.Result e = CliTest.run("eval", out.toString(), "--at", "beta=" + list(beta),
          "--at", "T=" + t);
      assertThat(e.code()).as(e.err()).isZero();
      double target = java.util.Arrays.stream(beta).map(Math::abs).sum();
      assertThat(value(e.out(), "R_quot")).isCloseTo(target + 20 * t * Math.log(2),
          org.assertj.core.data.Offset.offset(1e-9));
      // the sum of 40 independent blocks, each computed numerically as above
      double logDetP = 0;
      for (double b : beta) {
        logDetP += numericLogDetP(b, t);
      }
      assertThat(value(e.out(), "logdet_P")).isCloseTo(logDetP,
          org.assertj.core.data.Offset.offset(1e-6));
    }
  }

  /**
   * Family 1 written at a size not in the catalogue (TV with a 40-point first difference): the
   * file declares its rescalings (without them, deriving it was refused: discovery for 80
   * parameters does not fit in memory) and takes the block route; eval's R_quot at random
   * signed points is (T/2) Σ log|(Dβ)_i| plus the design's constant 20 T log 2.
   */
  @Test
  void aWrittenAnalysisDesignAtSizeDerivesByBlocks(@TempDir Path tmp) throws Exception {
    Path out = tmp.resolve("tv.yaml");
    CliTest.Result r = CliTest.run("design", "--target",
        "T/2*Total[Log[Abs[Differences[Prepend[beta, 0]]]]]", "--dimension", "40", "-o",
        out.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(Files.readString(out)).contains("for: i in 1..40");
    CliTest.Result derive = CliTest.run("derive", out.toString());
    assertThat(derive.code()).as(derive.err()).isZero();
    assertThat(derive.out()).contains("status      complete", "[STRUCTURE]")
        .doesNotContain("UNRESOLVED");
    java.util.SplittableRandom rng = new java.util.SplittableRandom(5);
    double[] beta = rng.doubles(40, -2, 2).toArray();
    CliTest.Result e = CliTest.run("eval", out.toString(), "--at", "beta=" + list(beta));
    assertThat(e.code()).as(e.err()).isZero();
    double target = 0;
    for (int i = 0; i < beta.length; i++) {
      target += 0.5 * Math.log(Math.abs(beta[i] - (i == 0 ? 0 : beta[i - 1])));
    }
    assertThat(value(e.out(), "R_quot")).isCloseTo(target + 20 * Math.log(2),
        org.assertj.core.data.Offset.offset(1e-9));
  }

  private static String list(double[] xs) {
    return "{" + String.join(", ", java.util.Arrays.stream(xs).mapToObj(x -> String.format(
        java.util.Locale.ROOT, "%.15f", x)).toList()) + "}";
  }
}
