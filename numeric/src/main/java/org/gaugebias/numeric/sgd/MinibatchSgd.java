package org.gaugebias.numeric.sgd;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.apache.commons.rng.LongJumpableUniformRandomProvider;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.gaugebias.numeric.compile.ExprCompiler;
import org.gaugebias.numeric.compile.ScalarFunction;
import org.gaugebias.numeric.compile.VectorFunction;
import org.gaugebias.numeric.ensemble.BlockParallel;
import org.gaugebias.numeric.ensemble.ChainStreams;
import org.gaugebias.numeric.sde.InitialCondition;
import org.gaugebias.numeric.sde.ProgressListener;
import org.gaugebias.symbolic.dynamics.Dynamics;
import org.gaugebias.symbolic.dynamics.SgdProblem;
import org.gaugebias.symbolic.expr.Expr;

/**
 * Plain discrete minibatch SGD {@code θ ← θ − (η/B) Σ_{i∈batch} ∇ℓ(θ; x_i, y_i)} over an
 * ensemble of independent chains, and the test of THEORY.md §5's law of balance: for a gauge
 * function χ, to first order in η (time t = step·η, T = η/B),
 *
 * <pre>  d/dt E[χ] = E[ −∇χ·∇L + (T/2) tr(∇²χ Σ(θ)) ]</pre>
 *
 * where Σ is the per-sample gradient covariance; for a moment map of β = u·v this is
 * {@code d/dt(u² − v²) = −T Var[g](u² − v²)}. The run records, per χ, the mean signed balance
 * {@code m(t) = E[sign(χ(θ₀)) χ(θ_t)]} (signed, so that chains started on either side of the slice
 * add up) and the predicted drift of the same quantity, whose covariance term is estimated at
 * each measurement from {@code probes} fresh samples (unbiased, centred estimator). The observed
 * mean decay rate {@code −ln(m(t_end)/m(0))/t_end} is compared with the predicted one,
 * {@code −(1/t_end)∫ p/m dt} (trapezoid rule over the measurements).
 *
 * <p>Random numbers and determinism as in the Euler–Maruyama runner: chain i draws its initial
 * point and its minibatches from the i-th jump of one XoRoShiRo128++ stream; its probes come from
 * the i-th jump after one long jump (so probing never changes a trajectory); a fixed training
 * set is drawn once after two long jumps. Blocks of {@value #BLOCK} chains reduce in order, so
 * results are bit-identical whatever the thread count ({@link ChainStreams},
 * {@link BlockParallel}).
 */
public final class MinibatchSgd {
  /** Chains per task. */
  public static final int BLOCK = 256;
  private static final int CHECK_EVERY = 64;

  private final SgdModel model;
  private final SgdSettings settings;
  private final int d;
  private final int nIn;
  private final int nMaps;
  private final VectorFunction grad;
  private final ScalarFunction teacher;
  private final VectorFunction maps;
  private final ScalarFunction observable;
  private final double[][] trainingSet;

  public MinibatchSgd(SgdModel model, SgdSettings settings) {
    this.model = model;
    this.settings = settings;
    SgdProblem p = model.problem();
    d = model.dimension();
    nIn = p.inputs().size();
    nMaps = model.momentMaps().size();
    List<String> vars = new ArrayList<>(model.parameters());
    vars.addAll(p.inputs());
    vars.add(p.label());
    grad = ExprCompiler.vector(p.perSampleGradient(), vars, Map.of());
    teacher = ExprCompiler.scalar(p.teacher(), vars);
    List<Expr> mapExprs = new ArrayList<>();
    for (Dynamics.MomentMap m : model.momentMaps()) {
      mapExprs.add(m.value());
      mapExprs.addAll(m.gradient());
      for (List<Expr> row : m.hessian()) {
        mapExprs.addAll(row);
      }
    }
    maps = mapExprs.isEmpty() ? (x, out) -> { } : ExprCompiler.vector(mapExprs,
        model.parameters(), Map.of());
    observable = ExprCompiler.scalar(model.observable(), model.parameters());
    trainingSet = p.samples() > 0 ? drawTrainingSet() : null;
  }

  /** The data set of a design with {@code samples: N}: N rows (inputs…, label). */
  private double[][] drawTrainingSet() {
    LongJumpableUniformRandomProvider root = ChainStreams.root(settings.seed(), 2);
    ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(root);
    int n = model.problem().samples();
    double[][] rows = new double[n][];
    double[] vars = new double[d + nIn + 1];
    for (int i = 0; i < n; i++) {
      fresh(g, vars);
      rows[i] = java.util.Arrays.copyOfRange(vars, d, d + nIn + 1);
    }
    return rows;
  }

  /**
   * One fresh sample into {@code vars = (θ…, inputs…, label)}: inputs ~ N(mean, sd²), label =
   * teacher(inputs) + noise·N(0, 1). Leaves θ untouched.
   */
  private void fresh(ZigguratSampler.NormalizedGaussian g, double[] vars) {
    SgdProblem p = model.problem();
    for (int j = 0; j < nIn; j++) {
      vars[d + j] = p.inputMean() + p.inputSd() * g.sample();
    }
    vars[d + nIn] = teacher.value(vars) + p.labelNoise() * g.sample();
  }

  public SgdReport run() {
    return run(ProgressListener.NONE, () -> false);
  }

  /**
   * Runs the ensemble and tests the balance law.
   *
   * @param progress told after each finished block (chain-steps done, total)
   * @param cancelled polled every few steps; once true, unfinished blocks are dropped and the
   *     report is marked INCOMPLETE
   */
  public SgdReport run(ProgressListener progress, BooleanSupplier cancelled) {
    int chains = settings.chains();
    UniformRandomProvider[] streams = ChainStreams.jumped(settings.seed(), 0, chains);
    UniformRandomProvider[] probeStreams = ChainStreams.jumped(settings.seed(), 1, chains);
    long total = (long) chains * settings.steps();
    long start = System.nanoTime();
    List<Block> results = new BlockParallel("gaugebias-sgd-", "SGD run", settings.threads())
        .run(chains, BLOCK,
            (first, n) -> new Block(first, n, streams, probeStreams).run(cancelled),
            b -> b.chainSteps, done -> progress.progress(done, total));
    return SgdReport.analyse(model, settings, results.stream()
        .map(b -> b == null ? null : b.sums()).toList(), points(),
        (System.nanoTime() - start) * 1e-9);
  }

  /** Measurement times: every trace interval from 0, and the last step. */
  long[] points() {
    List<Long> ts = new ArrayList<>();
    for (long t = 0; t < settings.steps(); t += settings.traceInterval()) {
      ts.add(t);
    }
    ts.add(settings.steps());
    return ts.stream().mapToLong(Long::longValue).toArray();
  }

  /** Sums of one block of chains at each measurement (for the report and the jackknife). */
  record BlockSums(int chains, int diverged, long chainSteps, long[] alive, double[][] balance,
      double[][] drift, double[] observable, double[] observableSq, double[] initialAbs) { }

  /** One block of chains run by one thread; all buffers private to it. */
  private final class Block {
    private final int first;
    private final int n;
    private final UniformRandomProvider[] streams;
    private final UniformRandomProvider[] probeStreams;
    private final long[] points = points();
    private final long[] alive = new long[points.length];
    private final double[][] balance = new double[points.length][nMaps];
    private final double[][] drift = new double[points.length][nMaps];
    private final double[] obs = new double[points.length];
    private final double[] obsSq = new double[points.length];
    private final double[] initialAbs = new double[nMaps];
    private int diverged;
    long chainSteps;

    Block(int first, int n, UniformRandomProvider[] streams,
        UniformRandomProvider[] probeStreams) {
      this.first = first;
      this.n = n;
      this.streams = streams;
      this.probeStreams = probeStreams;
    }

    BlockSums sums() {
      return new BlockSums(n, diverged, chainSteps, alive, balance, drift, obs, obsSq,
          initialAbs);
    }

    Block run(BooleanSupplier cancelled) {
      SgdProblem p = model.problem();
      int mapSize = 1 + d + d * d;
      double[] theta = new double[d];
      double[] vars = new double[d + nIn + 1];
      double[] g = new double[d];
      double[] acc = new double[d];
      double[] m = new double[Math.max(1, nMaps * mapSize)];
      double[] sign = new double[nMaps];
      double[][] probe = new double[settings.probes()][d];
      double[] mean = new double[d];
      double step = settings.learningRate() / p.batch();
      double temperature = settings.temperature();
      double limit = settings.divergenceLimit();
      for (int c = 0; c < n; c++) {
        UniformRandomProvider rng = streams[first + c];
        ZigguratSampler.NormalizedGaussian gauss = ZigguratSampler.NormalizedGaussian.of(rng);
        ZigguratSampler.NormalizedGaussian probeGauss =
            ZigguratSampler.NormalizedGaussian.of(probeStreams[first + c]);
        InitialCondition init = settings.initial();
        for (int j = 0; j < d; j++) {
          double v = init.centre() + init.spread() * gauss.sample();
          theta[j] = init.absolute() ? Math.abs(v) : v;
        }
        maps.value(theta, m);
        for (int k = 0; k < nMaps; k++) {
          sign[k] = Math.signum(m[k * mapSize]);
          initialAbs[k] += Math.abs(m[k * mapSize]);
        }
        int point = 0;
        boolean dead = false;
        for (long t = 0; t <= settings.steps(); t++) {
          if (point < points.length && points[point] == t) {
            measure(point++, theta, vars, m, sign, probe, mean, probeGauss, probeStreams[first + c],
                temperature, mapSize);
          }
          if (t == settings.steps()) {
            break;
          }
          java.util.Arrays.fill(acc, 0.0);
          for (int b = 0; b < p.batch(); b++) {
            sample(vars, gauss, rng);
            System.arraycopy(theta, 0, vars, 0, d);
            grad.value(vars, g);
            for (int j = 0; j < d; j++) {
              acc[j] += g[j];
            }
          }
          boolean ok = true;
          for (int j = 0; j < d; j++) {
            theta[j] -= step * acc[j];
            ok &= Math.abs(theta[j]) <= limit;
          }
          if (!ok) {
            dead = true;
            diverged++;
            chainSteps += t + 1;
            break;
          }
          if ((t & (CHECK_EVERY - 1)) == 0 && cancelled.getAsBoolean()) {
            return null;
          }
        }
        if (!dead) {
          chainSteps += settings.steps();
        }
      }
      return this;
    }

    /** Inputs and label of one sample into vars[d…]: fresh (online) or from the training set. */
    private void sample(double[] vars, ZigguratSampler.NormalizedGaussian gauss,
        UniformRandomProvider rng) {
      if (trainingSet == null) {
        fresh(gauss, vars);
      } else {
        System.arraycopy(trainingSet[rng.nextInt(trainingSet.length)], 0, vars, d, nIn + 1);
      }
    }

    private void measure(int point, double[] theta, double[] vars, double[] m, double[] sign,
        double[][] probe, double[] mean, ZigguratSampler.NormalizedGaussian probeGauss,
        UniformRandomProvider probeRng, double temperature, int mapSize) {
      alive[point]++;
      double o = observable.value(theta);
      obs[point] += o;
      obsSq[point] += o * o;
      if (nMaps == 0) {
        return;
      }
      maps.value(theta, m);
      int q = probe.length;
      java.util.Arrays.fill(mean, 0.0);
      for (int i = 0; i < q; i++) {
        sample(vars, probeGauss, probeRng);
        System.arraycopy(theta, 0, vars, 0, d);
        grad.value(vars, probe[i]);
        for (int j = 0; j < d; j++) {
          mean[j] += probe[i][j] / q;
        }
      }
      for (int k = 0; k < nMaps; k++) {
        int base = k * mapSize;
        double gradDotMean = 0;
        for (int j = 0; j < d; j++) {
          gradDotMean += m[base + 1 + j] * mean[j];
        }
        double quad = 0;
        for (int i = 0; i < q; i++) {
          for (int a = 0; a < d; a++) {
            double da = probe[i][a] - mean[a];
            double row = 0;
            for (int b = 0; b < d; b++) {
              row += m[base + 1 + d + a * d + b] * (probe[i][b] - mean[b]);
            }
            quad += da * row;
          }
        }
        quad /= q - 1;
        balance[point][k] += sign[k] * m[base];
        drift[point][k] += sign[k] * (-gradDotMean + 0.5 * temperature * quad);
      }
    }
  }
}
