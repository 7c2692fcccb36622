package org.gaugebias.symbolic.print;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.gaugebias.symbolic.expr.Expr;
import org.gaugebias.symbolic.expr.LatexPrinter;
import org.gaugebias.symbolic.trace.Derivation;
import org.gaugebias.symbolic.trace.Formula;
import org.gaugebias.symbolic.trace.Step;
import org.gaugebias.symbolic.trace.StepKind;
import org.gaugebias.symbolic.trace.Variant;
import org.gaugebias.symbolic.trace.VariantResult;

/**
 * A standalone LaTeX document of a derivation that {@code pdflatex -halt-on-error} compiles:
 * article class with amsmath, amssymb, lmodern/T1 and a 2 cm geometry; a title; a design block
 * stating the headline variant and every assumption used; one subsection per step with its rule
 * sentence and its formulas in {@code align*} ({@code lhs &= rhs}); the results per variant; the
 * representation cost and the stationary density.
 *
 * <p>Prose is escaped ({@link LatexText}), so underscores, percent signs or Unicode in design
 * files cannot break compilation. Formulas are broken over lines by {@link FormulaLines}: long sums
 * between terms, long vectors between items, matrices in column blocks of at most
 * {@link Options#maxColumns()}; {@code MaxMatrixCols} is raised to the widest matrix in the
 * document, so a matrix nested inside a formula compiles too. Symbols use the derivation's
 * {@code notation}.
 */
public final class LatexDerivationPrinter implements DerivationPrinter {
  private final Options options;

  /**
   * Options of the LaTeX document.
   *
   * @param lineWidth the width of a display line, in units of about one math character (a 17 cm
   *     text block holds about 85); 30 to 400
   * @param maxColumns the most matrix columns or vector items shown on one line; 1 to 10
   */
  public record Options(int lineWidth, int maxColumns) {
    public Options {
      if (lineWidth < 30 || lineWidth > 400) {
        throw new IllegalArgumentException("lineWidth must be in [30, 400], got " + lineWidth);
      }
      if (maxColumns < 1 || maxColumns > 10) {
        throw new IllegalArgumentException("maxColumns must be in [1, 10], got " + maxColumns);
      }
    }

    /** 85 units per line, 8 columns. */
    public static Options defaults() {
      return new Options(85, 8);
    }
  }

  public LatexDerivationPrinter(Options options) {
    this.options = Objects.requireNonNull(options, "options");
  }

  public Options options() {
    return options;
  }

  @Override
  public Format format() {
    return Format.LATEX;
  }

  @Override
  public String print(Derivation d) {
    Doc doc = new Doc(LatexPrinter.withNotation(d.notation()));
    preamble(d, doc);
    design(d, doc);
    doc.line("\\section{Steps}");
    for (Step s : d.steps()) {
      step(s, d, doc);
    }
    results(d, doc);
    doc.line("\\end{document}");
    return doc.out.toString();
  }

  // ------------------------------------------------------------------ document parts

  private void preamble(Derivation d, Doc doc) {
    doc.line("% gaugebias derivation " + oneLine(d.designId()) + " (generated; do not edit)");
    doc.line("\\documentclass[11pt]{article}");
    doc.line("\\usepackage[T1]{fontenc}");
    doc.line("\\usepackage{lmodern}");
    doc.line("\\usepackage{amsmath}");
    doc.line("\\usepackage{amssymb}");
    doc.line("\\usepackage[margin=2cm]{geometry}");
    doc.line("\\allowdisplaybreaks");
    doc.line("\\setcounter{MaxMatrixCols}{" + Math.max(10, widestMatrix(d)) + "}");
    doc.line("\\renewcommand{\\arraystretch}{1.3}");
    doc.line("\\setlength{\\parindent}{0pt}");
    doc.line("\\setlength{\\parskip}{0.5ex}");
    doc.line("\\title{" + LatexText.escape(d.title().strip()) + "}");
    doc.line("\\author{gaugebias}");
    doc.line("\\date{}");
    doc.line("\\begin{document}");
    doc.line("\\maketitle");
  }

  private void design(Derivation d, Doc doc) {
    doc.line("\\section*{Design}");
    doc.line("\\begin{description}");
    doc.line("\\item[Identifier] \\texttt{" + LatexText.escape(d.designId()) + "}");
    doc.line("\\item[Source] " + (d.source() == null ? "none"
        : "\\texttt{" + LatexText.escape(d.source()) + "}"));
    List<String> preds = new ArrayList<>();
    d.predictorSymbols().forEach(p -> preds.add("$" + doc.latex.symbol(p) + "$"));
    doc.line("\\item[Predictor] " + (preds.isEmpty() ? "none" : String.join(", ", preds)));
    doc.line("\\item[Temperature] $" + temperature(d, doc) + "$");
    doc.line("\\item[Headline variant] " + headline(d, doc));
    long unresolved = d.steps().stream().filter(s -> s.status() == Step.Status.UNRESOLVED).count();
    doc.line("\\item[Status] " + (unresolved == 0 ? "complete"
        : "\\textbf{incomplete}: " + unresolved + " unresolved step" + (unresolved == 1 ? "" : "s")));
    doc.line("\\end{description}");
    Set<Expr> all = new LinkedHashSet<>();
    d.steps().forEach(s -> all.addAll(s.assumptions()));
    doc.line("\\subsection*{Assumptions}");
    if (all.isEmpty()) {
      doc.line("None stated.");
    } else {
      assumptions(new ArrayList<>(all), doc);
    }
  }

  private static String headline(Derivation d, Doc doc) {
    Variant v = d.headline();
    if (v == null) {
      return "none";
    }
    return TextDerivationPrinter.variantName(v) + ", $" + biasName(v) + " = \\frac{"
        + temperature(d, doc) + "}{2} \\log\\det " + v.gram() + "(\\tilde{\\theta})$";
  }

  private static String temperature(Derivation d, Doc doc) {
    return doc.latex.symbol(d.temperature() == null ? "T" : d.temperature());
  }

  private static String biasName(Variant v) {
    return "R_{\\mathrm{" + v.shortName() + "}}";
  }

  private void step(Step s, Derivation d, Doc doc) {
    doc.line("\\subsection{" + LatexText.escape(s.kind().title()) + "}");
    String sentence = StepProse.sentence(s);
    String note = StepProse.note(s);
    if (!sentence.isBlank()) {
      doc.line(LatexText.escape(sentence.strip()));
      doc.line("");
    }
    formulas("Inputs", s.kind(), s.inputs(), d, doc);
    formulas("Outputs", s.kind(), s.outputs(), d, doc);
    if (!s.assumptions().isEmpty()) {
      doc.line("\\paragraph{Assumptions.}");
      assumptions(s.assumptions(), doc);
    }
    if (s.status() == Step.Status.UNRESOLVED) {
      doc.line("\\paragraph{Unresolved.} " + (note.isBlank() ? "No reason given."
          : LatexText.escape(note.strip())));
      doc.line("");
    } else if (!note.isBlank()) {
      doc.line("\\paragraph{Note.} " + LatexText.escape(note.strip()));
      doc.line("");
    }
  }

  private void formulas(String label, StepKind kind, List<Formula> fs, Derivation d,
      Doc doc) {
    if (fs.isEmpty()) {
      return;
    }
    doc.line("\\paragraph{" + label + ".}");
    List<Row> rows = new ArrayList<>();
    for (Formula f : fs) {
      String typeset = FormulaLhs.latex(kind, f);
      String lhs = !typeset.isBlank() ? typeset
          : f.name().isBlank() ? "" : "\\text{" + LatexText.escape(f.name()) + "}";
      rows.add(new Row(lhs, "=", SumFolding.foldAtSize(f.expr(), d)));
    }
    align(rows, doc);
  }

  private void assumptions(List<Expr> as, Doc doc) {
    List<Expr> flat = new ArrayList<>();
    for (Expr a : as) {
      if (a instanceof Expr.Fn f && f.head().equals("And") && f.args().size() >= 2) {
        flat.addAll(f.args());
      } else {
        flat.add(a);
      }
    }
    FormulaLines breaker = new FormulaLines(doc.latex, options.maxColumns());
    List<String> lines = new ArrayList<>();
    String current = "";
    for (Expr a : flat) {
      List<String> parts = breaker.lines(a, options.lineWidth());
      String joined = current.isEmpty() ? parts.get(0) : current + ", \\quad " + parts.get(0);
      if (parts.size() == 1 && FormulaLines.width(joined) <= options.lineWidth()) {
        current = joined;
        continue;
      }
      if (!current.isEmpty()) {
        lines.add(current);
      }
      lines.addAll(parts.subList(0, parts.size() - 1));
      current = parts.get(parts.size() - 1);
    }
    lines.add(current);
    doc.line("\\begin{gather*}");
    doc.line(String.join(" \\\\\n", lines));
    doc.line("\\end{gather*}");
  }

  private void results(Derivation d, Doc doc) {
    doc.line("\\section{Results}");
    for (Variant v : Variant.values()) {
      VariantResult r = d.results().get(v);
      String title = capitalised(TextDerivationPrinter.variantName(v)) + " variant"
          + (v == d.headline() ? " (headline)" : "");
      doc.line("\\subsection{" + title + "}");
      if (r == null) {
        doc.line("Not computed (no " + v.gram() + " for this design).");
        doc.line("");
        continue;
      }
      align(List.of(new Row("\\log\\det " + v.gram(), "=", SumFolding.foldAtSize(r.logDet(), d)),
          new Row(biasName(v), "=", SumFolding.foldAtSize(SumFolding.fold(r.bias(), d), d)),
          new Row("\\text{dropped constant}", "=", r.droppedConstant())), doc);
      doc.line(r.pseudoDeterminant()
          ? "The determinant is a pseudo-determinant (product of the non-zero eigenvalues)."
          : "The determinant is an ordinary determinant.");
      doc.line("");
    }
    doc.line("\\section{Representation cost}");
    if (d.representationCost() != null) {
      align(List.of(new Row("\\frac{1}{2}\\left\\|\\tilde{\\theta}\\right\\|^{2}", "=",
          SumFolding.foldAtSize(d.representationCost(), d))), doc);
    } else {
      doc.line("Not computed.");
    }
    doc.line("\\section{Stationary density}");
    if (d.stationaryDensity() != null && d.stationaryDensity().isPresent()) {
      align(List.of(new Row(density(d, doc), "\\propto",
          SumFolding.foldAtSize(d.stationaryDensity().get(), d))), doc);
    } else {
      doc.line("None: the design declares no loss.");
    }
  }

  /** {@code p(β₁, β₂)}; more than three predictor symbols are elided in the middle. */
  private static String density(Derivation d, Doc doc) {
    List<String> ps = d.predictorSymbols();
    List<String> shown = new ArrayList<>();
    if (ps.size() <= 3) {
      ps.forEach(p -> shown.add(doc.latex.symbol(p)));
    } else {
      shown.add(doc.latex.symbol(ps.get(0)));
      shown.add("\\ldots");
      shown.add(doc.latex.symbol(ps.get(ps.size() - 1)));
    }
    return "p\\left(" + String.join(", ", shown) + "\\right)";
  }

  /** One row of an {@code align*} block: {@code lhs &relation rhs}. */
  private record Row(String lhs, String relation, Expr rhs) {
  }

  /**
   * An {@code align*} block. A long right-hand side continues on further lines, indented by a
   * quad after the relation; its width budget is the line width less the left-hand side.
   */
  private void align(List<Row> rows, Doc doc) {
    FormulaLines breaker = new FormulaLines(doc.latex, options.maxColumns());
    List<String> out = new ArrayList<>();
    for (Row row : rows) {
      double budget = Math.max(options.lineWidth() / 3.0,
          options.lineWidth() - FormulaLines.width(row.lhs()) - 3);
      List<String> lines = breaker.lines(row.rhs(), budget);
      out.add(row.lhs() + " &" + row.relation() + " " + lines.get(0));
      for (String more : lines.subList(1, lines.size())) {
        out.add("&\\quad " + more);
      }
    }
    doc.line("\\begin{align*}");
    doc.line(String.join(" \\\\\n", out));
    doc.line("\\end{align*}");
  }

  private static int widestMatrix(Derivation d) {
    int best = 0;
    for (Step s : d.steps()) {
      for (Formula f : s.inputs()) {
        best = Math.max(best, FormulaLines.widestMatrix(SumFolding.foldAtSize(f.expr(), d)));
      }
      for (Formula f : s.outputs()) {
        best = Math.max(best, FormulaLines.widestMatrix(SumFolding.foldAtSize(f.expr(), d)));
      }
      for (Expr a : s.assumptions()) {
        best = Math.max(best, FormulaLines.widestMatrix(a));
      }
    }
    for (VariantResult r : d.results().values()) {
      best = Math.max(best, FormulaLines.widestMatrix(r.logDet()));
      best = Math.max(best, FormulaLines.widestMatrix(SumFolding.foldAtSize(SumFolding.fold(r.bias(), d), d)));
      best = Math.max(best, FormulaLines.widestMatrix(r.droppedConstant()));
    }
    if (d.representationCost() != null) {
      best = Math.max(best, FormulaLines.widestMatrix(d.representationCost()));
    }
    if (d.stationaryDensity() != null && d.stationaryDensity().isPresent()) {
      best = Math.max(best, FormulaLines.widestMatrix(d.stationaryDensity().get()));
    }
    return best;
  }

  private static String capitalised(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  /** A LaTeX comment must stay on one line whatever the id contains. */
  private static String oneLine(String s) {
    return s.replaceAll("[\\r\\n]+", " ");
  }

  /** The document being written. */
  private static final class Doc {
    final LatexPrinter latex;
    final StringBuilder out = new StringBuilder();

    Doc(LatexPrinter latex) {
      this.latex = latex;
    }

    void line(String s) {
      out.append(s).append('\n');
    }
  }
}
