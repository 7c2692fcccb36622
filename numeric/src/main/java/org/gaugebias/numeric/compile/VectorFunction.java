package org.gaugebias.numeric.compile;

/**
 * Several compiled formulas of the same variables evaluated together (one generated method,
 * common inputs read once). Stateless; may be shared between threads.
 */
@FunctionalInterface
public interface VectorFunction {
  /** Writes the {@code out.length} values at {@code x} into {@code out}. */
  void value(double[] x, double[] out);
}
