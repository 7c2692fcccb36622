package org.gaugebias.numeric.compile;

/**
 * A generated, fused Euler–Maruyama kernel (Itô) for one model and one diffusion form: the whole
 * step {@code θ ← θ − h ∇L(θ) + σ N(θ) z}, σ = √(2T h), z standard normal, for a block of chains.
 *
 * <p>Layout: structure of arrays. {@code x[i][c]} is coordinate i of chain c; the Gaussian
 * increments of step s, component j, chain c are at {@code z[s·q + j][c]} with q the noise
 * dimension (one row per step and component: a loop-invariant row keeps the loops vectorisable,
 * where a moving offset into one long array measured 5–8 times slower). Each step is a short sequence of loops over the chains, each loop writing one array,
 * so that the JIT can vectorise them. Implementations are stateless; the caller owns all buffers.
 */
public interface StepKernel {
  /**
   * Advances chains {@code 0..n−1} by {@code steps} steps in place in {@code x}.
   *
   * @param x state, d arrays of length ≥ n; holds the result on return
   * @param y scratch state of the same shape
   * @param z Gaussian increments, at least {@code steps·q} rows of length ≥ n
   * @param w scratch of length ≥ n
   * @param h time step
   * @param sigma noise amplitude √(2T h)
   */
  void advance(double[][] x, double[][] y, double[][] z, double[] w, int steps, int n, double h,
      double sigma);

  /** Evaluates the observation formulas for chain {@code c} into {@code out}. */
  void observe(double[][] x, int c, double[] out);
}
