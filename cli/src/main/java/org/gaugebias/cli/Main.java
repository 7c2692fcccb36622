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
    System.exit(GaugebiasCommand.commandLine(new java.io.PrintWriter(System.out, true),
        new java.io.PrintWriter(System.err, true)).execute(args));
  }
}
