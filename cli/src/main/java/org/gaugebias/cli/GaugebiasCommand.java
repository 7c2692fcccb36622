package org.gaugebias.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The top-level command; one class per subcommand. */
@Command(name = "gaugebias", mixinStandardHelpOptions = true, version = "gaugebias 0.1.0",
    description = "Induced implicit bias of redundant parameterisations: derive, evaluate,"
        + " run the catalogue.",
    subcommands = {CatalogueCommand.class, DeriveCommand.class, EvalCommand.class,
        DesignCommand.class,
        BenchCommand.class, VerifyCommand.class, MatrixVariantsCommand.class, SymmetriesCommand.class,
        ReproduceCommand.class,
        CommandLine.HelpCommand.class})
public final class GaugebiasCommand implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  /** Global: no progress bars (they are drawn on a terminal only anyway). */
  @CommandLine.Option(names = "--quiet", scope = CommandLine.ScopeType.INHERIT,
      description = "No progress bars on stderr (they are shown only on a terminal anyway).")
  boolean quiet;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** A configured command line whose output goes to {@code out} and {@code err} (tests inject). */
  public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
    CommandLine cl = new CommandLine(new GaugebiasCommand());
    cl.setOut(out);
    cl.setErr(err);
    cl.setExecutionExceptionHandler(new ErrorReporter());
    return cl;
  }
}
