package org.gaugebias.numeric.run;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.jfree.svg.SVGGraphics2D;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * The one report writer: {@code stem.txt}, {@code stem.json}, {@code stem.png} and the same chart
 * as vector graphics, {@code stem.svg} (JFreeSVG; XChart draws text as glyph outlines, so the
 * SVG looks the same without the fonts), each
 * written
 * to a temporary sibling and moved into place, so a report file is complete or absent (also when
 * Ctrl-C arrives while it is written).
 *
 * <p>Why the PNG goes through {@link ImageIO#write(java.awt.image.RenderedImage, String,
 * java.io.File)} with the cache off: writing to a stream with the default cache creates a
 * temporary file that registers a JVM shutdown hook, which throws "Shutdown in progress" when the
 * partial report is written from the Ctrl-C hook.
 */
public final class ReportFiles {
  static {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
    ImageIO.setUseCache(false);
  }

  private static final java.util.concurrent.atomic.AtomicLong COUNTER =
      new java.util.concurrent.atomic.AtomicLong();

  private ReportFiles() {
  }

  /** Writes the three renderings of {@code report} into {@code dir} (created if missing). */
  public static void write(Path dir, String stem, RunReport report) {
    write(dir, stem, report.toText(), report.toJson(), report.chart());
  }

  /** Writes text, JSON and the chart as {@code dir/stem.{txt,json,png,svg}}. */
  public static void write(Path dir, String stem, String text, String json, Chart<?, ?> chart) {
    writeText(dir.resolve(stem + ".txt"), text);
    writeText(dir.resolve(stem + ".json"), json);
    writeChart(dir, stem, chart);
  }

  /** Writes {@code chart} as {@code dir/stem.png} and {@code dir/stem.svg}. */
  public static void writeChart(Path dir, String stem, Chart<?, ?> chart) {
    writePng(dir.resolve(stem + ".png"), chart);
    writeSvg(dir.resolve(stem + ".svg"), chart);
  }

  /** Renders {@code chart} to {@code file} as SVG (vector; same size as the PNG) atomically. */
  public static void writeSvg(Path file, Chart<?, ?> chart) {
    SVGGraphics2D g = new SVGGraphics2D(chart.getWidth(), chart.getHeight());
    chart.paint(g, chart.getWidth(), chart.getHeight());
    writeText(file, g.getSVGDocument());
  }

  /** Writes {@code text} (UTF-8) to {@code file} atomically; creates the parent folders. */
  public static void writeText(Path file, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    atomically(file, tmp -> Files.write(tmp, bytes));
  }

  /** Renders {@code chart} to {@code file} (PNG) atomically. */
  public static void writePng(Path file, Chart<?, ?> chart) {
    BufferedImage image = BitmapEncoder.getBufferedImage(chart);
    atomically(file, tmp -> {
      if (!ImageIO.write(image, "png", tmp.toFile())) {
        throw new IOException("no PNG writer available");
      }
    });
  }

  /**
   * Checks, before any simulation, that {@code dir} is (or can be created as) a writable folder:
   * not an existing file, not under a file, not read-only.
   *
   * @throws UncheckedIOException naming the problem
   */
  public static void checkWritableFolder(Path dir) {
    Path p = dir.toAbsolutePath().normalize();
    Path existing = p;
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing == null) {
      throw unwritable("cannot create report folder " + dir);
    }
    if (!Files.isDirectory(existing)) {
      throw unwritable("cannot write reports to " + dir + ": "
          + (existing.equals(p) ? "it is a file, not a folder" : existing + " is a file"));
    }
    if (!Files.isWritable(existing)) {
      throw unwritable("cannot write reports to " + dir + ": "
          + (existing.equals(p) ? "the folder is read-only" : existing + " is read-only"));
    }
  }

  private static UncheckedIOException unwritable(String message) {
    return new UncheckedIOException(message, new IOException(message));
  }

  @FunctionalInterface
  private interface FileWrite {
    void to(Path tmp) throws IOException;
  }

  private static void atomically(Path file, FileWrite write) {
    Path tmp = null;
    try {
      Path dir = file.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      // a sibling with the umask's permissions (createTempFile would make it owner-only)
      tmp = dir.resolve("." + file.getFileName() + "." + ProcessHandle.current().pid() + "."
          + COUNTER.incrementAndGet() + ".partial");
      Files.deleteIfExists(tmp);
      write.to(tmp);
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE,
            StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
      tmp = null;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // best effort: the partial file is hidden and named .partial
        }
      }
    }
  }
}
