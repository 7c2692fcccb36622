package org.gaugebias.numeric.run;

import java.io.PrintWriter;
import java.util.Locale;
import org.gaugebias.numeric.sde.ProgressListener;

/**
 * Progress on stderr with rate and time left: a bar redrawn in place on a terminal, otherwise
 * one line every {@code intervalSeconds} (readable in a log file). Thread-safe.
 */
public final class ProgressMeter implements ProgressListener {
  private final PrintWriter err;
  private final String label;
  private final String unit;
  private final boolean terminal;
  private final double intervalSeconds;
  private final long start = System.nanoTime();
  private long lastPrint;
  private boolean printed;

  /**
   * @param err where to print
   * @param label what runs ("verify", "reproduce relu-balance")
   * @param unit the unit of work ("chain-steps", "steps")
   * @param terminal redraw one line in place (a console) instead of printing lines
   * @param intervalSeconds seconds between lines when not on a terminal (≤ 0: never)
   */
  public ProgressMeter(PrintWriter err, String label, String unit, boolean terminal,
      double intervalSeconds) {
    this.err = err;
    this.label = label;
    this.unit = unit;
    this.terminal = terminal;
    this.intervalSeconds = intervalSeconds;
  }

  /** A meter that prints nothing. */
  public static ProgressListener silent() {
    return ProgressListener.NONE;
  }

  @Override
  public synchronized void progress(long done, long total) {
    long now = System.nanoTime();
    if (!terminal && (intervalSeconds <= 0 || (now - lastPrint) / 1e9 < intervalSeconds)) {
      return;
    }
    if (terminal && (now - lastPrint) / 1e9 < 0.2 && done < total) {
      return;
    }
    lastPrint = now;
    err.print((terminal ? "\r" : "") + line(done, total, (now - start) / 1e9)
        + (terminal ? "" : System.lineSeparator()));
    err.flush();
    printed = true;
  }

  /** Ends the in-place line on a terminal. */
  public synchronized void finish() {
    if (terminal && printed) {
      err.println();
      err.flush();
    }
  }

  /** The progress line: bar, percentage, rate and estimated time left. */
  String line(long done, long total, double seconds) {
    double fraction = total > 0 ? Math.min(1, (double) done / total) : 0;
    int width = 30;
    int filled = (int) (width * fraction);
    double rate = seconds > 0 ? done / seconds : 0;
    String left = rate > 0 && done < total ? clock((total - done) / rate) : "-";
    return String.format(Locale.ROOT, "  %s [%s%s] %3d%%  %.3g %s/s, %s left", label,
        "#".repeat(filled), " ".repeat(width - filled), (int) (100 * fraction), rate, unit, left);
  }

  private static String clock(double seconds) {
    long s = Math.round(seconds);
    return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
        : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
  }
}
