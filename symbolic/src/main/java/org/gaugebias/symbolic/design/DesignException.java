package org.gaugebias.symbolic.design;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A design file has problems. It carries all of them at once, ordered by position, so that a
 * user fixes a file in one round instead of one error per run. The message is the list of
 * {@code file:line:col: error: message} lines, ready to print without a stack trace.
 */
public final class DesignException extends org.gaugebias.symbolic.failure.GaugebiasException {
  private static final long serialVersionUID = 1L;

  private final transient List<DesignError> errors;

  public DesignException(List<DesignError> errors) {
    super(errors.stream().map(DesignError::toString).collect(Collectors.joining("\n")));
    if (errors.isEmpty()) {
      throw new IllegalArgumentException("a DesignException needs at least one error");
    }
    this.errors = List.copyOf(errors);
  }

  /**
   * An unreadable file is an I/O failure (4), a file over the size cap a resource limit (17);
   * anything else about the text is malformed (3).
   */
  @Override
  public org.gaugebias.symbolic.failure.FailureKind failure() {
    if (errors.stream().anyMatch(e -> e.kind() == DesignError.Kind.TOO_LARGE)) {
      return org.gaugebias.symbolic.failure.FailureKind.RESOURCES;
    }
    return errors.stream().allMatch(e -> e.kind() == DesignError.Kind.IO)
        ? org.gaugebias.symbolic.failure.FailureKind.IO
        : org.gaugebias.symbolic.failure.FailureKind.DESIGN_FILE;
  }

  /** The first problem's position. */
  @Override
  public String position() {
    return errors.get(0).pos().toString();
  }

  /** The problems, in file order. */
  public List<DesignError> errors() {
    return errors;
  }
}
