package org.gaugebias.symbolic.expr;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An increasing function φ: [0, q_max] → [0, β_max] with φ(0) = 0, known at nodes and
 * interpolated: the tabulated outer map of an inverse design (THEORY.md §4, family 2), where
 * φ(q) behaves like √q at 0. It is therefore interpolated in {@code s = √q}, in which it is
 * smooth: piecewise cubic Hermite interpolation of φ(s) with the nodal slopes dφ/ds, of
 * dφ/ds with the nodal slopes d²φ/ds² (so φ'(q) = (dφ/ds)/(2s) keeps fourth-order accuracy
 * too), and of the inverse s(β) with slopes 1/(dφ/ds), so that ψ = φ⁻¹ = s² comes from the
 * same nodes. Immutable.
 *
 * <p>File form (CSV, UTF-8): {@code #} comment lines (provenance), then the header
 * {@code q,phi,dphi,dphi_ds,d2phi_ds2} and one row per node, q strictly increasing from 0:
 * φ(q), φ'(q) ({@code Infinity} at q = 0), dφ/ds and d²φ/ds² with s = √q.
 */
public final class TabulatedFunction {
  /** The CSV header. */
  public static final String HEADER = "q,phi,dphi,dphi_ds,d2phi_ds2";
  private static final double RANGE_SLACK = 1e-12;

  private final double[] s;
  private final double[] phi;
  private final double[] dphiDs;
  private final double[] d2phiDs2;
  private final List<String> comments;

  private TabulatedFunction(double[] s, double[] phi, double[] dphiDs, double[] d2phiDs2,
      List<String> comments) {
    this.s = s;
    this.phi = phi;
    this.dphiDs = dphiDs;
    this.d2phiDs2 = d2phiDs2;
    this.comments = List.copyOf(comments);
  }

  /**
   * A table from its nodes in {@code s = √q} (copied). Requires s and φ strictly increasing
   * from 0, dφ/ds positive, all finite, at least 4 nodes.
   *
   * @param comments provenance lines (without {@code #})
   */
  public static TabulatedFunction of(double[] s, double[] phi, double[] dphiDs,
      double[] d2phiDs2, List<String> comments) {
    int n = s.length;
    if (n < 4 || phi.length != n || dphiDs.length != n || d2phiDs2.length != n) {
      throw new IllegalArgumentException("a table needs at least 4 nodes and equal columns");
    }
    for (int i = 0; i < n; i++) {
      if (!Double.isFinite(s[i]) || !Double.isFinite(phi[i]) || !(dphiDs[i] > 0)
          || !Double.isFinite(dphiDs[i]) || !Double.isFinite(d2phiDs2[i])) {
        throw new IllegalArgumentException("node " + (i + 1) + " is not finite or has"
            + " dphi_ds <= 0");
      }
      if (i == 0 ? s[0] != 0 || phi[0] != 0 : !(s[i] > s[i - 1]) || !(phi[i] > phi[i - 1])) {
        throw new IllegalArgumentException(i == 0 ? "the table must start at q = 0, phi = 0"
            : "q and phi must increase strictly (node " + (i + 1) + ")");
      }
    }
    return new TabulatedFunction(s.clone(), phi.clone(), dphiDs.clone(), d2phiDs2.clone(),
        comments);
  }

  /** Number of nodes. */
  public int size() {
    return s.length;
  }

  /** The end of the table in q. */
  public double qMax() {
    return s[s.length - 1] * s[s.length - 1];
  }

  /** φ(q_max). */
  public double phiMax() {
    return phi[phi.length - 1];
  }

  /** The provenance lines. */
  public List<String> comments() {
    return comments;
  }

  /** φ(q). */
  public double value(double q) {
    double x = sqrtIn(q);
    int i = interval(s, x);
    return hermite(s, phi, dphiDs, i, x);
  }

  /** φ'(q) = (dφ/ds)/(2s); +∞ at q = 0. */
  public double derivative(double q) {
    double x = sqrtIn(q);
    int i = interval(s, x);
    return hermite(s, dphiDs, d2phiDs2, i, x) / (2 * x);
  }

  /** ψ(β) = φ⁻¹(β). */
  public double inverse(double beta) {
    if (!(beta >= 0) || beta > phiMax() * (1 + RANGE_SLACK)) {
      throw new IllegalArgumentException("the inverse of the table is defined on [0, "
          + fmt(phiMax()) + "], not at " + fmt(beta));
    }
    double b = Math.min(beta, phiMax());
    int i = interval(phi, b);
    double h = phi[i + 1] - phi[i];
    double t = (b - phi[i]) / h;
    double x = cubic(s[i], s[i + 1], h / dphiDs[i], h / dphiDs[i + 1], t);
    return x * x;
  }

  private double sqrtIn(double q) {
    if (!(q >= 0) || q > qMax() * (1 + RANGE_SLACK)) {
      throw new IllegalArgumentException("the table is defined for q in [0, " + fmt(qMax())
          + "], not at q = " + fmt(q));
    }
    return Math.min(Math.sqrt(q), s[s.length - 1]);
  }

  /** The node interval [x_i, x_{i+1}] holding x (x within the nodes). */
  private static int interval(double[] nodes, double x) {
    int k = java.util.Arrays.binarySearch(nodes, x);
    int i = k >= 0 ? k : -k - 2;
    return Math.max(0, Math.min(nodes.length - 2, i));
  }

  private static double hermite(double[] x, double[] y, double[] m, int i, double at) {
    double h = x[i + 1] - x[i];
    return cubic(y[i], y[i + 1], h * m[i], h * m[i + 1], (at - x[i]) / h);
  }

  /** The cubic Hermite basis: values y0, y1 and slopes (times the step) at t = 0, 1. */
  private static double cubic(double y0, double y1, double hm0, double hm1, double t) {
    double t2 = t * t;
    double t3 = t2 * t;
    return (2 * t3 - 3 * t2 + 1) * y0 + (t3 - 2 * t2 + t) * hm0 + (-2 * t3 + 3 * t2) * y1
        + (t3 - t2) * hm1;
  }

  // ------------------------------------------------------------------ file form

  /** The CSV text (comments, header, rows; doubles printed to round-trip exactly). */
  public String toCsv() {
    StringBuilder sb = new StringBuilder();
    for (String c : comments) {
      sb.append("# ").append(c).append('\n');
    }
    sb.append(HEADER).append('\n');
    for (int i = 0; i < s.length; i++) {
      double q = s[i] * s[i];
      sb.append(Double.toString(q)).append(',').append(Double.toString(phi[i])).append(',')
          .append(i == 0 ? "Infinity" : Double.toString(dphiDs[i] / (2 * s[i]))).append(',')
          .append(Double.toString(dphiDs[i])).append(',').append(Double.toString(d2phiDs2[i]))
          .append('\n');
    }
    return sb.toString();
  }

  /** Reads a table file; errors name the file and line. */
  public static TabulatedFunction read(Path file) {
    String text;
    if (Files.isDirectory(file)) {
      throw new IllegalArgumentException(file + ": is a folder, not a table file");
    }
    try (java.io.InputStream in = Files.newInputStream(file)) {
      byte[] bytes = in.readNBytes(MAX_FILE_BYTES + 1);
      if (bytes.length > MAX_FILE_BYTES) {
        throw new IllegalArgumentException(file + ": larger than " + (MAX_FILE_BYTES >> 20)
            + " MiB, not a table this tool writes");
      }
      text = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException(file + ": no such table file");
    } catch (IOException e) {
      throw new IllegalArgumentException(file + ": cannot read the table: " + e.getMessage());
    }
    return parse(text, file.toString());
  }

  /** The largest table file read: tables written by the inverse designer are far smaller. */
  public static final int MAX_FILE_BYTES = 16 << 20;

  /** Parses the CSV form; {@code origin} names it in errors ({@code origin:line: …}). */
  public static TabulatedFunction parse(String text, String origin) {
    List<String> comments = new ArrayList<>();
    List<double[]> rows = new ArrayList<>();
    boolean header = false;
    String[] lines = text.split("\r?\n", -1);
    for (int ln = 0; ln < lines.length; ln++) {
      String line = lines[ln].strip();
      String where = origin + ":" + (ln + 1) + ": ";
      if (line.isEmpty()) {
        continue;
      }
      if (line.startsWith("#")) {
        comments.add(line.substring(1).strip());
        continue;
      }
      if (!header) {
        if (!line.replace(" ", "").equals(HEADER)) {
          // the line is not echoed: a table path pointing at another file must not leak it
          throw new IllegalArgumentException(where + "expected the header '" + HEADER
              + "' (is this a table written by 'gaugebias design'?)");
        }
        header = true;
        continue;
      }
      String[] cells = line.split(",", -1);
      if (cells.length != 5) {
        throw new IllegalArgumentException(where + "expected 5 numbers (" + HEADER + "), found "
            + cells.length + " fields");
      }
      double[] row = new double[5];
      for (int k = 0; k < 5; k++) {
        try {
          row[k] = Double.parseDouble(cells[k].strip());
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(where + "'" + cells[k].strip() + "' is not a"
              + " number");
        }
      }
      rows.add(row);
    }
    if (!header) {
      throw new IllegalArgumentException(origin + ": no header line '" + HEADER + "'");
    }
    int n = rows.size();
    double[] s = new double[n];
    double[] phi = new double[n];
    double[] g = new double[n];
    double[] g2 = new double[n];
    for (int i = 0; i < n; i++) {
      double[] r = rows.get(i);
      if (!(r[0] >= 0)) {
        throw new IllegalArgumentException(origin + ": row " + (i + 1) + ": q must be >= 0");
      }
      s[i] = Math.sqrt(r[0]);
      phi[i] = r[1];
      g[i] = r[3];
      g2[i] = r[4];
    }
    try {
      return of(s, phi, g, g2, comments);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(origin + ": " + e.getMessage());
    }
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.6g", v);
  }
}
