package org.gaugebias.cli;

import org.gaugebias.symbolic.derive.DerivationException;

/** The exit codes of {@code gaugebias}; each kind of failure has its own (README lists them). */
public final class ExitCode {
  public static final int OK = 0;
  /** Some designs of the catalogue failed (each reported). */
  public static final int PARTIAL = 1;
  /** Command-line usage error (picocli's own code). */
  public static final int USAGE = 2;
  /** The design file is malformed (file:line:col errors). */
  public static final int DESIGN_FILE = 3;
  /** A file could not be read or written. */
  public static final int IO = 4;
  /** The computer-algebra step ran out of time. */
  public static final int TIMEOUT = 5;
  /** {@code verify}: the simulation does not follow the predicted law (verdict FAIL). */
  public static final int VERIFY_FAILED = 6;
  /** {@code verify}: too many chains diverged, the step size is too large (verdict UNSTABLE). */
  public static final int VERIFY_UNSTABLE = 7;
  /** {@code verify}: interrupted; a partial report was written (verdict INCOMPLETE). */
  public static final int VERIFY_INCOMPLETE = 8;
  /** {@code verify}: nothing to test (verdict NO_PREDICTION, e.g. gradient descent). */
  public static final int VERIFY_NO_PREDICTION = 9;
  /**
   * Inverse design: 20 target not a function of the predictor, 21 no family reaches it, 22 the
   * answer failed its proof.
   */
  public static final int INVERSE = 20;
  /** Unexpected internal failure (a bug: rerun with --verbose and report it). */
  public static final int INTERNAL = 70;

  private ExitCode() {
  }

  /** 10 + the kind's ordinal: NOT_INVARIANT 10, GAUGE_MISSING 11, … (README table). */
  public static int of(DerivationException.Kind kind) {
    return 10 + kind.ordinal();
  }
}
