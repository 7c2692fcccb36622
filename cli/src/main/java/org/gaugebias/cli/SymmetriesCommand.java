package org.gaugebias.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.gaugebias.symbolic.print.Format;
import org.gaugebias.symbolic.print.SymmetryReportPrinter;
import org.gaugebias.symbolic.symmetry.GradientLieAlgebra;
import org.gaugebias.symbolic.symmetry.SymmetryDiscovery;
import org.gaugebias.symbolic.symmetry.SymmetryReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code gaugebias symmetries FILE}: the symmetry group derived from the predictor alone
 * (THEORY.md §1, §5, §6). A declared {@code symmetry:} is compared with it, not used.
 */
@Command(name = "symmetries", mixinStandardHelpOptions = true,
    description = "Discover the symmetries of a design from its predictor: the Lie algebra, the"
        + " conservation laws of gradient flow, the slice each noise model selects.")
final class SymmetriesCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;
  @Mixin
  VerboseOption verbose;

  @Parameters(paramLabel = "FILE", description = "A design file (designs/*.yaml).")
  Path file;

  @Option(names = "--format", defaultValue = "text",
      description = "text, latex or json (default: ${DEFAULT-VALUE}).")
  String format;

  @Option(names = "--time-limit", defaultValue = "60", paramLabel = "SECONDS",
      description = "Time limit of the Lie-algebra rank computation (default: ${DEFAULT-VALUE});"
          + " when reached, the report says so and gives bounds.")
  long timeLimit;

  @Option(names = "--max-rounds", defaultValue = "12",
      description = "Most bracket rounds (default: ${DEFAULT-VALUE}).")
  int maxRounds;

  @Option(names = {"-o", "--out"}, description = "Write to this file instead of stdout.")
  Path out;

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = Budget.DEFAULT_TIMEOUT,
      description = "Time budget in seconds (default: ${DEFAULT-VALUE}); over it: exit 5, naming"
          + " the stage of the discovery reached.")
  double timeout;

  @Override
  public Integer call() throws Exception {
    Format f = DeriveCommand.parseFormat(format);
    if (timeLimit <= 0 || maxRounds <= 0) {
      throw new UserInputException("--time-limit and --max-rounds must be positive");
    }
    GradientLieAlgebra.Limits limits = new GradientLieAlgebra.Limits(maxRounds,
        GradientLieAlgebra.Limits.DEFAULT.maxTermsPerField(), Duration.ofSeconds(timeLimit));
    SymmetryReport r = Budget.run(file.toString(), Budget.seconds(timeout),
        () -> new SymmetryDiscovery(Optional.of(Engine.session()), new SymmetryDiscovery.Settings(
            limits, SymmetryDiscovery.Settings.DEFAULT.seed()))
            .analyze(Engine.compileForDiscovery(file)));
    String text = SymmetryReportPrinter.print(r, f);
    if (out != null) {
      Files.writeString(out, text);
    } else {
      spec.commandLine().getOut().print(text);
      spec.commandLine().getOut().flush();
    }
    return ExitCode.OK;
  }
}
