package org.gaugebias.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gaugebias.symbolic.expr.TextPrinter;
import org.gaugebias.symbolic.print.SumFolding;
import org.gaugebias.symbolic.trace.Derivation;
import org.gaugebias.symbolic.trace.Variant;
import java.util.concurrent.Callable;
import org.gaugebias.numeric.reproduce.Experiment;
import org.gaugebias.numeric.reproduce.Reproduction;
import org.gaugebias.numeric.reproduce.ReproductionReport;
import org.gaugebias.numeric.run.Outcome;
import org.gaugebias.numeric.run.ProgressMeter;
import org.gaugebias.numeric.run.ReportFiles;
import org.gaugebias.numeric.run.Run;
import org.gaugebias.numeric.run.RunControl;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code gaugebias reproduce NAME|all}: rerun the paper's experiments (THEORY.md §7) with their
 * arms and print the table experiment | published | ours | MATCH | attribution (issue 10).
 */
@Command(name = "reproduce", mixinStandardHelpOptions = true,
    description = "Rerun the paper's five experiments (relu-balance, attention-balance,"
        + " matrix-completion, spectral-sparsity, total-variation) with GD, large-init and noise"
        + " arms, compare with the published numbers over several seeds and say whether the"
        + " noise or the initialisation produced each outcome.",
    footer = {"", "Exit codes: 0 finished (MATCH yes/no is in the table); 8 INCOMPLETE"
        + " (interrupted, reports of what was done written); 5 --timeout ran out (the same);"
        + " 2 bad options; 4 --out not writable."})
final class ReproduceCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;
  @Mixin
  VerboseOption verbose;

  @Parameters(paramLabel = "NAME", description = "An experiment name, or all.")
  String name;

  @Option(names = "--seeds", paramLabel = "N", description = "Seeds (replicas) per arm"
      + " (default 5).")
  int seeds = 5;

  @Option(names = "--steps-scale", paramLabel = "x", description = "Factor on the published"
      + " step counts (default 1).")
  double stepsScale = 1;

  @Option(names = "--seed", paramLabel = "S", description = "Root seed (default "
      + Reproduction.DEFAULT_SEED + "); recorded in the reports.")
  long seed = Reproduction.DEFAULT_SEED;

  @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: all"
      + " processors; results do not depend on it).")
  Integer threads;

  @Option(names = "--designs", paramLabel = "DIR", description = "The catalogue whose designs"
      + " the reports derive beside the simulations (default designs).")
  Path designs = Path.of("designs");

  @Option(names = "--out", paramLabel = "DIR", description = "Report folder (default"
      + " out/reproduce).")
  Path out = Path.of("out", "reproduce");

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = RunDeadline.DEFAULT_TIMEOUT,
      description = "Time budget in seconds (default: ${DEFAULT-VALUE}); over it the runs stop,"
          + " the reports of what was done are written and the exit code is 5.")
  double timeout;

  @Override
  public Integer call() {
    Reproduction.Settings settings;
    Budget.seconds(timeout);
    try {
      List<Experiment> experiments = name.equals("all") ? Experiment.all()
          : List.of(Experiment.named(name));
      settings = new Reproduction.Settings(experiments, seeds, stepsScale, seed,
          threads != null ? threads : Runtime.getRuntime().availableProcessors(),
          derivedLaws(experiments));
    } catch (IllegalArgumentException e) {
      throw new UserInputException(e.getMessage());
    }
    ReportFiles.checkWritableFolder(out);
    PrintWriter o = spec.commandLine().getOut();
    Run<ReproductionReport> run = Reproduction.run(settings, report -> {
      report.writeTo(out);
      o.print(report.toText());
      o.println("  files      " + out.resolve(report.name()) + ".{txt,json,png}, "
          + report.name() + "-{final,reference}.png");
      o.println();
      o.flush();
    });
    ProgressMeter meter = Progress.meter(spec, "reproduce " + name,
        "work units", 0);
    try (RunControl control = RunControl.install("reproduce", meter);
        RunDeadline deadline = RunDeadline.start(timeout, control)) {
      ReproductionReport all = run.execute(control.context());
      meter.finish();
      ReportFiles.write(out, "reproduce-" + name, all);
      o.print(all.toText());
      o.println("  files      " + out.resolve("reproduce-" + name) + ".{txt,json,png}");
      o.flush();
      return control.exitWith(deadline.exitCode(all.outcome() == Outcome.INCOMPLETE
          ? ExitCode.VERIFY_INCOMPLETE : ExitCode.OK, spec.commandLine().getErr()));
    }
  }


  /**
   * The engine's law for each experiment's catalogue design (THEORY.md §3, quotient variant: the
   * law of the predictor under projected noise), derived now, so the report shows what the
   * engine predicts beside what the simulation did. A design that is missing or fails to derive
   * is named with the reason instead; it never stops the reproduction.
   */
  private Map<String, List<String>> derivedLaws(List<Experiment> experiments) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (Experiment e : experiments) {
      e.catalogueDesign().ifPresent(link -> {
        Path file = designs.resolve(link.file());
        String head = "catalogue: " + file + " (" + link.relation() + ")";
        if (!Files.isRegularFile(file)) {
          out.put(e.name(), List.of(head + "; not found, not derived"));
          return;
        }
        try {
          Derivation d = Budget.run(file.toString(), Budget.seconds(300),
              () -> Engine.derive(file, Variant.QUOTIENT));
          List<String> lines = new ArrayList<>();
          lines.add(head);
          for (Variant v : List.of(Variant.QUOTIENT, Variant.ORBIT)) {
            if (d.results().containsKey(v)) {
              lines.add("derived by the engine: R_" + v.shortName() + " = "
                  + TextPrinter.print(SumFolding.fold(d.results().get(v).bias(), d)));
            }
          }
          out.put(e.name(), lines);
        } catch (RuntimeException failure) {
          out.put(e.name(), List.of(head + "; its derivation failed: " + failure.getMessage()));
        }
      });
    }
    return out;
  }
}
