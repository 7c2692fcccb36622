package org.gaugebias.numeric.matrix;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.commons.rng.LongJumpableUniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.SingularValueDecomposition;

/**
 * Expectations of the {@link SingularValues} functions under each {@link Candidate} law, by
 * self-normalised importance sampling: W drawn from the Gaussian e^{−L/T} ({@link GaussianBase},
 * exact for a quadratic loss), weighted by {@code det M_v(θ̃(W))^{−1/2}} with the Gram matrix of
 * the candidate evaluated numerically at the balanced representative ({@link FactorModel}). All
 * candidates share the same draws.
 *
 * <p>Estimates are conditional on the comparison region ({@link SingularValues#zone}). Standard
 * errors by the delta method, {@code Var μ̂_f ≈ Σ w_i²(f_i − μ̂_f)² / (Σ w_i)²}; the Kish
 * effective sample size {@code (Σw)²/Σw²} is reported. (Without the exclusion zone the weight
 * σ_min^{−1/2} would have an infinite second moment near σ_min = 0.)
 *
 * <p>Random numbers: the root XoRoShiRo128++ stream of the seed after one {@code longJump()},
 * then block b (of {@value #BLOCK} draws) uses the stream after b jumps: disjoint from the
 * simulation's chains, identical whatever the thread count.
 */
public final class ImportanceSampler {
  static final int BLOCK = 16_384;

  private ImportanceSampler() {
  }

  /** The estimates per candidate, with the masses of the zones. */
  public record Result(Map<Candidate, Expectations> expectations,
      Map<Candidate, double[]> zoneMasses, long draws, double maxQuotientOrbitSpread,
      double seconds) {
    public Result {
      expectations = java.util.Collections.unmodifiableMap(new EnumMap<>(expectations));
      Map<Candidate, double[]> z = new EnumMap<>(Candidate.class);
      zoneMasses.forEach((k, v) -> z.put(k, v.clone()));
      zoneMasses = java.util.Collections.unmodifiableMap(z);
    }
  }

  public static Result run(FactorModel model, GaussianBase base, MatrixVariantSettings s) {
    long start = System.nanoTime();
    int n = s.importanceSamples();
    int blocks = (n + BLOCK - 1) / BLOCK;
    LongJumpableUniformRandomProvider root =
        (LongJumpableUniformRandomProvider) RandomSource.XO_RO_SHI_RO_128_PP.create(s.seed());
    root.longJump(); // returns the state before the jump (the chains' streams); root moves 2^96 on
    List<ZigguratSampler.NormalizedGaussian> streams = new ArrayList<>();
    for (int b = 0; b < blocks; b++) {
      streams.add(ZigguratSampler.NormalizedGaussian.of(root.jump()));
    }
    ExecutorService pool = Executors.newFixedThreadPool(s.threads(), r -> {
      Thread t = new Thread(r, "gaugebias-is");
      t.setDaemon(true);
      return t;
    });
    List<Future<Block>> futures = new ArrayList<>();
    try {
      for (int b = 0; b < blocks; b++) {
        int count = Math.min(BLOCK, n - b * BLOCK);
        ZigguratSampler.NormalizedGaussian g = streams.get(b);
        futures.add(pool.submit(() -> new Block(model, base, s.exclusion()).run(g, count)));
      }
      Block total = new Block(model, base, s.exclusion());
      for (Future<Block> f : futures) {
        total.add(f.get());
      }
      return total.result(n, (System.nanoTime() - start) * 1e-9);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("importance sampling interrupted", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("importance sampling failed: " + e.getCause(),
          e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  /** Weighted sums of one block of draws, per candidate. */
  private static final class Block {
    private static final Candidate[] CANDIDATES = Candidate.values();
    private static final int K = SingularValues.NAMES.size();
    private final FactorModel model;
    private final GaussianBase base;
    private final double delta;
    final double[] sw = new double[CANDIDATES.length];
    final double[] sw2 = new double[CANDIDATES.length];
    final double[][] swf = new double[CANDIDATES.length][K];
    final double[][] sw2f = new double[CANDIDATES.length][K];
    final double[][][] sw2ff = new double[CANDIDATES.length][K][K];
    /** Σw over all draws, and over the excluded zone / the other sector, per candidate. */
    final double[] swAll = new double[CANDIDATES.length];
    final double[] swExcluded = new double[CANDIDATES.length];
    final double[] swOther = new double[CANDIDATES.length];
    long compared;
    double spread;
    double firstDiff = Double.NaN;

    Block(FactorModel model, GaussianBase base, double delta) {
      this.model = model;
      this.base = base;
      this.delta = delta;
    }

    Block run(ZigguratSampler.NormalizedGaussian g, int count) {
      double[] logDet = new double[CANDIDATES.length];
      for (int i = 0; i < count; i++) {
        double[][] w = base.sample(g);
        SingularValueDecomposition svd = new SingularValueDecomposition(
            new Array2DRowRealMatrix(w, false));
        double[] sigma = svd.getSingularValues();
        SingularValues.Zone zone = SingularValues.zone(w, sigma, delta);
        FactorModel.LogDets l = model.logDets(model.representative(svd));
        boolean finite = true;
        for (Candidate c : CANDIDATES) {
          logDet[c.ordinal()] = c.logDet(l);
          finite &= Double.isFinite(logDet[c.ordinal()]);
        }
        if (!finite) {
          continue; // only possible at a rank-deficient W (inside the exclusion zone)
        }
        double[] f = SingularValues.functions(sigma);
        if (zone == SingularValues.Zone.COMPARED) {
          compared++;
          double diff = l.predictorGram() - l.generatorGram();
          if (Double.isNaN(firstDiff)) {
            firstDiff = diff;
          }
          spread = Math.max(spread, Math.abs(diff - firstDiff));
        }
        for (Candidate c : CANDIDATES) {
          int v = c.ordinal();
          double wt = Math.exp(-0.5 * logDet[v]);
          swAll[v] += wt;
          if (zone == SingularValues.Zone.EXCLUDED) {
            swExcluded[v] += wt;
          } else if (zone == SingularValues.Zone.OTHER_SECTOR) {
            swOther[v] += wt;
          } else if (zone == SingularValues.Zone.COMPARED) {
            sw[v] += wt;
            sw2[v] += wt * wt;
            for (int a = 0; a < K; a++) {
              swf[v][a] += wt * f[a];
              sw2f[v][a] += wt * wt * f[a];
              for (int b = 0; b < K; b++) {
                sw2ff[v][a][b] += wt * wt * f[a] * f[b];
              }
            }
          }
        }
      }
      return this;
    }

    void add(Block o) {
      for (int v = 0; v < CANDIDATES.length; v++) {
        sw[v] += o.sw[v];
        sw2[v] += o.sw2[v];
        swAll[v] += o.swAll[v];
        swExcluded[v] += o.swExcluded[v];
        swOther[v] += o.swOther[v];
        for (int a = 0; a < K; a++) {
          swf[v][a] += o.swf[v][a];
          sw2f[v][a] += o.sw2f[v][a];
          for (int b = 0; b < K; b++) {
            sw2ff[v][a][b] += o.sw2ff[v][a][b];
          }
        }
      }
      compared += o.compared;
      if (!Double.isNaN(o.firstDiff)) {
        if (Double.isNaN(firstDiff)) {
          firstDiff = o.firstDiff;
        }
        spread = Math.max(spread, Math.max(o.spread, Math.abs(o.firstDiff - firstDiff)));
      }
    }

    Result result(long draws, double seconds) {
      Map<Candidate, Expectations> out = new EnumMap<>(Candidate.class);
      Map<Candidate, double[]> zones = new EnumMap<>(Candidate.class);
      for (Candidate c : CANDIDATES) {
        int v = c.ordinal();
        double[] mu = new double[K];
        for (int a = 0; a < K; a++) {
          mu[a] = swf[v][a] / sw[v];
        }
        double[][] cov = new double[K][K];
        for (int a = 0; a < K; a++) {
          for (int b = 0; b < K; b++) {
            double s2 = sw2ff[v][a][b] - mu[b] * sw2f[v][a] - mu[a] * sw2f[v][b]
                + mu[a] * mu[b] * sw2[v];
            cov[a][b] = s2 / (sw[v] * sw[v]);
          }
        }
        out.put(c, new Expectations(SingularValues.NAMES, mu, cov, compared,
            sw[v] * sw[v] / sw2[v]));
        zones.put(c, new double[] {swExcluded[v] / swAll[v], swOther[v] / swAll[v]});
      }
      return new Result(out, zones, draws, spread, seconds);
    }
  }
}
