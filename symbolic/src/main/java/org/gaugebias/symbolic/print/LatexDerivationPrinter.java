package org.gaugebias.symbolic.print;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.gaugebias.symbolic.expr.Expr;
import org.gaugebias.symbolic.expr.LatexPrinter;
import org.gaugebias.symbolic.trace.Derivation;
import org.gaugebias.symbolic.trace.Formula;
import org.gaugebias.symbolic.trace.Step;
import org.gaugebias.symbolic.trace.StepFacts;
import org.gaugebias.symbolic.trace.StepKind;
import org.gaugebias.symbolic.trace.Variant;
import org.gaugebias.symbolic.trace.VariantResult;

/**
 * A standalone LaTeX document of a derivation that {@code pdflatex -halt-on-error} compiles and a
 * paper appendix can include: article class with amsmath, amssymb, lmodern/T1 and a 2 cm
 * geometry; a title (the design's, its mathematics in math mode); first the result (the headline
 * bias with its variant named, the other variants, the stationary density in THEORY.md §5's
 * product form, the representation cost), the design and its assumptions; then the derivation,
 * one subsection per step with its sentence (words as text, formulas in math mode) and its
 * formulas in {@code align*} ({@code lhs &= rhs}); last the log-determinants and dropped
 * constants per variant. The {@link Options#brief() brief} form keeps the result and a summary of
 * the derivation, about one page.
 *
 * <p>Formulas are shown in {@link DisplayForm} (constants collected, separable sums folded);
 * formulas that differ only by a vector index print as one row for i = 1..n
 * ({@link SumFolding#rows}), so large designs print by structure. Long formulas are broken over
 * lines by {@link FormulaLines}: long sums between terms, long vectors between items, matrices in
 * column blocks of at most {@link Options#maxColumns()}; {@code MaxMatrixCols} is raised to the
 * widest matrix in the document. Text from design files is escaped ({@link LatexText}), so no
 * input can break compilation. Symbols use the derivation's {@code notation}.
 */
public final class LatexDerivationPrinter implements DerivationPrinter {
  private final Options options;

  /**
   * Options of the LaTeX document.
   *
   * @param lineWidth the width of a display line, in units of about one math character (a 17 cm
   *     text block holds about 85); 30 to 400
   * @param maxColumns the most matrix columns or vector items shown on one line; 1 to 10
   * @param brief the result and a summary of the derivation only (about one page)
   */
  public record Options(int lineWidth, int maxColumns, boolean brief) {
    public Options {
      if (lineWidth < 30 || lineWidth > 400) {
        throw new IllegalArgumentException("lineWidth must be in [30, 400], got " + lineWidth);
      }
      if (maxColumns < 1 || maxColumns > 10) {
        throw new IllegalArgumentException("maxColumns must be in [1, 10], got " + maxColumns);
      }
    }

    /** The full document. */
    public Options(int lineWidth, int maxColumns) {
      this(lineWidth, maxColumns, false);
    }

    /** 85 units per line, 8 columns, the full document. */
    public static Options defaults() {
      return new Options(85, 8);
    }

    /** These options for the brief document. */
    public Options briefly() {
      return new Options(lineWidth, maxColumns, true);
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
    body(d, doc);
    doc.line("\\end{document}");
    return doc.out.toString();
  }

  /**
   * The document's body without preamble: the result, the design and the derivation (brief or
   * full), with {@code \section} headings; the catalogue document includes one per design.
   */
  String body(Derivation d, int sectionLevel) {
    Doc doc = new Doc(LatexPrinter.withNotation(d.notation()));
    doc.level = sectionLevel;
    body(d, doc);
    return doc.out.toString();
  }

  private void body(Derivation d, Doc doc) {
    result(d, doc);
    design(d, doc);
    if (options.brief()) {
      brief(d, doc);
      return;
    }
    doc.line(doc.heading(0, "Derivation"));
    for (Step s : d.steps()) {
      step(s, d, doc);
    }
    results(d, doc);
  }

  // ------------------------------------------------------------------ document parts

  /** The preamble of every gaugebias document, up to and including {@code \maketitle}. */
  static String preamble(String comment, String titleLatex, int widestMatrix) {
    return preamble(comment, titleLatex, widestMatrix, false);
  }

  /** The preamble; a {@code compact} document (the brief form) is set in 10 pt, title inline. */
  static String preamble(String comment, String titleLatex, int widestMatrix, boolean compact) {
    String title = compact ? "\\begin{document}\n{\\centering\\Large " + titleLatex
        + "\\par}\n\\vspace{-1ex}\n" : "\\title{" + titleLatex + "}\n"
        + "\\author{gaugebias}\n"
        + "\\date{}\n"
        + "\\begin{document}\n"
        + "\\maketitle\n";
    return "% " + oneLine(comment) + " (generated; do not edit)\n"
        + "\\documentclass[" + (compact ? "10pt" : "11pt") + "]{article}\n"
        + "\\usepackage[T1]{fontenc}\n"
        + "\\usepackage{lmodern}\n"
        + "\\usepackage{amsmath}\n"
        + "\\usepackage{amssymb}\n"
        + "\\usepackage[margin=2cm]{geometry}\n"
        + "\\allowdisplaybreaks\n"
        + "\\tracinglostchars=2\n"
        + "\\setcounter{MaxMatrixCols}{" + Math.max(10, widestMatrix) + "}\n"
        + "\\renewcommand{\\arraystretch}{1.3}\n"
        + "\\setlength{\\parindent}{0pt}\n"
        + "\\setlength{\\parskip}{0.5ex}\n"
        + title;
  }

  private void preamble(Derivation d, Doc doc) {
    doc.out.append(preamble("gaugebias derivation " + d.designId(),
        TextWithMath.latex(d.title()), widestMatrix(d), options.brief()));
  }

  /** The result first: the headline bias, the other variants, the law, the cost. */
  private void result(Derivation d, Doc doc) {
    doc.line(doc.heading(doc.level == 0 ? -1 : 0, "Result"));
    Variant h = d.headline();
    if (h != null) {
      doc.line("Induced bias in the \\emph{" + TextDerivationPrinter.variantName(h)
          + "} variant, $" + biasName(h) + " = \\frac{" + temperature(d, doc) + "}{2} \\log\\det "
          + h.gram() + "(\\tilde{\\theta}(\\beta))$" + variantMeaning(h)
          + ", up to an additive constant:");
    }
    List<Row> rows = new ArrayList<>();
    // variants with the same bias share one row: R_quot = R_orbit = …
    Map<Expr, List<Variant>> byBias = new LinkedHashMap<>();
    List<Variant> order = new ArrayList<>();
    if (h != null) {
      order.add(h);
    }
    for (Variant v : Variant.values()) {
      if (v != h) {
        order.add(v);
      }
    }
    for (Variant v : order) {
      VariantResult r = d.results().get(v);
      if (r != null) {
        byBias.computeIfAbsent(DisplayForm.of(r.bias(), d), k -> new ArrayList<>()).add(v);
      }
    }
    byBias.forEach((bias, vs) -> rows.add(new Row(String.join(" = ", vs.stream()
        .map(LatexDerivationPrinter::biasName).toList()), "=", bias)));
    Optional<Expr> density = DisplayForm.density(d);
    density.ifPresent(p -> rows.add(new Row(density(d, doc), "\\propto", p)));
    if (d.representationCost() != null) {
      rows.add(new Row("\\tfrac{1}{2}\\|\\tilde{\\theta}(\\beta)\\|^{2}", "=",
          DisplayForm.of(d.representationCost(), d)));
    }
    align(rows, doc);
    List<String> said = new ArrayList<>();
    if (d.results().size() > 1) {
      said.add("the other variants of THEORY.md~\\S 3 follow the headline");
    }
    density.ifPresent(p -> said.add("$p$ is the stationary density of the predictor under"
        + " projected noise (THEORY.md~\\S 5)"));
    if (d.representationCost() != null) {
      said.add("$\\tfrac{1}{2}\\|\\tilde{\\theta}(\\beta)\\|^{2}$ is the weight-decay"
          + " representation cost");
    }
    if (density.isEmpty()) {
      said.add("the design declares no loss, so no stationary density is stated");
    }
    doc.line(capitalised(String.join("; ", said)) + ".");
    long unresolved = d.steps().stream().filter(s -> s.status() == Step.Status.UNRESOLVED).count();
    if (unresolved > 0) {
      doc.line("\\textbf{Incomplete}: " + unresolved + " unresolved step"
          + (unresolved == 1 ? "" : "s") + " (see below).");
    }
    doc.line("");
  }

  private static String variantMeaning(Variant v) {
    return switch (v) {
      case QUOTIENT -> ", the bias of the law of the predictor under projected noise";
      case ORBIT -> ", the log orbit-volume term of the symmetry group";
      case GAUGE -> ", from conditioning on the gauge slice";
    };
  }

  private void design(Derivation d, Doc doc) {
    if (options.brief()) {
      briefDesign(d, doc);
      return;
    }
    doc.line(doc.heading(doc.level == 0 ? -1 : 1, "Design"));
    doc.line("\\begin{description}");
    doc.line("\\item[Identifier] \\texttt{" + LatexText.escape(d.designId()) + "}"
        + (d.source() == null ? "" : ", from \\texttt{" + LatexText.escape(d.source()) + "}"));
    List<String> preds = new ArrayList<>();
    d.predictorSymbols().forEach(p -> preds.add(p));
    doc.line("\\item[Predictor] " + (preds.isEmpty() ? "none" : Sentence.builder()
        .symbols(preds, "", ", ", "").build().latex(doc.latex)) + "; temperature $"
        + temperature(d, doc) + "$");
    long unresolved = d.steps().stream().filter(s -> s.status() == Step.Status.UNRESOLVED).count();
    doc.line("\\item[Status] " + (unresolved == 0 ? "complete"
        : "\\textbf{incomplete}: " + unresolved + " unresolved step" + (unresolved == 1 ? "" : "s")));
    doc.line("\\end{description}");
    Set<Expr> all = new LinkedHashSet<>();
    d.steps().forEach(s -> all.addAll(s.assumptions()));
    doc.line(doc.heading(doc.level == 0 ? -2 : 2, "Assumptions"));
    if (all.isEmpty()) {
      doc.line("None stated.");
    } else {
      assumptions(new ArrayList<>(all), Optional.of(d), doc);
    }
  }

  /** The design in one paragraph. */
  private void briefDesign(Derivation d, Doc doc) {
    long unresolved = d.steps().stream().filter(s -> s.status() == Step.Status.UNRESOLVED).count();
    StringBuilder p = new StringBuilder("\\textbf{Design} \\texttt{"
        + LatexText.escape(d.designId()) + "}" + (d.source() == null ? ""
        : " (\\texttt{" + LatexText.escape(d.source()) + "})") + ": predictor "
        + Sentence.builder().symbols(d.predictorSymbols(), "", ", ", "").build().latex(doc.latex)
        + ", temperature $" + temperature(d, doc) + "$; " + (unresolved == 0 ? "complete"
        : "\\textbf{incomplete} (" + unresolved + " unresolved)") + ".");
    Set<Expr> all = new LinkedHashSet<>();
    d.steps().forEach(s -> all.addAll(s.assumptions()));
    if (!all.isEmpty()) {
      List<Expr> flat = new ArrayList<>();
      for (Expr a : all) {
        if (a instanceof Expr.Fn f && f.head().equals("And") && f.args().size() >= 2) {
          flat.addAll(f.args());
        } else {
          flat.add(a);
        }
      }
      List<String> as = new ArrayList<>();
      for (SumFolding.Row r : SumFolding.foldExprs(flat, d)) {
        as.add("$" + doc.latex.print(r.expr()) + (r.count() > 1 ? "\\ (i = 1, \\ldots, "
            + r.count() + ")" : "") + "$");
      }
      p.append(" Assumptions: ").append(String.join(", ", as)).append('.');
    }
    doc.line(p.toString());
    doc.line("");
  }

  /** The derivation in brief: what each main step found, with its key formulas. */
  private void brief(Derivation d, Doc doc) {
    doc.line(doc.heading(doc.level == 0 ? -1 : 1, "Derivation in brief"));
    doc.line("\\begin{itemize}\\setlength{\\itemsep}{0pt}");
    Variant h = d.headline();
    // a recognised single unit states its gauge (ξ = ∇χ of the default moment map)
    boolean unitStated = d.steps().stream()
        .anyMatch(s -> s.facts() instanceof StepFacts.RankOneUnit);
    for (Step s : d.steps()) {
      boolean key = switch (s.kind()) {
        case STRUCTURE, GENERATORS, ROUTES, NUMERIC_CHECK, SYMBOLIC_SIZE -> true;
        case GAUGE -> !unitStated;
        case REPRESENTATIVE, UNRESOLVED, SIGN_BRANCHES -> true;
        case LOG_DET -> h != null && s.facts() instanceof StepFacts.LogDet l && l.variant() == h;
        default -> s.status() == Step.Status.UNRESOLVED;
      };
      if (!key) {
        continue;
      }
      doc.line("\\item \\textbf{" + LatexText.escape(s.kind().title()) + ".} "
          + StepProse.prose(s).latex(doc.latex).strip());
      if (s.kind() == StepKind.REPRESENTATIVE || s.kind() == StepKind.LOG_DET) {
        List<Row> rows = rows(s.kind(), s.outputs(), d);
        if (rows.size() <= 6) {
          inline(rows, doc);
        }
      }
      String note = StepProse.note(s);
      if (!note.isBlank()) {
        doc.line((s.status() == Step.Status.UNRESOLVED ? "\\emph{Unresolved:} " : "")
            + LatexText.prose(note.strip()));
      }
    }
    doc.line("\\end{itemize}");
  }

  /** Rows on as few display lines as fit, separated by commas: the brief form's formulas. */
  private void inline(List<Row> rows, Doc doc) {
    FormulaLines breaker = new FormulaLines(doc.latex, options.maxColumns());
    List<String> lines = new ArrayList<>();
    String current = "";
    for (Row r : rows) {
      List<String> parts = breaker.lines(r.rhs(), options.lineWidth());
      String one = r.lhs() + " " + r.relation() + " " + String.join(" ", parts) + r.suffix();
      String joined = current.isEmpty() ? one : current + ", \\qquad " + one;
      if (!current.isEmpty() && FormulaLines.width(joined) > options.lineWidth()) {
        lines.add(current);
        current = one;
      } else {
        current = joined;
      }
    }
    if (!current.isEmpty()) {
      lines.add(current);
    }
    doc.line("\\begin{gather*}");
    doc.line(String.join(" \\\\\n", lines));
    doc.line("\\end{gather*}");
  }

  private static String temperature(Derivation d, Doc doc) {
    return doc.latex.symbol(d.temperature() == null ? "T" : d.temperature());
  }

  private static String biasName(Variant v) {
    return "R_{\\mathrm{" + v.shortName() + "}}";
  }

  private void step(Step s, Derivation d, Doc doc) {
    doc.line(doc.heading(1, LatexText.escape(s.kind().title())));
    String sentence = StepProse.prose(s).latex(doc.latex);
    String note = StepProse.note(s);
    if (!sentence.isBlank()) {
      doc.line(sentence.strip());
      doc.line("");
    }
    formulas("Inputs", s.kind(), s.inputs(), d, doc);
    formulas("Outputs", s.kind(), s.outputs(), d, doc);
    if (!s.assumptions().isEmpty()) {
      doc.line("\\paragraph{Assumptions.}");
      assumptions(s.assumptions(), Optional.of(d), doc);
    }
    if (s.status() == Step.Status.UNRESOLVED) {
      doc.line("\\paragraph{Unresolved.} " + (note.isBlank() ? "No reason given."
          : LatexText.prose(note.strip())));
      doc.line("");
    } else if (!note.isBlank()) {
      doc.line("\\paragraph{Note.} " + LatexText.prose(note.strip()));
      doc.line("");
    }
  }

  private void formulas(String label, StepKind kind, List<Formula> fs, Derivation d, Doc doc) {
    if (fs.isEmpty()) {
      return;
    }
    doc.line("\\paragraph{" + label + ".}");
    align(rows(kind, fs, d), doc);
  }

  /** A formula name that is a symbol, possibly with {@code $}-indices ({@code omega$1}). */
  private static final java.util.regex.Pattern SYMBOL_NAME =
      java.util.regex.Pattern.compile("[A-Za-z][A-Za-z0-9]*(\\$[A-Za-z0-9]+)+");

  /** Display rows of a step's formulas: display forms, runs over a vector index folded. */
  private List<Row> rows(StepKind kind, List<Formula> fs, Derivation d) {
    List<Row> rows = new ArrayList<>();
    for (SumFolding.Row r : SumFolding.rows(DisplayForm.formulas(fs, d), d)) {
      Formula f = new Formula(r.name(), r.lhs(), r.expr());
      String typeset = FormulaLhs.latex(kind, f);
      String lhs = !typeset.isBlank() ? typeset
          : f.name().isBlank() ? "" : SYMBOL_NAME.matcher(f.name()).matches()
          // a symbol (the structure route's block atoms omega$1): typeset as one, never raw
          ? LatexPrinter.standard().symbol(f.name())
          : "\\text{" + LatexText.escape(f.name()) + "}";
      rows.add(new Row(lhs, "=", r.expr(), r.count() > 1
          ? ", \\quad i = 1, \\ldots, " + r.count() : ""));
    }
    return rows;
  }

  private void assumptions(List<Expr> as, Doc doc) {
    assumptions(as, Optional.empty(), doc);
  }

  /**
   * Assumptions in a {@code gather*}, several to a line; with a derivation, a run that differs
   * only by a vector index ({@code u_1 > 0, …, u_n > 0}) is written once for i = 1..n.
   */
  private void assumptions(List<Expr> as, Optional<Derivation> d, Doc doc) {
    List<Expr> flat = new ArrayList<>();
    for (Expr a : as) {
      if (a instanceof Expr.Fn f && f.head().equals("And") && f.args().size() >= 2) {
        flat.addAll(f.args());
      } else {
        flat.add(a);
      }
    }
    List<SumFolding.Row> rows = d.map(x -> SumFolding.foldExprs(flat, x))
        .orElseGet(() -> flat.stream().map(a -> new SumFolding.Row("", "", a, 1)).toList());
    FormulaLines breaker = new FormulaLines(doc.latex, options.maxColumns());
    List<String> lines = new ArrayList<>();
    String current = "";
    for (SumFolding.Row a : rows) {
      List<String> parts = new ArrayList<>(breaker.lines(a.expr(), options.lineWidth()));
      if (a.count() > 1) {
        parts.set(parts.size() - 1, parts.get(parts.size() - 1) + "\\ (i = 1, \\ldots, "
            + a.count() + ")");
      }
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
    doc.line(doc.heading(0, "Log-determinants per variant"));
    for (Variant v : Variant.values()) {
      VariantResult r = d.results().get(v);
      String title = capitalised(TextDerivationPrinter.variantName(v)) + " variant"
          + (v == d.headline() ? " (headline)" : "");
      doc.line(doc.heading(1, title));
      if (r == null) {
        doc.line("Not computed (no $" + v.gram() + "$ for this design).");
        doc.line("");
        continue;
      }
      align(List.of(new Row("\\log\\det " + v.gram(), "=", DisplayForm.of(r.logDet(), d)),
          new Row(biasName(v), "=", DisplayForm.of(r.bias(), d)),
          new Row("\\text{dropped constant}", "=", DisplayForm.of(r.droppedConstant(), d))), doc);
      doc.line(r.pseudoDeterminant()
          ? "The determinant is a pseudo-determinant (product of the non-zero eigenvalues)."
          : "The determinant is an ordinary determinant.");
      doc.line("");
    }
  }

  /** {@code p(β)} with the predictor's name; {@code p(β₁, …, β_n)} without structure. */
  static String density(Derivation d, LatexPrinter latex) {
    if (d.structure().isPresent()) {
      return "p\\left(" + latex.symbol(d.structure().get().predictor().name()) + "\\right)";
    }
    List<String> ps = d.predictorSymbols();
    List<String> shown = new ArrayList<>();
    if (ps.size() <= 3) {
      ps.forEach(p -> shown.add(latex.symbol(p)));
    } else {
      shown.add(latex.symbol(ps.get(0)));
      shown.add("\\ldots");
      shown.add(latex.symbol(ps.get(ps.size() - 1)));
    }
    return "p\\left(" + String.join(", ", shown) + "\\right)";
  }

  private static String density(Derivation d, Doc doc) {
    return density(d, doc.latex);
  }

  /** One row of an {@code align*} block: {@code lhs &relation rhs}. */
  private record Row(String lhs, String relation, Expr rhs, String suffix) {
    Row(String lhs, String relation, Expr rhs) {
      this(lhs, relation, rhs, "");
    }
  }

  /**
   * An {@code align*} block. A long right-hand side continues on further lines, indented by a
   * quad after the relation; its width budget is the line width less the left-hand side.
   */
  private void align(List<Row> rows, Doc doc) {
    if (rows.isEmpty()) {
      return;
    }
    FormulaLines breaker = new FormulaLines(doc.latex, options.maxColumns());
    List<String> out = new ArrayList<>();
    for (Row row : rows) {
      double budget = Math.max(options.lineWidth() / 3.0,
          options.lineWidth() - FormulaLines.width(row.lhs()) - 3);
      List<String> lines = new ArrayList<>(breaker.lines(row.rhs(), budget));
      int last = lines.size() - 1;
      lines.set(last, lines.get(last) + row.suffix());
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
    /** 0: headings start at \\section; 1: at \\subsection (inside the catalogue document). */
    int level;

    /**
     * A heading of depth {@code depth} below the document's level; a negative depth is an
     * unnumbered heading of depth {@code -depth - 1}.
     */
    String heading(int depth, String title) {
      boolean starred = depth < 0;
      int k = Math.min(2, (starred ? -depth - 1 : depth) + level);
      String cmd = k == 0 ? "section" : k == 1 ? "subsection" : "subsubsection";
      return "\\" + cmd + (starred ? "*" : "") + "{" + title + "}";
    }

    Doc(LatexPrinter latex) {
      this.latex = latex;
    }

    void line(String s) {
      out.append(s).append('\n');
    }
  }
}
