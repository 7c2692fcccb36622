package org.gaugebias.symbolic.print;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gaugebias.symbolic.trace.Derivation;
import org.gaugebias.symbolic.trace.Step;
import org.gaugebias.symbolic.trace.StepKind;
import org.gaugebias.symbolic.trace.Variant;
import org.junit.jupiter.api.Test;

/** The text report is a human format: exact golden output. */
class TextDerivationPrinterTest {

  @Test
  void printsTheUvReportExactly() {
    String expected = """
        Derivation: Diagonal linear network β = u·v
          id          uv
          source      designs/uv.yaml
          predictor   beta
          temperature T
          headline    quotient: R_quot = (T/2) log det P(theta~)
          status      INCOMPLETE (1 unresolved step)

        Result (headline: quotient variant; biases up to additive constants)
            R_quot = R_orbit   = (T/2)*log|beta|
            p(beta)            ~ exp(-(beta - 1)^2/(2*T))/sqrt(|beta|)
            1/2 |theta~|^2     = |beta|

        Step 1. Declared parameterisation [DECLARE]
          The predictor β = u·v depends on θ = (u, v) only through the product.
          outputs:
            f = u*v

        Step 2. Jacobian of the predictor [JACOBIAN]
          Differentiate the predictor with respect to (u, v).
          inputs:
            f = u*v
          outputs:
            J_f = [[v, u]]

        Step 3. Symmetry generators [GENERATORS]
          The rescaling (λu, v/λ) has one generator.
          outputs:
            xi = (u, -v)

        Step 4. Gram matrix [GRAM]
          Generator Gram matrix G = ξᵀξ.
          inputs:
            xi = (u, -v)
          outputs:
            G = u^2 + v^2

        Step 5. Representative on the slice [REPRESENTATIVE]
          Balanced representative: solve u v = β, u² − v² = 0 on the branch u > 0.
          outputs:
            u = sqrt(|beta|)
            v = sqrt(|beta|)
          assumptions:
            beta > 0

        Step 6. Log-determinant [LOG_DET]
          Evaluate log det G at the representative.
          outputs:
            logdet_G = log(2*|beta|)
          assumptions:
            beta > 0

        Step 7. Induced bias [BIAS]
          R = (T/2) log det, constants dropped.
          outputs:
            R_quot = (T/2)*log|beta|
            dropped = (T/2)*log(2)

        Step 8. Numeric cross-check [NUMERIC_CHECK]
          Compare with a simulated stationary law.
          UNRESOLVED: no numeric verifier was run for this design

        Log-determinants per variant
          quotient (headline)
            log det P          = log(2*|beta|)
            bias R_quot        = (T/2)*log|beta|
            dropped constant   = (T/2)*log(2)
            pseudo-determinant = no
          orbit
            log det G          = log(2*|beta|)
            bias R_orbit       = (T/2)*log|beta|
            dropped constant   = (T/2)*log(2)
            pseudo-determinant = no
          gauge: not computed
        """;
    assertThat(Format.TEXT.printer().print(Derivations.uv())).isEqualTo(expected);
  }

  @Test
  void saysWhyAStepIsUnresolvedEvenWithoutANote() {
    Derivation d = new Derivation("x", "X", null, List.of(), null, null,
        List.of(Step.unresolved(StepKind.GAUGE, "Find a gauge.", "")),
        new EnumMap<>(Variant.class), null,
        Optional.empty(), Map.of());
    String out = new TextDerivationPrinter(TextDerivationPrinter.Options.defaults()).print(d);
    assertThat(out).contains("Step 1. Gauge conditions [GAUGE]\n  Find a gauge.\n"
        + "  UNRESOLVED: (no reason given)\n")
        .contains("  source      (none)\n")
        .contains("  quotient: not computed\n")
        .contains("(none: no loss declared)");
  }

  @Test
  void wrapsProseButNotFormulas() {
    String out = new TextDerivationPrinter(new TextDerivationPrinter.Options(40))
        .print(Derivations.uv());
    assertThat(out).contains("  The predictor β = u·v depends on θ =\n  (u, v) only through the product.\n");
    assertThat(out).contains("    p(beta)            ~ exp(-(beta - 1)^2/(2*T))/sqrt(|beta|)\n");
  }

  @Test
  void rejectsAnUnreadableWidth() {
    assertThatThrownBy(() -> new TextDerivationPrinter.Options(10))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[40, 1000]");
  }

  @Test
  void isDeterministic() {
    DerivationPrinter p = Format.TEXT.printer();
    assertThat(p.print(Derivations.nasty())).isEqualTo(p.print(Derivations.nasty()));
  }
}
