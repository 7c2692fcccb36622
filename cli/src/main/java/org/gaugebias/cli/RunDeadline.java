package org.gaugebias.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Timer;
import java.util.TimerTask;
import java.util.concurrent.atomic.AtomicBoolean;
import org.gaugebias.numeric.run.RunControl;

/**
 * The time budget of a simulation command ({@code verify}, {@code matrix-variants},
 * {@code reproduce}). At the deadline the runs are cancelled exactly as by Ctrl-C, so they stop
 * at their next block and the partial report is written; the command then exits 5 (TIMEOUT)
 * instead of the outcome's code. Unlike {@link Budget}, no thread is stopped: a simulation
 * checks its cancel flag between blocks, and its report is worth keeping.
 */
final class RunDeadline implements AutoCloseable {
  /** Default budget of a simulation command in seconds (stated in each command's --help). */
  static final String DEFAULT_TIMEOUT = "7200";

  private final Timer timer = new Timer("gaugebias-deadline", true);
  private final AtomicBoolean expired = new AtomicBoolean();
  private final Duration limit;

  private RunDeadline(Duration limit, RunControl control) {
    this.limit = limit;
    timer.schedule(new TimerTask() {
      @Override
      public void run() {
        expired.set(true);
        control.cancel();
      }
    }, limit.toMillis());
  }

  /** Starts the clock: {@code control}'s runs are cancelled after {@code seconds}. */
  static RunDeadline start(double seconds, RunControl control) {
    return new RunDeadline(Budget.seconds(seconds), control);
  }

  /**
   * {@code outcomeCode}, or TIMEOUT (with one line on {@code err} saying so) when the budget ran
   * out before the runs finished.
   */
  int exitCode(int outcomeCode, PrintWriter err) {
    if (!expired.get()) {
      return outcomeCode;
    }
    err.println("error: the time budget of " + limit.toSeconds() + " s ran out; the partial"
        + " report was written; give more with --timeout SECONDS or use fewer steps/chains");
    err.flush();
    return ExitCode.TIMEOUT;
  }

  @Override
  public void close() {
    timer.cancel();
  }
}
