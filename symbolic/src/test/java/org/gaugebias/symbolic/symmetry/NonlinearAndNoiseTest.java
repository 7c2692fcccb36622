package org.gaugebias.symbolic.symmetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gaugebias.symbolic.cas.SymjaSession;
import org.gaugebias.symbolic.derive.DerivationException;
import org.gaugebias.symbolic.compile.DesignCompiler;
import org.gaugebias.symbolic.derive.ForwardDeriver;
import org.gaugebias.symbolic.compile.Parameterization;
import org.gaugebias.symbolic.trace.PointEvaluation;
import org.gaugebias.symbolic.design.DesignReader;
import org.gaugebias.symbolic.expr.Expr;
import org.gaugebias.symbolic.expr.NumericEvaluator;
import org.gaugebias.symbolic.trace.Derivation;
import org.gaugebias.symbolic.trace.Variant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Non-linear symmetries (β = u + v³, THEORY.md §1) and the noise-selected slices of THEORY.md
 * §5, on designs outside the catalogue.
 */
class NonlinearAndNoiseTest {
  private static SymjaSession session;

  @BeforeAll
  static void start() {
    session = SymjaSession.start();
  }

  @AfterAll
  static void stop() {
    session.close();
  }

  private static Parameterization compile(String yaml) {
    return new DesignCompiler(session).compile(DesignReader.read("test.yaml", yaml));
  }

  private static SymmetryReport report(String yaml) {
    return new SymmetryDiscovery(Optional.of(session), SymmetryDiscovery.Settings.DEFAULT)
        .analyze(compile(yaml));
  }

  private static final String CUBIC = """
      id: cubic
      title: beta = u + v^3
      parameters: {u: scalar, v: scalar}
      predictor:
        beta: u + v^3
      """;

  @Test
  void cubicHasOneNonlinearFieldProportionalTo3v2Minus1() {
    SymmetryReport r = report(CUBIC);
    assertThat(r.linear().basis()).isEmpty();
    assertThat(r.fibreDimension()).isEqualTo(1);
    List<Expr> z = r.nonlinear().orElseThrow().fields().get(0);
    // parallel to (3v², −1): the 2×2 determinant vanishes at random points
    for (double v : new double[] {0.3, 1.7, -2.2}) {
      Map<String, Double> env = Map.of("u", 0.9, "v", v);
      double a = NumericEvaluator.eval(z.get(0), env);
      double b = NumericEvaluator.eval(z.get(1), env);
      assertThat(a * -1 - b * 3 * v * v).isCloseTo(0, within(1e-12));
      assertThat(Math.abs(b)).isGreaterThan(0.1);
    }
    assertThat(r.nonlinear().get().gauge()).isNotEmpty();
    assertThat(r.laws().count()).contains(1);
  }

  @Test
  void twoNonlinearFieldsCommute() {
    SymmetryReport r = report("""
        id: cubic2
        title: beta = u + v^3 + w^3
        parameters: {u: scalar, v: scalar, w: scalar}
        predictor:
          beta: u + v^3 + w^3
        """);
    NonlinearSymmetries.Result n = r.nonlinear().orElseThrow();
    assertThat(n.fields()).hasSize(2);
    assertThat(n.brackets()).singleElement().satisfies(b -> assertThat(b.value())
        .allSatisfy(e -> assertThat(e).isEqualTo(Expr.integer(0))));
    assertThat(r.laws().count()).contains(2);
  }

  @Test
  void forwardDerivationAsksForAGaugeThenUsesTheNonlinearField() {
    assertThatThrownBy(() -> new ForwardDeriver(session).derive(compile(CUBIC)))
        .isInstanceOfSatisfying(DerivationException.class, e -> {
          assertThat(e.kind()).isEqualTo(DerivationException.Kind.GAUGE_MISSING);
          assertThat(e.getMessage()).contains("non-linear").contains("gauge: [");
        });
    Derivation d = new ForwardDeriver(session).derive(compile(CUBIC + "gauge: [u]\n"));
    assertThat(d.results()).containsOnlyKeys(Variant.QUOTIENT);
    // on u = 0: v = β^(1/3), P = 1 + 9 v⁴, R_quot = (T/2) log(1 + 9 β^(4/3))
    double t = 0.8;
    double r1 = PointEvaluation.at(d, Map.of("beta", 1.0), t).rQuot();
    double r2 = PointEvaluation.at(d, Map.of("beta", 2.5), t).rQuot();
    assertThat(r2 - r1).isCloseTo(t / 2 * (Math.log(1 + 9 * Math.pow(2.5, 4.0 / 3))
        - Math.log(10)), within(1e-10));
  }

  @Test
  void uvNoiseSlices() {
    SymmetryReport r = report("""
        id: uv
        title: uv
        parameters: {u: scalar, v: scalar}
        predictor:
          beta: u*v
        """);
    NoiseSlices.Slice s = r.slices().get(0);
    assertThat(verdict(s, NoiseSlices.Model.GRADIENT_DESCENT))
        .isEqualTo(NoiseSlices.Verdict.CONSERVED);
    assertThat(verdict(s, NoiseSlices.Model.ISOTROPIC)).isEqualTo(NoiseSlices.Verdict.DIFFUSES);
    assertThat(verdict(s, NoiseSlices.Model.PROJECTED))
        .isEqualTo(NoiseSlices.Verdict.SELECTS_BALANCE);
    assertThat(verdict(s, NoiseSlices.Model.SGD)).isEqualTo(NoiseSlices.Verdict.SELECTS_BALANCE);
    // projected: d/dt E[χ] = −T (u² − v²)/(u² + v²) (THEORY.md §5: the moment map relaxes)
    Expr projected = drift(s, NoiseSlices.Model.PROJECTED).formula().orElseThrow();
    double value = NumericEvaluator.eval(projected, Map.of("u", 2.0, "v", 1.0, "T", 0.5));
    assertThat(value).isCloseTo(-0.5 * 3 / 5, within(1e-12));
    assertThat(r.warnings()).isEmpty();
  }

  /** A ReLU unit with input dimension n: projected noise drifts χ = (‖w‖² − v²)/2 at rate (n − 1)T. */
  @Test
  void reluUnitWithInputDimensionAboveOneWarns() {
    SymmetryReport r = report("""
        id: relu4
        title: relu unit n = 4
        parameters: {w: vector 4, v: scalar}
        assumptions: [v > 0]
        predictor:
          beta: v*w
        """);
    NoiseSlices.Slice s = r.slices().get(0);
    NoiseSlices.Drift p = drift(s, NoiseSlices.Model.PROJECTED);
    assertThat(p.verdict()).isEqualTo(NoiseSlices.Verdict.LEAVES_BALANCE);
    // χ = ±(‖w‖² − v²)/2 (basis sign), tr S = ±3, on the slice d/dt E[χ] = T tr S
    assertThat(Math.abs(p.onSliceMin())).isCloseTo(3, within(1e-9));
    assertThat(Math.abs(p.onSliceMax())).isCloseTo(3, within(1e-9));
    assertThat(r.warnings()).anyMatch(w -> w.startsWith("projected noise does not send"));
  }

  private static NoiseSlices.Drift drift(NoiseSlices.Slice s, NoiseSlices.Model m) {
    return s.drifts().stream().filter(d -> d.model() == m).findFirst().orElseThrow();
  }

  private static NoiseSlices.Verdict verdict(NoiseSlices.Slice s, NoiseSlices.Model m) {
    return drift(s, m).verdict();
  }
}
