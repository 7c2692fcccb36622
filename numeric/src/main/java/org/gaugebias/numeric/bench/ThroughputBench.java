package org.gaugebias.numeric.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.gaugebias.numeric.compile.CompiledKernel;
import org.gaugebias.numeric.model.ReferenceModels;
import org.gaugebias.numeric.model.SimulationModel;
import org.gaugebias.numeric.sde.EnsembleResult;
import org.gaugebias.numeric.sde.EulerMaruyama;
import org.gaugebias.numeric.sde.InitialCondition;
import org.gaugebias.numeric.sde.NoiseModel;
import org.gaugebias.numeric.sde.ObservationPlan;
import org.gaugebias.numeric.sde.SimulationSettings;
import org.gaugebias.numeric.verify.Verifier;

/**
 * Chain-steps per second of the β = u·v projected-noise run (T = 0.1, dt = 1e-3), side by side
 * with the NumPy reference {@code shared/bench/projected_noise_uv.py} run in the same process
 * tree on the same machine; prints both, their ratio and the peak heap. A benchmark, not a test.
 *
 * <p>Usage: {@code ThroughputBench [--chains N] [--steps N] [--threads N] [--repeats N]
 * [--reference PATH] [--reference-steps N] [--no-reference]}
 */
public final class ThroughputBench {
  private ThroughputBench() {
  }

  public static void main(String[] args) throws Exception {
    int chains = 20_000;
    long steps = 6_000;
    int threads = Runtime.getRuntime().availableProcessors();
    int repeats = 3;
    String reference = null;
    long referenceSteps = 2_000;
    boolean runReference = true;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
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
        case "--reference-steps":
          referenceSteps = Long.parseLong(args[++i]);
          break;
        case "--no-reference":
          runReference = false;
          break;
        default:
          System.err.println("unknown option " + args[i]);
          System.exit(2);
      }
    }
    SimulationModel model = ReferenceModels.uv();
    SimulationSettings settings = new SimulationSettings(NoiseModel.PROJECTED, 0.1, 1e-3, steps,
        steps / 2, Math.max(1, steps / 10), Math.max(1, steps / 20), chains, 5L, threads,
        InitialCondition.reference(), 1e100);
    ObservationPlan plan = new ObservationPlan(0.2, 1.8, 30, 0.0, 1);
    CompiledKernel kernel = Verifier.compileKernel(model, settings);
    System.out.printf(Locale.ROOT, "gaugebias ThroughputBench: %s, projected noise (%s), T = 0.1,"
        + " dt = 1e-3, %d chains x %d steps, %d threads, %s%n", model.name(), kernel.form(),
        chains, steps, threads, System.getProperty("java.vm.name") + " "
        + System.getProperty("java.version"));
    // warm-up (JIT) on a smaller ensemble
    new EulerMaruyama(kernel, settings.withChains(Math.min(chains, 4096)), plan).run();
    resetPeaks();
    List<Double> rates = new ArrayList<>();
    for (int r = 0; r < repeats; r++) {
      EnsembleResult res = new EulerMaruyama(kernel, settings, plan).run();
      rates.add(res.throughput());
      System.out.printf(Locale.ROOT, "  java run %d: %.4g chain-steps/s (%.2f s)%n", r + 1,
          res.throughput(), res.seconds());
    }
    double peakMb = peakHeapBytes() / (1024.0 * 1024.0);
    rates.sort(Double::compare);
    double median = rates.get(rates.size() / 2);
    System.out.printf(Locale.ROOT, "java (fused kernel, %d threads): %.4g chain-steps/s (median"
        + " of %d), peak heap %.1f MiB%n", threads, median, repeats, peakMb);
    if (!runReference) {
      return;
    }
    Path script = locateReference(reference);
    if (script == null) {
      System.out.println("numpy reference not found (give --reference PATH); no ratio");
      return;
    }
    double numpy = NumpyReference.rate(script, referenceSteps, "chain-steps/s");
    System.out.printf(Locale.ROOT, "numpy reference (%s --steps %d): %.4g chain-steps/s%n",
        script, referenceSteps, numpy);
    System.out.printf(Locale.ROOT, "ratio java / numpy: %.2f%n", median / numpy);
  }

  private static Path locateReference(String given) {
    List<Path> candidates = new ArrayList<>();
    if (given != null) {
      candidates.add(Path.of(given));
    }
    candidates.add(Path.of("../shared/bench/projected_noise_uv.py"));
    candidates.add(Path.of("../../shared/bench/projected_noise_uv.py"));
    candidates.add(Path.of("/work/shared/bench/projected_noise_uv.py"));
    for (Path p : candidates) {
      if (Files.isRegularFile(p)) {
        return p.toAbsolutePath().normalize();
      }
    }
    return null;
  }

  private static void resetPeaks() {
    System.gc();
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      pool.resetPeakUsage();
    }
  }

  private static long peakHeapBytes() {
    long sum = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
        sum += pool.getPeakUsage().getUsed();
      }
    }
    return sum;
  }
}
