package org.gaugebias.numeric.run;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.gaugebias.numeric.sde.ProgressListener;

/**
 * Cancellation for a command-line run, in one place: a JVM shutdown hook (Ctrl-C) sets the cancel
 * flag and waits until the run has written its partial report ({@link #close()}), for at most
 * two minutes, then ends the process with the command's exit code ({@link #exitWith(int)}).
 *
 * <p>Use: {@code try (RunControl c = RunControl.install("verify", progress)) { r =
 * run.execute(c.context()); write(r); }}. Before the hook is installed the plotting stack is
 * initialised once, so rendering the partial report during shutdown registers no new hooks.
 */
public final class RunControl implements AutoCloseable {
  private final AtomicBoolean cancel = new AtomicBoolean();
  private final CountDownLatch finished = new CountDownLatch(1);
  private final java.util.concurrent.atomic.AtomicInteger exitCode =
      new java.util.concurrent.atomic.AtomicInteger(-1);
  private final Thread hook;
  private final RunContext context;

  private RunControl(String name, ProgressListener progress) {
    Plots.warmUp();
    this.hook = new Thread(() -> {
      cancel.set(true);
      try {
        finished.await(120, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      int code = exitCode.get();
      if (code >= 0) {
        // the JVM is shutting down on a signal: without halt its status would be 128 + signal,
        // not the command's (e.g. 8 INCOMPLETE); System.exit would block during shutdown
        System.out.flush();
        System.err.flush();
        Runtime.getRuntime().halt(code);
      }
    }, "gaugebias-" + name + "-interrupt");
    this.context = new RunContext(progress, cancel::get);
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /** Installs the Ctrl-C hook; {@code progress} receives the runs' progress. */
  public static RunControl install(String name, ProgressListener progress) {
    return new RunControl(name, progress);
  }

  /** The context to hand to the runs. */
  public RunContext context() {
    return context;
  }

  /** Whether Ctrl-C (or {@link #cancel()}) asked the runs to stop. */
  public boolean cancelled() {
    return cancel.get();
  }

  /** Asks the runs to stop (tests; the hook does the same). */
  public void cancel() {
    cancel.set(true);
  }

  /**
   * Records the command's exit code (used when Ctrl-C interrupted the run, so the process ends
   * with it instead of the signal's status) and returns it.
   */
  public int exitWith(int code) {
    exitCode.set(code);
    return code;
  }

  /** Releases the hook: the reports are written. */
  @Override
  public void close() {
    finished.countDown();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // Ctrl-C: the hook is running and has just been released
    }
  }
}
