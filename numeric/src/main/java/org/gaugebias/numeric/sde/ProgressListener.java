package org.gaugebias.numeric.sde;

/** Receives progress from worker threads (must be thread-safe). */
@FunctionalInterface
public interface ProgressListener {
  ProgressListener NONE = (done, total) -> { };

  /** {@code done} of {@code total} chain-steps are finished. */
  void progress(long done, long total);
}
