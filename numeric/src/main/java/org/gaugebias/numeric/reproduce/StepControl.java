package org.gaugebias.numeric.reproduce;

import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;

/**
 * How a model's step loop reports progress and learns that it must stop: it calls
 * {@link #advance(long)} after every chunk of steps and stops when that returns false.
 */
final class StepControl {
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
