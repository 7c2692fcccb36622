package org.gaugebias.symbolic.inverse;

/** A target that no family reaches, or whose answer fails its proof; says which and why. */
public final class InverseDesignException
    extends org.gaugebias.symbolic.failure.GaugebiasException {
  /** What went wrong. */
  public enum Kind { NOT_A_FUNCTION, UNREACHABLE, PROOF_FAILED }

  private final Kind kind;

  public InverseDesignException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public InverseDesignException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }

  @Override
  public org.gaugebias.symbolic.failure.FailureKind failure() {
    return switch (kind) {
      case NOT_A_FUNCTION -> org.gaugebias.symbolic.failure.FailureKind.TARGET_NOT_A_FUNCTION;
      case UNREACHABLE -> org.gaugebias.symbolic.failure.FailureKind.NO_FAMILY;
      case PROOF_FAILED -> org.gaugebias.symbolic.failure.FailureKind.PROOF_FAILED;
    };
  }

  /** The target is given on the command line: no file position. */
  @Override
  public String position() {
    return "";
  }
}
