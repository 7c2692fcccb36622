package org.gaugebias.symbolic.trace;

import java.util.List;
import java.util.Objects;
import org.gaugebias.symbolic.expr.Expr;

/**
 * One step of a derivation: what it found ({@code facts}, from which printers write its
 * sentence), what it used ({@code inputs}), what it produced ({@code outputs}) and under which
 * assumptions. A step that could not be completed has status {@link Status#UNRESOLVED} and says
 * why in {@code note}.
 */
public record Step(StepKind kind, StepFacts facts, List<Formula> inputs, List<Formula> outputs,
    List<Expr> assumptions, Status status, String note) {

  /** Outcome of a step. */
  public enum Status { DONE, UNRESOLVED }

  public Step {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(facts, "facts");
    inputs = List.copyOf(inputs);
    outputs = List.copyOf(outputs);
    assumptions = List.copyOf(assumptions);
    Objects.requireNonNull(status, "status");
    note = note == null ? "" : note;
  }

  public static Step done(StepKind kind, StepFacts facts, List<Formula> inputs,
      List<Formula> outputs, List<Expr> assumptions) {
    return new Step(kind, facts, inputs, outputs, assumptions, Status.DONE, "");
  }

  /** A step described by a sentence rather than typed facts. */
  public static Step done(StepKind kind, String rule, List<Formula> inputs, List<Formula> outputs,
      List<Expr> assumptions) {
    return done(kind, new StepFacts.Prose(rule), inputs, outputs, assumptions);
  }

  public static Step unresolved(StepKind kind, StepFacts facts, String why) {
    return new Step(kind, facts, List.of(), List.of(), List.of(), Status.UNRESOLVED, why);
  }

  /** An unresolved step described by a sentence rather than typed facts. */
  public static Step unresolved(StepKind kind, String rule, String why) {
    return unresolved(kind, new StepFacts.Prose(rule), why);
  }
}
