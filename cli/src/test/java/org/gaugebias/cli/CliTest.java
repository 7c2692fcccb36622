package org.gaugebias.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line run in-process: exit codes, output format, error messages, LaTeX. */
class CliTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static Path catalogueOut;
  private static Result catalogue;

  record Result(int code, String out, String err) { }

  static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = GaugebiasCommand.commandLine(new PrintWriter(out), new PrintWriter(err))
        .execute(args);
    return new Result(code, out.toString(), err.toString());
  }

  @BeforeAll
  static void runCatalogue(@TempDir Path tmp) {
    catalogueOut = tmp.resolve("catalogue");
    catalogue = run("catalogue", "--designs", ROOT.resolve("designs").toString(), "--out",
        catalogueOut.toString());
  }

  @Test
  void catalogueDerivesEveryDesignAndPrintsTheTable() throws Exception {
    assertThat(catalogue.code()).as(catalogue.err()).isZero();
    long designs;
    try (Stream<Path> s = Files.list(ROOT.resolve("designs"))) {
      designs = s.filter(p -> p.toString().endsWith(".yaml")).count();
    }
    assertThat(catalogue.out()).contains("hadamard-uv", "so3-radius", "R_quot");
    for (String ext : List.of("txt", "tex", "json", "-brief.tex")) {
      try (Stream<Path> s = Files.list(catalogueOut)) {
        assertThat(s.map(p -> p.getFileName().toString())
            .filter(p -> p.endsWith(ext.startsWith("-") ? ext : "." + ext))
            .filter(p -> ext.startsWith("-") || !p.endsWith("-brief.tex"))
            .filter(p -> !p.equals("summary.txt") && !p.equals("catalogue.tex")).count())
            .as(ext).isEqualTo(designs);
      }
    }
    assertThat(catalogueOut.resolve("summary.txt")).exists();
    // the combined document: a summary table row per design
    String combined = Files.readString(catalogueOut.resolve("catalogue.tex"));
    assertThat(combined).contains(
        "design & symmetry & bias (headline variant) & law & representation cost",
        "\\texttt{hadamard-uv} & 3 rescalings & $R_{\\mathrm{quot}} = \\frac{T}{2} \\sum_{i=1}^{3}"
        + " \\log\\left|\\beta_{i}\\right|$");
  }

  @Test
  void everyLatexDocumentCompilesWithoutLeaksAndBriefOnesFitAPage() throws Exception {
    boolean ci = "true".equals(System.getenv("CI"));
    boolean present = Stream.of(System.getenv("PATH").split(java.io.File.pathSeparator))
        .anyMatch(d -> Files.isExecutable(Path.of(d, "pdflatex")));
    if (ci) {
      assertThat(present).as("CI must have pdflatex (.ci/run installs it)").isTrue();
    }
    assumeTrue(present, "pdflatex not on PATH");
    List<Path> docs;
    try (Stream<Path> s = Files.list(catalogueOut)) {
      docs = s.filter(p -> p.toString().endsWith(".tex")).sorted().toList();
    }
    assertThat(docs).extracting(p -> p.getFileName().toString()).contains("catalogue.tex",
        "hadamard-uv.tex", "hadamard-uv-brief.tex");
    for (Path tex : docs) {
      DocumentLeaks.assertNoLeaks(tex.getFileName().toString(), Files.readString(tex));
      Process p = new ProcessBuilder("pdflatex", "-interaction=nonstopmode", "-halt-on-error",
          tex.getFileName().toString()).directory(catalogueOut.toFile())
          .redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes());
      assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).as("pdflatex %s:%n%s", tex, out).isZero();
      String name = tex.getFileName().toString().replaceFirst("\\.tex$", "");
      String log = Files.readString(catalogueOut.resolve(name + ".log"),
          java.nio.charset.StandardCharsets.ISO_8859_1);
      assertThat(log).as("%s: a character the font lacks", tex).doesNotContain("Missing character");
      if (name.endsWith("-brief")) {
        assertThat(DocumentLeaks.pages(log)).as("%s fits a page", tex).isEqualTo(1);
      }
    }
    try (Stream<Path> s = Files.list(catalogueOut)) {
      for (Path txt : s.filter(p -> p.toString().endsWith(".txt")).toList()) {
        DocumentLeaks.assertNoInternalNames(txt.getFileName().toString(), Files.readString(txt));
      }
    }
    DocumentLeaks.assertNoInternalNames("catalogue output", catalogue.out());
  }

  @Test
  void evalPrintsTheDocumentedLines() {
    Result r = run("eval", ROOT.resolve("designs/hadamard-uv.yaml").toString(),
        "--at", "beta={0.4, -1.1, 0.8}", "--at", "T=0.5");
    assertThat(r.code()).as(r.err()).isZero();
    List<String> lines = r.out().lines().toList();
    assertThat(lines).extracting(l -> l.substring(0, l.indexOf(" = "))).containsExactly(
        "logdet_G", "logdet_C", "logdet_P", "R_quot", "R_orbit", "R_gauge", "repcost",
        "pseudo_determinant_G", "pseudo_determinant_C", "pseudo_determinant_P");
    // log det P = Σ log(2|beta_i|) (THEORY.md §3), printed with 17 significant digits
    double expected = Math.log(2 * 0.4) + Math.log(2 * 1.1) + Math.log(2 * 0.8);
    assertThat(Double.parseDouble(lines.get(2).split(" = ")[1])).isEqualTo(expected,
        org.assertj.core.api.Assertions.within(1e-12));
    assertThat(lines.get(2).split(" = ")[1]).matches("-?\\d\\.\\d{16}e[+-]\\d+");
    assertThat(lines.subList(7, 10)).containsExactly("pseudo_determinant_G = false",
        "pseudo_determinant_C = false", "pseudo_determinant_P = false");
  }

  @Test
  void evalOfANonFreeActionSaysNoGaugeAndPseudoDeterminant() {
    Result r = run("eval", ROOT.resolve("designs/so3-radius.yaml").toString(), "--at", "r=2");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("logdet_C = none", "R_gauge = none",
        "pseudo_determinant_G = true", "pseudo_determinant_C = none");
  }

  @Test
  void aMalformedDesignGivesPositionsAndNoStackTrace(@TempDir Path tmp) throws Exception {
    Path bad = tmp.resolve("bad.yaml");
    Files.writeString(bad, "id: bad\ntitle: x\nparameters:\n  u: vector three\npredictor:\n"
        + "  beta: u*w\n");
    Result r = run("derive", bad.toString());
    assertThat(r.code()).isEqualTo(ExitCode.DESIGN_FILE);
    assertThat(r.err()).contains(bad + ":4:").contains(": error: ").doesNotContain("\tat ");
  }

  @Test
  void aGeneratorThatIsNoSymmetryHasItsOwnExitCode(@TempDir Path tmp) throws Exception {
    Path bad = tmp.resolve("wrong.yaml");
    Files.writeString(bad, "id: wrong\ntitle: x\nparameters: {u: scalar, v: scalar}\n"
        + "predictor:\n  beta: u*v\nsymmetry:\n  generators:\n    - field: {u: u, v: v}\n");
    Result r = run("derive", bad.toString());
    assertThat(r.code()).isEqualTo(10);
    assertThat(r.err()).startsWith(bad + ":8:").contains("does not leave the predictor invariant")
        .doesNotContain("\tat ");
  }

  @Test
  void badCommandLineValuesAreUsageErrors() {
    Result r = run("eval", ROOT.resolve("designs/hadamard-uv.yaml").toString(), "--at",
        "beta={1, 2}");
    assertThat(r.code()).isEqualTo(ExitCode.USAGE);
    assertThat(r.err()).contains("expected 3 numbers");
  }
}
