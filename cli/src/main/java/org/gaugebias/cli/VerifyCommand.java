package org.gaugebias.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.gaugebias.numeric.model.CandidateLaw;
import org.gaugebias.numeric.model.SimulationModel;
import org.gaugebias.numeric.model.SimulationModels;
import org.gaugebias.numeric.sde.InitialCondition;
import org.gaugebias.numeric.sde.NoiseModel;
import org.gaugebias.numeric.sde.ObservationPlan;
import org.gaugebias.numeric.sde.ProgressListener;
import org.gaugebias.numeric.sde.SimulationSettings;
import org.gaugebias.numeric.sgd.MinibatchSgd;
import org.gaugebias.numeric.sgd.SgdModel;
import org.gaugebias.numeric.sgd.SgdReport;
import org.gaugebias.numeric.sgd.SgdSettings;
import org.gaugebias.numeric.verify.VerificationReport;
import org.gaugebias.numeric.verify.VerificationSettings;
import org.gaugebias.numeric.verify.Verifier;
import org.gaugebias.symbolic.compile.DesignCompiler;
import org.gaugebias.symbolic.derive.ForwardDeriver;
import org.gaugebias.symbolic.compile.Parameterization;
import org.gaugebias.symbolic.design.Design;
import org.gaugebias.symbolic.design.DesignReader;
import org.gaugebias.symbolic.dynamics.Dynamics;
import org.gaugebias.symbolic.dynamics.DynamicsDeriver;
import org.gaugebias.symbolic.expr.Expr;
import org.gaugebias.symbolic.expr.NumericEvaluator;
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
  static final double DEFAULT_DT = 1e-3;
  static final double DEFAULT_TEMPERATURE = 0.1;

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

  /** Tests: cancel as soon as the first block of chains reports (the Ctrl-C path). */
  @Option(names = "--cancel-after-first-block", hidden = true)
  boolean cancelAfterFirstBlock;

  private enum Arm { PROJECTED, ISOTROPIC, GD, SGD }

  @Override
  public Integer call() {
    Arm arm = arm();
    validate(arm);
    Design design = DesignReader.read(file);
    Parameterization p = new DesignCompiler(Engine.session()).compile(design);
    if (!p.functions().isEmpty()) {
      // the simulation kernels are compiled Java (numeric/compile) with no table lookup yet
      throw new UserInputException("verify does not simulate designs with tabulated functions"
          + " yet (tables: " + String.join(", ", p.functions().names()) + "); derive and eval"
          + " accept them");
    }
    var derivation = new ForwardDeriver(Engine.session()).derive(p);
    Dynamics dynamics = new DynamicsDeriver(Engine.session()).derive(design, p, derivation);
    Path dir = out != null ? out
        : Path.of("out", "verify", design.id() + "-" + arm.name().toLowerCase(Locale.ROOT));
    String stem = design.id() + "-" + arm.name().toLowerCase(Locale.ROOT);

    AtomicBoolean cancel = new AtomicBoolean();
    CountDownLatch finished = new CountDownLatch(1);
    Thread hook = new Thread(() -> {
      cancel.set(true);
      try {
        finished.await(120, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "gaugebias-verify-interrupt");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      ProgressListener progress = progress(cancel);
      String outcome = arm == Arm.SGD ? runSgd(dynamics, dir, stem, progress, cancel)
          : runSde(arm, dynamics, dir, stem, progress, cancel);
      return exitCode(outcome);
    } finally {
      finished.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // Ctrl-C: the hook is running and has just been released
      }
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

  // ------------------------------------------------------------------ SDE arms

  private String runSde(Arm arm, Dynamics dynamics, Path dir, String stem,
      ProgressListener progress, AtomicBoolean cancel) {
    NoiseModel nm = arm == Arm.PROJECTED ? NoiseModel.PROJECTED
        : arm == Arm.ISOTROPIC ? NoiseModel.ISOTROPIC : NoiseModel.GRADIENT_DESCENT;
    double t = temperature != null ? temperature : DEFAULT_TEMPERATURE;
    SimulationModel model;
    try {
      model = SimulationModels.from(dynamics, nm, Optional.ofNullable(observable));
    } catch (IllegalArgumentException e) {
      throw new UserInputException(e.getMessage());
    }
    double[] w = window != null ? parseWindow(window) : defaultWindow(model, t);
    checkSupport(model, w, t);
    if (nm == NoiseModel.GRADIENT_DESCENT) {
      // no stationary law (THEORY.md §5): simulate and report, with nothing to compare against
      model = new SimulationModel(model.name(), model.parameters(), model.predictor(),
          model.loss(), model.gradient(), model.generators(), model.momentMaps(),
          model.observable(), model.observableSymbol(), null, List.of(),
          model.temperatureSymbol());
    }
    double exclusion = w[0] <= 0 && w[1] >= 0 ? 0
        : Math.min(0.05, 0.25 * Math.min(Math.abs(w[0]), Math.abs(w[1])));
    SimulationSettings sim = SimulationSettings.of(nm, nm == NoiseModel.GRADIENT_DESCENT ? 0 : t,
        dt != null ? dt : DEFAULT_DT, steps, chains, seed)
        .withThreads(threads != null ? threads : Runtime.getRuntime().availableProcessors());
    ObservationPlan plan = new ObservationPlan(w[0], w[1], bins, exclusion, 1);
    VerificationReport r = Verifier.run(model, VerificationSettings.of(sim, plan), progress,
        cancel::get);
    endProgress();
    List<String> cli = new ArrayList<>();
    String outcome = r.verdict().outcome();
    if (outcome.equals("UNSTABLE")) {
      cli.add(String.format(Locale.ROOT, "UNSTABLE: %d of %d chains diverged at dt = %s: the step"
          + " size is too large for stability; lower --dt (e.g. --dt %s)",
          r.counts().divergedChains(), r.counts().chains(), sim.dt(), sim.dt() / 4));
    }
    if (outcome.equals("NO_PREDICTION")) {
      cli.add(nm == NoiseModel.GRADIENT_DESCENT
          ? "gradient descent has no stationary law (THEORY.md section 5): the moment maps are"
              + " conserved; compare their trace at t = 0 and at the end"
          : "isotropic noise with a non-compact symmetry group has no stationary law (THEORY.md"
              + " section 5): the histogram only describes this finite run");
    }
    if (outcome.equals("INCOMPLETE")) {
      cli.add("interrupted: the report covers the finished blocks of chains only");
    }
    StringBuilder text = new StringBuilder(r.toText());
    for (String c : cli) {
      text.append("  cli        ").append(c).append('\n');
    }
    write(dir, stem, text.toString(), r.toJson(), () -> r.writeTo(dir, stem));
    return outcome;
  }

  /** Where e^{−L/T} of the observable exceeds 1e-4 of its maximum, cut away from 0. */
  static double[] defaultWindow(SimulationModel model, double t) {
    Expr l = model.observableLoss();
    String x = model.observableSymbol();
    int n = 8001;
    double span = 20;
    double[] v = new double[n];
    double best = Double.POSITIVE_INFINITY;
    double argmin = 0;
    for (int i = 0; i < n; i++) {
      double xi = -span + 2 * span * i / (n - 1);
      double li = eval(l, x, xi, model.temperatureSymbol(), t);
      v[i] = li;
      if (li < best) {
        best = li;
        argmin = xi;
      }
    }
    double lo = Double.NaN;
    double hi = Double.NaN;
    for (int i = 0; i < n; i++) {
      double xi = -span + 2 * span * i / (n - 1);
      if (Double.isFinite(v[i]) && (v[i] - best) / t <= Math.log(1e4)) {
        lo = Double.isNaN(lo) ? xi : lo;
        hi = xi;
      }
    }
    if (Double.isNaN(lo)) {
      throw new UserInputException("cannot choose a histogram window: the loss of "
          + x + " is not finite on [-20, 20]; give --window lo,hi");
    }
    if (lo < 0 && hi > 0 && Math.abs(argmin) > 1e-9) {
      if (argmin > 0) {
        lo = 0.2 * argmin;
      } else {
        hi = 0.2 * argmin;
      }
    }
    return new double[] {round(lo), round(hi)};
  }

  private static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }

  /** Every law must be finite on the window (it is normalised there). */
  private static void checkSupport(SimulationModel model, double[] w, double t) {
    for (CandidateLaw law : model.laws()) {
      for (int i = 0; i <= 200; i++) {
        double xi = w[0] + (w[1] - w[0]) * i / 200;
        double v = eval(law.logDensity(), model.observableSymbol(), xi,
            model.temperatureSymbol(), t);
        if (!Double.isFinite(v)) {
          throw new UserInputException(String.format(Locale.ROOT, "--window %s,%s is not inside"
              + " the support of the law '%s': its log-density is not finite at %s = %s"
              + " (a non-free point such as 0 must stay outside the window, e.g. --window"
              + " 0.2,1.8)", g(w[0]), g(w[1]), law.name(), model.observableSymbol(), g(xi)));
        }
      }
    }
  }

  private static double eval(Expr e, String x, double at, String tSym, double t) {
    Map<String, Double> env = new HashMap<>();
    env.put(x, at);
    env.put(tSym, t);
    try {
      return NumericEvaluator.eval(e, env);
    } catch (RuntimeException ex) {
      return Double.NaN;
    }
  }

  // ------------------------------------------------------------------ SGD arm

  private String runSgd(Dynamics dynamics, Path dir, String stem, ProgressListener progress,
      AtomicBoolean cancel) {
    SgdModel model;
    try {
      model = SgdModel.from(dynamics, Optional.ofNullable(observable));
    } catch (IllegalArgumentException e) {
      throw new UserInputException(e.getMessage());
    }
    double eta = dt != null ? dt : model.problem().learningRate();
    SgdSettings s = SgdSettings.of(eta, model.problem().batch(), steps, chains, seed,
        InitialCondition.reference())
        .withThreads(threads != null ? threads : Runtime.getRuntime().availableProcessors());
    SgdReport r = new MinibatchSgd(model, s).run(progress, cancel::get);
    endProgress();
    String outcome = r.verdict().outcome();
    String text = r.toText() + (outcome.equals("UNSTABLE") ? String.format(Locale.ROOT,
        "  cli        UNSTABLE: %d of %d chains diverged at learning rate %s: too large for"
            + " stability; lower it with --dt (e.g. --dt %s)%n", r.counts().divergedChains(),
        r.counts().chains(), eta, eta / 4) : "");
    write(dir, stem, text, r.toJson(), () -> r.writeTo(dir, stem));
    return outcome;
  }

  // ------------------------------------------------------------------ output

  private void write(Path dir, String stem, String text, String json, Runnable files) {
    files.run();
    try {
      Files.writeString(dir.resolve(stem + ".txt"), text, StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot write " + dir.resolve(stem + ".txt") + ": "
          + e.getMessage(), e);
    }
    PrintWriter o = spec.commandLine().getOut();
    o.print(text);
    o.println("  files      " + dir.resolve(stem) + ".{txt,json,png}");
    o.flush();
  }

  private ProgressListener progress(AtomicBoolean cancel) {
    PrintWriter err = spec.commandLine().getErr();
    boolean bar = System.console() != null;
    return (done, total) -> {
      if (cancelAfterFirstBlock) {
        cancel.set(true);
      }
      if (bar) {
        synchronized (this) {
          int width = 40;
          int filled = (int) (width * done / Math.max(1, total));
          err.print("\r  verify [" + "#".repeat(filled) + " ".repeat(width - filled) + "] "
              + (100 * done / Math.max(1, total)) + "%");
          err.flush();
        }
      }
    };
  }

  private void endProgress() {
    if (System.console() != null) {
      spec.commandLine().getErr().println();
      spec.commandLine().getErr().flush();
    }
  }

  static int exitCode(String outcome) {
    switch (outcome) {
      case "PASS":
        return ExitCode.OK;
      case "FAIL":
        return ExitCode.VERIFY_FAILED;
      case "UNSTABLE":
        return ExitCode.VERIFY_UNSTABLE;
      case "INCOMPLETE":
        return ExitCode.VERIFY_INCOMPLETE;
      default:
        return ExitCode.VERIFY_NO_PREDICTION;
    }
  }

  private static String g(double v) {
    return String.format(Locale.ROOT, "%.6g", v).replaceAll("\\.?0+(e|$)", "$1");
  }
}
