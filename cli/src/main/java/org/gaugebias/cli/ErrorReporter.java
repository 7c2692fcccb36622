package org.gaugebias.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import org.gaugebias.symbolic.cas.CasException;
import org.gaugebias.symbolic.derive.DerivationException;
import org.gaugebias.symbolic.design.DesignError;
import org.gaugebias.symbolic.design.DesignException;
import picocli.CommandLine;

/**
 * The one place where failures become messages and exit codes: {@code file:line:col: error: …}
 * without a stack trace, unless {@code --verbose} was given.
 */
final class ErrorReporter implements CommandLine.IExecutionExceptionHandler {
  @Override
  public int handleExecutionException(Exception ex, CommandLine cl,
      CommandLine.ParseResult parse) {
    PrintWriter err = cl.getErr();
    boolean verbose = parse.subcommands().stream().anyMatch(p -> p.hasMatchedOption("--verbose"))
        || parse.hasMatchedOption("--verbose");
    int code = report(ex, err);
    if (verbose) {
      ex.printStackTrace(err);
    }
    err.flush();
    return code;
  }

  /** Prints what went wrong and returns the exit code. */
  static int report(Throwable ex, PrintWriter err) {
    if (ex instanceof DesignException d) {
      for (DesignError e : d.errors()) {
        err.println(e);
      }
      return ExitCode.DESIGN_FILE;
    }
    if (ex instanceof DerivationException d) {
      err.println((d.origin().isEmpty() ? "" : d.origin() + ": ") + "error: " + d.getMessage());
      return ExitCode.of(d.kind());
    }
    if (ex instanceof org.gaugebias.symbolic.inverse.InverseDesignException i) {
      err.println("error: " + i.getMessage());
      return ExitCode.INVERSE + i.kind().ordinal();
    }
    if (ex instanceof CasException c) {
      err.println("error: symbolic step failed (" + c.kind().name().toLowerCase() + "): "
          + c.getMessage());
      return c.kind() == CasException.Kind.TIMEOUT ? ExitCode.TIMEOUT : ExitCode.INTERNAL;
    }
    if (ex instanceof UncheckedIOException || ex instanceof java.io.IOException) {
      err.println("error: " + ex.getMessage());
      return ExitCode.IO;
    }
    if (ex instanceof UserInputException u) {
      err.println("error: " + u.getMessage());
      return ExitCode.USAGE;
    }
    err.println("internal error: " + ex + " (rerun with --verbose for the stack trace)");
    return ExitCode.INTERNAL;
  }
}
