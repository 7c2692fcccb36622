package org.gaugebias.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.gaugebias.numeric.run.BiasPlots;
import org.gaugebias.numeric.run.ReportFiles;
import org.gaugebias.symbolic.design.DesignReader;
import org.gaugebias.symbolic.expr.TextPrinter;
import org.gaugebias.symbolic.failure.Failure;
import org.gaugebias.symbolic.failure.FailureKind;
import org.gaugebias.symbolic.io.SafeFiles;
import org.gaugebias.symbolic.print.Format;
import org.gaugebias.symbolic.print.CatalogueDocument;
import org.gaugebias.symbolic.print.DisplayForm;
import org.gaugebias.symbolic.trace.Derivation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The main job: derives every design in the catalogue, writes each derivation as text, LaTeX
 * (complete, and brief: {@code ID-brief.tex}, one page) and JSON, one combined LaTeX document
 * ({@code catalogue.tex}: a summary table of every design, then each brief derivation) and a
 * summary table to the output folder, and prints the table. A design that fails (bad
 * file, time-out, memory, write error) is reported and marked FAILED in the table; the others are
 * written as if it were not there.
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

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = Budget.DEFAULT_TIMEOUT,
      description = "Time budget of each design, in seconds (default: ${DEFAULT-VALUE}); a"
          + " design over it is marked FAILED (timeout) and the next one starts.")
  double timeout;

  @Override
  public Integer call() throws Exception {
    var limit = Budget.seconds(timeout);
    List<Path> files = designFiles(designs);
    if (files.isEmpty()) {
      throw new UserInputException("no design files (*.yaml) in " + designs);
    }
    SafeFiles.requireWritable(out.resolve("summary.txt"));
    Map<Path, String> duplicates = duplicateIds(files);
    List<String[]> rows = new ArrayList<>();
    List<Derivation> derived = new ArrayList<>();
    List<CatalogueDocument.Failed> failed = new ArrayList<>();
    int failures = 0;
    int written = 0;
    int plots = 0;
    PrintWriter err = spec.commandLine().getErr();
    try (var meter = Progress.meter(spec, "catalogue", "designs", files.size())) {
      for (Path f : files) {
        meter.message(f.getFileName().toString());
        try {
          if (duplicates.containsKey(f)) {
            throw new Failure(FailureKind.INVALID_DESIGN, f.toString(), duplicates.get(f));
          }
          Derivation d = Budget.run(f.toString(), limit, () -> Engine.derive(f, null));
          Map<Path, SafeFiles.Body> docs = new LinkedHashMap<>();
          for (Format fmt : Format.values()) {
            byte[] text = fmt.printer().print(d).getBytes(StandardCharsets.UTF_8);
            docs.put(out.resolve(d.designId() + "." + fmt.extension()), o -> o.write(text));
          }
          byte[] brief = Format.LATEX.printer(true).print(d).getBytes(StandardCharsets.UTF_8);
          docs.put(out.resolve(d.designId() + "-brief.tex"), o -> o.write(brief));
          SafeFiles.writeAll(docs);
          written += docs.size();
          plots += biasPlot(d) ? 1 : 0;
          rows.add(row(d));
          derived.add(d);
        } catch (RuntimeException ex) {
          failures++;
          StringWriter msg = new StringWriter();
          ErrorReporter.report(ex, new PrintWriter(msg));
          err.print(msg);
          err.flush();
          rows.add(new String[] {f.getFileName().toString(), "-", "FAILED ("
              + ErrorReporter.kindOf(ex).name().toLowerCase(java.util.Locale.ROOT) + "): "
              + msg.toString().lines().findFirst().orElse("")});
          failed.add(new CatalogueDocument.Failed(f.getFileName().toString(),
              msg.toString().lines().findFirst().orElse("")));
        }
        meter.step();
      }
    }
    String table = Table.render(new String[] {"design", "symmetry", "bias (headline)"}, rows);
    spec.commandLine().getOut().print(table);
    spec.commandLine().getOut().flush();
    SafeFiles.write(out.resolve("summary.txt"), table);
    boolean combined = true;
    try {
      SafeFiles.write(out.resolve("catalogue.tex"), CatalogueDocument.latex(derived, failed));
    } catch (RuntimeException ex) {
      // one more output: its failure is reported and makes the run partial, as a design's does
      combined = false;
      ErrorReporter.report(ex, err);
      err.flush();
    }
    spec.commandLine().getOut().println("Wrote " + written + " documents, " + plots
        + " bias plots (ID-bias.png/.svg, scalar predictors), "
        + (combined ? "catalogue.tex and " : "") + "summary.txt to "
        + out + (failures == 0 ? "" : "; " + failures + " design" + (failures == 1 ? "" : "s")
        + " FAILED (see above)"));
    spec.commandLine().getOut().flush();
    return failures == 0 && combined ? ExitCode.OK : ExitCode.PARTIAL;
  }

  /**
   * For a design with one scalar predictor, {@code ID-bias.png} and {@code .svg}: the induced
   * bias and the predicted law against β at T = 1.
   */
  private boolean biasPlot(Derivation d) {
    var chart = BiasPlots.scalarDesign(d, 1.0, -2.5, 2.5);
    chart.ifPresent(c -> ReportFiles.writeChart(out, d.designId() + "-bias", c));
    return chart.isPresent();
  }

  static List<Path> designFiles(Path dir) throws java.io.IOException {
    if (!Files.isDirectory(dir)) {
      throw Failure.io(dir.toString(), dir + ": not a folder (--designs expects the folder of"
          + " design files)", null);
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
          .sorted().toList();
    }
  }

  /**
   * Designs that share an id with another file, and the message for each: they would write the
   * same documents, so none of them is written. Files that cannot be read are left to the main
   * loop, which reports them.
   */
  private static Map<Path, String> duplicateIds(List<Path> files) {
    Map<String, List<Path>> byId = new LinkedHashMap<>();
    for (Path f : files) {
      try {
        byId.computeIfAbsent(DesignReader.read(f).id(), k -> new ArrayList<>()).add(f);
      } catch (RuntimeException ignored) {
        // reported when the design is derived
      }
    }
    Map<Path, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, List<Path>> e : byId.entrySet()) {
      if (e.getValue().size() > 1) {
        for (Path f : e.getValue()) {
          List<String> others = e.getValue().stream().filter(o -> !o.equals(f))
              .map(o -> o.getFileName().toString()).toList();
          out.put(f, "duplicate id '" + e.getKey() + "', also in " + String.join(", ", others)
              + ": both would write " + e.getKey() + ".*; give each design its own id");
        }
      }
    }
    return out;
  }

  private static String[] row(Derivation d) {
    String symmetry = d.structure().map(s -> s.generators().size() + " generator"
        + (s.generators().size() == 1 ? "" : "s")).orElse(
        org.gaugebias.symbolic.size.SizedEvaluation.facts(d).map(z -> z.operator()
        .equals("RANK_ONE_UNIT") ? "1 generator" : z.size() + " × "
        + z.generatorsPerBlock() + " generator" + (z.generatorsPerBlock() == 1 ? "" : "s"))
        .orElse("-"));
    // a matrix design's pseudo-determinant is P's (a rank-deficient predictor), not the orbit's
    boolean rankDeficient = d.structure().flatMap(s -> s.spectrum())
        .map(s -> !s.pseudoDeterminant().isEmpty()).orElse(false);
    String pseudo = rankDeficient ? ", P rank-deficient"
        : d.results().values().stream().anyMatch(r -> r.pseudoDeterminant()) ? ", not free" : "";
    String bias = TextPrinter.print(DisplayForm.of(d.results().get(d.headline()).bias(), d));
    boolean complete = d.complete();
    return new String[] {d.designId(), symmetry + pseudo,
        "R_" + d.headline().shortName() + " = " + bias + (complete ? "" : "  (see unresolved)")};
  }
}
