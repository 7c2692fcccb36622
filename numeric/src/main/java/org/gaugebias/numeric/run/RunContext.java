package org.gaugebias.numeric.run;

import java.util.function.BooleanSupplier;
import org.gaugebias.numeric.sde.ProgressListener;

/**
 * What a run receives from its caller besides its settings: where to report progress and how to
 * learn that it should stop. A cancelled run returns the part it finished (outcome INCOMPLETE).
 *
 * @param progress told the work done so far (thread-safe)
 * @param cancelled polled between blocks of work
 */
public record RunContext(ProgressListener progress, BooleanSupplier cancelled) {
  /** No progress, never cancelled (tests, library use). */
  public static final RunContext QUIET = new RunContext(ProgressListener.NONE, () -> false);

  public RunContext {
    if (progress == null || cancelled == null) {
      throw new IllegalArgumentException("progress and cancelled must not be null");
    }
  }
}
