package org.gaugebias.numeric.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Font;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.internal.series.Series;

/**
 * Checks of a written chart, shared by the report tests: PNG and SVG both exist and are complete
 * (the PNG decodes at the chart's size, the SVG parses as XML and ends with its root), the SVG
 * carries the labels as text, and every label can be drawn by the chart font (no boxes in place
 * of β, σ, ⁻¹ᐟ²).
 */
public final class ChartFiles {
  private ChartFiles() {
  }

  /** The chart's title, axis titles and series names. */
  public static List<String> labels(Chart<?, ?> chart) {
    List<String> out = new ArrayList<>();
    out.add(chart.getTitle());
    out.add(chart.getXAxisTitle());
    out.add(chart.getYAxisTitle());
    for (Object s : chart.getSeriesMap().values()) {
      out.add(((Series) s).getName());
    }
    return out;
  }

  /** Asserts the files of {@code dir/stem} and returns the SVG text. */
  public static String check(Path dir, String stem, Chart<?, ?> chart) throws Exception {
    Path png = dir.resolve(stem + ".png");
    Path svg = dir.resolve(stem + ".svg");
    assertThat(png).exists();
    assertThat(svg).exists();
    BufferedImage image = ImageIO.read(png.toFile());
    assertThat(image).as("PNG decodes").isNotNull();
    assertThat(image.getWidth()).isEqualTo(chart.getWidth());
    assertThat(image.getHeight()).isEqualTo(chart.getHeight());
    String text = Files.readString(svg);
    assertThat(text.strip()).contains("<svg").endsWith("</svg>");
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    assertThat(f.newDocumentBuilder().parse(svg.toFile()).getDocumentElement().getLocalName())
        .isEqualTo("svg");
    Font font = new Font(Plots.FONT, Font.PLAIN, 15);
    for (String label : labels(chart)) {
      if (label == null || label.isBlank()) {
        continue;
      }
      assertThat(font.canDisplayUpTo(label)).as("font %s draws every character of '%s'",
          Plots.FONT, label).isEqualTo(-1);
      assertThat(label).as("no ASCII Greek names in labels").doesNotContainPattern(
          "(?<![A-Za-z])(beta|sigma|theta|chi)(?![a-z])");
    }
    // XChart draws each text as one outline: the SVG is paths, at least one per label
    int paths = text.split("<path", -1).length - 1;
    assertThat(paths).as("vector paths in the SVG").isGreaterThanOrEqualTo(
        labels(chart).size());
    return text;
  }
}
