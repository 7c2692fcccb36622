package org.gaugebias.symbolic.failure;

/**
 * A failure that is none of the engine's own (design file, derivation, CAS, inverse design):
 * a file that cannot be read or written, a budget of time or memory that ran out, a refused
 * command-line value.
 */
public final class Failure extends GaugebiasException {
  private static final long serialVersionUID = 1L;

  private final FailureKind kind;
  private final String position;

  public Failure(FailureKind kind, String position, String message) {
    super(message);
    this.kind = kind;
    this.position = position == null ? "" : position;
  }

  public Failure(FailureKind kind, String position, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
    this.position = position == null ? "" : position;
  }

  /** The time budget ran out. */
  public static Failure timeout(String position, String message) {
    return new Failure(FailureKind.TIMEOUT, position, message);
  }

  /** The run would exceed the memory available. */
  public static Failure resources(String position, String message) {
    return new Failure(FailureKind.RESOURCES, position, message);
  }

  /** A file could not be read or written; {@code file} is named as the position. */
  public static Failure io(String file, String message, Throwable cause) {
    return new Failure(FailureKind.IO, file, message, cause);
  }

  @Override
  public FailureKind failure() {
    return kind;
  }

  @Override
  public String position() {
    return position;
  }
}
