package org.gaugebias.symbolic.design;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A design file has problems. It carries all of them at once, ordered by position, so that a
 * user fixes a file in one round instead of one error per run. The message is the list of
 * {@code file:line:col: error: message} lines, ready to print without a stack trace.
 */
public final class DesignException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient List<DesignError> errors;

  public DesignException(List<DesignError> errors) {
    super(errors.stream().map(DesignError::toString).collect(Collectors.joining("\n")));
    if (errors.isEmpty()) {
      throw new IllegalArgumentException("a DesignException needs at least one error");
    }
    this.errors = List.copyOf(errors);
  }

  /** The problems, in file order. */
  public List<DesignError> errors() {
    return errors;
  }
}
