package org.gaugebias.symbolic.cas;

/** The computer-algebra system could not do what was asked (parse error, timeout, no answer). */
public final class CasException extends RuntimeException {
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
}
