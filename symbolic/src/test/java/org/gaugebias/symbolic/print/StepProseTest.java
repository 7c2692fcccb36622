package org.gaugebias.symbolic.print;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.gaugebias.symbolic.expr.Expr;
import org.gaugebias.symbolic.trace.Formula;
import org.gaugebias.symbolic.trace.Step;
import org.gaugebias.symbolic.trace.StepFacts;
import org.gaugebias.symbolic.trace.StepKind;
import org.gaugebias.symbolic.trace.Variant;
import org.junit.jupiter.api.Test;

/** The printers' sentences and LaTeX left-hand sides come from the steps' typed facts. */
class StepProseTest {

  @Test
  void anIncompleteActionIsUnresolvedWithItsVerdictAsTheReason() {
    StepFacts.Completeness facts = new StepFacts.Completeness(1, 4, 2, 1);
    Step step = new Step(StepKind.COMPLETENESS, facts, List.of(), List.of(), List.of(),
        Step.Status.UNRESOLVED, "");
    assertThat(facts.complete()).isFalse();
    assertThat(StepProse.sentence(step)).startsWith("rank Ξ = 1, d − rank J_f = 4 − 2")
        .contains("INCOMPLETE").doesNotContain("not free");
    assertThat(StepProse.note(step)).contains("orbits of dimension 1 inside fibres of dimension 2");
  }

  @Test
  void pseudoDeterminantsAreSaidOnlyWhenTheGramIsRankDeficient() {
    assertThat(StepProse.sentence(new StepFacts.Gram(Variant.ORBIT, 2, 3)))
        .contains("generator Gram G", "rank 2 < 3: pseudo-determinant");
    assertThat(StepProse.sentence(new StepFacts.Gram(Variant.QUOTIENT, 3, 3)))
        .contains("predictor Gram P").doesNotContain("pseudo");
    assertThat(StepProse.sentence(new StepFacts.LogDet(Variant.GAUGE, true))).startsWith("log pdet C");
  }

  @Test
  void leftHandSidesAreTypesetFromStepKindAndName() {
    Expr x = new Expr.Sym("x");
    assertThat(FormulaLhs.latex(StepKind.GENERATORS, new Formula("xi_2", x))).isEqualTo("\\xi_{2}");
    assertThat(FormulaLhs.latex(StepKind.INVARIANCE, new Formula("J_f_xi_1", x)))
        .isEqualTo("J_f \\xi_{1}");
    assertThat(FormulaLhs.latex(StepKind.GRAM, new Formula("C_theta", x))).isEqualTo("C(\\theta)");
    assertThat(FormulaLhs.latex(StepKind.LOG_DET, new Formula("logdet_P", x)))
        .isEqualTo("\\log\\det P");
    assertThat(FormulaLhs.latex(StepKind.BIAS, new Formula("R_quot", x)))
        .isEqualTo("R_{\\mathrm{quot}}");
    assertThat(FormulaLhs.latex(StepKind.INVERSE_SOLVE, new Formula("phi", "\\varphi", x)))
        .isEqualTo("\\varphi");
    assertThat(FormulaLhs.latex(StepKind.INVERSE_SOLVE, new Formula("phi", x))).isEmpty();
  }
}
