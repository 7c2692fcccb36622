package org.gaugebias.symbolic.derive;

/**
 * A derivation that cannot go on: the design is wrong (a generator that is not a symmetry, a
 * gauge that is not admissible) or the mathematics fails (a singular Gram matrix). It names the
 * step, the place in the design file when known, and why.
 */
public final class DerivationException extends RuntimeException {
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

  /** {@code file:line:col} of the offending declaration, or empty. */
  public String origin() {
    return origin;
  }
}
