package org.gaugebias.numeric.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.gaugebias.numeric.run.AnnotatedReport;
import org.gaugebias.numeric.run.Run;
import org.gaugebias.numeric.run.RunContext;
import org.gaugebias.numeric.verify.VerificationReport;

/**
 * The simulation phase of {@code verify} against the NumPy reference
 * ({@code shared/bench/projected_noise_uv.py}) at the same chains × steps, in interleaved pairs
 * (verify, NumPy, verify, NumPy, …) so that both see the same machine load; the ratio is taken
 * in coordinate-steps per second (chain-steps × predictor coordinates: u⊙v with n = 64 is 64
 * scalar SDEs per chain, and the reference simulates one scalar SDE per chain).
 *
 * <p>Each verify run is a fresh {@link Run} from the caller (as the command builds it: a new
 * kernel class, so the JIT compiles it again); its time is the report's simulation time,
 * start-up, derivation, kernel generation, the JIT warm-up before the simulation
 * ({@code sde.EulerMaruyama}) and analysis excluded. The warm-up is reported beside it, with the
 * ratio the runs would have had if it were counted.
 */
public final class VerifyThroughput {
  private VerifyThroughput() {
  }

  /**
   * One measured design.
   *
   * @param label what was run
   * @param coordinates predictor coordinates per chain
   * @param threads worker threads of the verify runs
   * @param java coordinate-steps per second of each verify run, in run order
   * @param numpy chain-steps per second of each reference run, in run order (empty: no reference)
   * @param verdicts the verify runs' outcomes
   * @param warmUp seconds of each verify run's JIT warm-up (not in {@code java})
   * @param javaWithWarmUp coordinate-steps per second of each verify run counting its warm-up
   * @param cpuNanos worker-thread CPU nanoseconds per coordinate-step of each verify run (the
   *     figure to set against the floor on a loaded machine; NaN: not measured)
   */
  public record Result(String label, int coordinates, int threads, List<Double> java,
      List<Double> numpy, List<String> verdicts, List<Double> warmUp,
      List<Double> javaWithWarmUp, List<Double> cpuNanos) {
    public Result {
      cpuNanos = List.copyOf(cpuNanos);
      java = List.copyOf(java);
      numpy = List.copyOf(numpy);
      verdicts = List.copyOf(verdicts);
      warmUp = List.copyOf(warmUp);
      javaWithWarmUp = List.copyOf(javaWithWarmUp);
    }

    /** Median worker-thread CPU nanoseconds per coordinate-step. */
    public double cpuNanosMedian() {
      return median(cpuNanos);
    }

    /** Median JIT warm-up seconds. */
    public double warmUpMedian() {
      return median(warmUp);
    }

    /** Median of the pairwise ratios verify / NumPy with the warm-up counted. */
    public double ratioWithWarmUp() {
      return ratio(javaWithWarmUp);
    }

    public double javaMedian() {
      return median(java);
    }

    public double numpyMedian() {
      return numpy.isEmpty() ? Double.NaN : median(numpy);
    }

    /** Median of the pairwise ratios verify / NumPy. */
    public double ratio() {
      return ratio(java);
    }

    private double ratio(List<Double> rates) {
      List<Double> r = new ArrayList<>();
      for (int i = 0; i < Math.min(rates.size(), numpy.size()); i++) {
        r.add(rates.get(i) / numpy.get(i));
      }
      return r.isEmpty() ? Double.NaN : median(r);
    }

    /** Wall nanoseconds per coordinate-step and worker thread (median run). */
    public double nsPerCoordinateStep() {
      return 1e9 * threads / javaMedian();
    }
  }

  /**
   * Runs {@code repeats} interleaved pairs and prints each run.
   *
   * @param label what is run (for the printout)
   * @param coordinates predictor coordinates per chain
   * @param runs a fresh verify run per call
   * @param chains chains of the runs (the reference uses the same)
   * @param steps steps of the runs (the reference uses the same)
   * @param threads worker threads of the verify runs
   * @param reference the NumPy script, or null to skip it
   */
  public static Result measure(String label, int coordinates, Supplier<Run<AnnotatedReport>> runs,
      int chains, long steps, int threads, Path reference, int repeats, PrintWriter out)
      throws IOException, InterruptedException {
    List<Double> java = new ArrayList<>();
    List<Double> numpy = new ArrayList<>();
    List<String> verdicts = new ArrayList<>();
    List<Double> warmUp = new ArrayList<>();
    List<Double> withWarmUp = new ArrayList<>();
    List<Double> cpu = new ArrayList<>();
    for (int r = 0; r < repeats; r++) {
      AnnotatedReport a = runs.get().execute(RunContext.QUIET);
      VerificationReport.Counts c = ((VerificationReport) a.report()).counts();
      double rate = c.chainSteps() * (double) coordinates / c.seconds();
      java.add(rate);
      warmUp.add(c.warmUpSeconds());
      withWarmUp.add(c.chainSteps() * (double) coordinates / (c.seconds() + c.warmUpSeconds()));
      cpu.add(1e9 * c.cpuSeconds() / (c.chainSteps() * (double) coordinates));
      verdicts.add(a.outcome().name());
      out.printf(Locale.ROOT, "  %s run %d: %.4g coordinate-steps/s (%.3g chain-steps in %.2f s"
          + " after a %.2f s JIT warm-up; CPU %.2f ns per coordinate-step; %s)%n", label, r + 1,
          rate, (double) c.chainSteps(), c.seconds(), c.warmUpSeconds(), cpu.get(r),
          a.outcome());
      out.flush();
      if (reference != null) {
        double n = NumpyReference.rate(reference, chains, steps, "chain-steps/s");
        numpy.add(n);
        out.printf(Locale.ROOT, "  numpy run %d (--chains %d --steps %d): %.4g chain-steps/s,"
            + " ratio %.2f (%.2f with the warm-up)%n", r + 1, chains, steps, n, rate / n,
            withWarmUp.get(r) / n);
      }
    }
    return new Result(label, coordinates, threads, java, numpy, verdicts, warmUp, withWarmUp,
        cpu);
  }

  /**
   * The reference script: the given path (null if it is not a file), else
   * {@code shared/bench/projected_noise_uv.py} above the working folder.
   */
  public static Path locateReference(String given) {
    List<Path> candidates = new ArrayList<>();
    if (given != null) {
      Path p = Path.of(given);
      return Files.isRegularFile(p) ? p.toAbsolutePath().normalize() : null;
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

  /** The 1-minute load average of the machine (NaN where the platform does not say). */
  public static double load() {
    return java.lang.management.ManagementFactory.getOperatingSystemMXBean()
        .getSystemLoadAverage();
  }

  static double median(List<Double> v) {
    List<Double> s = new ArrayList<>(v);
    s.sort(Double::compare);
    int n = s.size();
    return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
  }
}
