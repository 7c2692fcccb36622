package org.gaugebias.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import org.gaugebias.symbolic.design.DesignError;
import org.gaugebias.symbolic.design.DesignException;
import org.gaugebias.symbolic.failure.FailureKind;
import org.gaugebias.symbolic.failure.GaugebiasException;
import picocli.CommandLine;

/**
 * The one place where failures become messages and exit codes: one line
 * {@code position: error: message} per failure (a design file's problems all at once), without a
 * stack trace unless {@code --verbose} was given. Codes come from {@link FailureKind}.
 */
final class ErrorReporter implements CommandLine.IExecutionExceptionHandler {
  @Override
  public int handleExecutionException(Exception ex, CommandLine cl,
      CommandLine.ParseResult parse) {
    PrintWriter err = cl.getErr();
    int code = report(ex, err);
    if (verbose(parse)) {
      ex.printStackTrace(err);
    }
    err.flush();
    return code;
  }

  static boolean verbose(CommandLine.ParseResult parse) {
    return parse.subcommands().stream().anyMatch(p -> p.hasMatchedOption("--verbose"))
        || parse.hasMatchedOption("--verbose");
  }

  /** Prints what went wrong and returns the exit code. */
  static int report(Throwable ex, PrintWriter err) {
    FailureKind kind = kindOf(ex);
    if (ex instanceof DesignException d) {
      for (DesignError e : d.errors()) {
        err.println(e);
      }
    } else {
      err.println(line(ex, kind));
    }
    return kind.exitCode();
  }

  /** The kind of any throwable: ours say it; the JVM's few that users can cause are mapped. */
  static FailureKind kindOf(Throwable ex) {
    if (ex instanceof GaugebiasException g) {
      return g.failure();
    }
    if (ex instanceof UncheckedIOException || ex instanceof java.io.IOException) {
      return FailureKind.IO;
    }
    if (ex instanceof UserInputException) {
      return FailureKind.USAGE;
    }
    if (ex instanceof OutOfMemoryError) {
      return FailureKind.RESOURCES;
    }
    return FailureKind.INTERNAL;
  }

  /** The one-line message of a failure. */
  static String line(Throwable ex, FailureKind kind) {
    if (ex instanceof GaugebiasException g) {
      String where = g.position().isEmpty() ? "" : g.position() + ": ";
      String what = g instanceof org.gaugebias.symbolic.cas.CasException c
          ? "symbolic step failed (" + c.kind().name().toLowerCase(java.util.Locale.ROOT) + "): "
          : "";
      return where + "error: " + what + g.getMessage();
    }
    if (ex instanceof UncheckedIOException u) {
      return "error: " + io(u.getCause());
    }
    if (ex instanceof java.io.IOException io) {
      return "error: " + io(io);
    }
    if (ex instanceof UserInputException) {
      return "error: " + ex.getMessage();
    }
    if (kind == FailureKind.RESOURCES) {
      return "error: out of memory (heap limit " + (Runtime.getRuntime().maxMemory() >> 20)
          + " MiB): the input is too large for this machine; reduce it or raise -Xmx";
    }
    return "internal error: " + ex + " (rerun with --verbose for the stack trace)";
  }

  /** An I/O failure with the file it concerns and the reason, not just a path. */
  static String io(java.io.IOException e) {
    if (e instanceof java.nio.file.NoSuchFileException n) {
      return n.getFile() + ": no such file or folder";
    }
    if (e instanceof java.nio.file.AccessDeniedException a) {
      return a.getFile() + ": permission denied";
    }
    if (e instanceof java.nio.file.FileSystemException f) {
      return f.getFile() + ": " + (f.getReason() == null ? "cannot be used" : f.getReason());
    }
    return String.valueOf(e.getMessage());
  }
}
