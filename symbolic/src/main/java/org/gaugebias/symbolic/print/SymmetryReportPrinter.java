package org.gaugebias.symbolic.print;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.gaugebias.symbolic.expr.Expr;
import org.gaugebias.symbolic.expr.LatexPrinter;
import org.gaugebias.symbolic.expr.TextPrinter;
import org.gaugebias.symbolic.symmetry.GradientLieAlgebra;
import org.gaugebias.symbolic.symmetry.NoiseSlices;
import org.gaugebias.symbolic.symmetry.NonlinearSymmetries;
import org.gaugebias.symbolic.symmetry.SymmetryReport;
import org.hipparchus.fraction.BigFraction;

/**
 * Renders a {@link SymmetryReport} (THEORY.md §1, §5, §6) as text, a standalone LaTeX document,
 * or JSON. Every sentence of the report is written here; the report itself is data.
 */
public final class SymmetryReportPrinter {
  /** Longest list the text and LaTeX forms print in full (JSON has everything). */
  private static final int MAX_ITEMS = 40;
  private static final ObjectMapper MAPPER = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT);

  private SymmetryReportPrinter() {
  }

  public static String print(SymmetryReport r, Format format) {
    return switch (format) {
      case TEXT -> text(r);
      case LATEX -> latex(r);
      case JSON -> json(r);
    };
  }

  // ---------------------------------------------------------------- shared sentences

  private static String algebraSummary(SymmetryReport r) {
    SymmetryReport.Linear l = r.linear();
    return l.basis().size() + " generator" + (l.basis().size() == 1 ? "" : "s") + " ("
        + l.symmetric().size() + " symmetric, " + l.antisymmetric().size() + " antisymmetric; "
        + (l.closedUnderTranspose() ? "closed under transpose" : "NOT closed under transpose")
        + ")";
  }

  private static String routeSentence(SymmetryReport r) {
    return r.route() == SymmetryReport.Route.EXACT_POLYNOMIAL
        ? "polynomial predictor: J_f(θ) A θ ≡ 0 solved exactly by coefficient matching (mod p,"
            + " lifted to Q and re-checked in Q[θ])"
        : "non-polynomial predictor: J_f(θ) A θ = 0 imposed at random points in double"
            + " precision, rounded to small rationals, each generator checked symbolically";
  }

  private static String completeness(SymmetryReport r) {
    SymmetryReport.Linear l = r.linear();
    return "orbit dimension " + l.orbitDimension() + (l.orbitDimension() == r.fibreDimension()
        ? " = d − rank J_f = " + r.dimension() + " − " + l.rankJacobian()
        + ": the linear symmetries fill the fibres of f"
        : " < d − rank J_f = " + r.fibreDimension() + ": the linear symmetries do not fill the"
        + " fibres");
  }

  private static String lawCount(SymmetryReport r) {
    SymmetryReport.Laws laws = r.laws();
    if (laws.count().isEmpty()) {
      return "count unknown: " + laws.method();
    }
    int n = laws.count().get();
    Optional<GradientLieAlgebra.Result> lie = laws.lieAlgebra();
    return n + (lie.isPresent() ? " = d − dim W_f = " + r.dimension() + " − "
        + lie.get().dimension() : "") + " (" + laws.method() + ")";
  }

  private static List<String> lieDetails(GradientLieAlgebra.Result lie) {
    return List.of(
        "rank after the gradients and after each bracket round: " + lie.rankByRound(),
        lie.kept().size() + " fields span W_f at generic points ("
            + (lie.kept().size() - lie.rankByRound().get(0)) + " of them brackets), "
            + lie.tests() + " rank tests, " + lie.millis() + " ms",
        "genericity: 1 uniform random point of F_p^d (p = 2^61 − 1); the rank there is a"
            + " certain lower bound, and equals the generic rank unless the point is a zero of a"
            + " non-zero minor: probability ≤ " + String.format(Locale.ROOT, "%.1e",
            lie.failureBound()) + " (Schwartz–Zippel, union bound over the tests); rank at a"
            + " second independent point: " + lie.recheckRank(),
        lie.limitReached().map(l -> "LIMIT REACHED: " + l + "; dim W_f ≥ " + lie.dimension())
            .orElse("no limit reached (rounds stop when a round adds no rank)"));
  }

  private static String certificate(SymmetryReport r) {
    SymmetryReport.Laws l = r.laws();
    return l.certified()
        ? "certified: " + l.independentQuadratic() + " functionally independent quadratic law"
            + (l.independentQuadratic() == 1 ? "" : "s") + " = the count, so the count is exact with no probability involved"
        : l.independentQuadratic() + " functionally independent quadratic law"
            + (l.independentQuadratic() == 1 ? "" : "s")
            + (l.count().isPresent() && l.independentQuadratic() < l.count().get()
            ? "; the other laws have degree > 2" : "");
  }

  private static String modelName(NoiseSlices.Model m) {
    return switch (m) {
      case GRADIENT_DESCENT -> "gradient descent";
      case ISOTROPIC -> "isotropic";
      case PROJECTED -> "projected";
      case SGD -> "minibatch SGD";
    };
  }

  private static String verdict(NoiseSlices.Verdict v) {
    return switch (v) {
      case CONSERVED -> "conserved: balance kept if started there, never reached";
      case SELECTS_BALANCE -> "selects the balanced slice (zero drift there, restoring off it)";
      case DIFFUSES -> "no drift, χ diffuses: no slice selected";
      case LEAVES_BALANCE -> "LEAVES the balanced slice (non-zero drift on it)";
    };
  }

  private static final String DRIFT_RULE = "d/dt E[χ_S] = T E[tr(S N Nᵀ)] for dθ = −∇L dt +"
      + " √(2T) N dW (the drift term vanishes because S is a symmetry); SGD form √(TΣ),"
      + " Σ = J_fᵀ Σ_β J_f: (T/2) tr(Σ_β J_f S J_fᵀ), shown for Σ_β = σ² I";

  // ---------------------------------------------------------------- text

  private static String text(SymmetryReport r) {
    StringBuilder sb = new StringBuilder();
    line(sb, "symmetries of " + r.id() + ": " + r.title());
    line(sb, "θ = (" + names(r.theta()) + "), d = " + r.dimension() + "; β = (" + names(r.beta())
        + "), m = " + r.beta().size());
    line(sb, "");
    line(sb, "linear symmetries {A : J_f(θ) A θ ≡ 0}: " + algebraSummary(r));
    line(sb, "  " + routeSentence(r));
    List<List<Expr>> fields = r.linear().fields();
    for (int a = 0; a < Math.min(fields.size(), MAX_ITEMS); a++) {
      line(sb, "  ξ_" + (a + 1) + " = " + TextPrinter.print(new Expr.Vec(fields.get(a))) + "  ("
          + kind(r.linear().basis().get(a)) + ")");
    }
    more(sb, fields.size());
    line(sb, "  " + completeness(r));
    r.sameSpanAsDeclared().ifPresent(same -> line(sb, "  declared symmetry: " + (same
        ? "same span as the discovered algebra" : "DIFFERENT span from the discovered algebra")));
    r.nonlinear().ifPresent(n -> nonlinearText(sb, n));
    line(sb, "");
    line(sb, "conservation laws of gradient flow: " + lawCount(r));
    r.laws().lieAlgebra().ifPresent(lie -> lieDetails(lie).forEach(s -> line(sb, "  " + s)));
    line(sb, "  " + certificate(r));
    line(sb, "  degree-2 laws h = ½θᵀSθ (a basis):");
    List<Expr> q = r.laws().quadratic();
    for (int a = 0; a < Math.min(q.size(), MAX_ITEMS); a++) {
      line(sb, "    h_" + (a + 1) + " = " + TextPrinter.print(q.get(a)));
    }
    more(sb, q.size());
    if (q.isEmpty()) {
      line(sb, "    none");
    }
    line(sb, "");
    line(sb, "noise-selected slices: " + DRIFT_RULE);
    for (NoiseSlices.Slice s : r.slices().subList(0, Math.min(r.slices().size(), MAX_ITEMS))) {
      line(sb, "  χ_" + s.label().substring(4) + " = " + TextPrinter.print(s.momentMap()));
      for (NoiseSlices.Drift d : s.drifts()) {
        line(sb, String.format(Locale.ROOT, "    %-16s d/dt E[χ] = %s", modelName(d.model()),
            d.formula().map(TextPrinter::print).orElse("(no closed form written; evaluated"
                + " numerically)")));
        line(sb, "                     " + verdict(d.verdict()));
      }
    }
    more(sb, r.slices().size());
    if (r.slices().isEmpty()) {
      line(sb, "  none (no symmetric generator)");
    }
    if (!r.warnings().isEmpty()) {
      line(sb, "");
      r.warnings().forEach(w -> line(sb, "warning: " + w));
    }
    return sb.toString();
  }

  private static void nonlinearText(StringBuilder sb, NonlinearSymmetries.Result n) {
    line(sb, "  non-linear symmetries (fields spanning ker J_f):");
    for (int a = 0; a < n.fields().size(); a++) {
      line(sb, "    ζ_" + (a + 1) + " = " + TextPrinter.print(new Expr.Vec(n.fields().get(a))));
    }
    for (NonlinearSymmetries.Bracket b : n.brackets()) {
      line(sb, "    [ζ_" + b.a() + ", ζ_" + b.b() + "] = "
          + TextPrinter.print(new Expr.Vec(b.value())));
    }
    line(sb, "    they can be rescaled by any function of β: the forward derivation reports"
        + " R_quot only, on a declared slice" + (n.gauge().isEmpty() ? ""
        : ", e.g. 'gauge: [" + String.join(", ", n.gauge()) + "]'"));
  }

  private static String kind(BigFraction[][] a) {
    boolean sym = true;
    boolean anti = true;
    for (int i = 0; i < a.length; i++) {
      for (int j = 0; j < a.length; j++) {
        sym &= a[i][j].equals(a[j][i]);
        anti &= a[i][j].equals(a[j][i].negate());
      }
    }
    return sym ? "symmetric" : anti ? "antisymmetric" : "neither";
  }

  private static String names(List<String> xs) {
    List<String> shown = xs.stream().limit(12).map(TextPrinter::symbol).toList();
    return String.join(", ", shown) + (xs.size() > 12 ? ", …" : "");
  }

  private static void more(StringBuilder sb, int n) {
    if (n > MAX_ITEMS) {
      line(sb, "  … " + (n - MAX_ITEMS) + " more (--format json lists all)");
    }
  }

  private static void line(StringBuilder sb, String s) {
    sb.append(s).append('\n');
  }

  // ---------------------------------------------------------------- LaTeX

  private static String latex(SymmetryReport r) {
    LatexPrinter lp = LatexPrinter.standard();
    StringBuilder sb = new StringBuilder();
    line(sb, "\\documentclass[11pt]{article}");
    line(sb, "\\usepackage[T1]{fontenc}");
    line(sb, "\\usepackage{lmodern}");
    line(sb, "\\usepackage{amsmath}");
    line(sb, "\\usepackage{amssymb}");
    line(sb, "\\usepackage[margin=2cm]{geometry}");
    line(sb, "\\allowdisplaybreaks");
    line(sb, "\\begin{document}");
    line(sb, "\\section*{Symmetries of " + LatexText.escape(r.title().strip()) + "}");
    line(sb, "Design \\texttt{" + LatexText.escape(r.id()) + "}, $d = " + r.dimension()
        + "$ parameters, $m = " + r.beta().size() + "$ predictor components.");
    line(sb, "\\subsection*{Linear symmetries}");
    line(sb, LatexText.escape("{A : J_f(θ) A θ ≡ 0}: " + algebraSummary(r) + ". "
        + routeSentence(r) + ". " + completeness(r) + "."));
    r.sameSpanAsDeclared().ifPresent(same -> line(sb, LatexText.escape(" Declared symmetry: "
        + (same ? "same span as the discovered algebra." : "different span."))));
    List<List<Expr>> fields = r.linear().fields();
    if (!fields.isEmpty()) {
      line(sb, "\\begin{align*}");
      for (int a = 0; a < Math.min(fields.size(), MAX_ITEMS); a++) {
        line(sb, "\\xi_{" + (a + 1) + "} &= " + lp.print(new Expr.Vec(fields.get(a)))
            + (a + 1 < Math.min(fields.size(), MAX_ITEMS) ? " \\\\" : ""));
      }
      line(sb, "\\end{align*}");
      moreLatex(sb, fields.size());
    }
    r.nonlinear().ifPresent(n -> {
      line(sb, "\\paragraph{Non-linear symmetries.} Fields spanning $\\ker J_f$; they can be"
          + " rescaled by any function of $\\beta$, so only $R_{\\mathrm{quot}}$ on a declared"
          + " slice is reported by the forward derivation.");
      line(sb, "\\begin{align*}");
      for (int a = 0; a < n.fields().size(); a++) {
        line(sb, "\\zeta_{" + (a + 1) + "} &= " + lp.print(new Expr.Vec(n.fields().get(a)))
            + " \\\\");
      }
      for (NonlinearSymmetries.Bracket b : n.brackets()) {
        line(sb, "[\\zeta_{" + b.a() + "}, \\zeta_{" + b.b() + "}] &= "
            + lp.print(new Expr.Vec(b.value())) + " \\\\");
      }
      line(sb, "\\end{align*}");
    });
    line(sb, "\\subsection*{Conservation laws of gradient flow}");
    line(sb, LatexText.escape("Count: " + lawCount(r) + ". " + certificate(r) + "."));
    r.laws().lieAlgebra().ifPresent(lie -> {
      line(sb, "\\begin{itemize}");
      lieDetails(lie).forEach(s -> line(sb, "\\item " + LatexText.escape(s)));
      line(sb, "\\end{itemize}");
    });
    List<Expr> q = r.laws().quadratic();
    if (!q.isEmpty()) {
      line(sb, "Degree-2 laws $h = \\tfrac12\\theta^{\\mathsf T} S\\theta$:");
      line(sb, "\\begin{align*}");
      for (int a = 0; a < Math.min(q.size(), MAX_ITEMS); a++) {
        line(sb, "h_{" + (a + 1) + "} &= " + lp.print(q.get(a))
            + (a + 1 < Math.min(q.size(), MAX_ITEMS) ? " \\\\" : ""));
      }
      line(sb, "\\end{align*}");
      moreLatex(sb, q.size());
    }
    line(sb, "\\subsection*{Noise-selected slices}");
    line(sb, LatexText.escape(DRIFT_RULE + "."));
    for (NoiseSlices.Slice s : r.slices().subList(0, Math.min(r.slices().size(), MAX_ITEMS))) {
      line(sb, "\\paragraph{$\\chi_{" + s.label().substring(4) + "} = " + lp.print(s.momentMap())
          + "$.}");
      line(sb, "\\begin{itemize}");
      for (NoiseSlices.Drift d : s.drifts()) {
        line(sb, "\\item " + LatexText.escape(modelName(d.model())) + ": "
            + d.formula().map(f -> "$\\frac{d}{dt}E[\\chi] = " + lp.print(f) + "$")
            .orElse("no closed form written") + "; " + LatexText.escape(verdict(d.verdict())));
      }
      line(sb, "\\end{itemize}");
    }
    if (!r.warnings().isEmpty()) {
      line(sb, "\\subsection*{Warnings}");
      line(sb, "\\begin{itemize}");
      r.warnings().forEach(w -> line(sb, "\\item " + LatexText.escape(w)));
      line(sb, "\\end{itemize}");
    }
    line(sb, "\\end{document}");
    return sb.toString();
  }

  private static void moreLatex(StringBuilder sb, int n) {
    if (n > MAX_ITEMS) {
      line(sb, "\\dots\\ " + (n - MAX_ITEMS) + " more (the JSON output lists all).");
    }
  }

  // ---------------------------------------------------------------- JSON

  private static String json(SymmetryReport r) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("schema", "gaugebias-symmetries/1");
    root.put("id", r.id());
    root.put("title", r.title());
    strings(root.putArray("theta"), r.theta());
    strings(root.putArray("beta"), r.beta());
    root.put("route", r.route().name().toLowerCase(Locale.ROOT));
    ObjectNode lin = root.putObject("linear");
    matrices(lin.putArray("basis"), r.linear().basis());
    matrices(lin.putArray("symmetric"), r.linear().symmetric());
    matrices(lin.putArray("antisymmetric"), r.linear().antisymmetric());
    ArrayNode fs = lin.putArray("fields");
    r.linear().fields().forEach(f -> strings(fs.addArray(),
        f.stream().map(Expr::toWolfram).toList()));
    lin.put("closed_under_transpose", r.linear().closedUnderTranspose());
    lin.put("rank_jacobian", r.linear().rankJacobian());
    lin.put("orbit_dimension", r.linear().orbitDimension());
    lin.put("fibre_dimension", r.fibreDimension());
    r.sameSpanAsDeclared().ifPresent(b -> lin.put("same_span_as_declared", b));
    ObjectNode laws = root.putObject("conservation_laws");
    r.laws().count().ifPresentOrElse(c -> laws.put("count", c), () -> laws.putNull("count"));
    laws.put("method", r.laws().method());
    laws.put("certified", r.laws().certified());
    laws.put("independent_quadratic", r.laws().independentQuadratic());
    strings(laws.putArray("quadratic"), r.laws().quadratic().stream().map(Expr::toWolfram)
        .toList());
    r.laws().lieAlgebra().ifPresent(lie -> {
      ObjectNode w = laws.putObject("lie_algebra");
      w.put("dimension", lie.dimension());
      ArrayNode ranks = w.putArray("rank_by_round");
      lie.rankByRound().forEach(ranks::add);
      strings(w.putArray("spanning_fields"), lie.kept());
      w.put("points", 1);
      w.put("prime", "2^61-1");
      w.put("rank_tests", lie.tests());
      w.put("failure_probability_bound", lie.failureBound());
      w.put("recheck_rank", lie.recheckRank());
      lie.limitReached().ifPresentOrElse(l -> w.put("limit_reached", l),
          () -> w.putNull("limit_reached"));
      w.put("millis", lie.millis());
    });
    ArrayNode slices = root.putArray("noise_slices");
    for (NoiseSlices.Slice s : r.slices()) {
      ObjectNode o = slices.addObject();
      o.put("moment_map", s.momentMap().toWolfram());
      ArrayNode ds = o.putArray("drifts");
      for (NoiseSlices.Drift d : s.drifts()) {
        ObjectNode x = ds.addObject();
        x.put("model", d.model().name().toLowerCase(Locale.ROOT));
        d.formula().ifPresentOrElse(f -> x.put("formula", f.toWolfram()),
            () -> x.putNull("formula"));
        if (Double.isFinite(d.onSliceMax())) {
          x.put("min_on_slice", d.onSliceMin());
          x.put("max_on_slice", d.onSliceMax());
        }
        x.put("verdict", d.verdict().name().toLowerCase(Locale.ROOT));
      }
    }
    r.nonlinear().ifPresent(n -> {
      ObjectNode o = root.putObject("nonlinear");
      ArrayNode f = o.putArray("fields");
      n.fields().forEach(v -> strings(f.addArray(), v.stream().map(Expr::toWolfram).toList()));
      ArrayNode b = o.putArray("brackets");
      for (NonlinearSymmetries.Bracket x : n.brackets()) {
        ObjectNode e = b.addObject();
        e.put("a", x.a());
        e.put("b", x.b());
        strings(e.putArray("value"), x.value().stream().map(Expr::toWolfram).toList());
      }
      strings(o.putArray("suggested_gauge"), n.gauge());
    });
    strings(root.putArray("warnings"), r.warnings());
    try {
      return MAPPER.writeValueAsString(root) + "\n";
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void strings(ArrayNode a, List<String> xs) {
    xs.forEach(a::add);
  }

  /** Each matrix as its non-zero entries [i, j, "value"] (1-based, in θ order): sparse. */
  private static void matrices(ArrayNode a, List<BigFraction[][]> ms) {
    for (BigFraction[][] m : ms) {
      ArrayNode entries = a.addArray();
      for (int i = 0; i < m.length; i++) {
        for (int j = 0; j < m.length; j++) {
          BigFraction x = m[i][j];
          if (x.signum() != 0) {
            ArrayNode e = entries.addArray();
            e.add(i + 1);
            e.add(j + 1);
            e.add(x.getDenominator().equals(java.math.BigInteger.ONE)
                ? x.getNumerator().toString() : x.getNumerator() + "/" + x.getDenominator());
          }
        }
      }
    }
  }
}
