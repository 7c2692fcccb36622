package org.gaugebias.numeric.run;

import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Small helpers for the report charts (XChart, headless). */
public final class Plots {
  private static volatile boolean warm;

  static {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
  }

  private Plots() {
  }

  /** A line chart with a legend. */
  public static XYChart lines(String title, String xTitle, String yTitle) {
    XYChart chart = new XYChartBuilder().width(900).height(600).title(title)
        .xAxisTitle(xTitle).yAxisTitle(yTitle).build();
    chart.getStyler().setLegendVisible(true);
    return chart;
  }

  /** Adds a line without markers. */
  public static XYSeries line(XYChart chart, String name, double[] x, double[] y) {
    XYSeries s = chart.addSeries(name, x, y);
    s.setMarker(SeriesMarkers.NONE);
    return s;
  }

  /** Adds one line per row of {@code ys}, all over {@code x}, named by {@code names}. */
  public static void lines(XYChart chart, List<String> names, double[] x, double[][] ys) {
    for (int i = 0; i < ys.length; i++) {
      line(chart, names.get(i), x, ys[i]);
    }
  }

  /**
   * Renders one chart with text once (fonts, image I/O, Java2D), so the first report written
   * from the shutdown hook does not initialise AWT there (which may register hooks).
   */
  public static void warmUp() {
    if (warm) {
      return;
    }
    XYChart c = lines("warm-up", "x", "y");
    line(c, "s", new double[] {0, 1}, new double[] {0, 1});
    BitmapEncoder.getBufferedImage(c);
    javax.imageio.ImageIO.setUseCache(false);
    warm = true;
  }
}
