package org.gaugebias.numeric.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.gaugebias.numeric.model.ReferenceModels;
import org.gaugebias.numeric.model.SimulationModel;
import org.gaugebias.numeric.sde.InitialCondition;
import org.gaugebias.numeric.sde.NoiseModel;
import org.gaugebias.numeric.sde.ObservationPlan;
import org.gaugebias.numeric.sde.SimulationSettings;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Long reproductions of issue 4 (run with {@code -Pstatistical}); each writes its text, JSON and
 * PNG report to {@code test-data/verify/}, where the checked-in copies live.
 *
 * <p>False-failure rates: every assertion compares an estimate with its target at 0.1 absolute
 * (exponents) or at four standard errors plus the measured step-size bias (means); with the
 * standard errors obtained here (≈ 0.01 for exponents, ≈ 0.002 for means) a false failure needs
 * a deviation of more than 7 standard errors (probability < 1e-11). Seeds are fixed and printed
 * in the reports.
 */
@Tag("statistical")
class StatisticalReproductionTest {
  static final long SEED = 20260406L;
  static final Path OUT = Path.of("..", "test-data", "verify");
  static final int THREADS = Runtime.getRuntime().availableProcessors();

  static SimulationSettings settings(NoiseModel noise, double t, long steps, long burn,
      long thin, int chains) {
    return new SimulationSettings(noise, t, 1e-3, steps, burn, thin, Math.max(1, steps / 60),
        chains, SEED, THREADS, InitialCondition.reference(), 1e100);
  }

  static VerificationReport run(SimulationModel m, SimulationSettings s, ObservationPlan plan,
      String stem) {
    VerificationReport r = Verifier.run(m, VerificationSettings.of(s, plan));
    r.writeTo(OUT, stem);
    System.out.println(r.toText());
    return r;
  }

  @Test
  void uvProjectedExponentIsMinusOneHalf() {
    ObservationPlan plan = new ObservationPlan(0.2, 1.8, 30, 0.05, 1);
    SimulationSettings s = settings(NoiseModel.PROJECTED, 0.1, 60_000, 20_000, 2_000, 20_000);
    VerificationReport r = run(ReferenceModels.uv(), s, plan, "uv-projected");
    VerificationReport half = run(ReferenceModels.uv(), s.withHalvedStep(), plan,
        "uv-projected-half-dt");
    double a = r.exponentFit().exponent();
    assertThat(a).as(r.toText()).isBetween(-0.6, -0.4);
    assertThat(r.exponentFit().excludes(0)).isTrue();
    assertThat(r.exponentFit().excludes(-1)).isTrue();
    assertThat(r.verdict().outcome()).isEqualTo("PASS");
    // halving dt moves the estimate by less than its standard error
    assertThat(Math.abs(half.exponentFit().exponent() - a)).as(half.toText())
        .isLessThan(r.exponentFit().standardError());
    assertThat(half.exponentFit().exponent()).isBetween(-0.6, -0.4);
  }

  @Test
  void depth3ProjectedExponentIsMinusTwoThirds() {
    ObservationPlan plan = new ObservationPlan(0.2, 1.8, 30, 0.05, 1);
    SimulationSettings s = settings(NoiseModel.PROJECTED, 0.1, 60_000, 20_000, 2_000, 20_000);
    VerificationReport r = run(ReferenceModels.depth3(), s, plan, "depth3-projected");
    double a = r.exponentFit().exponent();
    assertThat(a).as(r.toText()).isBetween(-2.0 / 3 - 0.1, -2.0 / 3 + 0.1);
    assertThat(r.exponentFit().excludes(-1.0 / 3)).isTrue();
    assertThat(r.exponentFit().excludes(-4.0 / 3)).isTrue();
    assertThat(r.verdict().outcome()).isEqualTo("PASS");
  }

  @Test
  void so2MeanRadiusProjectedVersusIsotropic() {
    ObservationPlan plan = new ObservationPlan(0.02, 3.0, 30, 0.02, 1);
    double[] theory = {1.0148, 1.1971};
    NoiseModel[] noises = {NoiseModel.PROJECTED, NoiseModel.ISOTROPIC};
    for (int i = 0; i < 2; i++) {
      boolean iso = noises[i] == NoiseModel.ISOTROPIC;
      SimulationSettings s = settings(noises[i], 0.2, 30_000, 10_000, 1_000, 20_000);
      VerificationReport r = run(ReferenceModels.so2(iso), s, plan, "so2-" + noises[i].id());
      VerificationReport h = run(ReferenceModels.so2(iso), s.withHalvedStep(), plan,
          "so2-" + noises[i].id() + "-half-dt");
      double m = r.observations().get(0).mean();
      double mh = h.observations().get(0).mean();
      double se = Math.max(r.observations().get(0).standardError(),
          h.observations().get(0).standardError());
      double stepBias = Math.abs(m - mh);
      assertThat(Math.abs(mh - theory[i])).as(h.toText()).isLessThan(4 * se + stepBias);
      assertThat(Math.abs(m - theory[i])).as(r.toText()).isLessThan(4 * se + 2 * stepBias);
      assertThat(r.verdict().outcome()).isEqualTo("PASS");
    }
  }
}
