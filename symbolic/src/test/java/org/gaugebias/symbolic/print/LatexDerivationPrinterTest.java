package org.gaugebias.symbolic.print;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gaugebias.symbolic.trace.Derivation;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The LaTeX document must compile. Compilation tests run pdflatex when it is on the PATH; without
 * it they are skipped, except under {@code CI=true}, where a missing pdflatex is a failure (so CI
 * cannot pass by silently skipping).
 */
class LatexDerivationPrinterTest {
  /** Overfull boxes are warnings, not errors; this bounds how far the line breaker may miss. */
  private static final double MAX_OVERFULL_PT = 15;

  @TempDir
  Path dir;

  @Test
  void uvDocumentCompiles() throws Exception {
    String log = compile("uv", Format.LATEX.printer().print(Derivations.uv()));
    assertThat(worstOverfull(log)).isLessThanOrEqualTo(MAX_OVERFULL_PT);
  }

  @Test
  void nastyDocumentCompiles() throws Exception {
    String log = compile("nasty", Format.LATEX.printer().print(Derivations.nasty()));
    assertThat(worstOverfull(log)).isLessThanOrEqualTo(MAX_OVERFULL_PT);
  }

  @Test
  void narrowLinesAndOneColumnBlocksStillCompile() throws Exception {
    LatexDerivationPrinter p = new LatexDerivationPrinter(new LatexDerivationPrinter.Options(30, 1));
    compile("narrow", p.print(Derivations.nasty()));
  }

  @Test
  void statesTitleHeadlineAndAssumptionsUpFront() {
    String tex = Format.LATEX.printer().print(Derivations.uv());
    assertThat(tex).startsWith("% gaugebias derivation uv (generated; do not edit)\n"
        + "\\documentclass[11pt]{article}\n");
    assertThat(tex).contains("\\usepackage{amsmath}\n", "\\usepackage{amssymb}\n",
        "\\usepackage[margin=2cm]{geometry}\n",
        "\\title{Diagonal linear network $\\ensuremath{\\beta} = u\\ensuremath{\\cdot}v$}\n",
        "Induced bias in the \\emph{quotient} variant, $R_{\\mathrm{quot}} = \\frac{T}{2}"
            + " \\log\\det P(\\tilde{\\theta}(\\beta))$",
        "R_{\\mathrm{quot}} = R_{\\mathrm{orbit}} &= \\frac{T}{2} \\log\\left|\\beta\\right| \\\\\n",
        "\\subsection*{Assumptions}\n\\begin{gather*}\n\\beta > 0\n\\end{gather*}\n");
    // the result comes first, then the design, then the derivation
    assertThat(tex.indexOf("\\section*{Result}")).isLessThan(tex.indexOf("\\section*{Design}"));
    assertThat(tex.indexOf("\\subsection*{Assumptions}"))
        .isLessThan(tex.indexOf("\\section{Derivation}"));
    assertThat(tex).endsWith("\\end{document}\n");
  }

  @Test
  void writesEachStepAsASubsectionWithAlignedFormulas() {
    String tex = Format.LATEX.printer().print(Derivations.uv());
    assertThat(tex).contains("\\subsection{Jacobian of the predictor}\n"
        + "Differentiate the predictor with respect to $(u, v)$.\n\n"
        + "\\paragraph{Inputs.}\n\\begin{align*}\n\\beta &= u v\n\\end{align*}\n"
        + "\\paragraph{Outputs.}\n\\begin{align*}\n"
        + "J_f &= \\begin{pmatrix} v & u \\end{pmatrix}\n\\end{align*}\n");
    assertThat(tex).contains("\\begin{align*}\n"
        + "\\tilde{u} &= \\sqrt{\\left|\\beta\\right|} \\\\\n"
        + "\\tilde{v} &= \\sqrt{\\left|\\beta\\right|}\n\\end{align*}\n");
    assertThat(tex).contains("\\paragraph{Unresolved.} no numeric verifier was run for this "
        + "design\n");
    assertThat(tex).contains("\\subsection{Quotient variant (headline)}\n\\begin{align*}\n"
        + "\\log\\det P &= \\log\\left(2 \\left|\\beta\\right|\\right) \\\\\n"
        + "R_{\\mathrm{quot}} &= \\frac{T}{2} \\log\\left|\\beta\\right| \\\\\n"
        + "\\text{dropped constant} &= \\frac{T}{2} \\log 2\n\\end{align*}\n");
    assertThat(tex).contains("\\subsection{Gauge variant}\nNot computed");
    assertThat(tex).contains("p\\left(\\beta\\right) &\\propto ");
  }

  @Test
  void escapesProseAndBreaksLongFormulas() {
    String tex = Format.LATEX.printer().print(Derivations.nasty());
    // a title's ASCII mathematics goes into math mode, the rest is escaped text
    assertThat(tex).contains("\\title{Nasty$_{\\mathrm{design}}$ 100\\% \\& \\#1 \\{weird\\} "
        + "\\textasciitilde{} \\textasciicircum{} \\textbackslash{} \\$x\\$ \\textless{}tag"
        + "$> |$bar$|$}");
    assertThat(tex).contains(", from \\texttt{designs/nasty\\_file\\#1.yaml}");
    assertThat(tex).contains("\\paragraph{Unresolved.} DSolve gave up: 100\\% of \\$attempts "
        + "\\& \\#tries failed\\_\\{here\\} \\textbackslash{}o/ \\textasciitilde{}");
    assertThat(tex).contains("\\setcounter{MaxMatrixCols}{12}");
    assertThat(tex).contains("&\\quad \\left.\\begin{matrix}");
    assertThat(tex).contains("R_{\\mathrm{orbit}} &= \\frac{\\mathcal{T}}{2} \\left( "
        + "\\log\\left|\\tilde{\\beta}_{1}\\right| + ");
    for (String line : tex.split("\n")) {
      assertThat(count(line, "\\left")).as("balanced delimiters in: %s", line)
          .isEqualTo(count(line, "\\right"));
    }
  }

  @Test
  void optionsAreValidated() {
    assertThatThrownBy(() -> new LatexDerivationPrinter.Options(10, 8))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lineWidth");
    assertThatThrownBy(() -> new LatexDerivationPrinter.Options(80, 11))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxColumns");
  }

  @Test
  void documentWithoutOptionalPartsCompiles() throws Exception {
    Derivation bare = new Derivation("bare", "Bare", null, List.of(), null, null, List.of(),
        new java.util.EnumMap<>(org.gaugebias.symbolic.trace.Variant.class), null, Optional.empty(),
        java.util.Map.of());
    String tex = Format.LATEX.printer().print(bare);
    assertThat(tex).contains("None stated.", "The design declares no loss");
    compile("bare", tex);
  }

  // ------------------------------------------------------------------ pdflatex

  private String compile(String name, String tex) throws IOException, InterruptedException {
    Optional<Path> pdflatex = onPath("pdflatex");
    if (pdflatex.isEmpty()) {
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        fail("pdflatex is not on the PATH but CI=true: the LaTeX output must be compiled in CI");
      }
      Assumptions.abort("pdflatex not on the PATH; set CI=true to make this a failure");
    }
    Path file = dir.resolve(name + ".tex");
    Files.writeString(file, tex, StandardCharsets.UTF_8);
    Process p = new ProcessBuilder(pdflatex.get().toString(), "-interaction=nonstopmode",
        "-halt-on-error", "-no-shell-escape", file.getFileName().toString())
        .directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(dir.resolve(name + ".out").toFile()).start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail("pdflatex timed out on " + name);
    }
    Path logFile = dir.resolve(name + ".log");
    String log = Files.exists(logFile)
        ? new String(Files.readAllBytes(logFile), StandardCharsets.ISO_8859_1) : "";
    assertThat(p.exitValue()).as("pdflatex exit code; log:%n%s", tail(log)).isZero();
    assertThat(dir.resolve(name + ".pdf")).exists();
    assertThat(log).doesNotContain("\n! ");
    return log;
  }

  private static Optional<Path> onPath(String exe) {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String d : path.split(File.pathSeparator)) {
      Path candidate = Path.of(d, exe);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  private static double worstOverfull(String log) {
    Matcher m = Pattern.compile("Overfull \\\\hbox \\(([0-9.]+)pt too wide\\)").matcher(log);
    double worst = 0;
    while (m.find()) {
      worst = Math.max(worst, Double.parseDouble(m.group(1)));
    }
    return worst;
  }

  private static String tail(String log) {
    return log.length() <= 3000 ? log : log.substring(log.length() - 3000);
  }

  private static int count(String s, String needle) {
    int n = 0;
    for (int i = s.indexOf(needle); i >= 0; i = s.indexOf(needle, i + 1)) {
      n++;
    }
    return n;
  }
}
