package org.gaugebias.symbolic.derive.matrix;

import org.gaugebias.symbolic.failure.FailureKind;
import org.gaugebias.symbolic.failure.GaugebiasException;

/**
 * A matrix design the matrix route cannot derive: a gauge off the balanced slice, a Gram
 * matrix singular where the action should be free. Exit code 13 (a singular Gram) or 14 (no
 * representative), README "Exit codes".
 */
public final class MatrixRouteException extends GaugebiasException {
  private final String origin;
  private final FailureKind kind;

  MatrixRouteException(String origin, String message) {
    this(origin, message, FailureKind.NO_REPRESENTATIVE);
  }

  MatrixRouteException(String origin, String message, FailureKind kind) {
    super(message);
    this.origin = origin == null ? "" : origin;
    this.kind = kind;
  }

  @Override
  public FailureKind failure() {
    return kind;
  }

  @Override
  public String position() {
    return origin;
  }
}
