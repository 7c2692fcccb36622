package org.gaugebias.symbolic.failure;

/**
 * Every way a run of gaugebias can end, each with its exit code written out here (never derived
 * from declaration order: codes are a published interface, README "Exit codes"). A kind also says
 * in one line what it means, for the README table and {@code --help}.
 */
public enum FailureKind {
  PARTIAL(1, "some designs of a catalogue failed (each reported; the others written)"),
  USAGE(2, "command-line usage: an unknown option or a value that makes no sense"),
  DESIGN_FILE(3, "malformed design file (file:line:col: error: …, all problems at once)"),
  IO(4, "a file could not be read or written (the message names it)"),
  TIMEOUT(5, "the time budget ran out (a symbolic step, or --timeout for a design)"),
  VERIFY_FAILED(6, "verify: FAIL, the simulation does not follow the derived law"),
  VERIFY_UNSTABLE(7, "verify: UNSTABLE, the step is too large"),
  VERIFY_INCOMPLETE(8, "verify: INCOMPLETE, interrupted; a partial report was written"),
  VERIFY_NO_PREDICTION(9, "verify: NO_PREDICTION, nothing to test (e.g. gd)"),
  NOT_INVARIANT(10, "a generator does not leave the predictor invariant"),
  GAUGE_MISSING(11, "a gauge must be declared"),
  INADMISSIBLE_GAUGE(12, "the gauge is not admissible (M = ⟨∇χ, ξ⟩ singular)"),
  SINGULAR_GRAM(13, "a Gram matrix is singular (dependent generators, predictors or conditions)"),
  NO_REPRESENTATIVE(14, "no representative θ̃(β) could be found"),
  NO_SYMMETRY(15, "the predictor has no continuous symmetry"),
  INVALID_DESIGN(16, "invalid design semantics (shapes, names after evaluation, non-finite"
      + " constants, a constant predictor)"),
  RESOURCES(17, "the run would exceed the memory available (a size, a file, a count too large)"),
  TARGET_NOT_A_FUNCTION(20, "design: the target is not a function of the predictor"),
  NO_FAMILY(21, "design: no family reaches the target (each family says why)"),
  PROOF_FAILED(22, "design: the answer failed its proof"),
  INTERNAL(70, "internal error (a bug: rerun with --verbose and report it)");

  private final int exitCode;
  private final String meaning;

  FailureKind(int exitCode, String meaning) {
    this.exitCode = exitCode;
    this.meaning = meaning;
  }

  /** The process exit code of this kind. */
  public int exitCode() {
    return exitCode;
  }

  /** What the exit code means, one line. */
  public String meaning() {
    return meaning;
  }
}
