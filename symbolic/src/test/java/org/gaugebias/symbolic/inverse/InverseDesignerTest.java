package org.gaugebias.symbolic.inverse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.gaugebias.symbolic.EngineFixture;
import org.gaugebias.symbolic.expr.Exprs;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The example targets of THEORY.md §4 / issue 3: each produces a design whose forward derivation
 * (quotient variant) reproduces the target up to a constant, symbolically and at random points.
 */
class InverseDesignerTest {
  @RegisterExtension
  static final EngineFixture ENGINE = new EngineFixture();
  private static InverseDesigner designer;

  @BeforeAll
  static void start() {
    designer = new InverseDesigner(ENGINE.session());
  }

  private static String prose(org.gaugebias.symbolic.trace.Step s) {
    return s.facts() instanceof org.gaugebias.symbolic.trace.StepFacts.Prose p ? p.sentence()
        : "";
  }

  private static InverseDesign design(String target, int n) {
    return designer.design(designer.target(target, "beta", n, "T"), Optional.empty(), "t");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = ';', value = {
      // r ≡ 0 is even: sign(q)·2√|q|, written with (q²)^(1/4)
      "0;                                   outer;    (1/4)",
      "T/2*Log[Abs[beta]];                  analysis; u*v",
      "Abs[beta]/4;                         outer;    Log",
      "beta^2/2;                            outer;    InverseErf",
      "T/2*Total[Log[Abs[beta]]];           analysis; u*v",
      // the first targets a user types: their domain Sqrt[u v] < T/(2 lambda) lies outside the
      // default sampling box (in every coordinate at once for the vector), found by rescaling
      "Abs[beta];                           outer;    Log",
      "Total[Abs[beta]];                    outer;    Log",
      "3*Abs[beta];                         outer;    Log",
      "Abs[beta]/10;                        outer;    Log",
  })
  void exampleTargetsAreReachedAndProved(String target, String family, String inPredictor) {
    int n = target.contains("Total") ? 3 : 1;
    InverseDesign d = design(target, n);
    assertThat(d.family().id()).isEqualTo(family);
    assertThat(d.designYaml()).contains(inPredictor);
    assertThat(d.numericSpread()).isLessThan(1e-9);
    assertThat(d.constant().isFreeOf(new java.util.HashSet<>(d.target().components())))
        .as("R_quot - R* = %s is free of beta", d.constant().toWolfram()).isTrue();
  }

  @Test
  void tanIsTheAnswerForLogOnePlusBetaSquaredAtUnitTemperature() {
    // THEORY.md §4: r = log(1 + β²) at T = 1 gives ψ = (½ arctan β)², φ(q) = tan(2√q)
    InverseDesign d = designer.design(designer.target("Log[1 + beta^2]", "beta", 1, "T",
        Optional.of(org.gaugebias.symbolic.expr.Expr.integer(1))), Optional.of(Family.OUTER_MAP),
        "t");
    assertThat(d.designYaml()).contains("Tan");
    assertThat(d.numericSpread()).isLessThan(1e-9);
  }

  @Test
  void aFastDecayingTargetIsTabulatedWhereItsRateIsNotNegligible() {
    // e^{-β⁴/4} underflows long before β = 10: the table ends where the rate has fallen to
    // 5e-5 of its peak (β ≈ 2.51 at T = 1), and the domain says so
    InverseDesign d = designer.design(designer.target("beta^4/4", "beta", 1, "T",
        Optional.of(org.gaugebias.symbolic.expr.Expr.integer(1))),
        Optional.of(Family.OUTER_MAP), "quartic");
    assertThat(d.tables()).containsOnlyKeys("quartic-phi.csv");
    assertThat(d.domain()).contains("both signs", "|β| ≤ 2.5");
    assertThat(d.tolerance()).isLessThan(2e-9);
    assertThat(d.numericSpread()).isLessThan(d.tolerance());
    // the constant is a number, free of β (it printed phi^-1(beta) before), and it is the one
    // the construction implies: (T/2) log 2 − T log k with k the table's scale (T = 1)
    assertThat(d.constant()).isInstanceOf(org.gaugebias.symbolic.expr.Expr.Real.class);
    double k = d.tables().get("quartic-phi.csv").comments().stream()
        .filter(c -> c.contains(", k = ")).map(c -> c.replaceAll(".*, k = ([0-9.eE+-]+).*", "$1"))
        .mapToDouble(Double::parseDouble).findFirst().orElseThrow();
    assertThat(((org.gaugebias.symbolic.expr.Expr.Real) d.constant()).value())
        .isCloseTo(0.5 * Math.log(2) - Math.log(k), org.assertj.core.data.Offset.offset(1e-8));
    // the written file (sign(q) φ(|q|) with φ the table) derives on both sign branches: its
    // representative goes through the table's inverse once the branch makes sign(q) 1
    var fns = org.gaugebias.symbolic.expr.NumericFunctions.of(java.util.Map.of("phi",
        d.tables().get("quartic-phi.csv")));
    var written = new org.gaugebias.symbolic.derive.ForwardDeriver(ENGINE.session()).derive(
        new org.gaugebias.symbolic.compile.DesignCompiler(ENGINE.session()).compile(
            org.gaugebias.symbolic.design.DesignReader.read("quartic.yaml", d.designYaml()),
            fns));
    assertThat(written.steps()).anyMatch(s -> s.kind()
        == org.gaugebias.symbolic.trace.StepKind.SIGN_BRANCHES);
    assertThat(written.steps()).allMatch(s -> s.status()
        == org.gaugebias.symbolic.trace.Step.Status.DONE);
    double c = ((org.gaugebias.symbolic.expr.Expr.Real) d.constant()).value();
    for (double b : new double[] {-2.1, -0.4, 0.4, 1.3}) {
      double rq = org.gaugebias.symbolic.trace.PointEvaluation.at(written,
          java.util.Map.of("beta", b), 1.0, fns).rQuot();
      assertThat(rq - b * b * b * b / 4).isCloseTo(c, org.assertj.core.data.Offset.offset(
          d.tolerance()));
    }
  }

  @Test
  void absoluteValueIsReachedOnBothSignsWithOneConstant() {
    // an odd φ(q) = sign(q)·(−T log(1 − 2√|q|/T)): R_quot = |β| + (T/2) log 2 for β of either
    // sign; the law would be wrong across 0 if the two branches had different constants
    InverseDesign d = design("Abs[beta]", 1);
    assertThat(d.domain()).contains("both signs");
    assertThat(d.document().steps()).anyMatch(s -> s.kind()
        == org.gaugebias.symbolic.trace.StepKind.NUMERIC_CHECK && prose(s).contains(
        "same constant"));
    org.gaugebias.symbolic.expr.Expr logDet = d.forward().results()
        .get(org.gaugebias.symbolic.trace.Variant.QUOTIENT).logDet();
    for (double b : new double[] {-2.3, -0.4, 0.7, 1.9}) {
      double rq = 0.5 * org.gaugebias.symbolic.expr.NumericEvaluator.eval(logDet,
          java.util.Map.of("beta", b, "T", 1.0));
      assertThat(rq - Math.abs(b)).isCloseTo(0.5 * Math.log(2),
          org.assertj.core.data.Offset.offset(1e-9));
    }
    // the file `design -o` writes derives too ((v^4)^(1/4) is v on the branch; it was exit 14),
    // on both sign branches: φ is odd, its results even (the SIGN_BRANCHES step)
    var written = deriveWritten(d);
    assertThat(written.steps()).anyMatch(s -> s.kind()
        == org.gaugebias.symbolic.trace.StepKind.SIGN_BRANCHES);
    assertThat(written.steps()).allMatch(s -> s.status()
        == org.gaugebias.symbolic.trace.Step.Status.DONE);
    for (double b : new double[] {-1.9, -0.7, 0.1, 0.7, 1.9}) {
      double rq = org.gaugebias.symbolic.trace.PointEvaluation.at(written,
          java.util.Map.of("beta", b), 1.0).rQuot();
      assertThat(rq - Math.abs(b)).isCloseTo(0.5 * Math.log(2),
          org.assertj.core.data.Offset.offset(1e-9));
    }
  }

  /** The forward derivation of the design file as written (what `derive`/`eval` run). */
  private static org.gaugebias.symbolic.trace.Derivation deriveWritten(InverseDesign d) {
    return ENGINE.derive("t.yaml", d.designYaml());
  }

  @Test
  void totalAbsoluteValueAtSixtyFourCoordinatesIsProvedBlockByBlock() {
    InverseDesign d = design("Total[Abs[beta]]", 64);
    assertThat(d.family()).isEqualTo(Family.OUTER_MAP);
    assertThat(d.designYaml()).contains("u: vector 64", "Abs[u*v] < ");
    assertThat(d.domain()).contains("both signs of every β_i");
    assertThat(d.numericSpread()).isLessThan(1e-9);
    // 64 copies of the block's (T/2) log 2
    assertThat(org.gaugebias.symbolic.expr.NumericEvaluator.eval(d.constant(),
        java.util.Map.of("T", 0.7))).isCloseTo(64 * 0.35 * Math.log(2),
        org.assertj.core.data.Offset.offset(1e-10));
    assertThat(d.document().steps()).anyMatch(s -> prose(s).startsWith("At size:")
        && prose(s).contains("64 × 128"));
    assertThat(d.designYaml()).contains("for: i in 1..64", "u: \"u*UnitVector[64, i]\"");
  }

  /**
   * The written file at size declares its generators, so deriving it needs no discovery (which
   * for 80 parameters is refused on memory), and its per-coordinate atoms φ(u_i v_i) take the
   * block route: one block derived, 40 renamed (before: the generic steps, minutes). R_quot is
   * the block's |β_i| + (T/2) log 2, summed, on both signs of every β_i.
   */
  @Test
  void aWrittenDesignAtSizeTakesTheBlockRouteOnBothSigns() {
    InverseDesign d = design("Total[Abs[beta]]", 40);
    assertThat(d.designYaml()).contains("for: i in 1..40", "u: \"u*UnitVector[40, i]\"");
    var written = deriveWritten(d);
    assertThat(written.steps()).anyMatch(s -> s.kind()
        == org.gaugebias.symbolic.trace.StepKind.STRUCTURE);
    assertThat(written.steps()).allMatch(s -> s.status()
        == org.gaugebias.symbolic.trace.Step.Status.DONE);
    java.util.SplittableRandom rng = new java.util.SplittableRandom(7);
    for (int k = 0; k < 3; k++) {
      java.util.Map<String, Double> point = new java.util.HashMap<>();
      double sum = 0;
      for (String b : written.predictorSymbols()) {
        double v = rng.nextDouble(-2.0, 2.0);
        point.put(b, v);
        sum += Math.abs(v);
      }
      assertThat(point).hasSize(40);
      assertThat(org.gaugebias.symbolic.trace.PointEvaluation.at(written, point, 0.7).rQuot())
          .isCloseTo(sum + 40 * 0.35 * Math.log(2), org.assertj.core.data.Offset.offset(1e-8));
    }
  }

  @Test
  void aSixtyFourPointOrthonormalDctIsAsEasyAsTheIdentity() {
    // Symja did not evaluate this target within 30 s, nor invert the matrix: the lists are
    // threaded in Java and D is recognised as orthonormal (|det D| = 1, D⁻¹ = Dᵀ)
    InverseDesign d = design("T/2*Total[Log[Abs[Table[If[k == 0, 1/8, Sqrt[2]/8*Cos[Pi*(2*j + 1)"
        + "*k/128]], {k, 0, 63}, {j, 0, 63}].beta]]]", 64);
    assertThat(d.family()).isEqualTo(Family.ANALYSIS_HADAMARD);
    assertThat(d.document().steps()).anyMatch(s -> prose(s).contains("orthonormal"));
    assertThat(Exprs.symbols(d.constant())).containsOnly("T");
    assertThat(d.numericSpread()).isLessThan(1e-8);
  }

  /**
   * A target whose operator is a named transform (rows up to scale) writes {@code Op: dct 8} /
   * {@code Op: difference 8}, not n² literal entries, and the written file derives R_quot =
   * R* + the stated constant at random points, R* computed here in double precision from the
   * transform's definition (docs/design-format.md, "Named transforms").
   */
  @ParameterizedTest(name = "{1}")
  @CsvSource(delimiter = ';', value = {
      "T/2*Total[Log[Abs[Table[If[k == 0, Sqrt[1/8], Sqrt[2/8]*Cos[Pi*(2*j + 1)*k/16]],"
          + " {k, 0, 7}, {j, 0, 7}].beta]]]; dct 8; Transpose[Op]",
      "T/2*Total[Log[Abs[Differences[Prepend[beta, 0]]]]]; difference 8; Inverse[Op]"})
  void anOperatorEqualToANamedTransformIsDeclaredByName(String target, String named,
      String inverse) {
    InverseDesign d = design(target, 8);
    assertThat(d.family()).isEqualTo(Family.ANALYSIS_HADAMARD);
    // the title repeats the target; the sections after it have no matrix entries
    String sections = d.designYaml().substring(d.designYaml().indexOf("\nparameters:"));
    assertThat(sections).contains("  Op: " + named + "\n", inverse + ".(u*v)")
        .doesNotContain("Cos[", "{{");
    var written = deriveWritten(d);
    assertThat(written.steps()).allMatch(s -> s.status()
        == org.gaugebias.symbolic.trace.Step.Status.DONE);
    double[][] op = new double[8][8];
    for (int k = 0; k < 8; k++) {
      for (int j = 0; j < 8; j++) {
        op[k][j] = named.startsWith("dct")
            ? Math.sqrt((k == 0 ? 1.0 : 2.0) / 8) * Math.cos(Math.PI * (2 * j + 1) * k / 16)
            : j == k ? 1 : j == k - 1 ? -1 : 0;
      }
    }
    double constant = org.gaugebias.symbolic.expr.NumericEvaluator.eval(d.constant(),
        java.util.Map.of("T", 0.7));
    java.util.SplittableRandom rng = new java.util.SplittableRandom(11);
    for (int p = 0; p < 3; p++) {
      java.util.Map<String, Double> point = new java.util.HashMap<>();
      double[] beta = new double[8];
      for (int i = 0; i < 8; i++) {
        beta[i] = rng.nextDouble(-2.0, 2.0);
        point.put(written.predictorSymbols().get(i), beta[i]);
      }
      double rStar = 0;
      for (double[] row : op) {
        double dot = 0;
        for (int j = 0; j < 8; j++) {
          dot += row[j] * beta[j];
        }
        rStar += 0.35 * Math.log(Math.abs(dot));
      }
      assertThat(org.gaugebias.symbolic.trace.PointEvaluation.at(written, point, 0.7).rQuot())
          .isCloseTo(rStar + constant, org.assertj.core.data.Offset.offset(1e-9));
    }
  }

  @Test
  void aLongFirstDifferenceAndADenseIntegerOperatorAreReadWithoutTheCas() {
    // TV at n = 40 written as the user would: the constant R_quot − R* must be free of β (at
    // n = 12 Symja's Simplify left log(|ℓ|/3) − log|ℓ| in it)
    InverseDesign tv = design("T/2*Total[Log[Abs[Differences[Prepend[beta, 0]]]]]", 40);
    assertThat(tv.family()).isEqualTo(Family.ANALYSIS_HADAMARD);
    assertThat(tv.constant().isFreeOf(new java.util.HashSet<>(tv.target().components())))
        .isTrue();
    assertThat(tv.numericSpread()).isLessThan(1e-8);
    String dense = "T/2*Total[Log[Abs[{{0,-3,1,5,-5,-4},{-2,-5,-4,1,1,-4},{-4,-2,5,5,4,-5},"
        + "{3,-3,-1,1,-3,3},{-4,4,4,5,-2,0},{-2,2,5,3,1,0}}.beta]]]";
    InverseDesign d = design(dense, 6);
    assertThat(d.family()).isEqualTo(Family.ANALYSIS_HADAMARD);
    assertThat(Exprs.symbols(d.constant())).containsOnly("T");
    assertThat(d.numericSpread()).isLessThan(1e-8);
  }

  @Test
  void logOnePlusBetaSquaredAtHalfTemperatureIsTabulatedAndReproducedWithinItsBound() {
    // THEORY.md §4: at T = 1/2, s(β) = (β/(1+β²) + arctan β)/4 has no closed inverse
    InverseDesign d = designer.design(designer.target("Log[1 + beta^2]", "beta", 1, "T",
        Optional.of(org.gaugebias.symbolic.expr.Expr.rational(1, 2))),
        Optional.of(Family.OUTER_MAP), "cauchy");
    assertThat(d.designYaml()).contains("tables:\n  phi: cauchy-phi.csv", "phi[",
        "Abs[u*v] < 4");
    assertThat(d.tables()).containsOnlyKeys("cauchy-phi.csv");
    org.gaugebias.symbolic.expr.TabulatedFunction table = d.tables().get("cauchy-phi.csv");
    assertThat(table.comments()).anyMatch(c -> c.startsWith("error_bound = "));
    // the stated bound: interpolation error <= 1e-9 relative, so R_quot - R* varies by < 2e-9
    assertThat(d.tolerance()).isLessThan(2e-9);
    assertThat(d.numericSpread()).isLessThan(d.tolerance());
    // the forward derivation, evaluated through the table, reproduces r at random points
    var fns = org.gaugebias.symbolic.expr.NumericFunctions.of(java.util.Map.of("phi", table));
    java.util.SplittableRandom rng = new java.util.SplittableRandom(42);
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < 50; i++) {
      double b = rng.nextDouble(0.01, 9.99);
      double rq = org.gaugebias.symbolic.trace.PointEvaluation.at(d.forward(),
          java.util.Map.of("beta", b), 0.5, fns).rQuot();
      double diff = rq - Math.log(1 + b * b);
      lo = Math.min(lo, diff);
      hi = Math.max(hi, diff);
    }
    assertThat(hi - lo).isLessThan(d.tolerance());
  }

  @Test
  void withASymbolicTemperatureTheTableAsksForAFixedOne() {
    assertThatThrownBy(() -> designer.design(designer.target("Log[1 + beta^2]", "beta", 1, "T"),
        Optional.of(Family.OUTER_MAP), "t"))
        .isInstanceOfSatisfying(InverseDesignException.class, e -> {
          assertThat(e.kind()).isEqualTo(InverseDesignException.Kind.UNREACHABLE);
          assertThat(e.getMessage()).contains("Hypergeometric2F1", "--temperature-value");
        });
  }

  @Test
  void depthThreeWeightGivesAThreeFactorProduct() {
    InverseDesign d = design("2*T/3*Log[Abs[beta]]", 1);
    assertThat(d.designYaml()).contains("u1*u2*u3");
  }

  @Test
  void totalVariationUsesTheFirstDifferenceOperator() {
    InverseDesign d = design("T/2*Total[Log[Abs[{{1,0,0},{-1,1,0},{0,-1,1}}.beta]]]", 3);
    assertThat(d.family()).isEqualTo(Family.ANALYSIS_HADAMARD);
    assertThat(d.designYaml()).contains("Inverse[Op]");
    assertThat(Exprs.symbols(d.constant())).doesNotContain("beta$1", "beta$2", "beta$3");
  }

  @Test
  void aTargetInAnotherVariableIsRejected() {
    assertThatThrownBy(() -> designer.target("Log[Abs[x]]", "beta", 1, "T"))
        .isInstanceOfSatisfying(InverseDesignException.class, e -> {
          assertThat(e.kind()).isEqualTo(InverseDesignException.Kind.NOT_A_FUNCTION);
          assertThat(e.getMessage()).contains("'x'");
        });
  }

  @Test
  void anUnreachableTargetSaysWhyForEachFamily() {
    assertThatThrownBy(() -> design("Log[Abs[beta$1 + beta$2^2]]", 2))
        .isInstanceOfSatisfying(InverseDesignException.class, e -> {
          assertThat(e.kind()).isEqualTo(InverseDesignException.Kind.UNREACHABLE);
          assertThat(e.getMessage()).contains("analysis:", "outer:");
        });
  }
}
