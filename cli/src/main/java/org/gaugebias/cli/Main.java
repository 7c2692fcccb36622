package org.gaugebias.cli;

import picocli.CommandLine;

/**
 * Entry point of the {@code gaugebias} command. Ends the JVM with {@link System#exit}: Symja
 * leaves non-daemon threads behind (shared/DEPENDENCIES.md G9).
 */
public final class Main {
  private Main() {
  }

  public static void main(String[] args) {
    java.io.PrintWriter err = new java.io.PrintWriter(System.err, true);
    boolean verbose = java.util.Arrays.asList(args).contains("--verbose");
    // Symja's own background threads (rule loading) can die of the same out-of-memory the
    // command reports; their default handler would print a stack trace, and may itself fail
    Thread.setDefaultUncaughtExceptionHandler((t, e) -> {
      if (verbose) {
        e.printStackTrace();
      }
    });
    int code;
    try {
      code = GaugebiasCommand.commandLine(new java.io.PrintWriter(System.out, true), err)
          .execute(args);
    } catch (Throwable e) {
      // what escapes the commands (an Error outside any Budget): one line, a documented code
      code = ErrorReporter.report(e, err);
      if (verbose) {
        e.printStackTrace(err);
      }
      err.flush();
    }
    System.exit(code);
  }
}
