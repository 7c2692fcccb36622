package org.gaugebias.cli;

import org.gaugebias.numeric.run.Outcome;

/** The exit code of each run outcome, declared per outcome (never derived from enum order). */
final class RunExit {
  private RunExit() {
  }

  static int code(Outcome outcome) {
    switch (outcome) {
      case PASS:
        return ExitCode.OK;
      case FAIL:
        return ExitCode.VERIFY_FAILED;
      case UNSTABLE:
        return ExitCode.VERIFY_UNSTABLE;
      case INCOMPLETE:
        return ExitCode.VERIFY_INCOMPLETE;
      case NO_PREDICTION:
        return ExitCode.VERIFY_NO_PREDICTION;
      default:
        throw new IllegalArgumentException("no exit code for " + outcome);
    }
  }
}
