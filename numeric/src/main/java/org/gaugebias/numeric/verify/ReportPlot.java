package org.gaugebias.numeric.verify;

import java.util.Locale;
import org.gaugebias.numeric.run.Plots;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

/**
 * The histogram of the observable with its error band (±2 standard errors from the spread
 * between blocks of chains) against each candidate density, the predicted one drawn thickest.
 */
public final class ReportPlot {
  private ReportPlot() {
  }

  public static XYChart chart(VerificationReport r) {
    String x = r.observations().isEmpty() ? "observable" : r.observations().get(0).name();
    String sym = Plots.symbol(x);
    VerificationReport.Histogram h = r.histogram();
    XYChart chart = Plots.lines(r.model() + " — " + r.noise() + " noise, T = "
            + r.settings().temperature(),
        sym + " (observable, dimensionless)",
        String.format(Locale.ROOT, "density of %s on [%s, %s] (per unit %s)", sym,
            num(h.lo()), num(h.hi()), sym));
    double w = (h.hi() - h.lo()) / h.bins();
    double[] xs = new double[2 * h.bins()];
    double[] ys = new double[2 * h.bins()];
    double[] lo = new double[2 * h.bins()];
    double[] hi = new double[2 * h.bins()];
    for (int i = 0; i < h.bins(); i++) {
      for (int e = 0; e < 2; e++) {
        int k = 2 * i + e;
        xs[k] = h.lo() + (i + e) * w;
        ys[k] = h.density()[i];
        lo[k] = h.density()[i] - 2 * h.densityError()[i];
        hi[k] = h.density()[i] + 2 * h.densityError()[i];
      }
    }
    Plots.band(chart, "simulation ± 2 s.e. (spread between blocks of 256 chains)", xs, lo, hi,
        Plots.color(6));
    XYSeries hist = Plots.line(chart, "simulation, " + r.counts().inWindow() + " samples of "
        + r.counts().chains() + " chains", xs, ys);
    hist.setLineColor(Plots.color(6));
    int c = 0;
    for (VerificationReport.LawResult l : r.laws()) {
      boolean predicted = l.role().equals("PREDICTED");
      String label = String.format(Locale.ROOT, "%s%s, L1 = %.3f", l.name(),
          predicted ? ", predicted" : "", l.l1());
      XYSeries s = Plots.line(chart, label, l.curveX(), l.curve());
      s.setLineColor(Plots.color(c++));
      if (!predicted) {
        s.setLineStyle(new java.awt.BasicStroke(2f, java.awt.BasicStroke.CAP_BUTT,
            java.awt.BasicStroke.JOIN_MITER, 10f, new float[] {8f, 5f}, 0f));
      }
    }
    return chart;
  }

  private static String num(double v) {
    return new java.math.BigDecimal(v).round(new java.math.MathContext(3)).stripTrailingZeros()
        .toPlainString();
  }
}
