package org.gaugebias.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.gaugebias.symbolic.expr.TextPrinter;
import org.gaugebias.symbolic.print.Format;
import org.gaugebias.symbolic.print.SumFolding;
import org.gaugebias.symbolic.trace.Derivation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The main job: derives every design in the catalogue, writes each derivation as text, LaTeX and
 * JSON plus a summary table to the output folder, and prints the table.
 */
@Command(name = "catalogue", mixinStandardHelpOptions = true,
    description = "Derive every design in a folder; write documents and a summary table.")
final class CatalogueCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;
  @Mixin
  VerboseOption verbose;

  @Option(names = "--designs", defaultValue = "designs",
      description = "Folder of design files (default: ${DEFAULT-VALUE}).")
  Path designs;

  @Option(names = {"-o", "--out"}, defaultValue = "out/catalogue",
      description = "Output folder (default: ${DEFAULT-VALUE}).")
  Path out;

  @Override
  public Integer call() throws Exception {
    List<Path> files = designFiles(designs);
    if (files.isEmpty()) {
      throw new UserInputException("no design files (*.yaml) in " + designs);
    }
    Files.createDirectories(out);
    List<String[]> rows = new ArrayList<>();
    int failures = 0;
    PrintWriter err = spec.commandLine().getErr();
    for (Path f : files) {
      try {
        Derivation d = Engine.derive(f, null);
        for (Format fmt : Format.values()) {
          Files.writeString(out.resolve(d.designId() + "." + fmt.extension()),
              fmt.printer().print(d));
        }
        rows.add(row(d));
      } catch (RuntimeException ex) {
        failures++;
        StringWriter msg = new StringWriter();
        ErrorReporter.report(ex, new PrintWriter(msg));
        err.print(msg);
        rows.add(new String[] {f.getFileName().toString(), "-", "FAILED: "
            + msg.toString().lines().findFirst().orElse("")});
      }
    }
    String table = Table.render(new String[] {"design", "symmetry", "bias (headline)"}, rows);
    Files.writeString(out.resolve("summary.txt"), table);
    spec.commandLine().getOut().print(table);
    spec.commandLine().getOut().println("Wrote " + (files.size() - failures) * 3
        + " documents and summary.txt to " + out);
    spec.commandLine().getOut().flush();
    err.flush();
    return failures == 0 ? ExitCode.OK : ExitCode.PARTIAL;
  }

  static List<Path> designFiles(Path dir) throws java.io.IOException {
    if (!Files.isDirectory(dir)) {
      throw new UserInputException("not a folder: " + dir);
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
          .sorted().toList();
    }
  }

  private static String[] row(Derivation d) {
    String symmetry = d.structure().map(s -> s.generators().size() + " generator"
        + (s.generators().size() == 1 ? "" : "s")).orElse("-");
    String pseudo = d.results().values().stream().anyMatch(r -> r.pseudoDeterminant())
        ? ", not free" : "";
    String bias = TextPrinter.print(SumFolding.fold(d.results().get(d.headline()).bias(), d));
    boolean complete = d.complete();
    return new String[] {d.designId(), symmetry + pseudo,
        "R_" + d.headline().shortName() + " = " + bias + (complete ? "" : "  (see unresolved)")};
  }
}
