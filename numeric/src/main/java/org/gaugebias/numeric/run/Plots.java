package org.gaugebias.numeric.run;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.GraphicsEnvironment;
import java.util.Arrays;
import java.util.Optional;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The look of every report chart (XChart, headless; PNG and SVG through {@link ReportFiles}):
 * large type for slides, white background, thick lines, error bands, and labels with real
 * symbols ({@link #math}: β, σ₁, |β|⁻¹ᐟ², e⁻ᴸᐟᵀ instead of {@code beta}, {@code sigma_1},
 * {@code |beta|^(-1/2)}). Labels are rendered with a font that has those glyphs (DejaVu Sans when
 * installed; tests check that every label of a chart can be displayed).
 */
public final class Plots {
  /** The label font family: DejaVu Sans covers Greek, sub- and superscripts. */
  public static final String FONT = family();
  private static volatile boolean warm;

  static {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
  }

  private Plots() {
  }

  /** A line chart with a legend, in the report style. */
  public static XYChart lines(String title, String xTitle, String yTitle) {
    XYChart chart = new XYChartBuilder().width(1000).height(640).title(math(title))
        .xAxisTitle(math(xTitle)).yAxisTitle(math(yTitle)).build();
    style(chart.getStyler());
    return chart;
  }

  /** Slide-ready fonts, white background, light grid, legend inside the plot. */
  public static void style(Styler s) {
    s.setChartBackgroundColor(Color.WHITE);
    s.setPlotBackgroundColor(Color.WHITE);
    s.setPlotBorderVisible(true);
    s.setChartTitleFont(new Font(FONT, Font.BOLD, 20));
    s.setLegendFont(new Font(FONT, Font.PLAIN, 15));
    s.setLegendVisible(true);
    s.setLegendBorderColor(Color.LIGHT_GRAY);
    s.setChartTitleBoxVisible(false);
    s.setChartPadding(12);
    if (s instanceof org.knowm.xchart.style.AxesChartStyler a) {
      a.setAxisTitleFont(new Font(FONT, Font.PLAIN, 18));
      a.setAxisTickLabelsFont(new Font(FONT, Font.PLAIN, 15));
      a.setPlotGridLinesColor(new Color(225, 225, 225));
      a.setAxisTickPadding(6);
    }
  }

  /** Adds a line without markers, 2.5 px wide. */
  public static XYSeries line(XYChart chart, String name, double[] x, double[] y) {
    XYSeries s = chart.addSeries(math(name), x, y);
    s.setMarker(SeriesMarkers.NONE);
    s.setLineStyle(new BasicStroke(2.5f));
    return s;
  }

  /** Adds one line per row of {@code ys}, all over {@code x}, named by {@code names}. */
  public static void lines(XYChart chart, List<String> names, double[] x, double[][] ys) {
    for (int i = 0; i < ys.length; i++) {
      line(chart, names.get(i), x, ys[i]);
    }
  }

  /**
   * A shaded band between {@code lo} and {@code hi} over {@code x} (an error band), drawn as one
   * closed translucent polygon in {@code color}. Non-finite ends are skipped; with no finite end at
   * all (a run of one block of chains) nothing is drawn and the result is empty.
   */
  public static Optional<XYSeries> band(XYChart chart, String name, double[] x, double[] lo,
      double[] hi, Color color) {
    int n = x.length;
    double[] px = new double[2 * n + 1];
    double[] py = new double[2 * n + 1];
    int k = 0;
    for (int i = 0; i < n; i++) {
      if (Double.isFinite(lo[i]) && Double.isFinite(hi[i])) {
        px[k] = x[i];
        py[k++] = hi[i];
      }
    }
    int top = k;
    for (int i = n - 1; i >= 0; i--) {
      if (Double.isFinite(lo[i]) && Double.isFinite(hi[i])) {
        px[k] = x[i];
        py[k++] = lo[i];
      }
    }
    if (top == 0) {
      // no finite bound anywhere (e.g. fewer than two blocks of chains): no band to draw
      return Optional.empty();
    }
    px[k] = px[0];
    py[k++] = py[0];
    XYSeries s = chart.addSeries(math(name), Arrays.copyOf(px, k), Arrays.copyOf(py, k));
    s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
    s.setMarker(SeriesMarkers.NONE);
    s.setFillColor(new Color(color.getRed(), color.getGreen(), color.getBlue(), 70));
    s.setLineColor(new Color(color.getRed(), color.getGreen(), color.getBlue(), 0));
    return Optional.of(s);
  }

  /** A colour of the report palette (colour-blind safe, Okabe–Ito), cycling. */
  public static Color color(int i) {
    Color[] p = {new Color(0, 114, 178), new Color(213, 94, 0), new Color(0, 158, 115),
        new Color(204, 121, 167), new Color(230, 159, 0), new Color(86, 180, 233),
        new Color(0, 0, 0)};
    return p[Math.floorMod(i, p.length)];
  }

  private static final Map<String, String> WORDS = Map.ofEntries(Map.entry("beta", "β"),
      Map.entry("sigma", "σ"), Map.entry("theta", "θ"), Map.entry("chi", "χ"),
      Map.entry("Xi", "Ξ"), Map.entry("xi", "ξ"), Map.entry("lambda", "λ"),
      Map.entry("eta", "η"), Map.entry("delta", "δ"), Map.entry("mu", "μ"),
      Map.entry("Sigma", "Σ"), Map.entry("sqrt", "√"), Map.entry("P_perp", "P⊥"));
  private static final Pattern WORD = Pattern.compile(
      "(?<![A-Za-z])(P_perp|beta|sigma|theta|chi|Xi|xi|lambda|eta|delta|mu|Sigma|sqrt)"
          + "(?![a-z])");
  private static final String SUP_FROM = "0123456789+-=()/LTnikxrdma";
  private static final String SUP_TO = "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ᐟᴸᵀⁿⁱᵏˣʳᵈᵐᵃ";
  private static final String SUB_FROM = "0123456789+-aeijklmnopstx";
  private static final String SUB_TO = "₀₁₂₃₄₅₆₇₈₉₊₋ₐₑᵢⱼₖₗₘₙₒₚₛₜₓ";
  private static final Pattern SUP = Pattern.compile("\\^\\(([^()]*)\\)|\\^(-?[0-9A-Za-z])");
  private static final Pattern SUB = Pattern.compile("(?<=[\\p{L})\\]])[_$]([0-9]+|[a-z]{1,3})"
      + "(?![A-Za-z0-9])");

  /**
   * An ASCII formula or label in conventional symbols: Greek names to letters ({@code beta} → β),
   * exponents to superscripts when every character has one ({@code |beta|^(-1/2)} → |β|⁻¹ᐟ²,
   * {@code ^T} → ᵀ), indices to subscripts ({@code beta$2}, {@code sigma_max} → β₂, σₘₐₓ), and
   * {@code -}, {@code *}, {@code +-}, {@code <=}, {@code >=} to −, ·, ±, ≤, ≥. Text that has no
   * such form is left as it is.
   */
  public static String math(String ascii) {
    if (ascii == null) {
      return null;
    }
    String s = ascii.replace("+-", "±").replace("<=", "≤").replace(">=", "≥");
    Matcher w = WORD.matcher(s);
    StringBuilder b = new StringBuilder();
    while (w.find()) {
      w.appendReplacement(b, Matcher.quoteReplacement(WORDS.get(w.group(1))));
    }
    w.appendTail(b);
    s = replaceAll(b.toString(), SUP, m -> {
      String body = m.group(1) != null ? m.group(1) : m.group(2);
      String t = translate(body.replace(" ", ""), SUP_FROM, SUP_TO);
      return t != null ? t : "^(" + body.replace('-', '−') + ")";
    });
    s = replaceAll(s, SUB, m -> {
      String t = translate(m.group(1), SUB_FROM, SUB_TO);
      return t != null ? t : m.group();
    });
    s = s.replaceAll("(?<=[\\p{L}\\p{N})|²³¹⁾ᵀ]) ?\\* ?(?=[\\p{L}\\p{N}(|√])", "·");
    return s.replaceAll("(?<=[\\s(\\[=,]|^)-(?=[\\p{L}\\p{N}(|√.])", "−")
        .replaceAll("(?<=(?<!\\p{L})\\p{L}|[)|])-(?=\\d)", "−").replace(" - ", " − ");
  }

  /** {@code beta$2}, {@code beta[2]}, {@code beta_2} → β₂ (a component's symbol). */
  public static String symbol(String name) {
    return math(name.replaceAll("\\[(\\d+)]$", "_$1"));
  }

  private static String translate(String text, String from, String to) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      int k = from.indexOf(text.charAt(i));
      if (k < 0) {
        return null;
      }
      out.appendCodePoint(to.codePointAt(to.offsetByCodePoints(0, k)));
    }
    return out.toString();
  }

  private static String replaceAll(String s, Pattern p,
      java.util.function.Function<Matcher, String> f) {
    Matcher m = p.matcher(s);
    StringBuilder b = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(b, Matcher.quoteReplacement(f.apply(m)));
    }
    m.appendTail(b);
    return b.toString();
  }

  private static String family() {
    try {
      for (String f : GraphicsEnvironment.getLocalGraphicsEnvironment()
          .getAvailableFontFamilyNames()) {
        if (f.equals("DejaVu Sans")) {
          return f;
        }
      }
    } catch (RuntimeException | Error e) {
      // no font configuration: the logical font
    }
    return Font.SANS_SERIF;
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
