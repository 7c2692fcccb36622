package org.gaugebias.numeric.bench;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.gaugebias.numeric.compile.StepKernel;
import org.gaugebias.numeric.ensemble.ChainStreams;
import org.gaugebias.numeric.model.ReferenceModels;
import org.gaugebias.numeric.model.SimulationModel;
import org.gaugebias.numeric.run.AnnotatedReport;
import org.gaugebias.numeric.sde.BlockedKernel;
import org.gaugebias.numeric.sde.EulerMaruyama;
import org.gaugebias.numeric.sde.NoiseModel;
import org.gaugebias.numeric.sde.ObservationPlan;
import org.gaugebias.numeric.sde.SimulationSettings;
import org.gaugebias.numeric.verify.Verifier;
import org.gaugebias.numeric.verify.VerificationSettings;
import org.gaugebias.numeric.verify.VerifyArms;

/**
 * The verifier's simulation phase on the hand-built β = u·v model (or u⊙v with n coordinates,
 * {@link ReferenceModels#hadamardUv}), projected noise, T = 0.1, dt = 1e-3, with the settings
 * {@code verify} uses (burn-in a third, ~20 samples per chain, default window), interleaved with
 * the NumPy reference {@code shared/bench/projected_noise_uv.py} at the same chains × steps
 * ({@link VerifyThroughput}); then the floor: nanoseconds per coordinate-step of the Gaussians
 * alone and of the fused kernel alone, one thread, CPU time. A benchmark, not a test. The same
 * measurement on designs derived by the engine is {@code gaugebias bench --verify}.
 *
 * <p>Usage: {@code ThroughputBench [--n N] [--chains N] [--steps N] [--threads N] [--repeats N]
 * [--reference PATH] [--no-reference]}
 */
public final class ThroughputBench {
  private ThroughputBench() {
  }

  public static void main(String[] args) throws Exception {
    int n = 1;
    int chains = 2_000;
    long steps = 40_000;
    int threads = Runtime.getRuntime().availableProcessors();
    int repeats = 3;
    String reference = null;
    boolean runReference = true;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--n":
          n = Integer.parseInt(args[++i]);
          break;
        case "--chains":
          chains = Integer.parseInt(args[++i]);
          break;
        case "--steps":
          steps = Long.parseLong(args[++i]);
          break;
        case "--threads":
          threads = Integer.parseInt(args[++i]);
          break;
        case "--repeats":
          repeats = Integer.parseInt(args[++i]);
          break;
        case "--reference":
          reference = args[++i];
          break;
        case "--no-reference":
          runReference = false;
          break;
        default:
          System.err.println("unknown option " + args[i]);
          System.exit(2);
      }
    }
    SimulationModel model = n == 1 ? ReferenceModels.uv() : ReferenceModels.hadamardUv(n);
    SimulationSettings sim = SimulationSettings.of(NoiseModel.PROJECTED, 0.1, 1e-3, steps,
        chains, 5L).withThreads(threads);
    double[] w = VerifyArms.defaultWindow(model, 0.1);
    VerificationSettings settings = VerificationSettings.of(sim,
        new ObservationPlan(w[0], w[1], 30, VerifyArms.exclusionRadius(w), 1));
    Path script = runReference ? VerifyThroughput.locateReference(reference) : null;
    PrintWriter out = new PrintWriter(System.out, true);
    out.printf(Locale.ROOT, "gaugebias ThroughputBench: %s, projected noise (%s), T = 0.1,"
        + " dt = 1e-3, %d chains x %d steps, %d threads, %s, load %.1f%n", model.name(),
        Verifier.compileKernel(model, sim).description(), chains, steps, threads,
        System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
        VerifyThroughput.load());
    VerifyThroughput.Result r = VerifyThroughput.measure("verify", n,
        () -> context -> new AnnotatedReport(Verifier.run(model, settings), java.util.List.of()),
        chains, steps, threads, script, repeats, out);
    print(r, out);
    printFloor(Verifier.compileKernel(model, sim), out);
  }

  /** The summary line of a measurement. */
  public static void print(VerifyThroughput.Result r, PrintWriter out) {
    out.printf(Locale.ROOT, "%s: median %.4g coordinate-steps/s = %.2f ns per coordinate-step"
        + " and thread (%d threads), CPU %.2f ns per coordinate-step; numpy median %.4g; ratio"
        + " (median of pairs) %.2f (%.2f counting the %.2f s JIT warm-up); load %.1f%n",
        r.label(), r.javaMedian(), r.nsPerCoordinateStep(), r.threads(), r.cpuNanosMedian(),
        r.numpyMedian(), r.ratio(), r.ratioWithWarmUp(), r.warmUpMedian(),
        VerifyThroughput.load());
  }

  /**
   * The RNG + kernel floor of a blocked kernel: one block of {@value EulerMaruyama#BLOCK} chains,
   * chunks of {@value EulerMaruyama#CHUNK} steps, CPU time of one thread, the least of 8 rounds.
   */
  public static void printFloor(BlockedKernel k, PrintWriter out) {
    int chains = EulerMaruyama.BLOCK;
    int len = EulerMaruyama.CHUNK;
    BlockedKernel.Part part = k.parts().get(0);
    int d = part.coordinates().length;
    int q = part.noiseDimension();
    double[][] x = new double[d][chains];
    double[][] y = new double[d][chains];
    double[][] z = new double[Math.max(1, len * q)][chains];
    double[] w = new double[chains];
    ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(
        ChainStreams.jumped(1L, 0, 1)[0]);
    StepKernel kernel = part.kernel().kernel();
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    double gauss = Double.POSITIVE_INFINITY;
    double step = Double.POSITIVE_INFINITY;
    for (int round = 0; round < 8; round++) { // the minimum over rounds: JIT done, least disturbed
      for (double[] row : x) {
        java.util.Arrays.fill(row, 1.0);
      }
      int reps = 400;
      long t0 = mx.getCurrentThreadCpuTime();
      for (int r = 0; r < reps; r++) {
        for (int i = 0; i < len * q; i++) {
          double[] row = z[i];
          for (int c = 0; c < chains; c++) {
            row[c] = g.sample();
          }
        }
      }
      long t1 = mx.getCurrentThreadCpuTime();
      for (int r = 0; r < reps; r++) {
        kernel.advance(x, y, z, w, len, chains, 1e-3, Math.sqrt(2e-4));
      }
      long t2 = mx.getCurrentThreadCpuTime();
      double blockSteps = (double) reps * len * chains;
      gauss = Math.min(gauss, (t1 - t0) / blockSteps);
      step = Math.min(step, (t2 - t1) / blockSteps);
    }
    int blocks = k.parts().size();
    out.printf(Locale.ROOT, "floor (one thread, CPU time, per chain-step of one block of %d"
        + " coordinates; %d block%s per chain): Gaussians %.2f ns (%d per step) + kernel %.2f ns"
        + " = %.2f ns%n", d, blocks, blocks == 1 ? "" : "s", gauss, q, step, gauss + step);
  }
}
