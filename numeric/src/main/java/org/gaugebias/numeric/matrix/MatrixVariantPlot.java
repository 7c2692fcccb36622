package org.gaugebias.numeric.matrix;

import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

/**
 * Bars of z = (simulated − candidate expectation) / combined standard error, one group per
 * function of σ, one colour per candidate law (XChart, headless PNG). A law that fits has bars
 * within about ±3.
 */
public final class MatrixVariantPlot {
  private MatrixVariantPlot() {
  }

  public static CategoryChart chart(MatrixVariantReport r) {
    String id = r.design().contains(":") ? r.design().substring(0, r.design().indexOf(':'))
        : r.design();
    CategoryChart chart = new CategoryChartBuilder().width(1000).height(640)
        .title(id + ": simulation vs candidate laws, T = "
            + MatrixVariantReport.g(r.settings().temperature()) + ", seed "
            + r.settings().seed())
        .xAxisTitle("expectation").yAxisTitle("z = (simulation - law) / s.e.").build();
    chart.getStyler().setLegendVisible(true);
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
    List<String> xs = new ArrayList<>();
    for (String f : r.functions()) {
      xs.add("E[" + f + "]");
    }
    for (MatrixVariantReport.CandidateResult c : r.candidates()) {
      List<Double> ys = new ArrayList<>();
      for (double z : c.z()) {
        ys.add(z);
      }
      chart.addSeries(c.name() + String.format(java.util.Locale.ROOT, " (Mahalanobis %.3g)",
          c.mahalanobis()), xs, ys);
    }
    return chart;
  }

}
