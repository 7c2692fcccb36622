package org.gaugebias.numeric.sde;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.gaugebias.numeric.compile.CompiledKernel;
import org.gaugebias.numeric.ensemble.BlockParallel;
import org.gaugebias.numeric.ensemble.ChainStreams;
import org.gaugebias.numeric.ensemble.Divergence;

/**
 * Euler–Maruyama (strong order ½, weak order 1) for the Itô SDE
 * {@code dθ = −∇L(θ) dt + √(2T) N(θ) dW} over an ensemble of independent chains:
 * {@code θ_{n+1} = θ_n − h ∇L(θ_n) + √(2T h) N(θ_n) z_n}, z_n standard normal, N evaluated at the
 * start of the step (Itô).
 *
 * <p>Structure: the kernel is a {@link BlockedKernel}, one fused kernel per kind of independent
 * coordinate block (β = u⊙v: each (u_i, v_i) is the scalar u·v step with one Gaussian along its
 * orbit normal), applied block by block to the state rows of that block.
 *
 * <p>Random numbers: chains are cut into fixed blocks of {@value #BLOCK}; block b draws from
 * its own substream, the (b+1)-th {@code jump()} of one XoRoShiRo128++ generator seeded with the
 * recorded root seed ({@link ChainStreams}, 2⁶⁴ apart, never overlapping). Gaussians come from the
 * McFarland ziggurat ({@code ZigguratSampler.NormalizedGaussian}). Within a block: first the d
 * initial coordinates of each chain in chain order; then, per chunk of steps and per coordinate
 * block, the Gaussians row by row (step, component), each row for all chains of the block in
 * chain order (stopped chains included, so the order does not depend on divergence). Rows are
 * filled contiguously from one sampler: about 2.5 ns per Gaussian against 3.5–5 ns for one
 * stream per chain written column-wise.
 *
 * <p>Parallelism and determinism: blocks are the tasks of a fixed thread pool; each block
 * reduces its chains in chain order and the blocks are combined in block order. The result is
 * therefore bit-identical for a given seed whatever the number of threads. The pool is
 * {@link BlockParallel}.
 *
 * <p>Timing: {@link EnsembleResult#seconds} is the simulation phase alone; a short JIT warm-up
 * before it ({@link #warmUp}) is timed separately ({@link EnsembleResult#warmUpSeconds});
 * {@link EnsembleResult#cpuSeconds} is the CPU time of the blocks, the figure to set against the
 * floor on a loaded machine.
 *
 * <p>Divergence: after every chunk of at most {@value #CHUNK} steps each chain is checked; a
 * chain with a NaN coordinate or |θ_i| above the limit is stopped, counted, charged the steps
 * done so far, and its coordinates are set to 0. NaN and infinity propagate through a step, and
 * recording only happens at chunk ends, so no value of a diverged chain is ever recorded.
 */
public final class EulerMaruyama {
  /** Chains per task (fixed, so results do not depend on the thread count). */
  public static final int BLOCK = 256;
  /** Steps per kernel call (Gaussians buffered for this many steps). */
  public static final int CHUNK = 64;
  /** Chains of the JIT warm-up block ({@link #warmUp}). */
  static final int WARM_UP_CHAINS = 64;
  /** Kernel calls in the warm-up, over all coordinate blocks (C2 compiles after ~600). */
  static final int WARM_UP_CALLS = 1000;
  /** Runs with fewer chain-steps than this multiple of the warm-up's skip it. */
  static final int WARM_UP_MIN_RATIO = 10;

  private final BlockedKernel kernel;
  private final SimulationSettings settings;
  private final ObservationPlan plan;
  private final boolean warmUp;

  /** An unblocked kernel (one block holding every coordinate). */
  public EulerMaruyama(CompiledKernel kernel, SimulationSettings settings, ObservationPlan plan) {
    this(BlockedKernel.single(kernel), settings, plan);
  }

  public EulerMaruyama(BlockedKernel kernel, SimulationSettings settings, ObservationPlan plan) {
    this(kernel, settings, plan, true);
  }

  private EulerMaruyama(BlockedKernel kernel, SimulationSettings settings, ObservationPlan plan,
      boolean warmUp) {
    this.warmUp = warmUp;
    this.kernel = kernel;
    this.settings = settings;
    this.plan = plan;
    if (kernel.observationNames().isEmpty()) {
      throw new IllegalArgumentException("the kernel must observe at least the observable");
    }
  }

  /** The same run without the JIT warm-up (for the test that it changes no number). */
  EulerMaruyama withoutWarmUp() {
    return new EulerMaruyama(kernel, settings, plan, false);
  }

  public EnsembleResult run() {
    return run(ProgressListener.NONE, () -> false);
  }

  /**
   * Runs the ensemble.
   *
   * @param progress told after each finished block
   * @param cancelled polled between chunks; once true, unfinished blocks are dropped and the
   *     result is marked incomplete
   */
  public EnsembleResult run(ProgressListener progress, BooleanSupplier cancelled) {
    double warmUp = this.warmUp ? warmUp() : 0;
    int chains = settings.chains();
    UniformRandomProvider[] streams = ChainStreams.jumped(settings.seed(), 0,
        BlockParallel.blockCount(chains, BLOCK));
    long total = (long) chains * settings.steps();
    long start = System.nanoTime();
    List<Block> results = new BlockParallel("gaugebias-em-", "simulation", settings.threads())
        .run(chains, BLOCK, (first, n) -> new Block(first, n, streams[first / BLOCK]).run(cancelled),
            Block::chainSteps, done -> progress.progress(done, total));
    double seconds = (System.nanoTime() - start) * 1e-9;
    return combine(results, seconds, warmUp);
  }

  /**
   * Compiles the hot loops before the simulation phase is timed: one throw-away block of
   * {@value #WARM_UP_CHAINS} chains on this thread, with this run's kernel, settings and streams,
   * long enough that the kernels and the Gaussian fill are called about {@value #WARM_UP_CALLS}
   * times (HotSpot's C2 compiles a method after some hundreds of calls; the launcher makes
   * simulation threads wait for it). Without it a default {@code verify} of
   * a scalar design spent most of its 0.1–0.4 s simulation phase in interpreted and C1 code and
   * waiting for C2 (issue 9). Its results are discarded; it draws from its own copy of stream 0,
   * so the run's numbers do not change. Skipped for runs under
   * {@value #WARM_UP_MIN_RATIO} times its work, where it would not pay.
   *
   * @return the warm-up's wall time in seconds (0 when skipped)
   */
  private double warmUp() {
    int parts = kernel.parts().size();
    // records every 37 steps, trace points every 61 and chunks of 64: a call per 17 steps
    long steps = 17L * Math.max(16, (WARM_UP_CALLS + parts - 1) / parts);
    double work = (double) WARM_UP_CHAINS * steps;
    if ((double) settings.chains() * settings.steps() < WARM_UP_MIN_RATIO * work) {
      return 0;
    }
    long start = System.nanoTime();
    // records and trace points at short odd intervals: many short kernel calls, some of odd
    // length (an odd step count ends in the scratch state, a branch C2 must have seen)
    SimulationSettings s = new SimulationSettings(settings.noise(), settings.temperature(),
        settings.dt(), steps, steps / 3, 37, 61, WARM_UP_CHAINS, settings.seed(), 1,
        settings.initial(), settings.divergenceLimit());
    EulerMaruyama warm = new EulerMaruyama(kernel, s, plan, false);
    warm.new Block(0, WARM_UP_CHAINS, ChainStreams.jumped(s.seed(), 0, 1)[0]).run(() -> false);
    return (System.nanoTime() - start) * 1e-9;
  }

  /**
   * Standard error of each bin's fraction c_i/N of the in-window samples, from the spread between
   * blocks of chains (blocks are independent; samples within a chain are not):
   * {@code Var ≈ B/(B−1) Σ_b (c_ib − p_i n_b)² / N²}, the ratio-estimator variance.
   */
  private static double[] binStandardErrors(long[] hist, List<long[]> blockHists,
      List<EnsembleResult.WindowStats> window, long in) {
    double[] se = new double[hist.length];
    int blocks = blockHists.size();
    if (blocks < 2 || in == 0) {
      java.util.Arrays.fill(se, Double.NaN);
      return se;
    }
    for (int i = 0; i < hist.length; i++) {
      double p = hist[i] / (double) in;
      double ss = 0;
      for (int b = 0; b < blocks; b++) {
        double r = blockHists.get(b)[i] - p * window.get(b).count();
        ss += r * r;
      }
      se[i] = Math.sqrt(blocks / (blocks - 1.0) * ss) / in;
    }
    return se;
  }

  private EnsembleResult combine(List<Block> blocks, double seconds, double warmUp) {
    int nObs = kernel.observationNames().size();
    long[] hist = new long[plan.bins()];
    long in = 0;
    long out = 0;
    long excl = 0;
    long nonFinite = 0;
    int diverged = 0;
    long chainSteps = 0;
    long cpu = 0;
    boolean complete = true;
    List<EnsembleResult.WindowStats> window = new ArrayList<>();
    double[] sum = new double[nObs];
    double[] sumSq = new double[nObs];
    long[] count = new long[nObs];
    double[] sumChainMean = new double[nObs];
    double[] sumChainMeanSq = new double[nObs];
    long[] chainsWithSamples = new long[nObs];
    int points = tracePoints();
    double[][] traceSum = new double[points][nObs];
    long[][] traceCount = new long[points][nObs];
    long[] alive = new long[points];
    List<Double> finals = new ArrayList<>();
    List<long[]> blockHists = new ArrayList<>();
    for (Block b : blocks) {
      if (b == null) {
        complete = false;
        continue;
      }
      for (int i = 0; i < hist.length; i++) {
        hist[i] += b.hist[i];
      }
      blockHists.add(b.hist);
      in += b.inWindow;
      out += b.outside;
      excl += b.excluded;
      nonFinite += b.nonFinite;
      diverged += b.diverged();
      chainSteps += b.chainSteps();
      cpu = cpu < 0 || b.cpuNanos < 0 ? -1 : cpu + b.cpuNanos;
      window.add(new EnsembleResult.WindowStats(b.inWindow, b.sumLogAbs));
      for (int o = 0; o < nObs; o++) {
        sum[o] += b.sum[o];
        sumSq[o] += b.sumSq[o];
        count[o] += b.count[o];
        sumChainMean[o] += b.sumChainMean[o];
        sumChainMeanSq[o] += b.sumChainMeanSq[o];
        chainsWithSamples[o] += b.chainsWithSamples[o];
      }
      for (int p = 0; p < points; p++) {
        alive[p] += b.alive[p];
        for (int o = 0; o < nObs; o++) {
          traceSum[p][o] += b.traceSum[p][o];
          traceCount[p][o] += b.traceCount[p][o];
        }
      }
      for (double v : b.finals) {
        if (!Double.isNaN(v)) {
          finals.add(v);
        }
      }
    }
    List<EnsembleResult.ObservationSummary> summaries = new ArrayList<>();
    for (int o = 0; o < nObs; o++) {
      double mean = count[o] == 0 ? Double.NaN : sum[o] / count[o];
      double var = count[o] < 2 ? Double.NaN
          : Math.max(0, (sumSq[o] - count[o] * mean * mean) / (count[o] - 1));
      long m = chainsWithSamples[o];
      double cm = m == 0 ? Double.NaN : sumChainMean[o] / m;
      double cvar = m < 2 ? Double.NaN
          : Math.max(0, (sumChainMeanSq[o] - m * cm * cm) / (m - 1));
      summaries.add(new EnsembleResult.ObservationSummary(kernel.observationNames().get(o),
          count[o], mean, var, Math.sqrt(cvar / m)));
    }
    double[] times = new double[points];
    double[][] means = new double[points][nObs];
    for (int p = 0; p < points; p++) {
      times[p] = p * settings.traceInterval() * settings.dt();
      for (int o = 0; o < nObs; o++) {
        means[p][o] = traceCount[p][o] == 0 ? Double.NaN : traceSum[p][o] / traceCount[p][o];
      }
    }
    double[] fs = new double[finals.size()];
    for (int i = 0; i < fs.length; i++) {
      fs[i] = finals.get(i);
    }
    return new EnsembleResult(settings, plan, kernel.observationNames(), hist,
        binStandardErrors(hist, blockHists, window, in), in, out, excl, nonFinite, window,
        summaries, new EnsembleResult.MomentTrace(times, means, alive), fs,
        diverged, chainSteps, seconds, warmUp, cpu < 0 ? Double.NaN : cpu * 1e-9, complete);
  }

  /** CPU time of the current thread, or −1 where the JVM does not measure it. */
  private static long cpuNanos() {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    return mx.isCurrentThreadCpuTimeSupported() ? mx.getCurrentThreadCpuTime() : -1;
  }

  private int tracePoints() {
    return (int) (settings.steps() / settings.traceInterval()) + 1;
  }

  /** One block of chains, run by one thread; all buffers private to it. */
  private final class Block {
    private final int n;
    private final int d = kernel.dimension();
    private final int nObs = kernel.observationNames().size();
    private final ZigguratSampler.NormalizedGaussian gauss;
    /** State, coordinate-major: {@code x[j][c]} is coordinate j of chain c. */
    private final double[][] x;
    /** Per coordinate block: its rows of x (views, no copies) and a scratch copy of its size. */
    private final double[][][] rows;
    private final double[][][] scratch;
    private final double[][] z;
    private final double[] w;
    private final boolean[] dead;
    private final double[] obs;
    private long step;
    private int diverged;
    private long chainSteps;
    // results
    /** CPU time of the thread that ran the block (−1 where the platform does not measure it). */
    long cpuNanos;
    final long[] hist = new long[plan.bins()];
    long inWindow;
    long outside;
    long excluded;
    long nonFinite;
    double sumLogAbs;
    final double[] sum;
    final double[] sumSq;
    final long[] count;
    final double[] sumChainMean;
    final double[] sumChainMeanSq;
    final long[] chainsWithSamples;
    final double[][] chainSum;
    final long[][] chainCount;
    final double[][] traceSum;
    final long[][] traceCount;
    final long[] alive;
    final double[] finals;

    Block(int first, int n, UniformRandomProvider stream) {
      this.n = n;
      gauss = ZigguratSampler.NormalizedGaussian.of(stream);
      x = new double[d][n];
      List<BlockedKernel.Part> parts = kernel.parts();
      rows = new double[parts.size()][][];
      scratch = new double[parts.size()][][];
      int maxQ = 0;
      for (int p = 0; p < parts.size(); p++) {
        int[] coords = parts.get(p).coordinates();
        rows[p] = new double[coords.length][];
        for (int m = 0; m < coords.length; m++) {
          rows[p][m] = x[coords[m]];
        }
        // blocks of one size share their scratch rows (only one block is advanced at a time)
        double[][] shared = null;
        for (int o = 0; o < p && shared == null; o++) {
          shared = scratch[o].length == coords.length ? scratch[o] : null;
        }
        scratch[p] = shared != null ? shared : new double[coords.length][n];
        maxQ = Math.max(maxQ, parts.get(p).noiseDimension());
      }
      z = new double[CHUNK * maxQ][n];
      w = new double[n];
      dead = new boolean[n];
      obs = new double[nObs];
      sum = new double[nObs];
      sumSq = new double[nObs];
      count = new long[nObs];
      sumChainMean = new double[nObs];
      sumChainMeanSq = new double[nObs];
      chainsWithSamples = new long[nObs];
      chainSum = new double[nObs][n];
      chainCount = new long[nObs][n];
      int points = tracePoints();
      traceSum = new double[points][nObs];
      traceCount = new long[points][nObs];
      alive = new long[points];
      finals = new double[n * plan.finalSamplesPerChain()];
      java.util.Arrays.fill(finals, Double.NaN);
    }

    int diverged() {
      return diverged;
    }

    long chainSteps() {
      return chainSteps;
    }

    Block run(BooleanSupplier cancelled) {
      long cpu0 = cpuNanos();
      InitialCondition init = settings.initial();
      for (int c = 0; c < n; c++) {
        for (int j = 0; j < d; j++) {
          double v = init.centre() + init.spread() * gauss.sample();
          x[j][c] = init.absolute() ? Math.abs(v) : v;
        }
      }
      double h = settings.dt();
      double sigma = settings.noise() == NoiseModel.GRADIENT_DESCENT ? 0
          : Math.sqrt(2 * settings.temperature() * h);
      long steps = settings.steps();
      long records = settings.recordsPerChain();
      long firstFinal = records - plan.finalSamplesPerChain() + 1;
      long nextTrace = 0;
      long nextRecord = settings.burnInSteps() + settings.thinning();
      int record = 0;
      int tracePoint = 0;
      trace(tracePoint++);
      nextTrace += settings.traceInterval();
      while (step < steps) {
        long next = Math.min(steps, Math.min(nextTrace, nextRecord));
        if (!advanceTo(next, h, sigma, cancelled)) {
          return null;
        }
        if (step == nextTrace) {
          trace(tracePoint++);
          nextTrace += settings.traceInterval();
        }
        if (step == nextRecord) {
          record++;
          record(record >= firstFinal ? (int) (record - firstFinal) : -1);
          nextRecord += settings.thinning();
        }
      }
      for (int c = 0; c < n; c++) {
        if (!dead[c]) {
          chainSteps += steps;
        }
      }
      finishChains();
      cpuNanos = cpuNanos() - cpu0;
      return this;
    }

    /**
     * Advances all chains to step {@code next} in chunks: per coordinate block its Gaussians,
     * then its kernel; then the divergence check and a cancellation poll.
     *
     * @return false if cancelled (the block is then dropped)
     */
    private boolean advanceTo(long next, double h, double sigma, BooleanSupplier cancelled) {
      List<BlockedKernel.Part> parts = kernel.parts();
      while (step < next) {
        int len = (int) Math.min(CHUNK, next - step);
        for (int p = 0; p < parts.size(); p++) {
          BlockedKernel.Part part = parts.get(p);
          fillGaussians(len * part.noiseDimension());
          part.kernel().kernel().advance(rows[p], scratch[p], z, w, len, n, h, sigma);
        }
        step += len;
        checkDivergence(step);
        if (cancelled.getAsBoolean()) {
          return false;
        }
      }
      return true;
    }

    private void fillGaussians(int count) {
      ZigguratSampler.NormalizedGaussian g = gauss;
      for (int i = 0; i < count; i++) {
        double[] row = z[i];
        for (int c = 0; c < n; c++) {
          row[c] = g.sample();
        }
      }
    }

    private void checkDivergence(long t) {
      int stopped = Divergence.stopDiverged(x, dead, n, settings.divergenceLimit());
      diverged += stopped;
      chainSteps += t * stopped;
    }

    private void trace(int point) {
      for (int c = 0; c < n; c++) {
        if (dead[c]) {
          continue;
        }
        alive[point]++;
        kernel.observer().observe(x, c, obs);
        for (int o = 0; o < nObs; o++) {
          if (Double.isFinite(obs[o])) {
            traceSum[point][o] += obs[o];
            traceCount[point][o]++;
          }
        }
      }
    }

    private void record(int finalSlot) {
      double lo = plan.lo();
      double hi = plan.hi();
      double width = plan.binWidth();
      for (int c = 0; c < n; c++) {
        if (dead[c]) {
          continue;
        }
        kernel.observer().observe(x, c, obs);
        double v = obs[0];
        if (!Double.isFinite(v)) {
          nonFinite++;
        } else if (Math.abs(v) < plan.exclusionRadius()) {
          excluded++;
        } else if (v >= lo && v < hi) {
          int bin = Math.min(plan.bins() - 1, (int) ((v - lo) / width));
          hist[bin]++;
          inWindow++;
          sumLogAbs += Math.log(Math.abs(v));
          if (finalSlot >= 0) {
            finals[c * plan.finalSamplesPerChain() + finalSlot] = v;
          }
        } else {
          outside++;
        }
        for (int o = 0; o < nObs; o++) {
          double u = obs[o];
          if (Double.isFinite(u)) {
            sum[o] += u;
            sumSq[o] += u * u;
            count[o]++;
            chainSum[o][c] += u;
            chainCount[o][c]++;
          }
        }
      }
    }

    /** Per-chain means enter the error estimate (dead chains keep what they recorded). */
    private void finishChains() {
      for (int o = 0; o < nObs; o++) {
        for (int c = 0; c < n; c++) {
          if (chainCount[o][c] > 0) {
            double m = chainSum[o][c] / chainCount[o][c];
            sumChainMean[o] += m;
            sumChainMeanSq[o] += m * m;
            chainsWithSamples[o]++;
          }
        }
      }
    }
  }
}
