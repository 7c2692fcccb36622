package org.gaugebias.cli;

import picocli.CommandLine.Option;

/** {@code --verbose}: stack traces on errors. Shared by every subcommand. */
final class VerboseOption {
  @Option(names = "--verbose", description = "Print stack traces of errors.")
  boolean verbose;
}
