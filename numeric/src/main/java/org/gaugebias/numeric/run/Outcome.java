package org.gaugebias.numeric.run;

import java.util.Locale;

/**
 * The typed outcome of a run, shared by every runner (verification, matrix variants, minibatch
 * SGD, reproduction). Commands map each constant to an exit code explicitly (never by ordinal).
 */
public enum Outcome {
  /** The prediction (or the published value) is reproduced. */
  PASS,
  /** The run finished and the prediction (or the published value) is not reproduced. */
  FAIL,
  /** Too many chains diverged: the step size is too large for stability. */
  UNSTABLE,
  /** Cancelled (Ctrl-C): the report covers what was finished. */
  INCOMPLETE,
  /** Nothing to compare with (e.g. gradient descent has no stationary law). */
  NO_PREDICTION;

  /** The outcome named by a report's verdict string ("PASS", "FAIL", …). */
  public static Outcome of(String verdict) {
    try {
      return valueOf(verdict.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not an outcome: '" + verdict + "'", e);
    }
  }
}
