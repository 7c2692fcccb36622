package org.gaugebias.numeric.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.gaugebias.numeric.sde.NoiseModel;
import org.gaugebias.symbolic.derive.DerivationException;
import org.gaugebias.symbolic.design.DesignReader;
import org.gaugebias.symbolic.dynamics.Dynamics;
import org.gaugebias.symbolic.expr.Expr;
import org.gaugebias.symbolic.expr.NumericEvaluator;
import org.junit.jupiter.api.Test;

/**
 * The engine-built model (design file → derivation → {@link Dynamics} → {@link SimulationModel})
 * against the hand-built {@link ReferenceModels}: the same formulas, checked numerically at
 * random points (seeded), laws compared up to an additive constant.
 */
class SimulationModelsTest {
  private static final long SEED = 20260406L;

  @Test
  void engineBuiltUvEqualsTheHandBuiltModel() {
    Dynamics d = EngineModels.dynamics("test-data/designs/uv-scalar.yaml");
    SimulationModel engine = SimulationModels.from(d, NoiseModel.PROJECTED);
    SimulationModel hand = ReferenceModels.uv();
    assertThat(engine.dimension()).isEqualTo(2);
    assertThat(engine.generatorCount()).isEqualTo(1);
    assertThat(engine.momentMaps()).hasSize(1);
    assertThat(engine.laws()).hasSize(3);
    assertThat(engine.laws().get(0).role()).isEqualTo(CandidateLaw.Role.PREDICTED);
    assertThat(d.compact()).isFalse();

    SplittableRandom rng = new SplittableRandom(SEED);
    for (int i = 0; i < 50; i++) {
      double u = rng.nextDouble(-2, 2);
      double v = rng.nextDouble(-2, 2);
      Map<String, Double> e = env(engine.parameters(), u, v);
      Map<String, Double> h = env(hand.parameters(), u, v);
      String at = "seed " + SEED + ", u = " + u + ", v = " + v;
      assertThat(val(engine.loss(), e)).as(at).isCloseTo(val(hand.loss(), h), within(1e-12));
      assertThat(val(engine.observable(), e)).as(at)
          .isCloseTo(val(hand.observable(), h), within(1e-12));
      for (int j = 0; j < 2; j++) {
        assertThat(val(engine.gradient().get(j), e)).as(at)
            .isCloseTo(val(hand.gradient().get(j), h), within(1e-12));
        assertThat(val(engine.generators().get(0).get(j), e)).as(at)
            .isCloseTo(val(hand.generators().get(0).get(j), h), within(1e-12));
      }
      assertThat(val(engine.momentMaps().get(0).expr(), e)).as(at)
          .isCloseTo(val(hand.momentMaps().get(0).expr(), h), within(1e-12));
    }
    // laws: predicted −(β−1)²/(2T) − ½log|β| and no correction, as in the hand model; the third
    // is the opposite sign +½log|β| here (the hand model has −log|β|)
    Expr opposite = ReferenceModels.gibbsTimesPower(Expr.sym("beta"), Expr.rational(1, 2));
    for (int l = 0; l < 3; l++) {
      Expr a = engine.laws().get(l).logDensity();
      Expr b = l < 2 ? hand.laws().get(l).logDensity() : opposite;
      for (int i = 0; i < 20; i++) {
        double x1 = rng.nextDouble(0.1, 3);
        double x2 = rng.nextDouble(-3, -0.1);
        double t = rng.nextDouble(0.05, 2);
        double de = law(a, engine.observableSymbol(), x1, t) - law(a, engine.observableSymbol(),
            x2, t);
        double dh = law(b, "beta", x1, t) - law(b, "beta", x2, t);
        assertThat(de).as("law " + l + " at " + x1 + ", " + x2 + ", T = " + t)
            .isCloseTo(dh, within(1e-9 * (1 + Math.abs(dh))));
      }
    }
    Expr lossE = engine.observableLoss();
    assertThat(law(lossE, "beta", 1.7, 1)).isCloseTo(0.245, within(1e-12));
  }

  @Test
  void vectorDesignObservesOneComponentThroughItsMarginal() {
    Dynamics d = EngineModels.dynamics("designs/hadamard-uv.yaml");
    SimulationModel m = SimulationModels.from(d, NoiseModel.PROJECTED, Optional.of("beta_2"));
    assertThat(m.observableSymbol()).isEqualTo("beta$2");
    assertThat(m.dimension()).isEqualTo(6);
    assertThat(m.generatorCount()).isEqualTo(3);
    // the marginal of the predicted law: −(β₂−1)²/(2T) − ½ log|β₂| (+ const)
    Expr p = m.predictedLaw().orElseThrow().logDensity();
    double diff = law(p, "beta$2", 0.4, 0.1) - law(p, "beta$2", 1.3, 0.1);
    double expected = (-(0.36) / 0.2 - 0.5 * Math.log(0.4)) - (-(0.09) / 0.2 - 0.5 * Math.log(1.3));
    assertThat(diff).isCloseTo(expected, within(1e-9));
    assertThatThrownBy(() -> SimulationModels.from(d, NoiseModel.PROJECTED, Optional.of("gamma")))
        .hasMessageContaining("beta$1, beta$2, beta$3");
  }

  @Test
  void compactGroupPredictsTheOrbitWeightedLawUnderIsotropicNoise() {
    Dynamics d = EngineModels.dynamics("designs/so2-radius.yaml");
    assertThat(d.compact()).isTrue();
    SimulationModel iso = SimulationModels.from(d, NoiseModel.ISOTROPIC);
    SimulationModel proj = SimulationModels.from(d, NoiseModel.PROJECTED);
    // projected: flat law in r (R_quot = 0) predicted; its copies (no correction, opposite sign)
    // are dropped; the orbit variant r^-1 e^{−L/T} and the isotropic r e^{−L/T} remain
    assertThat(proj.laws()).extracting(CandidateLaw::name).containsExactly(
        "quotient -(L+R_quot)/T", "orbit -(L+R_orbit)/T", "isotropic -(L+R_quot-R_orbit)/T");
    Expr p = proj.predictedLaw().orElseThrow().logDensity();
    assertThat(law(p, "r", 1.5, 0.2) - law(p, "r", 1.0, 0.2)).isCloseTo(-0.625, within(1e-9));
    // isotropic: r e^{−L/T}
    Expr q = iso.predictedLaw().orElseThrow().logDensity();
    assertThat(law(q, "r", 1.5, 0.2) - law(q, "r", 1.0, 0.2))
        .isCloseTo(-0.625 + Math.log(1.5), within(1e-9));
    assertThat(SimulationModels.from(d, NoiseModel.GRADIENT_DESCENT).predictedLaw()).isEmpty();
  }

  @Test
  void aDesignWithoutLossCannotBeVerified() {
    var design = DesignReader.read("noloss.yaml", "id: noloss\ntitle: no loss\nparameters:\n"
        + "  u: scalar\n  v: scalar\npredictor:\n  beta: u*v\n");
    assertThatThrownBy(() -> EngineModels.dynamics(design))
        .isInstanceOf(DerivationException.class)
        .hasMessageContaining("verify needs a loss: add 'loss:' to the design");
  }

  private static Map<String, Double> env(List<String> names, double u, double v) {
    Map<String, Double> m = new HashMap<>();
    m.put(names.get(0), u);
    m.put(names.get(1), v);
    m.put("T", 0.1);
    return m;
  }

  private static double val(Expr e, Map<String, Double> env) {
    return NumericEvaluator.eval(e, env);
  }

  private static double law(Expr e, String x, double at, double t) {
    return NumericEvaluator.eval(e, Map.of(x, at, "T", t));
  }
}
