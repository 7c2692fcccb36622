package org.gaugebias.numeric.compile;

/**
 * Formulas of the whole state of one chain, evaluated at recording time (observable, predictor
 * components, moment maps). Layout as {@link StepKernel}: {@code x[i][c]} is coordinate i of
 * chain c. Stateless; may be shared between threads.
 */
@FunctionalInterface
public interface StateObserver {
  /** Writes the observed values of chain {@code c} into {@code out}. */
  void observe(double[][] x, int c, double[] out);
}
