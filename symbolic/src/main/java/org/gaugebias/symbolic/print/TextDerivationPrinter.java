package org.gaugebias.symbolic.print;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.gaugebias.symbolic.expr.Expr;
import org.gaugebias.symbolic.expr.TextPrinter;
import org.gaugebias.symbolic.trace.Derivation;
import org.gaugebias.symbolic.trace.Formula;
import org.gaugebias.symbolic.trace.Step;
import org.gaugebias.symbolic.trace.Variant;
import org.gaugebias.symbolic.trace.VariantResult;

/**
 * A readable plain-text report of a derivation for the terminal: a header (title, id, source,
 * predictor, temperature, headline variant, completeness), the result (the bias of every
 * variant, the stationary density in THEORY.md §5's product form, the representation cost; all
 * that the {@link Options#brief() brief} report prints after the header), each step (number, title, kind, the
 * rule sentence, inputs and outputs as {@code name = formula}, assumptions, and
 * {@code UNRESOLVED: why} for a step that could not be completed), then a results block per
 * variant. Formulas use {@link TextPrinter} on their {@link DisplayForm} (constants collected,
 * separable sums folded, a run of formulas over a vector index as one row for i = 1..n);
 * prose is word-wrapped to {@link Options#width()}, formulas never are (they stay copyable).
 */
public final class TextDerivationPrinter implements DerivationPrinter {
  private static final String INDENT = "  ";

  private final Options options;

  /**
   * Options of the text report.
   *
   * @param width the column at which prose (rules, notes) wraps; 40 to 1000
   * @param brief the header and the result only
   */
  public record Options(int width, boolean brief) {
    public Options {
      if (width < 40 || width > 1000) {
        throw new IllegalArgumentException("text width must be in [40, 1000], got " + width);
      }
    }

    /** The full report. */
    public Options(int width) {
      this(width, false);
    }

    /** These options for the brief report. */
    public Options briefly() {
      return new Options(width, true);
    }

    /** Wrap prose at 100 columns. */
    public static Options defaults() {
      return new Options(100);
    }
  }

  public TextDerivationPrinter(Options options) {
    this.options = Objects.requireNonNull(options, "options");
  }

  public Options options() {
    return options;
  }

  @Override
  public Format format() {
    return Format.TEXT;
  }

  @Override
  public String print(Derivation d) {
    StringBuilder out = new StringBuilder();
    header(d, out);
    out.append('\n');
    result(d, out);
    if (options.brief()) {
      return out.toString();
    }
    for (int i = 0; i < d.steps().size(); i++) {
      out.append('\n');
      step(i + 1, d.steps().get(i), d, out);
    }
    out.append('\n');
    results(d, out);
    return out.toString();
  }

  private void header(Derivation d, StringBuilder out) {
    out.append("Derivation: ").append(oneLine(d.title())).append('\n');
    field(out, "id", oneLine(d.designId()));
    field(out, "source", d.source() == null ? "(none)" : oneLine(d.source()));
    List<String> names = d.predictorSymbols().stream().map(TextPrinter::symbol).toList();
    // at size the header names the range, not 64 components
    field(out, "predictor", names.isEmpty() ? "(none)" : names.size() > 8
        ? names.get(0) + ", " + names.get(1) + ", …, " + names.get(names.size() - 1)
        + " (" + names.size() + " components)" : String.join(", ", names));
    field(out, "temperature", d.temperature() == null ? "(none)"
        : TextPrinter.symbol(d.temperature()));
    field(out, "headline", headline(d));
    long unresolved = d.steps().stream().filter(s -> s.status() == Step.Status.UNRESOLVED).count();
    field(out, "status", unresolved == 0 ? "complete"
        : "INCOMPLETE (" + unresolved + " unresolved step" + (unresolved == 1 ? ")" : "s)"));
  }

  private static String headline(Derivation d) {
    Variant v = d.headline();
    if (v == null) {
      return "(none)";
    }
    return variantName(v) + ": R_" + v.shortName() + " = (" + temperature(d) + "/2) log det "
        + v.gram() + "(theta~)";
  }

  private static String temperature(Derivation d) {
    return d.temperature() == null ? "T" : TextPrinter.symbol(d.temperature());
  }

  private static void field(StringBuilder out, String key, String value) {
    out.append(INDENT).append(String.format(Locale.ROOT, "%-12s", key)).append(value).append('\n');
  }

  /** The result: each variant's bias (headline first), the density, the cost. */
  private void result(Derivation d, StringBuilder out) {
    Variant h = d.headline();
    out.append("Result").append(h == null ? "" : " (headline: " + variantName(h)
        + " variant; biases up to additive constants)").append('\n');
    List<Variant> order = new ArrayList<>();
    if (h != null) {
      order.add(h);
    }
    for (Variant v : Variant.values()) {
      if (v != h) {
        order.add(v);
      }
    }
    // variants with the same bias share one row
    java.util.Map<String, List<String>> byBias = new java.util.LinkedHashMap<>();
    for (Variant v : order) {
      VariantResult r = d.results().get(v);
      if (r != null) {
        byBias.computeIfAbsent(TextPrinter.print(DisplayForm.of(r.bias(), d)),
            k -> new ArrayList<>()).add("R_" + v.shortName());
      }
    }
    byBias.forEach((bias, names) -> row(out, String.join(" = ", names), bias));
    String p = d.structure().map(s -> "p(" + TextPrinter.symbol(s.predictor().name()) + ")")
        .orElse("p(" + String.join(", ", d.predictorSymbols().stream()
        .map(TextPrinter::symbol).toList()) + ")");
    DisplayForm.density(d).ifPresentOrElse(e -> row(out, p, "~", TextPrinter.print(e)),
        () -> row(out, p, "", "(none: no loss declared)"));
    row(out, "1/2 |theta~|^2", d.representationCost() == null ? "(none)"
        : TextPrinter.print(DisplayForm.of(d.representationCost(), d)));
  }

  private void step(int n, Step s, Derivation d, StringBuilder out) {
    out.append("Step ").append(n).append(". ").append(s.kind().title()).append(" [")
        .append(s.kind().name()).append("]\n");
    wrap(StepProse.sentence(s), INDENT, out);
    String note = StepProse.note(s);
    formulas("inputs", s.inputs(), d, out);
    formulas("outputs", s.outputs(), d, out);
    if (!s.assumptions().isEmpty()) {
      out.append(INDENT).append("assumptions:\n");
      for (Expr a : s.assumptions()) {
        out.append(INDENT).append(INDENT).append(TextPrinter.print(a)).append('\n');
      }
    }
    if (s.status() == Step.Status.UNRESOLVED) {
      wrap("UNRESOLVED: " + (note.isBlank() ? "(no reason given)" : note), INDENT, out);
    } else if (!note.isBlank()) {
      wrap("note: " + note, INDENT, out);
    }
  }

  private static void formulas(String label, List<Formula> fs, Derivation d,
      StringBuilder out) {
    if (fs.isEmpty()) {
      return;
    }
    out.append(INDENT).append(label).append(":\n");
    for (SumFolding.Row r : SumFolding.rows(DisplayForm.formulas(fs, d), d)) {
      out.append(INDENT).append(INDENT).append(TextPrinter.symbol(r.name())).append(" = ")
          .append(TextPrinter.print(r.expr()))
          .append(r.count() > 1 ? "   (i = 1.." + r.count() + ")" : "").append('\n');
    }
  }

  private void results(Derivation d, StringBuilder out) {
    out.append("Log-determinants per variant\n");
    for (Variant v : Variant.values()) {
      VariantResult r = d.results().get(v);
      String name = variantName(v) + (v == d.headline() ? " (headline)" : "");
      if (r == null) {
        out.append(INDENT).append(name).append(": not computed\n");
        continue;
      }
      out.append(INDENT).append(name).append('\n');
      row(out, "log det " + v.gram(), TextPrinter.print(DisplayForm.of(r.logDet(), d)));
      row(out, "bias R_" + v.shortName(), TextPrinter.print(DisplayForm.of(r.bias(), d)));
      row(out, "dropped constant", TextPrinter.print(DisplayForm.of(r.droppedConstant(), d)));
      row(out, "pseudo-determinant", r.pseudoDeterminant() ? "yes" : "no");
    }
  }

  private static void row(StringBuilder out, String key, String value) {
    row(out, key, "=", value);
  }

  private static void row(StringBuilder out, String key, String relation, String value) {
    out.append(INDENT).append(INDENT).append(String.format(Locale.ROOT, "%-18s", key))
        .append(' ').append(relation).append(' ').append(value).append('\n');
  }

  /** Header values must not break the two-column layout. */
  private static String oneLine(String s) {
    return s.strip().replaceAll("\\s*[\\r\\n]+\\s*", " ");
  }

  static String variantName(Variant v) {
    return v.name().toLowerCase(Locale.ROOT);
  }

  /** Greedy word wrap of prose at the configured width, every line indented. */
  private void wrap(String text, String indent, StringBuilder out) {
    if (text.isBlank()) {
      return;
    }
    for (String paragraph : text.strip().split("\\n\\s*\\n")) {
      List<String> words = new ArrayList<>(List.of(paragraph.strip().split("\\s+")));
      StringBuilder line = new StringBuilder(indent);
      for (String w : words) {
        if (line.length() > indent.length() && line.length() + 1 + w.length() > options.width()) {
          out.append(line).append('\n');
          line = new StringBuilder(indent);
        }
        if (line.length() > indent.length()) {
          line.append(' ');
        }
        line.append(w);
      }
      out.append(line).append('\n');
    }
  }
}
