package org.gaugebias.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.gaugebias.numeric.bench.ThroughputBench;
import org.gaugebias.numeric.bench.VerifyThroughput;
import org.gaugebias.numeric.model.SimulationModel;
import org.gaugebias.numeric.model.SimulationModels;
import org.gaugebias.numeric.sde.NoiseModel;
import org.gaugebias.numeric.sde.SimulationSettings;
import org.gaugebias.numeric.verify.Verifier;
import org.gaugebias.numeric.verify.VerifyArms;
import org.gaugebias.symbolic.design.Design;
import org.gaugebias.symbolic.design.DesignReader;
import org.gaugebias.symbolic.dynamics.Dynamics;
import org.gaugebias.symbolic.dynamics.DynamicsDeriver;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code gaugebias bench}: time of each catalogue derivation in a warm JVM (median of repeats
 * after a warm-up pass), and the Symja start-up. The cold end-to-end time of the main job is
 * measured from outside (README).
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Benchmark the derivation of each design in a warm JVM.")
final class BenchCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;
  @Mixin
  VerboseOption verbose;

  @Option(names = "--designs", defaultValue = "designs", description = "Folder of designs.")
  Path designs;

  @Option(names = "--repeats", defaultValue = "5", description = "Timed repeats per design.")
  int repeats;

  @Option(names = "--inverse", description = "Also time inverse design (solve plus proof) of"
      + " the example targets of THEORY.md §4.")
  boolean inverse;

  @Option(names = "--symmetries", description = "Instead, time exact symmetry discovery and"
      + " conservation-law counts on growing linear and ReLU networks.")
  boolean symmetries;

  @Option(names = "--verify", description = "Instead, time the simulation phase of verify"
      + " (projected noise, the command's settings) on --verify-designs in interleaved pairs with"
      + " the NumPy reference at the same chains x steps; ratio in coordinate-steps per second.")
  boolean verify;

  @Option(names = "--verify-designs", split = ",", paramLabel = "FILE,...",
      defaultValue = "test-data/designs/uv-scalar.yaml,test-data/designs/hadamard-uv-64.yaml",
      description = "Designs for --verify (default: ${DEFAULT-VALUE}).")
  List<Path> verifyDesigns;

  @Option(names = "--chains", defaultValue = "" + VerifyCommand.DEFAULT_CHAINS,
      description = "Chains of the --verify runs (default: verify's, ${DEFAULT-VALUE}).")
  int chains;

  @Option(names = "--steps", defaultValue = "" + VerifyCommand.DEFAULT_STEPS,
      description = "Steps of the --verify runs (default: verify's, ${DEFAULT-VALUE}).")
  long steps;

  @Option(names = "--pairs", defaultValue = "3",
      description = "Interleaved verify/NumPy pairs per design for --verify (median reported).")
  int pairs;

  @Option(names = "--threads", paramLabel = "N", description = "Worker threads of the --verify"
      + " runs (default: all processors; results do not depend on it).")
  Integer threads;

  @Option(names = "--reference", paramLabel = "PATH", description = "The NumPy reference for"
      + " --verify (default: ../shared/bench/projected_noise_uv.py).")
  String reference;

  /** Time allowed for each --verify design's derivation (not measured). */
  private static final long DERIVATION_BUDGET_SECONDS = 120;
  @Option(names = "--scaling", description = "Instead, warm time against n (u⊙v, cumsum,"
      + " dense analysis operator: n = 2, 4, …, --max-n) and depth k (2 … 32), the growth law"
      + " fitted, beside ../shared/bench/sympy_same.py.")
  boolean scaling;

  @Option(names = "--paper", description = "Instead, warm time (wall and CPU) of the designs"
      + " at the paper's sizes in --designs: u⊙v n = 64, TV n = 200, the 64-point DCT, the"
      + " 16-unit ReLU layer, one ReLU unit on 64 inputs.")
  boolean paper;

  @Option(names = "--family", split = ",", description = "With --scaling: only these families"
      + " (uv, cumsum, analysis, depth); default all.")
  List<String> families = new ArrayList<>();

  @Option(names = "--max-n", defaultValue = "256", description = "Largest n for --scaling.")
  int maxN;

  @Option(names = "--point-limit", defaultValue = "60", description = "Seconds: a family (and"
      + " SymPy) stops after a point slower than this.")
  double pointLimit;

  @Option(names = "--sympy", defaultValue = "../shared/bench/sympy_same.py",
      description = "The SymPy reference script.")
  Path sympy;

  @Option(names = "--matrix", description = "Instead, time the matrix derivations W = W_L"
      + " ... W_1 for r = 1..6, L = 2..4 beside the SymPy reference, and the closed form's"
      + " evaluation at growing ranks.")
  boolean matrix;

  @Option(names = "--matrix-cap", defaultValue = "60", paramLabel = "SECONDS", description =
      "With --matrix: time allowed per size, engine and SymPy alike (default ${DEFAULT-VALUE});"
      + " a size over it ends its depth's row.")
  long matrixCap;

  @Option(names = "--sympy-script", defaultValue = "bench/matrix_gram_sympy.py",
      description = "With --matrix: the SymPy reference (default ${DEFAULT-VALUE}).")
  Path sympyScript;

  /** Example targets of THEORY.md §4 / issue 3: {target, dimension}. */
  private static final String[][] TARGETS = {
      {"0", "1"}, {"T/2*Log[Abs[beta]]", "1"}, {"Abs[beta]/4", "1"}, {"beta^2/2", "1"},
      {"T/2*Total[Log[Abs[beta]]]", "3"},
      {"T/2*Total[Log[Abs[Differences[Prepend[beta, 0]]]]]", "4"}};

  @Override
  public Integer call() throws Exception {
    if (repeats < 1) {
      throw new UserInputException("--repeats must be at least 1");
    }
    var out = spec.commandLine().getOut();
    if (verify) {
      return verifyBench(out);
    }
    if (symmetries) {
      org.gaugebias.symbolic.symmetry.SymmetryBench.print(out,
          org.gaugebias.symbolic.symmetry.GradientLieAlgebra.Limits.DEFAULT);
      return ExitCode.OK;
    }
    if (matrix) {
      if (matrixCap < 1) {
        throw new UserInputException("--matrix-cap must be at least 1 second");
      }
      new MatrixBench(out, java.time.Duration.ofSeconds(matrixCap), sympyScript).run();
      return ExitCode.OK;
    }
    long t0 = System.nanoTime();
    Engine.session();
    if (paper) {
      out.printf(Locale.ROOT, "symja start-up: %.0f ms%n", (System.nanoTime() - t0) / 1e6);
      new PaperSizeBench(out, designs, repeats).run();
      return ExitCode.OK;
    }
    if (scaling) {
      out.printf(Locale.ROOT, "symja start-up: %.0f ms%n", (System.nanoTime() - t0) / 1e6);
      new ScalingBench(out, maxN, pointLimit, sympy, repeats, families).run();
      return ExitCode.OK;
    }
    out.printf(Locale.ROOT, "symja start-up: %.0f ms%n", (System.nanoTime() - t0) / 1e6);
    List<Path> files = CatalogueCommand.designFiles(designs);
    for (Path f : files) {
      Engine.derive(f, null); // warm-up
    }
    List<String[]> rows = new ArrayList<>();
    for (Path f : files) {
      double[] ms = new double[repeats];
      for (int r = 0; r < repeats; r++) {
        long s = System.nanoTime();
        Engine.derive(f, null);
        ms[r] = (System.nanoTime() - s) / 1e6;
      }
      java.util.Arrays.sort(ms);
      rows.add(new String[] {f.getFileName().toString(),
          String.format(Locale.ROOT, "%.0f", ms[ms.length / 2]),
          String.format(Locale.ROOT, "%.0f", ms[0]),
          String.format(Locale.ROOT, "%.0f", ms[ms.length - 1])});
    }
    out.print(Table.render(new String[] {"design", "median ms", "min ms", "max ms"}, rows));
    if (inverse) {
      var designer = new org.gaugebias.symbolic.inverse.InverseDesigner(Engine.session());
      List<String[]> inv = new ArrayList<>();
      for (String[] t : TARGETS) {
        double[] ms = new double[repeats + 1];
        for (int r = 0; r <= repeats; r++) { // r = 0 is the warm-up
          long s = System.nanoTime();
          designer.design(designer.target(t[0], "beta", Integer.parseInt(t[1]), "T"),
              java.util.Optional.empty(), "bench");
          ms[r] = (System.nanoTime() - s) / 1e6;
        }
        double[] timed = java.util.Arrays.copyOfRange(ms, 1, ms.length);
        java.util.Arrays.sort(timed);
        inv.add(new String[] {t[0], String.format(Locale.ROOT, "%.0f", ms[0]),
            String.format(Locale.ROOT, "%.0f", timed[timed.length / 2])});
      }
      out.print(Table.render(new String[] {"target (solve + proof)", "first ms", "median ms"},
          inv));
    }
    out.flush();
    return ExitCode.OK;
  }

  /**
   * The simulation phase of {@code verify} per design against the NumPy reference (README,
   * Speed; docs/verifier.md): derivation once (not timed), then each run built as the command
   * builds it, with a fresh kernel.
   */
  private int verifyBench(PrintWriter out) throws Exception {
    if (chains < 1 || steps < 1 || pairs < 1) {
      throw new UserInputException("--chains, --steps and --pairs must be positive");
    }
    int threads = this.threads != null ? this.threads
        : Runtime.getRuntime().availableProcessors();
    if (threads < 1) {
      throw new UserInputException("--threads must be positive");
    }
    Path script = VerifyThroughput.locateReference(reference);
    out.printf(Locale.ROOT, "verify simulation phase vs numpy (%s), %d chains x %d steps, %d"
        + " threads, load %.1f%n", script == null ? "not found: no ratio" : script, chains, steps,
        threads, VerifyThroughput.load());
    out.flush();
    List<VerifyThroughput.Result> results = new ArrayList<>();
    for (Path f : verifyDesigns) {
      Design design = DesignReader.read(f);
      Dynamics dynamics;
      Engine.deadline(java.time.Instant.now().plusSeconds(DERIVATION_BUDGET_SECONDS));
      try {
        Engine.Derived d = Engine.compiledAndDerived(f, null);
        dynamics = new DynamicsDeriver(Engine.session()).derive(design, d.compiled(),
            d.derivation());
      } catch (RuntimeException e) {
        // e.g. u⊙v at n = 64 before the structure route derives it: measure the others
        out.printf(Locale.ROOT, "%s: not derived (%s); skipped%n", f, e.getMessage());
        out.flush();
        continue;
      } finally {
        Engine.deadline(null);
      }
      VerifyArms.Options o = new VerifyArms.Options(null, null, steps, chains,
          VerifyCommand.DEFAULT_SEED, null, null, 30, threads);
      results.add(VerifyThroughput.measure(design.id(), dynamics.predictor().size(),
          () -> VerifyArms.sde(dynamics, NoiseModel.PROJECTED, o), chains, steps, threads, script,
          pairs, out));
      SimulationModel model = SimulationModels.from(dynamics, NoiseModel.PROJECTED,
          Optional.empty());
      ThroughputBench.printFloor(Verifier.compileKernel(model, SimulationSettings.of(
          NoiseModel.PROJECTED, VerifyArms.DEFAULT_TEMPERATURE, VerifyArms.DEFAULT_DT, steps,
          chains, VerifyCommand.DEFAULT_SEED)), out);
    }
    List<String[]> rows = new ArrayList<>();
    for (VerifyThroughput.Result r : results) {
      rows.add(new String[] {r.label(), Integer.toString(r.coordinates()),
          String.format(Locale.ROOT, "%.3g", r.javaMedian()),
          String.format(Locale.ROOT, "%.2f", r.nsPerCoordinateStep()),
          String.format(Locale.ROOT, "%.2f", r.cpuNanosMedian()),
          String.format(Locale.ROOT, "%.3g", r.numpyMedian()),
          String.format(Locale.ROOT, "%.2f", r.ratio()),
          String.format(Locale.ROOT, "%.2f", r.warmUpMedian()),
          String.format(Locale.ROOT, "%.2f", r.ratioWithWarmUp()),
          String.join(" ", r.verdicts())});
    }
    out.print(Table.render(new String[] {"design", "coordinates", "coord-steps/s (median)",
        "ns/coord-step/thread", "CPU ns/coord-step", "numpy chain-steps/s", "ratio (median of pairs)",
        "JIT warm-up s", "ratio counting it", "verdicts"}, rows));
    out.printf(Locale.ROOT, "load after: %.1f%n", VerifyThroughput.load());
    out.flush();
    return ExitCode.OK;
  }
}
