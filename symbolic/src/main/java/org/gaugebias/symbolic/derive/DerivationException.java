package org.gaugebias.symbolic.derive;

/**
 * A derivation that cannot go on: the design is wrong (a generator that is not a symmetry, a
 * gauge that is not admissible) or the mathematics fails (a singular Gram matrix). It names the
 * step, the place in the design file when known, and why.
 */
public final class DerivationException extends org.gaugebias.symbolic.failure.GaugebiasException {
  /** What went wrong; each kind has its own exit code in the CLI. */
  public enum Kind {
    NOT_INVARIANT, GAUGE_MISSING, INADMISSIBLE_GAUGE, SINGULAR_GRAM, NO_REPRESENTATIVE,
    NO_SYMMETRY, INVALID_DESIGN
  }

  private final Kind kind;
  private final String origin;

  public DerivationException(Kind kind, String origin, String message) {
    super(message);
    this.kind = kind;
    this.origin = origin == null ? "" : origin;
  }

  public Kind kind() {
    return kind;
  }

  /** Each kind's exit code (by its {@link org.gaugebias.symbolic.failure.FailureKind}). */
  @Override
  public org.gaugebias.symbolic.failure.FailureKind failure() {
    return failureOf(kind);
  }

  /** The failure kind, hence the exit code, of each derivation kind, spelled out. */
  public static org.gaugebias.symbolic.failure.FailureKind failureOf(Kind kind) {
    return switch (kind) {
      case NOT_INVARIANT -> org.gaugebias.symbolic.failure.FailureKind.NOT_INVARIANT;
      case GAUGE_MISSING -> org.gaugebias.symbolic.failure.FailureKind.GAUGE_MISSING;
      case INADMISSIBLE_GAUGE -> org.gaugebias.symbolic.failure.FailureKind.INADMISSIBLE_GAUGE;
      case SINGULAR_GRAM -> org.gaugebias.symbolic.failure.FailureKind.SINGULAR_GRAM;
      case NO_REPRESENTATIVE -> org.gaugebias.symbolic.failure.FailureKind.NO_REPRESENTATIVE;
      case NO_SYMMETRY -> org.gaugebias.symbolic.failure.FailureKind.NO_SYMMETRY;
      case INVALID_DESIGN -> org.gaugebias.symbolic.failure.FailureKind.INVALID_DESIGN;
    };
  }

  @Override
  public String position() {
    return origin;
  }

  /** {@code file:line:col} of the offending declaration, or empty. */
  public String origin() {
    return origin;
  }
}
