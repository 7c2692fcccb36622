package org.gaugebias.cli;

import org.gaugebias.symbolic.derive.DerivationException;
import org.gaugebias.symbolic.failure.FailureKind;

/**
 * The exit codes of {@code gaugebias}, by name. The numbers are declared once, per kind, in
 * {@link FailureKind} (README "Exit codes" lists them); these constants are shorthands.
 */
public final class ExitCode {
  public static final int OK = 0;
  /** Some designs of the catalogue failed (each reported). */
  public static final int PARTIAL = FailureKind.PARTIAL.exitCode();
  /** Command-line usage error (picocli's own code). */
  public static final int USAGE = FailureKind.USAGE.exitCode();
  /** The design file is malformed (file:line:col errors). */
  public static final int DESIGN_FILE = FailureKind.DESIGN_FILE.exitCode();
  /** A file could not be read or written. */
  public static final int IO = FailureKind.IO.exitCode();
  /** The time budget ran out (a CAS call, or the --timeout of a design/command). */
  public static final int TIMEOUT = FailureKind.TIMEOUT.exitCode();
  /** {@code verify}: the simulation does not follow the predicted law (verdict FAIL). */
  public static final int VERIFY_FAILED = FailureKind.VERIFY_FAILED.exitCode();
  /** {@code verify}: too many chains diverged, the step size is too large (verdict UNSTABLE). */
  public static final int VERIFY_UNSTABLE = FailureKind.VERIFY_UNSTABLE.exitCode();
  /** {@code verify}: interrupted; a partial report was written (verdict INCOMPLETE). */
  public static final int VERIFY_INCOMPLETE = FailureKind.VERIFY_INCOMPLETE.exitCode();
  /** {@code verify}: nothing to test (verdict NO_PREDICTION, e.g. gradient descent). */
  public static final int VERIFY_NO_PREDICTION = FailureKind.VERIFY_NO_PREDICTION.exitCode();
  /** The run would exceed the memory available. */
  public static final int RESOURCES = FailureKind.RESOURCES.exitCode();
  /**
   * Inverse design: 20 target not a function of the predictor, 21 no family reaches it, 22 the
   * answer failed its proof.
   */
  public static final int INVERSE = FailureKind.TARGET_NOT_A_FUNCTION.exitCode();
  /** Unexpected internal failure (a bug: rerun with --verbose and report it). */
  public static final int INTERNAL = FailureKind.INTERNAL.exitCode();

  private ExitCode() {
  }

  /** The exit code of a derivation failure kind (declared per kind, not by order). */
  public static int of(DerivationException.Kind kind) {
    return DerivationException.failureOf(kind).exitCode();
  }
}
