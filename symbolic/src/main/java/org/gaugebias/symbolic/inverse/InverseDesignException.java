package org.gaugebias.symbolic.inverse;

/** A target that no family reaches, or whose answer fails its proof; says which and why. */
public final class InverseDesignException extends RuntimeException {
  /** What went wrong. */
  public enum Kind { NOT_A_FUNCTION, UNREACHABLE, PROOF_FAILED }

  private final Kind kind;

  public InverseDesignException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
