package org.gaugebias.symbolic.derive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.gaugebias.symbolic.EngineFixture;
import org.gaugebias.symbolic.trace.Derivation;
import org.gaugebias.symbolic.trace.PointEvaluation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Designs the catalogue does not contain derive just as well (nothing is looked up), and designs
 * that are wrong fail with the right kind of error at the right place.
 */
class EngineRobustnessTest {
  @RegisterExtension
  static final EngineFixture ENGINE = new EngineFixture();

  private static Derivation derive(String yaml) {
    return ENGINE.derive("test.yaml", yaml);
  }

  private static double rQuot(Derivation d, double beta) {
    return PointEvaluation.at(d, Map.of(d.predictorSymbols().get(0), beta), 1.0).rQuot();
  }

  @Test
  void depthSixFollowsTheDepthLaw() {
    Derivation d = derive("""
        id: depth6
        title: depth 6
        parameters: {a: scalar, b: scalar, c: scalar, e1: scalar, f: scalar, g: scalar}
        predictor:
          beta: a*b*c*e1*f*g
        """);
    // THEORY.md §3: T (1 - 1/k) log|beta| with k = 6
    assertThat(rQuot(d, -2.5) - rQuot(d, 0.3)).isCloseTo((1 - 1.0 / 6) * Math.log(2.5 / 0.3),
        within(1e-9));
  }

  @Test
  void scaledGeneratorsChangeOnlyTheConstant() {
    Derivation d = derive("""
        id: uv-scaled
        title: uv with a generator scaled by 3
        parameters: {u: scalar, v: scalar}
        predictor:
          beta: u*v
        symmetry:
          generators:
            - field: {u: 3*u, v: -3*v}
        """);
    var a = PointEvaluation.at(d, Map.of("beta", 0.5), 1.0);
    var b = PointEvaluation.at(d, Map.of("beta", -4.0), 1.0);
    assertThat(b.rOrbit() - a.rOrbit()).isCloseTo(0.5 * Math.log(8), within(1e-9));
    // det G = 9 (u^2 + v^2) = 18 |beta|
    assertThat(a.logDetG()).isCloseTo(Math.log(18 * 0.5), within(1e-12));
  }

  @Test
  void anotherAnalysisMatrix() {
    Derivation d = derive("""
        id: analysis-2
        title: another M
        parameters: {u: vector 2, v: vector 2}
        constants:
          M: "{{1, -1}, {0, 1}}"
        predictor:
          beta: Inverse[M].(u*v)
        """);
    var a = PointEvaluation.at(d, Map.of("beta$1", 0.4, "beta$2", -1.1), 1.0);
    var b = PointEvaluation.at(d, Map.of("beta$1", 2.0, "beta$2", 0.7), 1.0);
    double expected = 0.5 * (Math.log(Math.abs(2.0 - 0.7)) + Math.log(0.7)
        - Math.log(Math.abs(0.4 + 1.1)) - Math.log(1.1));
    assertThat(b.rQuot() - a.rQuot()).isCloseTo(expected, within(1e-9));
  }

  @Test
  void aGeneratorThatIsNoSymmetryIsRejectedAtItsPosition() {
    assertThatThrownBy(() -> derive("""
        id: wrong
        title: wrong generator
        parameters: {u: scalar, v: scalar}
        predictor:
          beta: u*v
        symmetry:
          generators:
            - field: {u: u, v: v}
        """)).isInstanceOfSatisfying(DerivationException.class, e -> {
          assertThat(e.kind()).isEqualTo(DerivationException.Kind.NOT_INVARIANT);
          assertThat(e.origin()).startsWith("test.yaml:8:");
        });
  }

  @Test
  void aScaleSymmetryWithoutGaugeAsksForOne() {
    assertThatThrownBy(() -> derive("""
        id: scale
        title: scale without gauge
        parameters: {x: vector 2}
        predictor:
          phi: ArcTan[x[[1]], x[[2]]]
        """)).isInstanceOfSatisfying(DerivationException.class, e -> {
          assertThat(e.kind()).isEqualTo(DerivationException.Kind.GAUGE_MISSING);
          assertThat(e.getMessage()).contains("declare a gauge");
        });
  }

  @Test
  void aPredictorWithoutRedundancyHasNoSymmetry() {
    assertThatThrownBy(() -> derive("""
        id: plain
        title: no redundancy
        parameters: {u: scalar, v: scalar}
        predictor:
          beta: "{u, v^3}"
        """)).isInstanceOfSatisfying(DerivationException.class,
            e -> assertThat(e.kind()).isEqualTo(DerivationException.Kind.NO_SYMMETRY));
  }
}
