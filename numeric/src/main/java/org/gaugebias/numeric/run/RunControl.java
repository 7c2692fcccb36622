package org.gaugebias.numeric.run;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.gaugebias.numeric.sde.ProgressListener;

/**
 * Cancellation for a command-line run, in one place: a JVM shutdown hook (Ctrl-C) sets the cancel
 * flag and waits until the run has written its partial report ({@link #close()}), for at most
 * two minutes.
 *
 * <p>Use: {@code try (RunControl c = RunControl.install("verify", progress)) { r =
 * run.execute(c.context()); write(r); }}. Before the hook is installed the plotting stack is
 * initialised once, so rendering the partial report during shutdown registers no new hooks.
 */
public final class RunControl implements AutoCloseable {
  private final AtomicBoolean cancel = new AtomicBoolean();
  private final CountDownLatch finished = new CountDownLatch(1);
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
