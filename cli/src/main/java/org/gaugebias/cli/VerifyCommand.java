package org.gaugebias.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.gaugebias.numeric.run.AnnotatedReport;
import org.gaugebias.numeric.run.Outcome;
import org.gaugebias.numeric.run.ProgressMeter;
import org.gaugebias.numeric.run.ReportFiles;
import org.gaugebias.numeric.run.Run;
import org.gaugebias.numeric.run.RunContext;
import org.gaugebias.numeric.run.RunControl;
import org.gaugebias.numeric.sde.NoiseModel;
import org.gaugebias.numeric.verify.VerifyArms;
import org.gaugebias.symbolic.compile.DesignCompiler;
import org.gaugebias.symbolic.derive.ForwardDeriver;
import org.gaugebias.symbolic.compile.Parameterization;
import org.gaugebias.symbolic.design.Design;
import org.gaugebias.symbolic.design.DesignReader;
import org.gaugebias.symbolic.dynamics.Dynamics;
import org.gaugebias.symbolic.dynamics.DynamicsDeriver;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code gaugebias verify FILE --noise projected|isotropic|sgd|gd}: derive the design, build its
 * simulation model, run the dynamics and test the predicted law (docs/verifier.md). The text
 * report goes to stdout, text/JSON/PNG files to {@code --out}; a progress bar to stderr when it
 * is a terminal. Ctrl-C stops the chains and still writes the partial report (INCOMPLETE).
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
    description = "Simulate the dynamics of a design and test the derived law of the predictor"
        + " (projected, isotropic, gd: Euler-Maruyama SDE; sgd: minibatch SGD on the design's"
        + " data block, tested against the law of balance).",
    footer = {"", "Exit codes: 0 PASS; 6 FAIL; 7 UNSTABLE (lower --dt); 8 INCOMPLETE"
        + " (interrupted, partial report written); 9 NO_PREDICTION (e.g. gd, or isotropic noise"
        + " with a non-compact group); 2 bad options; others as for derive."})
final class VerifyCommand implements Callable<Integer> {
  static final long DEFAULT_SEED = 20260406L;
  static final int DEFAULT_CHAINS = 2_000;
  static final long DEFAULT_STEPS = 40_000;
  static final double DEFAULT_DT = VerifyArms.DEFAULT_DT;
  static final double DEFAULT_TEMPERATURE = VerifyArms.DEFAULT_TEMPERATURE;

  @Spec
  CommandSpec spec;
  @Mixin
  VerboseOption verbose;

  @Parameters(paramLabel = "FILE", description = "A design file with a loss.")
  Path file;

  @Option(names = "--noise", required = true, paramLabel = "MODEL",
      description = "projected | isotropic | sgd | gd")
  String noise;

  @Option(names = "--temperature", paramLabel = "T",
      description = "Temperature of the SDE arms (default " + DEFAULT_TEMPERATURE + "); the sgd"
          + " arm uses T = eta/B from the design's data block.")
  Double temperature;

  @Option(names = "--chains", paramLabel = "N", description = "Independent chains (default "
      + DEFAULT_CHAINS + ").")
  int chains = DEFAULT_CHAINS;

  @Option(names = "--steps", paramLabel = "N", description = "Steps per chain (default "
      + DEFAULT_STEPS + ").")
  long steps = DEFAULT_STEPS;

  @Option(names = "--dt", paramLabel = "h", description = "Euler-Maruyama step (default "
      + DEFAULT_DT + "); for sgd the learning rate (default: the design's).")
  Double dt;

  @Option(names = "--seed", paramLabel = "S", description = "Root seed (default " + DEFAULT_SEED
      + "); recorded in the report.")
  long seed = DEFAULT_SEED;

  @Option(names = "--out", paramLabel = "DIR",
      description = "Report folder (default out/verify/<id>-<noise>).")
  Path out;

  @Option(names = "--window", paramLabel = "lo,hi", description = "Histogram window of the"
      + " observable (default: where e^(-L/T) exceeds 1e-4 of its maximum, cut away from 0).")
  String window;

  @Option(names = "--observable", paramLabel = "NAME", description = "Predictor component to"
      + " histogram, e.g. beta$2 or beta_2 (default: the first).")
  String observable;

  @Option(names = "--bins", paramLabel = "N", description = "Histogram bins (default 30).")
  int bins = 30;

  @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: all"
      + " processors; results do not depend on it).")
  Integer threads;

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = RunDeadline.DEFAULT_TIMEOUT,
      description = "Time budget in seconds (default: ${DEFAULT-VALUE}); over it the run stops,"
          + " its partial report is written and the exit code is 5.")
  double timeout;

  /** Tests: cancel as soon as the first block of chains reports (the Ctrl-C path). */
  @Option(names = "--cancel-after-first-block", hidden = true)
  boolean cancelAfterFirstBlock;

  private enum Arm { PROJECTED, ISOTROPIC, GD, SGD }

  @Override
  public Integer call() {
    Arm arm = arm();
    validate(arm);
    if (out != null) {
      ReportFiles.checkWritableFolder(out);
    }
    Design design = DesignReader.read(file);
    if (design.sizes().isPresent()) {
      throw new UserInputException("verify simulates a concrete size, and this design declares"
          + " the symbolic size " + String.join(", ", design.sizes().get().names()) + " (sizes:);"
          + " verify a copy with the size written as a number");
    }
    Parameterization p = new DesignCompiler(Engine.session()).compile(design);
    requireChainsFit(p.dimension());
    if (!p.functions().isEmpty()) {
      // the simulation kernels are compiled Java (numeric/compile) with no table lookup yet
      throw new UserInputException("verify does not simulate designs with tabulated functions"
          + " yet (tables: " + String.join(", ", p.functions().names()) + "); derive and eval"
          + " accept them");
    }
    var derivation = new ForwardDeriver(Engine.session()).derive(p);
    Dynamics dynamics = new DynamicsDeriver(Engine.session()).derive(design, p, derivation);
    String stem = design.id() + "-" + arm.name().toLowerCase(Locale.ROOT);
    Path dir = out != null ? out : Path.of("out", "verify", stem);
    ReportFiles.checkWritableFolder(dir);
    Run<AnnotatedReport> run = build(arm, dynamics);

    ProgressMeter meter = Progress.meter(spec, "verify", "chain-steps", 0);
    try (RunControl control = RunControl.install("verify", meter);
        RunDeadline deadline = RunDeadline.start(timeout, control)) {
      RunContext context = cancelAfterFirstBlock ? new RunContext((done, total) -> {
        control.cancel();
        meter.progress(done, total);
      }, control::cancelled) : control.context();
      AnnotatedReport r = run.execute(context);
      meter.finish();
      ReportFiles.write(dir, stem, r);
      PrintWriter o = spec.commandLine().getOut();
      o.print(r.toText());
      o.println("  files      " + dir.resolve(stem) + ".{txt,json,png}");
      o.flush();
      return control.exitWith(deadline.exitCode(RunExit.code(r.outcome()),
          spec.commandLine().getErr()));
    }
  }

  /**
   * Refuses an ensemble that would not fit in memory before any work: each chain holds its state
   * and a work copy (2d doubles) and its final sample, boxed while the blocks are merged.
   */
  private void requireChainsFit(int dimension) {
    double perChain = 64 + 16.0 * dimension;
    Resources.requireHeap(perChain * chains, file.toString(), "--chains " + chains,
        "use fewer chains (the statistics are streamed: more steps cost no memory)");
  }

  private Run<AnnotatedReport> build(Arm arm, Dynamics dynamics) {
    VerifyArms.Options o = new VerifyArms.Options(temperature, dt, steps, chains, seed,
        window != null ? parseWindow(window) : null, observable, bins,
        threads != null ? threads : Runtime.getRuntime().availableProcessors());
    try {
      switch (arm) {
        case SGD:
          return VerifyArms.sgd(dynamics, o);
        case PROJECTED:
          return VerifyArms.sde(dynamics, NoiseModel.PROJECTED, o);
        case ISOTROPIC:
          return VerifyArms.sde(dynamics, NoiseModel.ISOTROPIC, o);
        default:
          return VerifyArms.sde(dynamics, NoiseModel.GRADIENT_DESCENT, o);
      }
    } catch (IllegalArgumentException e) {
      throw new UserInputException(e.getMessage());
    }
  }

  private Arm arm() {
    String n = noise.strip().toLowerCase(Locale.ROOT);
    switch (n) {
      case "projected":
        return Arm.PROJECTED;
      case "isotropic":
        return Arm.ISOTROPIC;
      case "gd":
        return Arm.GD;
      case "sgd":
        return Arm.SGD;
      default:
        throw new UserInputException("--noise: unknown noise model '" + noise
            + "' (expected projected, isotropic, sgd or gd)");
    }
  }

  /** Checks every option before the (slow) derivation starts. */
  private void validate(Arm arm) {
    Budget.seconds(timeout);
    if (chains < 1) {
      throw new UserInputException("--chains must be a positive number, got " + chains);
    }
    if (steps < 1) {
      throw new UserInputException("--steps must be a positive number, got " + steps);
    }
    if (dt != null && !(dt > 0 && Double.isFinite(dt))) {
      throw new UserInputException("--dt must be a positive finite number, got " + dt);
    }
    if (bins < 1) {
      throw new UserInputException("--bins must be a positive number, got " + bins);
    }
    if (threads != null && threads < 1) {
      throw new UserInputException("--threads must be a positive number, got " + threads);
    }
    if (arm == Arm.SGD) {
      if (temperature != null) {
        throw new UserInputException("--temperature does not apply to --noise sgd: its"
            + " temperature is T = eta/B from the design's data block (set eta with --dt)");
      }
      if (window != null) {
        throw new UserInputException("--window does not apply to --noise sgd: the sgd arm tests"
            + " the law of balance, not a histogram");
      }
    } else if (temperature != null && arm != Arm.GD
        && !(temperature > 0 && Double.isFinite(temperature))) {
      throw new UserInputException("--temperature must be positive for " + noise + " noise, got "
          + temperature + " (T = 0 is gradient descent: --noise gd)");
    }
    if (window != null) {
      parseWindow(window);
    }
  }

  static double[] parseWindow(String w) {
    String[] parts = w.split(",");
    if (parts.length != 2) {
      throw new UserInputException("--window expects lo,hi (e.g. 0.2,1.8), got '" + w + "'");
    }
    double lo;
    double hi;
    try {
      lo = Double.parseDouble(parts[0].strip());
      hi = Double.parseDouble(parts[1].strip());
    } catch (NumberFormatException e) {
      throw new UserInputException("--window expects two numbers lo,hi (e.g. 0.2,1.8), got '"
          + w + "'");
    }
    if (!(Double.isFinite(lo) && Double.isFinite(hi) && lo < hi)) {
      throw new UserInputException("--window needs finite lo < hi, got '" + w + "'");
    }
    return new double[] {lo, hi};
  }

  static int exitCode(String outcome) {
    return RunExit.code(Outcome.of(outcome));
  }
}
