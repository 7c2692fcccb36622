package org.gaugebias.numeric.run;

import java.io.PrintWriter;
import java.time.temporal.ChronoUnit;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.gaugebias.numeric.sde.ProgressListener;

/**
 * Progress of a long command on stderr: a bar redrawn in place with the percentage, the work done,
 * the rate and the time elapsed and left (me.tongfei progressbar). Shown only on a terminal and
 * without {@code --quiet} ({@link #shown}); otherwise it prints nothing, so logs and pipes stay
 * clean. Work with no known total (an inverse design) shows the elapsed time only. Thread-safe
 * (the bar's state is synchronised; runners report from several threads).
 */
public final class ProgressMeter implements ProgressListener, AutoCloseable {
  /** Width when the terminal's cannot be read ($COLUMNS unset). */
  private static final int DEFAULT_WIDTH = 100;
  private final ProgressBar bar;
  private final long scale;
  private final PrintWriter err;
  private volatile boolean closed;

  /**
   * @param err where to draw
   * @param label what runs ("verify", "catalogue")
   * @param unit the unit of work ("chain-steps", "designs")
   * @param show draw the bar ({@link #shown}); false makes a meter that prints nothing
   * @param expectedTotal the total amount of work when known up front (else 0: set by the first
   *     {@link #progress} call; below 0: unknown, elapsed time only). Work counted in steps
   *     (chain-steps) is shown in millions.
   */
  public ProgressMeter(PrintWriter err, String label, String unit, boolean show,
      long expectedTotal) {
    this.scale = unit.endsWith("steps") ? 1_000_000 : 1; // chain-steps: millions
    this.err = err;
    if (!show) {
      this.bar = null;
      return;
    }
    ProgressBarBuilder b = new ProgressBarBuilder().setTaskName(label)
        .setInitialMax(expectedTotal)
        .setStyle(ProgressBarStyle.ASCII)
        .setUpdateIntervalMillis(250)
        .setConsumer(new DelegatingProgressBarConsumer(line -> {
          synchronized (err) {
            err.print('\r' + line);
            err.flush();
          }
        }, width()))
        .showSpeed(new java.text.DecimalFormat("0.##"))
        .setSpeedUnit(ChronoUnit.SECONDS);
    b = scale == 1 ? b.setUnit(" " + unit, 1) : b.setUnit(" M " + unit, scale);
    this.bar = b.build();
  }

  /**
   * Whether progress is drawn: on a terminal (a console attached) and not {@code --quiet}.
   */
  public static boolean shown(boolean quiet) {
    return !quiet && System.console() != null;
  }

  /** A meter that prints nothing. */
  public static ProgressListener silent() {
    return ProgressListener.NONE;
  }

  /** Whether this meter draws anything. */
  public boolean active() {
    return bar != null;
  }

  @Override
  public void progress(long done, long total) {
    if (bar == null) {
      return;
    }
    if (total > 0 && total != bar.getMax()) {
      bar.maxHint(total);
    }
    bar.stepTo(done);
  }

  /** One more unit of work done (designs of a catalogue). */
  public void step() {
    if (bar != null) {
      bar.step();
    }
  }

  /** What is being worked on now, shown after the bar (a design's file name). */
  public void message(String text) {
    if (bar != null) {
      bar.setExtraMessage(text);
    }
  }

  /** Draws the final state and ends the line. */
  public void finish() {
    close();
  }

  @Override
  public void close() {
    if (bar != null && bar.getStart() >= 0 && !closed) {
      closed = true;
      bar.close();
      synchronized (err) {
        err.println();
        err.flush();
      }
    }
  }

  private static int width() {
    try {
      String columns = System.getenv("COLUMNS");
      return columns == null ? DEFAULT_WIDTH : Math.max(40, Integer.parseInt(columns.trim()));
    } catch (NumberFormatException e) {
      return DEFAULT_WIDTH;
    }
  }
}
