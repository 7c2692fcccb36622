package org.gaugebias.numeric.compile;

/**
 * A formula that cannot be turned into Java: an unknown function head, a free symbol that is
 * neither a variable nor a constant, a list where a scalar is needed, or a janino failure.
 */
public final class CompilationException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** What went wrong, so that tests and callers can branch without parsing the message. */
  public enum Kind {
    UNKNOWN_HEAD, FREE_SYMBOL, NOT_SCALAR, WRONG_ARITY, NON_FINITE_CONSTANT, JANINO
  }

  private final Kind kind;

  public CompilationException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public CompilationException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
