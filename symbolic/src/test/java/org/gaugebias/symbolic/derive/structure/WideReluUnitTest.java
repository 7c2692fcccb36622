package org.gaugebias.symbolic.derive.structure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.gaugebias.symbolic.EngineFixture;
import org.gaugebias.symbolic.compile.DesignCompiler;
import org.gaugebias.symbolic.derive.ForwardDeriver;
import org.gaugebias.symbolic.design.DesignReader;
import org.gaugebias.symbolic.size.SizeRoute;
import org.gaugebias.symbolic.size.SizedEvaluation;
import org.gaugebias.symbolic.trace.Derivation;
import org.gaugebias.symbolic.trace.PointEvaluation;
import org.gaugebias.symbolic.trace.StepFacts;
import org.gaugebias.symbolic.trace.Variant;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A single wide ReLU unit β = v·w (THEORY.md §3) at the shipped size w ∈ R^64 and at a held-out
 * size, R^40, written here: the engine recognises the unit (P = v² I + w wᵀ), writes θ̃ from the
 * fibre's binomial moment map and log det P by the determinant lemma, and the values
 * {@code eval} prints at random β (both signs) agree to 1e-8 with {@link IndependentGrams}:
 * the balanced representative ‖w‖ = v = ‖β‖^{1/2}, the dense 64×65 (40×41) Jacobian and the
 * eigenvalue log-determinant of P = J_f J_fᵀ, computed there without the engine. The same for
 * the unit for every n (designs/relu-unit-n.yaml) written out at n = 64 and 40.
 */
class WideReluUnitTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  @RegisterExtension
  static final EngineFixture ENGINE = new EngineFixture();
  @TempDir
  static Path held;

  /**
   * The unit for every n (designs/relu-unit-n.yaml, derived at n = 4 with n then a symbol)
   * written out at n = 40 and 64 gives the same numbers as the independent dense Gram.
   */
  @ParameterizedTest(name = "n = {0}")
  @ValueSource(ints = {64, 40})
  void closedFormForEveryNAgreesWithADenseNumericGram(int m) {
    var design = DesignReader.read(ROOT.resolve("designs/relu-unit-n.yaml"));
    Derivation every = SizeRoute.derive(design, new DesignCompiler(ENGINE.session())::compile,
        new ForwardDeriver(ENGINE.session())::derive, ForwardDeriver.DEFAULT_SEED);
    assertThat(every.complete()).isTrue();
    assertThat(every.results().get(Variant.QUOTIENT).logDet().toString())
        .as("log det P = log 2 + (n/2) log Σ β_i²").contains("n").contains("sum(");
    Derivation d = SizedEvaluation.at(every, m);
    SplittableRandom rng = new SplittableRandom(7 * m);
    for (int point = 0; point < 3; point++) {
      IndependentGrams.Independent want = IndependentGrams.relu(1, m, rng);
      Map<String, Double> at = new HashMap<>();
      for (int i = 0; i < m; i++) {
        at.put(d.predictorSymbols().get(i), want.beta()[i]);
      }
      PointEvaluation e = PointEvaluation.at(d, at, 1.0);
      assertThat(e.logDetP()).as("log det P").isCloseTo(want.logDetP(), within(1e-8));
      assertThat(e.logDetG()).as("log det G").isCloseTo(want.logDetG(), within(1e-8));
      assertThat(e.logDetC().orElseThrow()).as("log det C")
          .isCloseTo(want.logDetG(), within(1e-8));
      assertThat(e.repCost()).as("½‖θ̃‖²").isCloseTo(want.repCost(), within(1e-8));
    }
  }

  @ParameterizedTest(name = "w in R^{0}")
  @ValueSource(ints = {64, 40})
  void evalAgreesWithADenseNumericGram(int m) throws IOException {
    Path shipped = ROOT.resolve("designs/relu-unit-64.yaml");
    Path f = shipped;
    if (m != 64) {
      f = held.resolve("relu-unit-" + m + ".yaml");
      Files.writeString(f, Files.readString(shipped).replace("64", String.valueOf(m)));
    }
    Derivation d = new ForwardDeriver(ENGINE.session()).derive(new DesignCompiler(ENGINE.session()).compile(
        DesignReader.read(f)));
    assertThat(d.complete()).as("every step completed, the numeric check included").isTrue();
    assertThat(d.steps()).as("the unit recognised").anyMatch(s -> s.facts()
        instanceof StepFacts.RankOneUnit u && u.vector().size() == m);
    assertThat(d.steps()).as("θ̃ in closed form from the fibre")
        .anyMatch(s -> s.facts() instanceof StepFacts.FibreRepresentative);
    // compact trace: ‖β‖² written once (v), each w_i = β_i/v in two symbols, not m + 1
    d.steps().stream().filter(s -> s.facts() instanceof StepFacts.FibreRepresentative)
        .flatMap(s -> s.outputs().stream()).filter(x -> !x.name().equals("v"))
        .forEach(x -> assertThat(org.gaugebias.symbolic.expr.Exprs.symbols(x.expr()))
            .as(x.name()).hasSize(2));
    assertThat(d.steps()).as("the determinant lemma stated for P")
        .anyMatch(s -> s.facts() instanceof StepFacts.LogDet l
            && l.variant() == Variant.QUOTIENT && l.rankOneUpdate());
    SplittableRandom rng = new SplittableRandom(40 + m);
    for (int point = 0; point < 4; point++) {
      IndependentGrams.Independent want = IndependentGrams.relu(1, m, rng);
      Map<String, Double> at = new HashMap<>();
      for (int i = 0; i < m; i++) {
        at.put(d.predictorSymbols().get(i), want.beta()[i]);
      }
      PointEvaluation e = PointEvaluation.at(d, at, 0.7);
      assertThat(e.logDetP()).as("log det P").isCloseTo(want.logDetP(), within(1e-8));
      assertThat(e.logDetG()).as("log det G").isCloseTo(want.logDetG(), within(1e-8));
      assertThat(e.logDetC().orElseThrow()).as("log det C")
          .isCloseTo(want.logDetG(), within(1e-8));
      assertThat(e.repCost()).as("½‖θ̃‖²").isCloseTo(want.repCost(), within(1e-8));
      assertThat(e.rQuot()).isCloseTo(0.35 * want.logDetP(), within(1e-8));
    }
  }
  /**
   * A unit with a squared loss on 12 inputs: the stationary law is stated as exp(−(L + R_quot)/T)
   * without the cosmetic {@code Simplify} (over 8 predictor components it spent the CAS's whole
   * 20 s limit at 20 inputs and changed nothing), and it is that density at a random point.
   */
  @org.junit.jupiter.api.Test
  void stationaryLawOfAUnitWithALossIsStatedUnsimplified() throws IOException {
    int m = 12;
    Path f = held.resolve("relu-unit-loss.yaml");
    Files.writeString(f, Files.readString(ROOT.resolve("designs/relu-unit-64.yaml"))
        .replace("64", String.valueOf(m)) + "loss: Total[(beta - 1)^2]/2\n");
    Derivation d = new ForwardDeriver(ENGINE.session()).derive(new DesignCompiler(ENGINE.session()).compile(
        DesignReader.read(f)));
    assertThat(d.complete()).isTrue();
    SplittableRandom rng = new SplittableRandom(12);
    double t = 0.7;
    double[] logDensity = new double[2];
    double[] phi = new double[2];
    for (int point = 0; point < 2; point++) {
      Map<String, Double> at = new HashMap<>();
      double loss = 0;
      for (int i = 0; i < m; i++) {
        double b = rng.nextDouble(-2, 2);
        at.put(d.predictorSymbols().get(i), b);
        loss += 0.5 * (b - 1) * (b - 1);
      }
      phi[point] = loss + PointEvaluation.at(d, at, t).rQuot();
      Map<String, Double> env = new HashMap<>(at);
      env.put(d.temperature(), t);
      logDensity[point] = Math.log(org.gaugebias.symbolic.expr.NumericEvaluator.eval(
          d.stationaryDensity().orElseThrow(), env));
    }
    // p is stated up to normalisation (and R_quot's dropped constant): compare two points
    assertThat(logDensity[0] - logDensity[1]).isCloseTo(-(phi[0] - phi[1]) / t, within(1e-9));
  }
}
