package org.gaugebias.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.gaugebias.symbolic.inverse.Family;
import org.gaugebias.symbolic.inverse.InverseDesign;
import org.gaugebias.symbolic.inverse.InverseDesigner;
import org.gaugebias.symbolic.inverse.Target;
import org.gaugebias.symbolic.io.SafeFiles;
import org.gaugebias.symbolic.trace.WorkProgress;
import org.gaugebias.symbolic.expr.TextPrinter;
import org.gaugebias.symbolic.print.DisplayForm;
import org.gaugebias.symbolic.print.Format;
import org.gaugebias.symbolic.print.SumFolding;
import org.gaugebias.symbolic.trace.Step;
import org.gaugebias.symbolic.trace.StepKind;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code gaugebias design --target EXPR}: a parameterisation whose induced bias (quotient
 * variant) is the target up to a constant, with its proof.
 */
@Command(name = "design", mixinStandardHelpOptions = true,
    description = "Inverse design: find a parameterisation that induces a target bias.")
final class DesignCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;
  @Mixin
  VerboseOption verbose;

  static final class TargetSource {
    @Option(names = "--target", paramLabel = "EXPR", required = true,
        description = "The target bias R*(beta) in Wolfram syntax, e.g. 'T/2*Total[Log[Abs[beta]]]'.")
    String expr;

    @Option(names = "--target-file", paramLabel = "FILE", required = true,
        description = "A file holding the target expression.")
    Path file;
  }

  @ArgGroup(exclusive = true, multiplicity = "1")
  TargetSource source;

  @Option(names = "--variable", defaultValue = "beta", description = "Predictor name (default"
      + " ${DEFAULT-VALUE}).")
  String variable;

  @Option(names = "--dimension", description = "Predictor components (default 1); for a"
      + " target in the singular values 'sigma' of a matrix, the rank r (default 3).")
  Integer dimension;

  @Option(names = "--temperature", defaultValue = "T", description = "Temperature symbol.")
  String temperature;

  @Option(names = "--temperature-value", paramLabel = "X", description = "Design for this one"
      + " temperature (a positive number, e.g. 0.5 or 1/2). Needed when phi must be tabulated"
      + " (no closed form with a symbolic temperature).")
  String temperatureValue;

  @Option(names = "--family", description = "Only this family: analysis or outer (targets in"
      + " 'sigma' always take lowrank, the matrix families).")
  String family;

  @Option(names = "--positive-branch", description = "Outer maps for beta > 0 only (u, v > 0)"
      + " instead of both signs (the odd extension of phi, whose written file 'derive'/'eval'"
      + " cover on both sign branches).")
  boolean positiveBranch;

  @Option(names = "--id", defaultValue = "designed", description = "Id of the designed"
      + " parameterisation (default ${DEFAULT-VALUE}).")
  String id;

  @Option(names = {"-o", "--out"}, description = "Write the design file here; the inverse"
      + " derivation goes beside it as .tex, .json and .txt.")
  Path out;

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = Budget.DEFAULT_TIMEOUT,
      description = "Time budget in seconds (default: ${DEFAULT-VALUE}); over it: exit 5.")
  double timeout;

  /** {@code 0.5}, {@code 1/2}, {@code 2} as an exact positive rational. */
  static org.gaugebias.symbolic.expr.Expr.Num positiveNumber(String text) {
    String t = text.strip();
    java.math.BigInteger num;
    java.math.BigInteger den;
    try {
      int slash = t.indexOf('/');
      if (slash > 0) {
        num = new java.math.BigInteger(t.substring(0, slash).strip());
        den = new java.math.BigInteger(t.substring(slash + 1).strip());
      } else {
        java.math.BigDecimal d = new java.math.BigDecimal(t);
        num = d.unscaledValue();
        den = java.math.BigInteger.TEN.pow(Math.max(0, d.scale()));
        if (d.scale() < 0) {
          num = num.multiply(java.math.BigInteger.TEN.pow(-d.scale()));
        }
      }
    } catch (NumberFormatException | ArithmeticException e) {
      throw new UserInputException("--temperature-value must be a positive number such as 0.5"
          + " or 1/2, not '" + text + "'");
    }
    if (num.signum() <= 0 || den.signum() <= 0) {
      throw new UserInputException("--temperature-value must be positive, not '" + text + "'");
    }
    return new org.gaugebias.symbolic.expr.Expr.Num(num, den);
  }

  /**
   * The designed bias overlaid on the target (β &gt; 0, at the target's temperature value or
   * T = 1), as {@code stem.png} and {@code stem.svg}; false when a formula has no numeric form.
   */
  private static boolean biasPlot(InverseDesign d, Path stem) {
    double t = d.target().temperatureValue().map(v -> v.doubleValue()).orElse(1.0);
    var chart = org.gaugebias.numeric.run.BiasPlots.inverseDesign(d.forward(),
        d.target().expr(), d.constant(), t, 0, 3);
    Path dir = stem.toAbsolutePath().getParent();
    chart.ifPresent(c -> org.gaugebias.numeric.run.ReportFiles.writeChart(dir,
        stem.getFileName().toString(), c));
    return chart.isPresent();
  }

  /**
   * The designed predictor in conventional notation, one line per component ({@code beta =
   * -4*T*log(1 - sqrt(u*v)/(2*T))}): the design file below keeps the Wolfram form it parses.
   */
  static java.util.List<String> answer(InverseDesign d) {
    java.util.List<String> out = new java.util.ArrayList<>();
    for (Step s : d.forward().steps()) {
      if (s.kind() == StepKind.DECLARE) {
        for (SumFolding.Row r : SumFolding.rows(s.outputs(), d.forward())) {
          out.add(TextPrinter.symbol(r.name()) + " = " + TextPrinter.print(
              DisplayForm.simplify(r.expr())) + (r.count() > 1 ? "   (i = 1.." + r.count()
              + ")" : ""));
        }
      }
    }
    return out;
  }

  /**
   * R_quot − R*: exact, or (a tabulated φ, the constant a number) its value at size with the
   * bound the table's error allows.
   */
  static String constantLine(InverseDesign d) {
    if (d.constant() instanceof org.gaugebias.symbolic.expr.Expr.Real r) {
      return String.format(java.util.Locale.ROOT, "%.9f ± %.1e", r.value(), d.tolerance())
          + " (a number: constant by the proof, to within the table's error bound)";
    }
    return TextPrinter.print(DisplayForm.simplify(d.constant()));
  }

  private static SafeFiles.Body body(String text) {
    byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    return o -> o.write(bytes);
  }

  /** The target file, capped like a design file (a target is one expression). */
  private static String readTarget(Path file) {
    try (java.io.InputStream in = Files.newInputStream(file)) {
      byte[] bytes = in.readNBytes(MAX_TARGET_BYTES + 1);
      if (bytes.length > MAX_TARGET_BYTES) {
        throw org.gaugebias.symbolic.failure.Failure.resources(file.toString(),
            "the target file is larger than " + (MAX_TARGET_BYTES >> 10) + " KiB: a target is"
                + " one expression");
      }
      return new String(bytes, java.nio.charset.StandardCharsets.UTF_8).trim();
    } catch (java.io.IOException e) {
      throw org.gaugebias.symbolic.failure.Failure.io(file.toString(),
          ErrorReporter.io(e), e);
    }
  }

  private static final int MAX_TARGET_BYTES = 64 << 10;

  /** An empty or unparsable target is a usage error (2), said before any work. */
  private static void checkTarget(String expr) {
    if (expr.isBlank()) {
      throw new UserInputException("--target is empty: give the target bias, e.g."
          + " 'T/2*Total[Log[Abs[beta]]]'");
    }
    try {
      org.gaugebias.symbolic.cas.WolframSyntax.parse(expr);
    } catch (org.gaugebias.symbolic.cas.CasException | IllegalArgumentException e) {
      throw new UserInputException("--target '" + abbreviate(expr)
          + "' is not a Wolfram expression: " + e.getMessage());
    }
  }

  private static String abbreviate(String s) {
    return s.length() <= 80 ? s : s.substring(0, 80) + "…";
  }

  @Override
  public Integer call() throws Exception {
    int size = dimension != null ? dimension : 1;
    if (size < 1) {
      throw new UserInputException("--dimension must be at least 1");
    }
    if (!id.matches("[a-z0-9][a-z0-9-]*")) {
      throw new UserInputException("--id must match [a-z0-9][a-z0-9-]*");
    }
    Optional<Family> only;
    try {
      only = Optional.ofNullable(family).map(Family::byId);
    } catch (IllegalArgumentException e) {
      throw new UserInputException(e.getMessage());
    }
    var limit = Budget.seconds(timeout);
    String expr = source.expr != null ? source.expr : readTarget(source.file);
    checkTarget(expr);
    if (out != null) {
      SafeFiles.requireWritable(out);
    }
    String where = source.file != null ? source.file.toString() : "";
    Optional<Family> chosen = only;
    // a target in the singular values of a matrix: family 3 (the matrix families)
    boolean spectralTarget = org.gaugebias.symbolic.inverse.SpectralTarget.isSpectral(expr,
        variable);
    int rank = dimension != null ? dimension : 3;
    InverseDesign d;
    // the engine's search reports no progress: elapsed time only (no total, so no time left)
    try (var meter = Progress.meter(spec, "design", "searches", -1)) {
      d = Budget.run(where, limit, () -> WorkProgress.current().within("designing for the"
          + " target " + expr + (spectralTarget ? " at rank " + rank : " in dimension " + size),
          () -> {
            InverseDesigner designer = positiveBranch
                ? new InverseDesigner(Engine.session()).positiveBranchOnly()
                : new InverseDesigner(Engine.session());
            WorkProgress.current().step("step 1, reading the target");
            if (spectralTarget) {
              var spectral = designer.spectralTarget(expr, rank, temperature);
              WorkProgress.current().step("step 2, searching the matrix families");
              return designer.design(spectral, id);
            }
            Target target = designer.target(expr, variable, size, temperature,
                Optional.ofNullable(temperatureValue).map(DesignCommand::positiveNumber));
            WorkProgress.current().step("step 2, searching the families");
            return designer.design(target, chosen, id);
          }));
    }
    var o = spec.commandLine().getOut();
    o.println("# target   R* = " + expr);
    o.println("# family   " + d.family().id());
    o.println("# domain   " + d.domain());
    for (String answer : answer(d)) {
      o.println("# answer   " + answer);
    }
    o.println("# constant R_quot - R* = " + constantLine(d));
    o.println("# proof    forward derivation of the design; R_quot - R* constant at random points"
        + " (spread " + String.format(java.util.Locale.ROOT, "%.1e", d.numericSpread())
        + (d.tables().isEmpty() ? "" : ", allowed " + String.format(java.util.Locale.ROOT,
        "%.1e", d.tolerance()) + " by the table's error bound") + ")");
    for (var table : d.tables().entrySet()) {
      o.println("# table    " + table.getKey() + " (" + table.getValue().size() + " nodes"
          + (out == null ? "; not written: give -o FILE to write it beside the design" : "")
          + ")");
    }
    for (String t : d.tried()) {
      o.println("# not      " + t);
    }
    o.print(d.designYaml());
    o.flush(); // the design is shown even if writing it fails below
    if (out != null) {
      String stem = out.getFileName().toString().replaceFirst("\\.ya?ml$", "");
      Map<Path, SafeFiles.Body> files = new LinkedHashMap<>();
      files.put(out, body(d.designYaml()));
      for (Format f : Format.values()) {
        files.put(out.resolveSibling(stem + "-inverse." + f.extension()),
            body(f.printer().print(d.document())));
      }
      for (var table : d.tables().entrySet()) {
        files.put(out.resolveSibling(table.getKey()), body(table.getValue().toCsv()));
      }
      SafeFiles.writeAll(files);
      boolean plotted = biasPlot(d, out.resolveSibling(stem + "-bias"));
      o.println("# wrote " + out + (d.tables().isEmpty() ? "" : ", "
          + String.join(", ", d.tables().keySet())) + " and its inverse derivation (" + stem
          + "-inverse.tex/.json/.txt)" + (plotted ? ", " + stem + "-bias.png/.svg (the designed"
          + " bias over the target)" : ""));
    }
    o.flush();
    return ExitCode.OK;
  }
}
