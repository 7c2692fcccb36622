package org.gaugebias.symbolic.cas;

/** The computer-algebra system could not do what was asked (parse error, timeout, no answer). */
public final class CasException extends org.gaugebias.symbolic.failure.GaugebiasException {
  /** Why a CAS call failed. */
  public enum Kind { SYNTAX, TIMEOUT, UNEVALUATED, UNSUPPORTED, INTERNAL }

  private final Kind kind;

  public CasException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public CasException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }

  /** A time-out is the budget's (5); anything else the CAS says is unexpected here (70). */
  @Override
  public org.gaugebias.symbolic.failure.FailureKind failure() {
    return kind == Kind.TIMEOUT ? org.gaugebias.symbolic.failure.FailureKind.TIMEOUT
        : org.gaugebias.symbolic.failure.FailureKind.INTERNAL;
  }

  @Override
  public String position() {
    return "";
  }
}
