package org.gaugebias.symbolic.print;

import org.gaugebias.symbolic.trace.Derivation;

/**
 * Renders a derivation in one output format. Implementations are immutable and deterministic, so
 * their output can serve as golden files and be diffed between runs.
 */
public interface DerivationPrinter {

  /** The complete rendering of {@code d}, ending with a newline. */
  String print(Derivation d);

  /** The format this printer writes. */
  Format format();
}
