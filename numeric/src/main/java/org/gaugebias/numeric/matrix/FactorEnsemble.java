package org.gaugebias.numeric.matrix;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.gaugebias.numeric.compile.CompiledKernel;
import org.gaugebias.numeric.compile.FusedKernelGenerator;
import org.gaugebias.numeric.ensemble.BlockParallel;
import org.gaugebias.numeric.ensemble.ChainStreams;
import org.gaugebias.numeric.ensemble.KernelChainBlock;
import org.gaugebias.numeric.sde.ProgressListener;
import org.gaugebias.symbolic.expr.Expr;

/**
 * Projected-noise Euler–Maruyama (Itô) of the factors θ = (F, G) of {@code W = F Gᵀ}:
 * {@code θ ← θ − h ∇L(θ) + √(2T h) P⊥(θ) z}, P⊥ = I − Ξ(ΞᵀΞ)⁻¹Ξᵀ from the engine's generator
 * fields, with the fused kernel of {@link FusedKernelGenerator} ({@code ORBIT_PROJECTOR} for
 * the 8 parameters and 4 generators of 2×2 GL(2)), observing W and the balance FᵀF − GᵀG.
 *
 * <p>Initial state: each chain draws W₀ from the Gaussian base e^{−L/T} (its own stream) until
 * W₀ is in the comparison region with σ_min ≥ 2δ, and starts at the balanced representative
 * θ̃(W₀) (on the slice the projected dynamics relax to, THEORY.md §5; starting there saves the
 * slow balance relaxation, time ~ σ/T).
 *
 * <p>Recorded every {@code thinning} steps after the burn-in: the {@link SingularValues}
 * functions of W, accumulated per chain when W is in the comparison region (otherwise only the
 * zone is counted). The estimate of each expectation is the ratio Σ_c S_c / Σ_c N_c over chains;
 * its covariance comes from the spread of the per-chain residuals {@code S_c − μ N_c} (chains are
 * independent, so this is valid whatever the correlation within a chain).
 *
 * <p>Random numbers, parallelism, divergence: as {@link org.gaugebias.numeric.sde.EulerMaruyama}
 * (chain i uses the i-th {@code jump()} of one XoRoShiRo128++ stream from the seed, ziggurat
 * Gaussians, fixed blocks of {@value #BLOCK} chains combined in chain order: bit-identical
 * whatever the thread count; NaN or |θ_i| above the limit stops a chain, checked every
 * {@value #CHUNK} steps, before anything is recorded).
 */
public final class FactorEnsemble {
  static final int BLOCK = 256;
  static final int CHUNK = 64;
  private static final int MAX_INITIAL_TRIES = 100_000;

  private final FactorModel model;
  private final GaussianBase base;
  private final MatrixVariantSettings settings;
  private final CompiledKernel kernel;
  private final int observedW;

  public FactorEnsemble(FactorModel model, GaussianBase base, MatrixVariantSettings settings) {
    this.model = model;
    this.base = base;
    this.settings = settings;
    MatrixDynamics dyn = model.dynamics();
    List<String> names = new ArrayList<>(dyn.predictorSymbols());
    names.addAll(dyn.balanceNames());
    List<Expr> obs = new ArrayList<>(dyn.predictor());
    obs.addAll(dyn.balance());
    this.observedW = dyn.predictor().size();
    this.kernel = FusedKernelGenerator.compile(dyn.parameters(), dyn.gradient(),
        dyn.generators(), names, obs, Map.of(dyn.temperature(), settings.temperature()),
        FusedKernelGenerator.projectedForm(dyn.parameters().size(), dyn.generators().size()));
  }

  /** The compiled kernel (its diffusion form and generated source). */
  public CompiledKernel kernel() {
    return kernel;
  }

  /**
   * Streamed results of a run.
   *
   * @param expectations conditional expectations in the comparison region
   * @param recorded recorded samples of alive chains (all zones)
   * @param excluded recorded samples with σ_min &lt; δ
   * @param otherSector recorded samples with det W ≤ 0 (square W) outside the exclusion zone
   * @param nonFinite recorded samples with a non-finite W
   * @param balanceRms root-mean-square of the balance entries over recorded samples
   * @param balanceMean mean of each balance condition over recorded samples (its drift off the
   *     balanced slice the chains start on)
   * @param divergedChains chains stopped for divergence
   * @param chainSteps chain-steps simulated
   * @param seconds wall time
   * @param complete false if cancelled (only finished blocks included)
   */
  public record Result(Expectations expectations, long recorded, long excluded,
      long otherSector, long nonFinite, double balanceRms, double[] balanceMean,
      int divergedChains, long chainSteps, double seconds, boolean complete) {
    public Result {
      balanceMean = balanceMean.clone();
    }

    @Override
    public double[] balanceMean() {
      return balanceMean.clone();
    }

    public double excludedMass() {
      return recorded == 0 ? 0 : excluded / (double) recorded;
    }

    public double otherSectorMass() {
      return recorded == 0 ? 0 : otherSector / (double) recorded;
    }

    public double throughput() {
      return chainSteps / seconds;
    }
  }

  public Result run() {
    return run(ProgressListener.NONE, () -> false);
  }

  public Result run(ProgressListener progress, BooleanSupplier cancelled) {
    int chains = settings.chains();
    ZigguratSampler.NormalizedGaussian[] gauss = ChainStreams.gaussians(settings.seed(), chains);
    long total = (long) chains * settings.steps();
    long start = System.nanoTime();
    List<Block> results = new BlockParallel("gaugebias-matrix-", "simulation", settings.threads())
        .run(chains, BLOCK, (first, n) -> new Block(first, n, gauss).run(cancelled),
            Block::chainSteps, done -> progress.progress(done, total));
    return combine(results, (System.nanoTime() - start) * 1e-9);
  }

  private Result combine(List<Block> blocks, double seconds) {
    int k = SingularValues.NAMES.size();
    List<double[]> sums = new ArrayList<>();
    List<Long> counts = new ArrayList<>();
    long recorded = 0;
    long excluded = 0;
    long other = 0;
    long nonFinite = 0;
    double balanceSq = 0;
    long balanceN = 0;
    double[] balanceSum = new double[model.dynamics().balance().size()];
    int diverged = 0;
    long chainSteps = 0;
    boolean complete = true;
    for (Block b : blocks) {
      if (b == null) {
        complete = false;
        continue;
      }
      for (int c = 0; c < b.chains(); c++) {
        sums.add(b.chainSum[c]);
        counts.add(b.chainCount[c]);
      }
      recorded += b.recorded;
      excluded += b.excluded;
      other += b.other;
      nonFinite += b.nonFinite;
      balanceSq += b.balanceSq;
      balanceN += b.balanceN;
      for (int a = 0; a < balanceSum.length; a++) {
        balanceSum[a] += b.balanceSum[a];
      }
      diverged += b.diverged();
      chainSteps += b.chainSteps();
    }
    double[] total = new double[k];
    long n = 0;
    int m = 0;
    for (int c = 0; c < sums.size(); c++) {
      if (counts.get(c) == 0) {
        continue;
      }
      m++;
      n += counts.get(c);
      for (int a = 0; a < k; a++) {
        total[a] += sums.get(c)[a];
      }
    }
    double[] mean = new double[k];
    for (int a = 0; a < k; a++) {
      mean[a] = n == 0 ? Double.NaN : total[a] / n;
    }
    double[][] cov = new double[k][k];
    for (int c = 0; c < sums.size(); c++) {
      long nc = counts.get(c);
      if (nc == 0) {
        continue;
      }
      double[] s = sums.get(c);
      for (int a = 0; a < k; a++) {
        double ra = s[a] - mean[a] * nc;
        for (int b = 0; b < k; b++) {
          cov[a][b] += ra * (s[b] - mean[b] * nc);
        }
      }
    }
    double scale = m < 2 ? Double.NaN : m / (m - 1.0) / ((double) n * n);
    for (int a = 0; a < k; a++) {
      for (int b = 0; b < k; b++) {
        cov[a][b] *= scale;
      }
    }
    return new Result(new Expectations(SingularValues.NAMES, mean, cov, n, m), recorded,
        excluded, other, nonFinite, balanceN == 0 ? Double.NaN : Math.sqrt(balanceSq / balanceN),
        mean(balanceSum, recorded), diverged, chainSteps, seconds, complete);
  }

  private static double[] mean(double[] sums, long n) {
    double[] out = new double[sums.length];
    for (int a = 0; a < sums.length; a++) {
      out[a] = n == 0 ? Double.NaN : sums[a] / n;
    }
    return out;
  }

  /** One block of chains, run by one thread; all buffers private to it. */
  private final class Block extends KernelChainBlock {
    private final double[] obs;
    final double[][] chainSum;
    final long[] chainCount;
    long recorded;
    long excluded;
    long other;
    long nonFinite;
    double balanceSq;
    long balanceN;
    final double[] balanceSum = new double[model.dynamics().balance().size()];

    Block(int first, int n, ZigguratSampler.NormalizedGaussian[] gauss) {
      super(kernel, CHUNK, settings.divergenceLimit(), first, n, gauss);
      obs = new double[kernel.observationNames().size()];
      chainSum = new double[n][SingularValues.NAMES.size()];
      chainCount = new long[n];
    }

    Block run(BooleanSupplier cancelled) {
      for (int c = 0; c < n; c++) {
        double[] theta = model.representative(initialW(gaussian(c)));
        for (int j = 0; j < d; j++) {
          x[j][c] = theta[j];
        }
      }
      double h = settings.dt();
      double sigma = Math.sqrt(2 * settings.temperature() * h);
      long steps = settings.steps();
      long nextRecord = settings.burnInSteps() + settings.thinning();
      while (step < steps) {
        long next = Math.min(steps, nextRecord);
        if (!advanceTo(next, h, sigma, cancelled)) {
          return null;
        }
        if (step == nextRecord) {
          record();
          nextRecord += settings.thinning();
        }
      }
      finishSteps(steps);
      return this;
    }

    private double[][] initialW(ZigguratSampler.NormalizedGaussian g) {
      for (int i = 0; i < MAX_INITIAL_TRIES; i++) {
        double[][] w0 = base.sample(g);
        double[] s = SingularValues.of(w0);
        if (SingularValues.zone(w0, s, 2 * settings.exclusion())
            == SingularValues.Zone.COMPARED) {
          return w0;
        }
      }
      throw new IllegalStateException("no initial W in the comparison region after "
          + MAX_INITIAL_TRIES + " draws from e^(-L/T): lower the exclusion radius");
    }

    private void record() {
      int rows = model.rows();
      int cols = model.columns();
      double[][] wm = new double[rows][cols];
      for (int c = 0; c < n; c++) {
        if (dead[c]) {
          continue;
        }
        k.observe(x, c, obs);
        recorded++;
        for (int i = 0; i < rows; i++) {
          for (int j = 0; j < cols; j++) {
            wm[i][j] = obs[i * cols + j];
          }
        }
        for (int b = observedW; b < obs.length; b++) {
          balanceSq += obs[b] * obs[b];
          balanceSum[b - observedW] += obs[b];
          balanceN++;
        }
        boolean finite = true;
        for (int i = 0; i < observedW; i++) {
          finite &= Double.isFinite(obs[i]);
        }
        if (!finite) {
          nonFinite++;
          continue;
        }
        double[] s = SingularValues.of(wm);
        switch (SingularValues.zone(wm, s, settings.exclusion())) {
          case EXCLUDED:
            excluded++;
            break;
          case OTHER_SECTOR:
            other++;
            break;
          case NON_FINITE:
            nonFinite++;
            break;
          default:
            double[] f = SingularValues.functions(s);
            for (int a = 0; a < f.length; a++) {
              chainSum[c][a] += f[a];
            }
            chainCount[c]++;
        }
      }
    }
  }
}
