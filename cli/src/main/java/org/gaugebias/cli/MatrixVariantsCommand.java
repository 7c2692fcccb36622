package org.gaugebias.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.gaugebias.numeric.matrix.MatrixDynamics;
import org.gaugebias.numeric.matrix.MatrixVariantSettings;
import org.gaugebias.numeric.matrix.MatrixVariantSweep;
import org.gaugebias.numeric.matrix.ProductDynamics;
import org.gaugebias.numeric.run.Outcome;
import org.gaugebias.numeric.run.ProgressMeter;
import org.gaugebias.numeric.run.ReportFiles;
import org.gaugebias.numeric.run.Run;
import org.gaugebias.numeric.run.RunControl;
import org.gaugebias.symbolic.compile.DesignCompiler;
import org.gaugebias.symbolic.derive.ForwardDeriver;
import org.gaugebias.symbolic.compile.Parameterization;
import org.gaugebias.symbolic.design.DesignReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code gaugebias matrix-variants FILE}: for a two-factor matrix design W = F Gᵀ (e.g.
 * test-data/designs/matrix-uv.yaml) or a deep linear product W = W_L ⋯ W_1 of square factors
 * (test-data/designs/deep-linear-3.yaml), which variant of THEORY.md §3 the singular values follow
 * under projected noise (docs/verifier.md, "Matrix designs"). One run per seed; the verdict holds
 * when every seed names the same variant.
 */
@Command(name = "matrix-variants", mixinStandardHelpOptions = true,
    description = "Simulate a matrix factorisation W = F.Transpose[G] or a deep linear product"
        + " W = W3.W2.W1 (square factors) under projected noise and"
        + " say which bias variant (quotient/orbit or the balance diagnostic) its singular values"
        + " follow, comparing expectations of functions of the singular values with each"
        + " candidate law (importance sampling).",
    footer = {"", "Exit codes: 0 every seed names the same variant; 6 no variant fits or the"
        + " seeds disagree; 7 UNSTABLE (lower --dt); 8 INCOMPLETE (interrupted); 2 bad options;"
        + " others as for derive."})
final class MatrixVariantsCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;
  @Mixin
  VerboseOption verbose;

  @Parameters(paramLabel = "FILE", description = "A design W = F.Transpose[G] or W = WL...W1"
      + " (square factors) with a loss quadratic in W.")
  Path file;

  @Option(names = "--temperature", paramLabel = "T", description = "Temperature (default 0.05).")
  double temperature = 0.05;

  @Option(names = "--dt", paramLabel = "h", description = "Euler-Maruyama step (default 2e-3).")
  double dt = 2e-3;

  @Option(names = "--time", paramLabel = "t", description = "Simulated time per chain (default"
      + " 30; burn-in a third, 40 samples per chain).")
  double time = 30;

  @Option(names = "--chains", paramLabel = "N", description = "Chains per seed (default 4000).")
  int chains = 4_000;

  @Option(names = "--seeds", paramLabel = "S,S", split = ",", description = "Root seeds, one run"
      + " each (default 20260406,20260407).")
  List<Long> seeds = new ArrayList<>(List.of(20260406L, 20260407L));

  @Option(names = "--delta", paramLabel = "d", description = "Exclusion radius around"
      + " sigma_min = 0 (default 0.05).")
  double delta = 0.05;

  @Option(names = "--importance", paramLabel = "N", description = "Importance-sampling draws"
      + " from e^(-L/T) per seed (default 1000000).")
  int importance = 1_000_000;

  @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: all"
      + " processors; results do not depend on it).")
  Integer threads;

  @Option(names = "--out", paramLabel = "DIR", description = "Report folder (default"
      + " out/verify/<id>-variants).")
  Path out;

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = RunDeadline.DEFAULT_TIMEOUT,
      description = "Time budget in seconds (default: ${DEFAULT-VALUE}); over it the runs stop,"
          + " the reports of what was done are written and the exit code is 5.")
  double timeout;

  @Override
  public Integer call() {
    MatrixVariantSettings base = settings(seeds.isEmpty() ? 0L : seeds.get(0));
    if (out != null) {
      ReportFiles.checkWritableFolder(out);
    }
    var design = DesignReader.read(file);
    Parameterization p = new DesignCompiler(Engine.session()).compile(design);
    MatrixDynamics dyn = ProductDynamics.derive(Engine.session(), p,
        new ForwardDeriver(Engine.session()).symmetry(p));
    Path dir = out != null ? out : Path.of("out", "verify", design.id() + "-variants");
    ReportFiles.checkWritableFolder(dir);
    PrintWriter o = spec.commandLine().getOut();
    Run<MatrixVariantSweep> run = MatrixVariantSweep.run(dyn, base, seeds, r -> {
      String stem = design.id() + "-variants-seed" + r.settings().seed();
      ReportFiles.write(dir, stem, r);
      o.print(r.toText());
      o.println("  files      " + dir.resolve(stem) + ".{txt,json,png}");
      o.println();
      o.flush();
    });
    ProgressMeter meter = Progress.meter(spec, "matrix-variants", "chain-steps", 0);
    try (RunControl control = RunControl.install("matrix-variants", meter);
        RunDeadline deadline = RunDeadline.start(timeout, control)) {
      MatrixVariantSweep sweep = run.execute(control.context());
      meter.finish();
      ReportFiles.writeText(dir.resolve(design.id() + "-variants-summary.txt"), sweep.toText());
      o.print(sweep.toText());
      o.flush();
      return control.exitWith(deadline.exitCode(RunExit.code(
          sweep.outcome() == Outcome.NO_PREDICTION ? Outcome.FAIL : sweep.outcome()),
          spec.commandLine().getErr()));
    }
  }

  /** Checks the options before the (slow) symbolic work starts. */
  private MatrixVariantSettings settings(long seed) {
    Budget.seconds(timeout);
    if (seeds.isEmpty()) {
      throw new UserInputException("--seeds needs at least one seed");
    }
    if (threads != null && threads < 1) {
      throw new UserInputException("--threads must be a positive number, got " + threads);
    }
    if (!(time > 0) || Double.isInfinite(time)) {
      throw new UserInputException("--time must be a positive finite number, got " + time);
    }
    try {
      MatrixVariantSettings s = MatrixVariantSettings.of(temperature, dt, time, chains, seed)
          .withImportanceSamples(importance);
      return threads != null ? s.withThreads(threads) : s;
    } catch (IllegalArgumentException e) {
      throw new UserInputException(e.getMessage());
    }
  }

}
