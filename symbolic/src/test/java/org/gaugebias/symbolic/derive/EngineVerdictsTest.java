package org.gaugebias.symbolic.derive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gaugebias.symbolic.EngineFixture;
import org.gaugebias.symbolic.trace.Derivation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Each failing design gets the verdict that names its actual fault (issue 11, case 4), at the
 * declaration or at least the file; true symmetries of large predictors are not rejected by
 * rounding (case 5); a suggested gauge is one the reader accepts (case 10).
 */
class EngineVerdictsTest {
  @RegisterExtension
  static final EngineFixture ENGINE = new EngineFixture();

  private static Derivation derive(String yaml) {
    return ENGINE.derive("test.yaml", yaml);
  }

  private static DerivationException failure(String yaml) {
    DerivationException e = catchThrowableOfType(() -> derive(yaml), DerivationException.class);
    assertThat(e).as("derivation should fail").isNotNull();
    return e;
  }

  @Test
  void twoProportionalGeneratorsAreASingularGramAtTheSecondOne() {
    DerivationException e = failure("""
        id: prop
        title: proportional generators
        parameters: {u: scalar, v: scalar}
        predictor:
          beta: u*v
        symmetry:
          generators:
            - field: {u: u, v: -v}
            - field: {u: 2*u, v: -2*v}
        """);
    assertThat(e.kind()).isEqualTo(DerivationException.Kind.SINGULAR_GRAM);
    assertThat(e.origin()).startsWith("test.yaml:9:");
  }

  @Test
  void aZeroGeneratorIsASingularGramNotAMissingGauge() {
    DerivationException e = failure("""
        id: zero
        title: zero generator
        parameters: {u: scalar, v: scalar}
        predictor:
          beta: u*v
        symmetry:
          generators:
            - field: {u: 0}
        """);
    assertThat(e.kind()).isEqualTo(DerivationException.Kind.SINGULAR_GRAM);
    assertThat(e.getMessage()).contains("is zero");
    assertThat(e.origin()).startsWith("test.yaml:8:");
  }

  @Test
  void aGaugeConstantAlongTheOrbitsIsInadmissible() {
    DerivationException e = failure("""
        id: mzero
        title: gauge with M = 0
        parameters: {u: scalar, v: scalar}
        predictor:
          beta: u*v
        gauge: [u*v - 1]
        """);
    assertThat(e.kind()).isEqualTo(DerivationException.Kind.INADMISSIBLE_GAUGE);
    assertThat(e.origin()).startsWith("test.yaml:6:");
  }

  @Test
  void aConstantPredictorIsInvalidNotAMissingGauge() {
    DerivationException e = failure("""
        id: const
        title: constant predictor
        parameters: {u: scalar, v: scalar}
        predictor:
          beta: 1
        """);
    assertThat(e.kind()).isEqualTo(DerivationException.Kind.INVALID_DESIGN);
    assertThat(e.origin()).isEqualTo("test.yaml");
  }

  @Test
  void failuresOfADiscoveredSymmetryNameTheFile() {
    DerivationException e = failure("""
        id: plain
        title: no redundancy
        parameters: {u: scalar, v: scalar}
        predictor:
          beta: "{u, v^3}"
        """);
    assertThat(e.kind()).isEqualTo(DerivationException.Kind.NO_SYMMETRY);
    assertThat(e.origin()).isEqualTo("test.yaml");
  }

  @Test
  void aLargeExpandedPolynomialKeepsItsSymmetry() {
    // J_f·ξ sums terms of size ~1e20 that cancel; the old absolute check saw 2.71 and said 10.
    var p = ENGINE.compile("test.yaml", """
        id: big
        title: expanded power
        parameters: {u: scalar, v: scalar}
        predictor:
          beta: Expand[(u*v + 1)^40]
        """);
    assertThat(new ForwardDeriver(ENGINE.session()).symmetry(p).fields()).hasSize(1);
  }

  @Test
  void theSuggestedGaugeForAScaleSymmetryIsAcceptedAndWorks() {
    String design = """
        id: scale
        title: scale symmetry
        parameters: {x: vector 2}
        predictor:
          phi: ArcTan[x[[1]], x[[2]]]
        """;
    DerivationException e = failure(design);
    assertThat(e.kind()).isEqualTo(DerivationException.Kind.GAUGE_MISSING);
    Matcher m = Pattern.compile("'(gauge: \\[.*\\])'").matcher(e.getMessage());
    assertThat(m.find()).as(e.getMessage()).isTrue();
    assertThat(m.group(1)).doesNotContain("$");
    Derivation d = derive(design + m.group(1) + "\n");
    assertThat(d.results()).isNotEmpty();
  }
}
