package org.gaugebias.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.gaugebias.symbolic.export.ArrayApiExport;
import org.gaugebias.symbolic.export.ExportModel;
import org.gaugebias.symbolic.export.SizedArrayApiExport;
import org.gaugebias.symbolic.export.SizedExportModel;
import org.gaugebias.symbolic.export.SizedSympyExport;
import org.gaugebias.symbolic.export.SympyExport;
import org.gaugebias.symbolic.io.SafeFiles;
import org.gaugebias.symbolic.print.Format;
import org.gaugebias.symbolic.trace.Variant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code gaugebias derive FILE}: the derivation of one design. */
@Command(name = "derive", mixinStandardHelpOptions = true,
    description = "Derive the induced bias of a design, with every step.")
final class DeriveCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;
  @Mixin
  VerboseOption verbose;

  @Parameters(paramLabel = "FILE", description = "A design file (designs/*.yaml).")
  Path file;

  @Option(names = "--format", defaultValue = "text",
      description = "text, latex, json, sympy (a Python module of SymPy expressions) or python"
          + " (array-API functions for NumPy and PyTorch) (default: ${DEFAULT-VALUE}).")
  String format;

  @Option(names = "--variant", description = "Headline variant: quotient, orbit or gauge"
      + " (default: the design's, else quotient).")
  String variant;

  @Option(names = "--brief", description = "The result and a summary of the derivation, about"
      + " one page (text and latex).")
  boolean brief;

  @Option(names = {"-o", "--out"}, description = "Write to this file instead of stdout"
      + " (complete or not at all; its folder is created).")
  Path out;

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = Budget.DEFAULT_TIMEOUT,
      description = "Time budget in seconds (default: ${DEFAULT-VALUE}); over it: exit 5.")
  double timeout;

  @Override
  public Integer call() throws Exception {
    Export export = Export.byName(format);
    Format f = export == null ? printedFormat(format) : null;
    if (brief && (f == null || !f.hasBrief())) {
      throw new UserInputException("--brief applies to --format text and latex, not " + format);
    }
    Variant v = variant == null ? null : Variants.parse(variant);
    var limit = Budget.seconds(timeout);
    if (out != null) {
      SafeFiles.requireWritable(out);
    }
    String text = Budget.run(file.toString(), limit, () -> {
      if (export == null) {
        return f.printer(brief).print(Engine.derive(file, v));
      }
      Engine.Derived both = Engine.compiledAndDerived(file, v);
      try {
        var sized = SizedExportModel.of(both.derivation(), both.compiled().functions());
        if (sized.isPresent()) {
          return export.render(sized.get());
        }
      } catch (IllegalArgumentException e) {
        throw new UserInputException("--format " + format + ": " + e.getMessage());
      }
      return export.render(ExportModel.of(both.derivation(), both.compiled()));
    });
    if (out != null) {
      SafeFiles.write(out, text);
    } else {
      spec.commandLine().getOut().print(text);
      spec.commandLine().getOut().flush();
    }
    return ExitCode.OK;
  }

  /** The code exports, beside the printed formats of {@link Format}. */
  enum Export {
    SYMPY("sympy"), PYTHON("python");

    private final String id;

    Export(String id) {
      this.id = id;
    }

    /** The export named {@code name} (any case), or null for a printed format. */
    static Export byName(String name) {
      for (Export e : values()) {
        if (e.id.equalsIgnoreCase(name == null ? "" : name.trim())) {
          return e;
        }
      }
      return null;
    }

    String render(ExportModel m) {
      return this == SYMPY ? SympyExport.render(m) : ArrayApiExport.render(m);
    }

    /** A derivation for every n: n symbolic in SymPy, the arrays' length in Python. */
    String render(SizedExportModel m) {
      return this == SYMPY ? SizedSympyExport.render(m) : SizedArrayApiExport.render(m);
    }
  }

  /** A printed format, or a usage error that names the exports too. */
  private static Format printedFormat(String name) {
    try {
      return Format.byName(name);
    } catch (IllegalArgumentException e) {
      throw new UserInputException("unknown output format '" + name + "' (expected one of:"
          + " text, latex, json, sympy, python)");
    }
  }

  static Format parseFormat(String name) {
    try {
      return Format.byName(name);
    } catch (IllegalArgumentException e) {
      throw new UserInputException(e.getMessage());
    }
  }
}
