package org.gaugebias.cli;

import org.gaugebias.numeric.run.ProgressMeter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** The progress bar of a command: on stderr, only on a terminal and without {@code --quiet}. */
final class Progress {
  private Progress() {
  }

  /**
   * A meter for {@code spec}'s command.
   *
   * @param total the work when known up front, 0 when the run reports it, below 0 when unknown
   */
  static ProgressMeter meter(CommandSpec spec, String label, String unit, long total) {
    return new ProgressMeter(spec.commandLine().getErr(), label, unit,
        ProgressMeter.shown(quiet(spec)), total);
  }

  /** {@code --quiet}, given before or after the subcommand's name. */
  static boolean quiet(CommandSpec spec) {
    return isSet(spec.findOption("--quiet")) || isSet(spec.root().findOption("--quiet"));
  }

  private static boolean isSet(OptionSpec o) {
    return o != null && Boolean.TRUE.equals(o.getValue());
  }
}
