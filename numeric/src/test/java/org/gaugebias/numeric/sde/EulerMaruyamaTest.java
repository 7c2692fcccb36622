package org.gaugebias.numeric.sde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.gaugebias.numeric.compile.CompiledKernel;
import org.gaugebias.numeric.compile.DiffusionForm;
import org.gaugebias.numeric.compile.FusedKernelGenerator;
import org.gaugebias.numeric.model.ReferenceModels;
import org.gaugebias.numeric.model.SimulationModel;
import org.gaugebias.numeric.verify.Verifier;
import org.gaugebias.symbolic.expr.Expr;
import org.junit.jupiter.api.Test;

class EulerMaruyamaTest {
  private static final ObservationPlan PLAN = new ObservationPlan(0.2, 1.8, 30, 0.05, 2);

  private static EnsembleResult run(SimulationSettings s) {
    SimulationModel m = ReferenceModels.uv();
    return new EulerMaruyama(Verifier.compileKernel(m, s), s, PLAN).run();
  }

  @Test
  void sameSeedGivesBitIdenticalResultsWhateverTheThreadCount() {
    // 600 chains = 3 blocks (the last one partial)
    SimulationSettings s = new SimulationSettings(NoiseModel.PROJECTED, 0.1, 2e-3, 3000, 1000,
        200, 500, 600, 42L, 1, InitialCondition.reference(), 1e100);
    EnsembleResult one = run(s);
    EnsembleResult two = run(s.withThreads(2));
    assertThat(two.histogram()).containsExactly(one.histogram());
    assertThat(two.inWindow()).isEqualTo(one.inWindow());
    assertThat(two.excluded()).isEqualTo(one.excluded());
    assertThat(two.finalSamples()).containsExactly(one.finalSamples());
    for (int o = 0; o < one.observations().size(); o++) {
      assertThat(Double.doubleToRawLongBits(two.observations().get(o).mean()))
          .isEqualTo(Double.doubleToRawLongBits(one.observations().get(o).mean()));
      assertThat(Double.doubleToRawLongBits(two.observations().get(o).standardError()))
          .isEqualTo(Double.doubleToRawLongBits(one.observations().get(o).standardError()));
    }
    assertThat(two.windowBlocks()).isEqualTo(one.windowBlocks());
    assertThat(one.recorded()).isEqualTo(600L * s.recordsPerChain());
    // another seed gives other numbers
    assertThat(run(s.withSeed(43L)).histogram()).isNotEqualTo(one.histogram());
  }

  @Test
  void theJitWarmUpChangesNoNumber() {
    // 1500 chains × 8000 steps: above the size from which the warm-up runs
    SimulationSettings s = SimulationSettings.of(NoiseModel.PROJECTED, 0.1, 1e-3, 8000, 1500,
        7L).withThreads(2);
    EulerMaruyama em = new EulerMaruyama(Verifier.compileKernel(ReferenceModels.uv(), s), s,
        PLAN);
    EnsembleResult warm = em.run();
    EnsembleResult cold = em.withoutWarmUp().run();
    assertThat(warm.warmUpSeconds()).isPositive();
    assertThat(cold.warmUpSeconds()).isZero();
    assertThat(warm.histogram()).containsExactly(cold.histogram());
    assertThat(warm.finalSamples()).containsExactly(cold.finalSamples());
    assertThat(warm.windowBlocks()).isEqualTo(cold.windowBlocks());
    assertThat(warm.trace().means()).isDeepEqualTo(cold.trace().means());
    for (int o = 0; o < cold.observations().size(); o++) {
      assertThat(Double.doubleToRawLongBits(warm.observations().get(o).mean()))
          .isEqualTo(Double.doubleToRawLongBits(cold.observations().get(o).mean()));
    }
    // a small run skips it
    assertThat(run(s.withChains(100)).warmUpSeconds()).isZero();
  }

  @Test
  void blockedKernelIsBitIdenticalWhateverTheThreadCount() {
    // u⊙v, n = 3: three independent (u_i, v_i) blocks, one Gaussian each per step
    SimulationModel m = ReferenceModels.hadamardUv(3);
    SimulationSettings s = new SimulationSettings(NoiseModel.PROJECTED, 0.1, 2e-3, 2000, 500,
        100, 500, 600, 42L, 1, InitialCondition.reference(), 1e100);
    BlockedKernel k = Verifier.compileKernel(m, s);
    assertThat(k.parts()).hasSize(3);
    assertThat(k.noiseDimension()).isEqualTo(3);
    assertThat(k.description()).isEqualTo(
        "ORBIT_NORMAL in 3 independent blocks of 2 coordinates (1 kernel)");
    EnsembleResult one = new EulerMaruyama(k, s, PLAN).run();
    EnsembleResult two = new EulerMaruyama(k, s.withThreads(2), PLAN).run();
    assertThat(two.histogram()).containsExactly(one.histogram());
    assertThat(two.finalSamples()).containsExactly(one.finalSamples());
    for (int o = 0; o < one.observations().size(); o++) {
      assertThat(Double.doubleToRawLongBits(two.observations().get(o).mean()))
          .isEqualTo(Double.doubleToRawLongBits(one.observations().get(o).mean()));
    }
  }

  @Test
  void gradientDescentConservesTheBalance() {
    // Gradient flow keeps u² − v² (exactly in continuous time; O(h²) per step for Euler).
    SimulationSettings s = new SimulationSettings(NoiseModel.GRADIENT_DESCENT, 0, 1e-3, 20000,
        0, 1000, 20000, 64, 1L, 1, InitialCondition.reference(), 1e100);
    EnsembleResult r = run(s);
    double[][] means = r.trace().means();
    int balance = 2; // observable, predictor, balance
    assertThat(r.observationNames().get(balance)).contains("balance");
    assertThat(means[means.length - 1][balance]).isCloseTo(means[0][balance], within(2e-3));
    // and converges to the loss minimum uv = 1
    assertThat(means[means.length - 1][0]).isCloseTo(1.0, within(1e-6));
  }

  @Test
  void projectedNoiseRelaxesTheBalanceIsotropicDoesNot() {
    // THEORY.md §5: under projected noise d/dt ½(u² − v²) = −T (u² − v²)/(u² + v²) chain by
    // chain (no martingale part), so |u² − v²| shrinks in every chain; under isotropic noise
    // E[½(u² − v²)] is constant but each chain random-walks along its orbit, so E|u² − v²| grows.
    SimulationModel m = ReferenceModels.uv();
    Expr u = Expr.sym("u");
    Expr v = Expr.sym("v");
    Expr absBalance = Expr.fn("Abs", Expr.add(Expr.pow(u, Expr.integer(2)),
        Expr.mul(Expr.integer(-1), Expr.pow(v, Expr.integer(2)))));
    double[] last = new double[2];
    double[] first = new double[2];
    NoiseModel[] noises = {NoiseModel.PROJECTED, NoiseModel.ISOTROPIC};
    for (int i = 0; i < 2; i++) {
      SimulationSettings s = new SimulationSettings(noises[i], 0.5, 1e-3, 20000, 10000, 1000,
          20000, 512, 9L, 2, new InitialCondition(1.0, 0.6, true), 1e100);
      CompiledKernel k = FusedKernelGenerator.compile(m.parameters(), m.gradient(),
          m.generators(), List.of("beta", "|u^2 - v^2|"), List.of(m.observable(), absBalance),
          Map.of(), noises[i].form(2, 1));
      double[][] means = new EulerMaruyama(k, s, PLAN).run().trace().means();
      first[i] = means[0][1];
      last[i] = means[means.length - 1][1];
    }
    assertThat(first[0]).isGreaterThan(0.3);
    assertThat(last[0]).isLessThan(0.1 * first[0]);
    assertThat(last[1]).isGreaterThan(first[1]);
  }

  @Test
  void divergenceStopsTheChainAndIsCounted() {
    // dθ = θ³ dt (gradient of −θ⁴/4) explodes in finite time for |θ| > 0
    Expr t = Expr.sym("t");
    CompiledKernel k = FusedKernelGenerator.compile(List.of("t"),
        List.of(Expr.mul(Expr.integer(-1), Expr.pow(t, Expr.integer(3)))), List.of(),
        List.of("t"), List.of(t), Map.of(), DiffusionForm.IDENTITY);
    SimulationSettings s = new SimulationSettings(NoiseModel.ISOTROPIC, 0.1, 0.05, 2000, 0, 10,
        100, 300, 3L, 2, new InitialCondition(0.0, 1.0, false), 1e100);
    EnsembleResult r = new EulerMaruyama(k, s, new ObservationPlan(-1, 1, 10, 0, 1)).run();
    assertThat(r.divergedChains()).isGreaterThan(250);
    long total = 0;
    for (long c : r.histogram()) {
      total += c;
    }
    assertThat(total).isEqualTo(r.inWindow());
    assertThat(r.nonFinite()).isZero();
    assertThat(r.chainSteps()).isLessThan(300L * 2000);
  }
}
