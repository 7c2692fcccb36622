package org.gaugebias.symbolic.print;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.gaugebias.symbolic.expr.Expr;
import org.gaugebias.symbolic.expr.LatexPrinter;
import org.gaugebias.symbolic.symmetry.Generator;
import org.gaugebias.symbolic.trace.Derivation;
import org.gaugebias.symbolic.trace.Structure;
import org.gaugebias.symbolic.trace.VariantResult;

/**
 * One LaTeX document for a whole catalogue: a summary table of every design (design | symmetry |
 * bias | law | representation cost), then each design's brief derivation (result, design,
 * derivation in brief) as a section. Designs that failed are listed in the table with their
 * reason. It compiles with pdflatex like the single documents.
 */
public final class CatalogueDocument {
  /** A design that could not be derived: its file name and the one-line reason. */
  public record Failed(String file, String reason) {
    public Failed {
      Objects.requireNonNull(file, "file");
      Objects.requireNonNull(reason, "reason");
    }
  }

  private CatalogueDocument() { }

  /** The document for the derivations {@code ds} (in table order) and the failures. */
  public static String latex(List<Derivation> ds, List<Failed> failed) {
    LatexDerivationPrinter brief = new LatexDerivationPrinter(
        LatexDerivationPrinter.Options.defaults().briefly());
    StringBuilder out = new StringBuilder(LatexDerivationPrinter.preamble(
        "gaugebias catalogue", "Catalogue of induced biases", 10));
    out.append("This document lists every design of the catalogue: its symmetry, the induced"
        + " bias in the headline variant (up to an additive constant), the stationary law of the"
        + " predictor under projected noise and the weight-decay representation cost; the"
        + " sections after the table give each derivation in brief.\n\n");
    out.append("{\\small\n\\renewcommand{\\arraystretch}{1.6}\n"
        + "\\setlength{\\tabcolsep}{3pt}\n");
    out.append("\\begin{longtable}{@{}>{\\raggedright\\arraybackslash}p{0.19\\textwidth}"
        + ">{\\raggedright\\arraybackslash}p{0.10\\textwidth}"
        + ">{\\raggedright\\arraybackslash}p{0.25\\textwidth}"
        + ">{\\raggedright\\arraybackslash}p{0.25\\textwidth}"
        + ">{\\raggedright\\arraybackslash}p{0.15\\textwidth}@{}}\n");
    String head = "design & symmetry & bias (headline variant) & law & representation cost"
        + " \\\\\n\\hline\n";
    out.append(head).append("\\endhead\n");
    for (Derivation d : ds) {
      out.append(row(d)).append(" \\\\\n");
    }
    for (Failed f : failed) {
      out.append("\\texttt{").append(LatexText.escape(f.file())).append("} & "
          + "\\multicolumn{4}{>{\\raggedright\\arraybackslash}p{0.78\\textwidth}}{failed: ")
          .append(LatexText.prose(f.reason())).append("} \\\\\n");
    }
    out.append("\\end{longtable}\n}\n");
    for (Derivation d : ds) {
      out.append("\\clearpage\n\\section{").append(TextWithMath.latex(d.title())).append("}\n");
      out.append(brief.body(d, 1));
    }
    out.append("\\end{document}\n");
    String doc = out.toString();
    // the table needs longtable and array: added beside the other packages
    return doc.replace("\\usepackage{amssymb}\n",
        "\\usepackage{amssymb}\n\\usepackage{longtable}\n\\usepackage{array}\n");
  }

  private static String row(Derivation d) {
    LatexPrinter latex = LatexPrinter.withNotation(d.notation());
    String bias = d.results().containsKey(d.headline())
        ? "$R_{\\mathrm{" + d.headline().shortName() + "}} = "
        + latex.print(cell(DisplayForm.of(d.results().get(d.headline()).bias(), d))) + "$"
        : "--";
    String law = DisplayForm.density(d).map(p -> "$" + LatexDerivationPrinter.density(d, latex)
        + " \\propto " + latex.print(p) + "$").orElse("no loss declared");
    String cost = d.representationCost() == null ? "--"
        : "$" + latex.print(cell(DisplayForm.of(d.representationCost(), d))) + "$";
    return "\\texttt{" + LatexText.escape(d.designId()) + "}" + (d.complete() ? ""
        : " (incomplete)") + " & " + symmetry(d) + " & " + bias + " & " + law + " & " + cost;
  }

  /** The symmetry in words: {@code 3 rescalings}, {@code 3 rotations, not free}. */
  public static String symmetry(Derivation d) {
    if (d.structure().isEmpty()) {
      return "--";
    }
    Structure s = d.structure().get();
    Map<String, Integer> kinds = new LinkedHashMap<>();
    for (Generator g : s.generators()) {
      String kind = switch (g.type()) {
        case SYMMETRIC -> g.definite() ? "scaling" : "rescaling";
        case ANTISYMMETRIC -> "rotation";
        case MIXED -> "linear generator";
        case NONLINEAR -> "non-linear field";
      };
      kinds.merge(kind, 1, Integer::sum);
    }
    List<String> parts = new ArrayList<>();
    kinds.forEach((k, n) -> parts.add(n + " " + k + (n == 1 ? "" : "s")));
    return String.join(", ", parts) + (s.free() ? "" : ", not free");
  }

  /**
   * A formula for a narrow cell: a coefficient times a sum is distributed over the sum, so that
   * TeX can break the line between its terms ({@code \\left( … \\right)} cannot break).
   */
  static Expr cell(Expr e) {
    if (!(e instanceof Expr.Mul m)) {
      return e;
    }
    List<Expr> sums = m.factors().stream().filter(f -> f instanceof Expr.Add).toList();
    if (sums.size() != 1) {
      return e;
    }
    List<Expr> rest = m.factors().stream().filter(f -> !(f instanceof Expr.Add)).toList();
    List<Expr> terms = new ArrayList<>();
    for (Expr t : ((Expr.Add) sums.get(0)).terms()) {
      List<Expr> fs = new ArrayList<>(rest);
      fs.add(t);
      terms.add(new Expr.Mul(fs));
    }
    return new Expr.Add(terms);
  }
}
