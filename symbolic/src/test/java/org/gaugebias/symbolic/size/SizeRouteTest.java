package org.gaugebias.symbolic.size;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.gaugebias.symbolic.derive.structure.IndependentGrams.cumsum;
import static org.gaugebias.symbolic.derive.structure.IndependentGrams.identity;
import static org.gaugebias.symbolic.derive.structure.IndependentGrams.product;
import static org.gaugebias.symbolic.derive.structure.IndependentGrams.relu;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.gaugebias.symbolic.EngineFixture;
import org.gaugebias.symbolic.derive.ForwardDeriver;
import org.gaugebias.symbolic.derive.structure.IndependentGrams.Independent;
import org.gaugebias.symbolic.design.Design;
import org.gaugebias.symbolic.design.DesignError;
import org.gaugebias.symbolic.design.DesignException;
import org.gaugebias.symbolic.design.DesignReader;
import org.gaugebias.symbolic.expr.Expr;
import org.gaugebias.symbolic.failure.Failure;
import org.gaugebias.symbolic.failure.FailureKind;
import org.gaugebias.symbolic.trace.Derivation;
import org.gaugebias.symbolic.trace.PointEvaluation;
import org.gaugebias.symbolic.trace.StepFacts;
import org.gaugebias.symbolic.trace.StepKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Designs with a symbolic size (designs/*-n.yaml) derive once for every n, and the closed form
 * written out at sizes it was not derived from (n = 5, 64, 200; derived at 4 and 5's blocks)
 * gives what {@code eval} prints for the concrete-size design (the shipped hadamard-uv-64 and
 * cumsum-tv-200, or the design read at n) and what a dense computation done here from THEORY.md
 * §2–3 alone gives (ω = A⁻¹β, the balanced representative |u_i| = |v_i| = √|ω_i| or
 * ‖w_k‖ = v_k = √‖β_k‖, J_f = A J_ω dense, eigenvalue log-determinants of P = J_f J_fᵀ), all to
 * 1e-8 relative.
 */
class SizeRouteTest {
  private static final Path ROOT = EngineFixture.ROOT;
  @RegisterExtension
  static final EngineFixture ENGINE = new EngineFixture();
  private static final Map<String, Derivation> SYMBOLIC = new HashMap<>();

  private static Derivation symbolic(String id) {
    return SYMBOLIC.computeIfAbsent(id, k -> {
      Design d = DesignReader.read(ROOT.resolve("designs/" + k + ".yaml"));
      ForwardDeriver deriver = new ForwardDeriver(ENGINE.session());
      return SizeRoute.derive(d, ENGINE::compile, deriver::derive,
          ForwardDeriver.DEFAULT_SEED);
    });
  }

  static Stream<Arguments> heldOut() {
    return Stream.of(Arguments.of("hadamard-uv-n", 5, null),
        Arguments.of("hadamard-uv-n", 64, "hadamard-uv-64"),
        Arguments.of("hadamard-uv-n", 200, null),
        Arguments.of("cumsum-tv-n", 5, null),
        Arguments.of("cumsum-tv-n", 64, null),
        Arguments.of("cumsum-tv-n", 200, "cumsum-tv-200"),
        Arguments.of("relu-layer-n", 5, null),
        Arguments.of("relu-layer-n", 64, null));
  }

  @ParameterizedTest(name = "{0} at n = {1}")
  @MethodSource("heldOut")
  void closedFormAgreesWithConcreteDesignAndIndependentNumerics(String id, int n,
      String shipped) {
    Derivation closed = SizedEvaluation.at(symbolic(id), n);
    Design concreteDesign = shipped != null
        ? DesignReader.read(ROOT.resolve("designs/" + shipped + ".yaml"))
        : DesignReader.atSizes(DesignReader.read(ROOT.resolve("designs/" + id + ".yaml")),
            Map.of("n", n));
    Derivation concrete = new ForwardDeriver(ENGINE.session()).derive(
        ENGINE.compile(concreteDesign));
    assertThat(closed.predictorSymbols()).isEqualTo(concrete.predictorSymbols());
    SplittableRandom rng = new SplittableRandom(31L * n + id.hashCode());
    for (int t = 0; t < 3; t++) {
      Independent want = id.startsWith("relu") ? relu(n, rng)
          : product(id.startsWith("cumsum") ? cumsum(n) : identity(n), rng);
      Map<String, Double> at = new HashMap<>();
      for (int i = 0; i < want.beta().length; i++) {
        at.put(closed.predictorSymbols().get(i), want.beta()[i]);
      }
      PointEvaluation c = PointEvaluation.at(closed, at, 0.7);
      PointEvaluation e = PointEvaluation.at(concrete, at, 0.7);
      assertThat(c.logDetP()).as("log det P vs concrete").isCloseTo(e.logDetP(), tol(e.logDetP()));
      assertThat(c.logDetG()).as("log det G vs concrete").isCloseTo(e.logDetG(), tol(e.logDetG()));
      assertThat(c.logDetC().orElseThrow()).as("log det C vs concrete")
          .isCloseTo(e.logDetC().orElseThrow(), tol(e.logDetG()));
      assertThat(c.rQuot()).as("R_quot vs concrete").isCloseTo(e.rQuot(), tol(e.rQuot()));
      assertThat(c.repCost()).as("repcost vs concrete").isCloseTo(e.repCost(), tol(e.repCost()));
      assertThat(c.logDetP()).as("log det P vs dense").isCloseTo(want.logDetP(),
          tol(want.logDetP()));
      assertThat(c.logDetG()).as("log det G vs formula").isCloseTo(want.logDetG(),
          tol(want.logDetG()));
      assertThat(c.repCost()).as("½‖θ̃‖² vs formula").isCloseTo(want.repCost(),
          tol(want.repCost()));
    }
  }

  @Test
  void traceNamesTheRouteAndTheChecksAtOtherSizes() {
    Derivation d = symbolic("cumsum-tv-n");
    StepFacts.SymbolicSize z = SizedEvaluation.facts(d).orElseThrow();
    assertThat(z.operator()).isEqualTo("TRIANGULAR");
    assertThat(z.firstBlocksDiffering()).as("ω_1 = w_1 is written apart").isEqualTo(1);
    assertThat(d.results().get(org.gaugebias.symbolic.trace.Variant.QUOTIENT).bias()
        .toWolfram()).contains("Sum[").contains("{i, 2, n}");
    StepFacts.SizeCheck check = d.steps().stream().filter(s -> s.kind() == StepKind.NUMERIC_CHECK)
        .map(s -> s.facts()).filter(f -> f instanceof StepFacts.SizeCheck)
        .map(f -> (StepFacts.SizeCheck) f).findFirst().orElseThrow();
    assertThat(check.sizes()).containsExactly(3, 7, 64);
    assertThat(check.largestDifference()).isLessThan(1e-6);
    assertThat(SizedEvaluation.facts(symbolic("hadamard-uv-n")).orElseThrow().operator())
        .isEqualTo("ELEMENTWISE");
  }

  @Test
  void undeclaredSizeSymbolIsADesignErrorAtItsPlace() {
    String yaml = "id: x\ntitle: x\nparameters:\n  u: vector n\n  v: vector n\npredictor:\n"
        + "  beta: u*v\n";
    assertThatThrownBy(() -> DesignReader.read("x.yaml", yaml))
        .isInstanceOfSatisfying(DesignException.class, e -> {
          DesignError first = e.errors().get(0);
          assertThat(first.kind()).isEqualTo(DesignError.Kind.BAD_SHAPE);
          assertThat(first.pos().toString()).isEqualTo("x.yaml:4:13");
          assertThat(first.message()).contains("sizes: [n]");
        });
  }

  @Test
  void denseConstantWithSymbolicSizeIsADesignError() {
    String yaml = "id: x\ntitle: x\nsizes: [n]\nconstants:\n  M: \"{{2, 1}, {0, 1}}\"\n"
        + "parameters:\n  u: vector n\n  v: vector n\npredictor:\n  beta: Inverse[M].(u*v)\n";
    assertThatThrownBy(() -> DesignReader.read("x.yaml", yaml))
        .isInstanceOfSatisfying(DesignException.class, e -> {
          DesignError first = e.errors().get(0);
          assertThat(first.kind()).isEqualTo(DesignError.Kind.BAD_CONSTANT);
          assertThat(first.pos().toString()).isEqualTo("x.yaml:5:6");
          assertThat(first.message()).contains("dense 2 x 2 matrix").contains("symbolic size n");
        });
  }

  @Test
  void sizeSymbolClashesWithAParameter() {
    String yaml = "id: x\ntitle: x\nsizes: [u]\nparameters:\n  u: vector 3\n  v: vector 3\n"
        + "predictor:\n  beta: u*v\n";
    assertThatThrownBy(() -> DesignReader.read("x.yaml", yaml))
        .isInstanceOfSatisfying(DesignException.class, e -> assertThat(e.errors())
            .anyMatch(x -> x.kind() == DesignError.Kind.NAME_CLASH));
  }

  /** Two scalars shared by every index: neither blocks nor a single unit β = v·w. */
  @Test
  void sharedParameterHasNoClosedFormAndSaysWhy() {
    String yaml = "id: x\ntitle: x\nsizes: [n]\nparameters:\n  a: scalar\n  b: scalar\n"
        + "  u: vector n\npredictor:\n  beta: a*b*u\n";
    Design d = DesignReader.read("x.yaml", yaml);
    ForwardDeriver deriver = new ForwardDeriver(ENGINE.session());
    assertThatThrownBy(() -> SizeRoute.derive(d, ENGINE::compile,
        deriver::derive, 1L)).isInstanceOfSatisfying(Failure.class, f -> {
          assertThat(f.failure()).isEqualTo(FailureKind.INVALID_DESIGN);
          assertThat(f.position()).isEqualTo("x.yaml:9:9");
          assertThat(f.getMessage()).contains("parameter 'a'").contains("shared by every index");
        });
  }

  /**
   * One scalar shared by every index times a vector (a single unit, no sign assumed): the closed
   * form for every n, log det P = log 2 + (n/2) log Σ β_i², checked at other sizes.
   */
  @Test
  void singleUnitWithASharedScalarHasAClosedForm() {
    String yaml = "id: x\ntitle: x\nsizes: [n]\nparameters:\n  a: scalar\n  u: vector n\n"
        + "predictor:\n  beta: a*u\n";
    Design d = DesignReader.read("x.yaml", yaml);
    var derived = SizeRoute.derive(d, ENGINE::compile,
        new ForwardDeriver(ENGINE.session())::derive, 1L);
    assertThat(derived.complete()).isTrue();
    assertThat(derived.steps()).anyMatch(s -> s.facts()
        instanceof org.gaugebias.symbolic.trace.StepFacts.SizeCheck c && c.sizes().contains(64));
    Expr p = IndexedSums.expand(derived.results().get(
        org.gaugebias.symbolic.trace.Variant.QUOTIENT).logDet(), "n", 2);
    assertThat(org.gaugebias.symbolic.expr.NumericEvaluator.eval(p, Map.of("beta$1", 3.0,
        "beta$2", -4.0))).isCloseTo(Math.log(2) + Math.log(25), within(1e-12));
  }

  @Test
  void sumsWriteOutWithOffsets() {
    Expr sum = Expr.add(Expr.fn("Sum", Expr.fn("Log", new Expr.Sym("w$i-1")), new Expr.Vec(
        List.of(new Expr.Sym("i"), Expr.integer(2), new Expr.Sym("n")))),
        Expr.mul(new Expr.Sym("n"), Expr.fn("Log", Expr.integer(2))));
    Expr out = IndexedSums.expand(sum, "n", 4);
    assertThat(org.gaugebias.symbolic.expr.Exprs.symbols(out))
        .containsExactlyInAnyOrder("w$1", "w$2", "w$3");
    assertThat(org.gaugebias.symbolic.expr.NumericEvaluator.eval(out, Map.of("w$1", 2.0,
        "w$2", 3.0, "w$3", 5.0))).isCloseTo(Math.log(30) + 4 * Math.log(2), within(1e-14));
  }

  private static org.assertj.core.data.Offset<Double> tol(double v) {
    return within(1e-8 * Math.max(1, Math.abs(v)));
  }
}
