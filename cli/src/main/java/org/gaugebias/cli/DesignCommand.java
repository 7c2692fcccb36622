package org.gaugebias.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.gaugebias.symbolic.inverse.Family;
import org.gaugebias.symbolic.inverse.InverseDesign;
import org.gaugebias.symbolic.inverse.InverseDesigner;
import org.gaugebias.symbolic.inverse.Target;
import org.gaugebias.symbolic.print.Format;
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

  @Option(names = "--dimension", defaultValue = "1", description = "Predictor components"
      + " (default ${DEFAULT-VALUE}).")
  int dimension;

  @Option(names = "--temperature", defaultValue = "T", description = "Temperature symbol.")
  String temperature;

  @Option(names = "--family", description = "Only this family: analysis or outer.")
  String family;

  @Option(names = "--id", defaultValue = "designed", description = "Id of the designed"
      + " parameterisation (default ${DEFAULT-VALUE}).")
  String id;

  @Option(names = {"-o", "--out"}, description = "Write the design file here; the inverse"
      + " derivation goes beside it as .tex, .json and .txt.")
  Path out;

  @Override
  public Integer call() throws Exception {
    if (dimension < 1) {
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
    String expr = source.expr != null ? source.expr : Files.readString(source.file).trim();
    InverseDesigner designer = new InverseDesigner(Engine.session());
    Target target = designer.target(expr, variable, dimension, temperature);
    InverseDesign d = designer.design(target, only, id);
    var o = spec.commandLine().getOut();
    o.println("# target   R* = " + expr);
    o.println("# family   " + d.family().id());
    o.println("# domain   " + d.domain());
    o.println("# constant R_quot - R* = " + d.constant().toWolfram());
    o.println("# proof    forward derivation of the design; R_quot - R* constant at random points"
        + " (spread " + String.format(java.util.Locale.ROOT, "%.1e", d.numericSpread()) + ")");
    for (String t : d.tried()) {
      o.println("# not      " + t);
    }
    o.print(d.designYaml());
    if (out != null) {
      Path dir = out.toAbsolutePath().getParent();
      if (dir != null) {
        Files.createDirectories(dir);
      }
      Files.writeString(out, d.designYaml());
      String stem = out.getFileName().toString().replaceFirst("\\.ya?ml$", "");
      for (Format f : Format.values()) {
        Files.writeString(out.resolveSibling(stem + "-inverse." + f.extension()),
            f.printer().print(d.document()));
      }
      o.println("# wrote " + out + " and its inverse derivation (" + stem + "-inverse.tex/.json/.txt)");
    }
    o.flush();
    return ExitCode.OK;
  }
}
