package org.gaugebias.numeric.reproduce;

import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;

/**
 * How a model's step loop reports progress and learns that it must stop: it calls
 * {@link #advance(long)} after every chunk of steps and stops when that returns false.
 * {@link #loop} is that loop, shared by the experiments' arms.
 */
final class StepControl {
  /**
   * Where a step loop ended.
   *
   * @param done steps done
   * @param diverged whether it stopped because the state diverged
   */
  record Ending(long done, boolean diverged) { }

  /**
   * Runs {@code steps} steps in chunks of {@value #CHUNK}: after each step whose number (1, 2, …)
   * is a multiple of {@code max(1, steps / tracePoints)} the trace is told that number; after each
   * chunk the state is checked for divergence (stop, diverged) and progress is reported (stop when
   * cancelled). The order of these calls is what the arms' seeded results depend on.
   *
   * @param step one step of the arm
   * @param trace records a trace point after the given step number
   * @param diverged whether the state has diverged
   */
  Ending loop(long steps, int tracePoints, Runnable step, LongConsumer trace,
      BooleanSupplier diverged) {
    long every = Math.max(1, steps / tracePoints);
    long done = 0;
    while (done < steps) {
      long n = Math.min(CHUNK, steps - done);
      for (long s = 0; s < n; s++) {
        step.run();
        if ((done + s + 1) % every == 0) {
          trace.accept(done + s + 1);
        }
      }
      done += n;
      if (diverged.getAsBoolean()) {
        return new Ending(done, true);
      }
      if (!advance(n)) {
        break;
      }
    }
    return new Ending(done, false);
  }

  /** Steps between two progress reports / cancellation checks. */
  static final int CHUNK = 500;

  private final LongConsumer progress;
  private final BooleanSupplier cancelled;

  StepControl(LongConsumer progress, BooleanSupplier cancelled) {
    this.progress = progress;
    this.cancelled = cancelled;
  }

  static StepControl quiet() {
    return new StepControl(n -> { }, () -> false);
  }

  /** Reports {@code steps} more steps; false when the run must stop. */
  boolean advance(long steps) {
    progress.accept(steps);
    return !cancelled.getAsBoolean();
  }

  /** Whether any of {@code v} is non-finite or larger than {@code limit} in magnitude. */
  static boolean diverged(double[] v, double limit) {
    for (double x : v) {
      if (!(Math.abs(x) <= limit)) {
        return true;
      }
    }
    return false;
  }
}
