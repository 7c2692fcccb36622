package org.gaugebias.numeric.matrix;

import java.awt.BasicStroke;
import java.util.ArrayList;
import java.util.List;
import org.gaugebias.numeric.run.Plots;
import org.hipparchus.distribution.continuous.ChiSquaredDistribution;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The variant question at a glance: the Mahalanobis distance of the simulation from each
 * candidate law on a log scale (log₁₀ d²) (one marker per run: seed, temperature), with the line above which
 * a law is rejected (χ² quantile at p = {@value MatrixVariants#LEVEL}). The winning law sits
 * near the bottom, a wrong one orders of magnitude above (every distance is in the text report).
 */
public final class MatrixVariantPlot {
  private MatrixVariantPlot() {
  }

  /** One run. */
  public static CategoryChart chart(MatrixVariantReport r) {
    return chart(List.of("seed " + r.settings().seed()), List.of(r));
  }

  /** Several runs (seeds, temperatures) of the same design, one marker series each. */
  public static CategoryChart chart(List<String> labels, List<MatrixVariantReport> runs) {
    MatrixVariantReport first = runs.get(0);
    String id = first.design().contains(":")
        ? first.design().substring(0, first.design().indexOf(':')) : first.design();
    CategoryChart chart = new CategoryChartBuilder().width(1000).height(640)
        .title(Plots.math(id + ": distance of the simulated singular values from each law"))
        .xAxisTitle("candidate law of W")
        .yAxisTitle("log₁₀ d² (Mahalanobis; χ² with 3 d.o.f. under the law)").build();
    Plots.style(chart.getStyler());
    // log₁₀ on a linear axis: XChart 3.8.3's logarithmic category axis hangs or throws
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
    chart.getStyler().setOverlapped(true);
    List<String> xs = new ArrayList<>();
    for (MatrixVariantReport.CandidateResult c : first.candidates()) {
      xs.add(c.name().replace(" (balance diagnostic)", " (balance)"));
    }
    for (int k = 0; k < runs.size(); k++) {
      MatrixVariantReport r = runs.get(k);
      List<Double> ys = new ArrayList<>();
      for (MatrixVariantReport.CandidateResult c : r.candidates()) {
        ys.add(Math.log10(Math.max(c.mahalanobis(), 1e-3)));
      }
      CategorySeries s = chart.addSeries(Plots.math(labels.get(k) + ", T = "
          + MatrixVariantReport.g(r.settings().temperature()) + ", dt = "
          + MatrixVariantReport.g(r.settings().dt())), xs, ys);
      s.setChartCategorySeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Scatter);
      s.setMarker(SeriesMarkers.CIRCLE);
      s.setMarkerColor(Plots.color(k));
    }
    double limit = new ChiSquaredDistribution(SingularValues.INDEPENDENT.length)
        .inverseCumulativeProbability(1 - MatrixVariants.LEVEL);
    List<Double> line = new ArrayList<>();
    for (int i = 0; i < xs.size(); i++) {
      line.add(Math.log10(limit));
    }
    CategorySeries cut = chart.addSeries(Plots.math(String.format(java.util.Locale.ROOT,
        "rejection line d² = %.1f (p = 10^(-3))", limit)), xs, line);
    cut.setChartCategorySeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Line);
    cut.setMarker(SeriesMarkers.NONE);
    cut.setLineColor(java.awt.Color.GRAY);
    cut.setLineStyle(new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
        new float[] {8f, 5f}, 0f));
    return chart;
  }
}
