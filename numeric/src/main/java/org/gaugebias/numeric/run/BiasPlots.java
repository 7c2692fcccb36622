package org.gaugebias.numeric.run;

import java.awt.BasicStroke;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.gaugebias.numeric.compile.CompilationException;
import org.gaugebias.numeric.compile.ExprCompiler;
import org.gaugebias.numeric.compile.ScalarFunction;
import org.gaugebias.symbolic.expr.Expr;
import org.gaugebias.symbolic.expr.Exprs;
import org.gaugebias.symbolic.expr.TextPrinter;
import org.gaugebias.symbolic.trace.Derivation;
import org.gaugebias.symbolic.trace.VariantResult;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;

/**
 * Pictures of derived biases against the predictor, for designs with one scalar predictor β:
 * the induced bias R(β) of every variant the derivation computed and the predicted law of β
 * (THEORY.md §3: {@code p(β) ∝ e^{−(L + R_quot)/T}}, or the bias factor {@code e^{−R/T}} when the
 * design declares no loss), and, for an inverse design, the designed bias overlaid on the target.
 * Formulas are the engine's, compiled once ({@link ExprCompiler}); a formula that does not compile
 * (a tabulated function) gives no picture. Everything is drawn at a numeric temperature.
 */
public final class BiasPlots {
  private static final int POINTS = 400;

  private BiasPlots() {
  }

  /** The bias and law picture of a scalar-predictor derivation at temperature {@code t}. */
  public static Optional<XYChart> scalarDesign(Derivation d, double t, double lo, double hi) {
    if (d.predictorSymbols().size() != 1) {
      return Optional.empty();
    }
    String beta = d.predictorSymbols().get(0);
    String sym = Plots.symbol(beta);
    Map<String, Double> constants = Map.of(d.temperature(), t);
    double[] x = grid(lo, hi);
    XYChart c = Plots.lines(d.designId() + ": induced bias and predicted law of " + sym
        + ", T = " + Plots.math(num(t)), sym + " (predictor, dimensionless)",
        "induced bias R(" + sym + ") (units of the loss)");
    c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
    axis(c, lo, hi);
    // variants with the same formula share one line ("R_quot = R_orbit(β) = …")
    Map<String, java.util.List<VariantResult>> byFormula = new java.util.LinkedHashMap<>();
    for (VariantResult r : d.results().values()) {
      byFormula.computeIfAbsent(TextPrinter.print(r.bias()), f -> new java.util.ArrayList<>())
          .add(r);
    }
    int k = 0;
    for (Map.Entry<String, java.util.List<VariantResult>> e : byFormula.entrySet()) {
      VariantResult r = e.getValue().get(0);
      Optional<double[]> y = values(r.bias(), beta, constants, x);
      if (y.isEmpty()) {
        return Optional.empty();
      }
      String names = String.join(" = ", e.getValue().stream()
          .map(v -> "R_" + v.variant().shortName()).toList());
      XYSeries s = Plots.line(c, names + "(" + sym + ") = " + Plots.math(e.getKey()), x,
          y.get());
      s.setLineColor(Plots.color(k++));
      if (e.getValue().stream().noneMatch(v -> v.variant() == d.headline())) {
        s.setLineStyle(dashed());
      }
    }
    Optional<double[]> law = d.stationaryDensity().flatMap(e -> values(e, beta, constants, x));
    String lawLabel = "predicted law p(" + sym + ") ∝ e^(−(L + R)/T), scaled to peak 1";
    if (law.isEmpty()) {
      VariantResult head = d.results().get(d.headline());
      law = values(Expr.fn("Exp", Expr.mul(Expr.integer(-1), head.bias(),
          Expr.pow(Expr.sym(d.temperature()), Expr.integer(-1)))), beta, constants, x);
      lawLabel = "bias factor e^(−R/T) of the law (no loss declared), scaled to peak 1";
    }
    if (law.isPresent()) {
      double[] p = scaledToPeak(law.get());
      XYSeries s = Plots.line(c, Plots.math(lawLabel), x, p);
      s.setYAxisGroup(1);
      s.setLineColor(Plots.color(6));
      c.setYAxisGroupTitle(1, Plots.math("law of " + sym + " (peak = 1)"));
      c.getStyler().setYAxisGroupPosition(1, Styler.YAxisPosition.Right);
    }
    return Optional.of(c);
  }

  /**
   * The designed bias R_quot of an inverse design overlaid on the target R*, shifted by their mean
   * difference (constant when the design is right; the proof's constant is in the legend), along the first predictor coordinate (the
   * others fixed at 0.5 + 0.6k, away from each other and from 0).
   *
   * @param designed the forward derivation of the answer
   * @param target R* in {@code variable} (scalar) or its components
   * @param constant R_quot − R*
   */
  public static Optional<XYChart> inverseDesign(Derivation designed, Expr target,
      Expr constant, double t, double lo, double hi) {
    VariantResult quot = designed.results().get(designed.headline());
    java.util.List<String> betas = designed.predictorSymbols();
    String beta = betas.get(0);
    Map<String, Double> constants = new java.util.LinkedHashMap<>();
    constants.put(designed.temperature(), t);
    for (int k = 1; k < betas.size(); k++) {
      constants.put(betas.get(k), 0.5 + 0.6 * k);
    }
    double[] x = grid(lo, hi);
    Optional<double[]> r = values(quot.bias(), beta, constants, x);
    Optional<double[]> star = values(target, beta, constants, x);
    if (r.isEmpty() || star.isEmpty()) {
      return Optional.empty();
    }
    // the displayed R_quot drops constants, so shift R* by the mean difference (a constant when
    // the design is right: the picture shows that it is)
    double shift = 0;
    int n = 0;
    for (int i = 0; i < x.length; i++) {
      if (Double.isFinite(r.get()[i]) && Double.isFinite(star.get()[i])) {
        shift += r.get()[i] - star.get()[i];
        n++;
      }
    }
    shift = n == 0 ? 0 : shift / n;
    for (int i = 0; i < x.length; i++) {
      star.get()[i] += shift;
    }
    String sym = Plots.symbol(beta);
    XYChart c = Plots.lines(designed.designId() + ": designed bias against the target, T = "
        + Plots.math(num(t)), sym + " (predictor, dimensionless"
        + (betas.size() > 1 ? "; other components fixed" : "") + ")",
        "bias (units of the loss)");
    c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
    axis(c, lo, hi);
    XYSeries want = Plots.line(c, String.format(Locale.ROOT, "target R* + c (c = %.4g; the"
        + " proof's R_quot − R* = %s)", shift, Plots.math(TextPrinter.print(constant))), x,
        star.get());
    want.setLineColor(Plots.color(6));
    want.setLineStyle(new BasicStroke(7f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
    want.setLineColor(new java.awt.Color(0, 0, 0, 60));
    XYSeries got = Plots.line(c, "designed R_quot (forward derivation of the answer)", x,
        r.get());
    got.setLineColor(Plots.color(1));
    return Optional.of(c);
  }

  private static Optional<double[]> values(Expr e, String x, Map<String, Double> constants,
      double[] xs) {
    ScalarFunction f;
    try {
      // a formula of thousands of nodes (a 64-point DCT's Σ_k log|(Dβ)_k| written out) takes
      // janino minutes and then exceeds a method's 64 KB: a plot's points are interpreted
      f = Exprs.size(e) > COMPILE_LIMIT ? interpreted(e, x, constants)
          : ExprCompiler.scalar(e, java.util.List.of(x), constants);
    } catch (CompilationException ex) {
      f = interpreted(e, x, constants); // too long for one JVM method: evaluated as a tree
    } catch (IllegalArgumentException ex) {
      return Optional.empty();
    }
    double[] y = new double[xs.length];
    double[] at = new double[1];
    try {
      for (int i = 0; i < xs.length; i++) {
        at[0] = xs[i];
        double v = f.value(at);
        y[i] = Double.isFinite(v) ? v : Double.NaN; // a gap in the line
      }
    } catch (IllegalArgumentException ex) {
      return Optional.empty(); // a symbol the interpreter cannot bind
    }
    return Optional.of(y);
  }

  /** Formulas larger than this (nodes) are interpreted, not compiled. */
  private static final int COMPILE_LIMIT = 2000;

  /** The formula interpreted ({@code NumericEvaluator}), for a plot's few hundred points. */
  private static ScalarFunction interpreted(Expr e, String x, Map<String, Double> constants) {
    return at -> {
      Map<String, Double> env = new java.util.HashMap<>(constants);
      env.put(x, at[0]);
      return org.gaugebias.symbolic.expr.NumericEvaluator.eval(e, env);
    };
  }

  private static double[] grid(double lo, double hi) {
    double[] x = new double[POINTS];
    for (int i = 0; i < POINTS; i++) {
      x[i] = lo + (hi - lo) * (i + 0.5) / POINTS; // cell midpoints: never exactly 0
    }
    return x;
  }

  private static double[] scaledToPeak(double[] p) {
    double max = 0;
    for (double v : p) {
      if (Double.isFinite(v)) {
        max = Math.max(max, Math.abs(v));
      }
    }
    double[] out = new double[p.length];
    for (int i = 0; i < p.length; i++) {
      out[i] = max > 0 ? p[i] / max : p[i];
    }
    return out;
  }

  private static void axis(XYChart c, double lo, double hi) {
    c.getStyler().setXAxisMin(lo);
    c.getStyler().setXAxisMax(hi);
    c.getStyler().setXAxisDecimalPattern("0.##");
  }

  private static BasicStroke dashed() {
    return new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
        new float[] {8f, 5f}, 0f);
  }

  private static String num(double v) {
    return String.format(Locale.ROOT, "%.3g", v);
  }
}
