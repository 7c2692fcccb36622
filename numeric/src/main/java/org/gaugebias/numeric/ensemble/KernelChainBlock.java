package org.gaugebias.numeric.ensemble;

import java.util.function.BooleanSupplier;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.gaugebias.numeric.compile.CompiledKernel;
import org.gaugebias.numeric.compile.StepKernel;

/**
 * A block of chains advanced together by a compiled Euler–Maruyama {@link StepKernel}, in chunks
 * of at most {@code chunk} steps, with divergence checks between chunks. Subclasses set the
 * initial state in {@link #x}, decide when to stop and record, and read the state there.
 *
 * <p>Why a base class: the order in which Gaussians are drawn (chain by chain, all of a chunk's
 * increments of one chain before the next chain; none for stopped chains), the divergence rule
 * and the chain-step accounting determine the bit-exact results of a kernel-driven runner; the
 * matrix-factor runner keeps them here. The SDE runner ({@code sde.EulerMaruyama}) has its own
 * block since issue 9: one kernel per independent coordinate block and one Gaussian substream per
 * block of chains, filled row by row (docs/verifier.md); its divergence rule is the same.
 *
 * <p>Divergence: after every chunk each live chain is checked; a chain with a NaN coordinate or
 * |θ_i| above the limit is stopped, counted, charged the steps done so far, and its coordinates
 * are set to 0 (so a stopped chain stays finite in the kernel). All buffers are private to the
 * block, which is run by one thread.
 */
public abstract class KernelChainBlock {
  /** Index of the block's first chain in the ensemble. */
  protected final int first;
  /** Chains in the block. */
  protected final int n;
  /** Parameter dimension. */
  protected final int d;
  /** Noise dimension. */
  protected final int q;
  /** The step kernel. */
  protected final StepKernel k;
  /** State, coordinate-major: {@code x[j][c]} is coordinate j of chain c. */
  protected final double[][] x;
  /** Whether each chain has been stopped for divergence. */
  protected final boolean[] dead;
  /** Steps done by the live chains of the block. */
  protected long step;
  private final ZigguratSampler.NormalizedGaussian[] gauss;
  private final double[][] y;
  private final double[][] z;
  private final double[] w;
  private final int chunk;
  private final double divergenceLimit;
  private int diverged;
  private long chainSteps;

  /**
   * @param kernel the compiled kernel
   * @param chunk steps per kernel call (Gaussians are buffered for this many steps)
   * @param divergenceLimit bound on |θ_i| above which a chain is stopped
   * @param first index of the first chain
   * @param n number of chains
   * @param gauss the ensemble's per-chain Gaussian samplers (indexed by chain)
   */
  protected KernelChainBlock(CompiledKernel kernel, int chunk, double divergenceLimit, int first,
      int n, ZigguratSampler.NormalizedGaussian[] gauss) {
    this.first = first;
    this.n = n;
    this.gauss = gauss;
    this.chunk = chunk;
    this.divergenceLimit = divergenceLimit;
    d = kernel.dimension();
    q = kernel.noiseDimension();
    k = kernel.kernel();
    x = new double[d][n];
    y = new double[d][n];
    z = new double[chunk * q][n];
    w = new double[n];
    dead = new boolean[n];
  }

  /** The Gaussian sampler of chain {@code c} of this block. */
  protected final ZigguratSampler.NormalizedGaussian gaussian(int c) {
    return gauss[first + c];
  }

  /** Chains in the block. */
  public final int chains() {
    return n;
  }

  /** Chains stopped for divergence. */
  public final int diverged() {
    return diverged;
  }

  /** Chain-steps simulated (after {@link #finishSteps(long)}). */
  public final long chainSteps() {
    return chainSteps;
  }

  /**
   * Advances all chains from {@link #step} to {@code next} in chunks: Gaussians, kernel call,
   * divergence check, then a cancellation poll after each chunk.
   *
   * @return false if cancelled (the block must then be dropped)
   */
  protected final boolean advanceTo(long next, double h, double sigma,
      BooleanSupplier cancelled) {
    while (step < next) {
      int len = (int) Math.min(chunk, next - step);
      fillGaussians(len);
      k.advance(x, y, z, w, len, n, h, sigma);
      step += len;
      checkDivergence(step);
      if (cancelled.getAsBoolean()) {
        return false;
      }
    }
    return true;
  }

  /** Charges every chain still alive at the end with the full {@code steps}. */
  protected final void finishSteps(long steps) {
    for (int c = 0; c < n; c++) {
      if (!dead[c]) {
        chainSteps += steps;
      }
    }
  }

  private void fillGaussians(int len) {
    if (q == 0) {
      return;
    }
    for (int c = 0; c < n; c++) {
      if (dead[c]) {
        continue;
      }
      ZigguratSampler.NormalizedGaussian g = gauss[first + c];
      for (int i = 0; i < len * q; i++) {
        z[i][c] = g.sample();
      }
    }
  }

  private void checkDivergence(long t) {
    int stopped = Divergence.stopDiverged(x, dead, n, divergenceLimit);
    diverged += stopped;
    chainSteps += t * stopped;
  }
}
