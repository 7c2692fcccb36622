package org.gaugebias.numeric.verify;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The histogram of the observable against each candidate density (XChart, headless PNG). */
public final class ReportPlot {
  private ReportPlot() {
  }

  public static XYChart chart(VerificationReport r) {
    XYChart chart = new XYChartBuilder().width(900).height(600)
        .title(r.model() + " — " + r.noise() + " noise, T = " + r.settings().temperature())
        .xAxisTitle("observable").yAxisTitle("density on the window").build();
    chart.getStyler().setLegendVisible(true);
    VerificationReport.Histogram h = r.histogram();
    double w = (h.hi() - h.lo()) / h.bins();
    double[] xs = new double[2 * h.bins()];
    double[] ys = new double[2 * h.bins()];
    for (int i = 0; i < h.bins(); i++) {
      xs[2 * i] = h.lo() + i * w;
      xs[2 * i + 1] = h.lo() + (i + 1) * w;
      ys[2 * i] = h.density()[i];
      ys[2 * i + 1] = h.density()[i];
    }
    XYSeries hist = chart.addSeries("simulation (" + r.counts().inWindow() + " samples)", xs, ys);
    hist.setMarker(SeriesMarkers.NONE);
    for (VerificationReport.LawResult l : r.laws()) {
      String label = String.format(java.util.Locale.ROOT, "%s%s, L1 %.3f", l.name(),
          l.role().equals("PREDICTED") ? " (predicted)" : "", l.l1());
      XYSeries s = chart.addSeries(label, l.curveX(), l.curve());
      s.setMarker(SeriesMarkers.NONE);
    }
    return chart;
  }

}
