package org.gaugebias.symbolic.derive.structure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.gaugebias.symbolic.derive.structure.PaperSizeDesignsTest.dct;
import static org.gaugebias.symbolic.derive.structure.PaperSizeDesignsTest.inverse;
import static org.gaugebias.symbolic.derive.structure.PaperSizeDesignsTest.walshHadamard;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.gaugebias.symbolic.EngineFixture;
import org.gaugebias.symbolic.compile.DesignCompiler;
import org.gaugebias.symbolic.derive.DerivationException;
import org.gaugebias.symbolic.derive.ForwardDeriver;
import org.gaugebias.symbolic.design.DesignException;
import org.gaugebias.symbolic.design.DesignReader;
import org.gaugebias.symbolic.failure.GaugebiasException;
import org.gaugebias.symbolic.print.JsonDerivationPrinter;
import org.gaugebias.symbolic.print.LatexDerivationPrinter;
import org.gaugebias.symbolic.print.TextDerivationPrinter;
import org.gaugebias.symbolic.trace.Derivation;
import org.gaugebias.symbolic.trace.NamedOperator;
import org.gaugebias.symbolic.trace.PointEvaluation;
import org.gaugebias.symbolic.trace.StepFacts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Kronecker operators ({@code K: kron(hadamard 4, dct 6)}): the shipped 2-D DCT design and
 * held-out designs with other factors, sizes, relations (K⁻¹, Kᵀ, K itself) and three factors
 * derive by the structure route with the operator kept by its factors, and the values
 * {@code eval} prints at random points agree to 1e-8 with a dense computation done here
 * (THEORY.md §2–3): the Kronecker product built entry by entry from factors built here
 * (PaperSizeDesignsTest's DCT and Walsh–Hadamard, differences and a literal written here),
 * then {@link IndependentGrams#product}. Bad factors, sizes and singular factors are refused
 * at their file:line:col with their exit codes.
 */
class KroneckerOperatorsTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  @RegisterExtension
  static final EngineFixture ENGINE = new EngineFixture();
  @TempDir
  static Path held;

  /** A design and the A of β = A ω computed here, with what its text must say. */
  record Case(String id, Path file, double[][] operator, String product, String logDet,
      String vector) {
    @Override
    public String toString() {
      return id;
    }
  }

  static Stream<Arguments> cases() throws IOException {
    double[][] m = {{2, 1, 0}, {0, 1, 1}, {1, 0, 1}}; // det 3
    return Stream.of(
        new Case("spectral-dct2d-8x8", ROOT.resolve("designs/spectral-dct2d-8x8.yaml"),
            transpose(kron(dctMatrix(8), dctMatrix(8))), "D2 = Dct_8 ⊗ Dct_8",
            "log|det D2| = 8 log|det Dct_8| + 8 log|det Dct_8| = 0", "(% beta)"),
        heldOut("hadamard4-dct6", "Kr: kron(hadamard 4, dct 6)", 24, "Inverse[Kr].(u*v)",
            inverse(kron(walshHadamard(4), dctMatrix(6))), "Kr = Hadamard_4 ⊗ Dct_6",
            "log|det Kr| = 6 log|det Hadamard_4| + 4 log|det Dct_6| = 0", "(% beta)"),
        heldOut("difference5-identity3", "Kr: kron(difference 5, identity 3)", 15,
            "Inverse[Kr].(u*v)", inverse(kron(difference(5), identity(3))),
            "Kr = Diff_5 ⊗ I_3", "log|det Kr| = 3 log|det Diff_5| + 5 log|det I_3| = 0", "(% beta)"),
        heldOut("literal3-dct4-transposed", "M: \"{{2,1,0},{0,1,1},{1,0,1}}\"\n  Kr: kron(M, dct 4)",
            12, "Transpose[Kr].(u*v)", transpose(kron(m, dctMatrix(4))), "Kr = M ⊗ Dct_4",
            "log|det Kr| = 4 log|det M| + 3 log|det Dct_4| = 4*log(3)", "(%^-T beta)"),
        heldOut("three-factors-applied", "Kr: kron(difference 2, hadamard 2, dct(3))", 12,
            "Kr.(u*v)", kron(kron(difference(2), walshHadamard(2)), dctMatrix(3)),
            "Kr = Diff_2 ⊗ Hadamard_2 ⊗ Dct_3",
            "log|det Kr| = 6 log|det Diff_2| + 6 log|det Hadamard_2| + 4 log|det Dct_3| = 0",
            "(%^-1 beta)"))
        .map(Arguments::of);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void evalAgreesWithDenseNumericsAndPrintsByFactors(Case c) {
    Derivation d = new ForwardDeriver(ENGINE.session()).derive(new DesignCompiler(ENGINE.session()).compile(
        DesignReader.read(c.file())));
    assertThat(d.complete()).as("every step completed").isTrue();
    StepFacts.BlockStructure bs = d.steps().stream()
        .filter(s -> s.facts() instanceof StepFacts.BlockStructure)
        .map(s -> (StepFacts.BlockStructure) s.facts()).findFirst().orElseThrow();
    assertThat(bs.named()).as("named by its factors").get()
        .matches(NamedOperator::kronecker).matches(o -> o.entries().isEmpty());
    SplittableRandom rng = new SplittableRandom(c.id().hashCode());
    for (int point = 0; point < 3; point++) {
      IndependentGrams.Independent want = IndependentGrams.product(c.operator(), rng);
      Map<String, Double> at = new HashMap<>();
      for (int i = 0; i < want.beta().length; i++) {
        at.put(d.predictorSymbols().get(i), want.beta()[i]);
      }
      PointEvaluation e = PointEvaluation.at(d, at, 1.0);
      assertThat(e.logDetP()).as("log det P").isCloseTo(want.logDetP(), tol(want.logDetP()));
      assertThat(e.logDetG()).as("log det G").isCloseTo(want.logDetG(), tol(want.logDetG()));
      assertThat(e.repCost()).as("½‖θ̃‖²").isCloseTo(want.repCost(), tol(want.repCost()));
    }
    String text = new TextDerivationPrinter(TextDerivationPrinter.Options.defaults()).print(d);
    String name = c.product().substring(0, c.product().indexOf(' '));
    String vector = c.vector().replace("%", name);
    assertThat(text.replaceAll("\\s+", " ")) // the printer wraps its lines.contains(c.product()).contains(c.logDet())
        .contains("log|" + vector + "_i|, i=")
        .doesNotContain("cos(");
    String latex = new LatexDerivationPrinter(LatexDerivationPrinter.Options.defaults()).print(d);
    assertThat(latex).contains("\\otimes");
    String json = new JsonDerivationPrinter(JsonDerivationPrinter.Options.defaults()).print(d);
    assertThat(json).contains("\"kronecker\"").contains("\"log_abs_det\"")
        .containsPattern("\"entries\": \\[ ?\\]");
  }

  /**
   * Inverse design family 1 with a Kronecker analysis operator written in the target: the
   * design declares it by its factors (a factor equal to a named transform by name, any other
   * as a constant), and its proof (the forward derivation of the answer) takes the Kronecker
   * route.
   */
  @ParameterizedTest(name = "{0}")
  @org.junit.jupiter.params.provider.CsvSource(delimiter = ';', value = {
      "KroneckerProduct[{{1,0,0},{-1,1,0},{0,-1,1}}, IdentityMatrix[3]]; 9;"
          + " Op: kron(difference 3, identity 3)",
      "KroneckerProduct[{{2,1},{1,1}}, Table[If[k == 0, 1/2, Sqrt[2]/2*Cos[Pi*(2*j + 1)*k/8]],"
          + " {k, 0, 3}, {j, 0, 3}]]; 8; Op: kron(F1, dct 4)"})
  void inverseDesignKeepsAKroneckerAnalysisOperator(String operator, int n, String declared) {
    var designer = new org.gaugebias.symbolic.inverse.InverseDesigner(ENGINE.session());
    var d = designer.design(designer.target("T/2*Total[Log[Abs[" + operator + ".beta]]]", "beta",
        n, "T"), java.util.Optional.empty(), "kron-designed");
    assertThat(d.family()).isEqualTo(org.gaugebias.symbolic.inverse.Family.ANALYSIS_HADAMARD);
    assertThat(d.designYaml()).contains(declared);
    assertThat(d.numericSpread()).isLessThan(1e-8);
    assertThat(d.forward().steps()).anyMatch(s -> s.facts() instanceof StepFacts.BlockStructure bs
        && bs.named().filter(NamedOperator::kronecker).isPresent());
  }

  @Test
  void unknownFactorIsReportedAtItsColumn() throws IOException {
    Path f = write("bad-factor", "Kr: kron(dct 4, foo)", 16, "Inverse[Kr].(u*v)");
    assertThatThrownBy(() -> DesignReader.read(f)).isInstanceOf(DesignException.class)
        .hasMessageContaining("bad-factor.yaml:7:19")
        .hasMessageContaining("'foo' is not a known operator")
        .satisfies(e -> assertThat(((GaugebiasException) e).failure().exitCode()).isEqualTo(3));
  }

  @Test
  void factorsSplitAtTopLevelCommasAndSplice() throws IOException {
    assertThat(org.gaugebias.symbolic.design.KroneckerDecl.split("kron(dct(4), M, hadamard 2)")
        .orElseThrow()).extracting(org.gaugebias.symbolic.design.KroneckerDecl.Part::text)
        .containsExactly("dct(4)", "M", "hadamard 2");
    assertThat(org.gaugebias.symbolic.design.KroneckerDecl.split("dct 4")).isEmpty();
    // a Kronecker constant as a factor is spliced in: three factors, 2·2·3 = 12 rows
    Path f = write("spliced", "A2: kron(difference 2, identity 2)\n  Kr: kron(A2, dct 3)", 12,
        "Inverse[Kr].(u*v)");
    var k = DesignReader.read(f).constants().get(1).kronecker().orElseThrow();
    assertThat(k.product()).isEqualTo("Diff_2 ⊗ I_2 ⊗ Dct_3");
    assertThat(k.size()).isEqualTo(12);
    assertThat(k.declaration()).isEqualTo("kron(difference 2, identity 2, dct 3)");
  }

  @Test
  void oneFactorAndBadFactorSizesAreReported() throws IOException {
    Path one = write("one-factor", "Kr: kron(dct 4)", 4, "Inverse[Kr].(u*v)");
    assertThatThrownBy(() -> DesignReader.read(one)).hasMessageContaining("one-factor.yaml:7:7")
        .hasMessageContaining("two factors or more");
    Path bad = write("bad-hadamard", "Kr: kron(dct 2, hadamard 6)", 12, "Inverse[Kr].(u*v)");
    assertThatThrownBy(() -> DesignReader.read(bad))
        .hasMessageContaining("bad-hadamard.yaml:7:19").hasMessageContaining("powers of 2");
  }

  @Test
  void sizeMismatchNamesTheOperator() throws IOException {
    Path f = write("bad-size", "Kr: kron(dct 4, dct 4)", 15, "Inverse[Kr].(u*v)");
    assertThatThrownBy(() -> new DesignCompiler(ENGINE.session()).compile(DesignReader.read(f)))
        .satisfies(e -> assertThat(((DerivationException) e).position()).endsWith(
            "bad-size.yaml:9:9"))
        .hasMessageContaining("Kronecker operator of 16 rows (Kr = Dct_4 ⊗ Dct_4)")
        .hasMessageContaining("a vector of 15 entries")
        .satisfies(e -> assertThat(((GaugebiasException) e).failure().exitCode()).isEqualTo(16));
  }

  @Test
  void singularFactorIsRefusedAtTheFactor() throws IOException {
    Path f = write("singular", "M: \"{{1,2},{2,4}}\"\n  Kr: kron(dct 3, M)", 6,
        "Inverse[Kr].(u*v)");
    assertThatThrownBy(() -> new DesignCompiler(ENGINE.session()).compile(DesignReader.read(f)))
        .satisfies(e -> assertThat(((DerivationException) e).position()).endsWith(
            "singular.yaml:8:19"))
        .hasMessageContaining("factor 'M' is singular")
        .satisfies(e -> assertThat(((GaugebiasException) e).failure().exitCode()).isEqualTo(16));
  }

  // ------------------------------------------------------------------ operators, built here

  /** The orthonormal DCT-II C itself (PaperSizeDesignsTest's dct is Cᵀ). */
  static double[][] dctMatrix(int n) {
    return transpose(dct(n));
  }

  static double[][] difference(int n) {
    double[][] a = new double[n][n];
    for (int i = 0; i < n; i++) {
      a[i][i] = 1;
      if (i > 0) {
        a[i][i - 1] = -1;
      }
    }
    return a;
  }

  static double[][] identity(int n) {
    return IndependentGrams.identity(n);
  }

  /** The dense Kronecker product, entry by entry: (A ⊗ B)[i n_B + j][k n_B + l] = A_ik B_jl. */
  static double[][] kron(double[][] a, double[][] b) {
    int na = a.length;
    int nb = b.length;
    double[][] out = new double[na * nb][na * nb];
    for (int i = 0; i < na; i++) {
      for (int j = 0; j < nb; j++) {
        for (int k = 0; k < na; k++) {
          for (int l = 0; l < nb; l++) {
            out[i * nb + j][k * nb + l] = a[i][k] * b[j][l];
          }
        }
      }
    }
    return out;
  }

  static double[][] transpose(double[][] m) {
    double[][] t = new double[m[0].length][m.length];
    for (int i = 0; i < m.length; i++) {
      for (int j = 0; j < m[i].length; j++) {
        t[j][i] = m[i][j];
      }
    }
    return t;
  }

  private static org.assertj.core.data.Offset<Double> tol(double v) {
    return within(1e-8 * Math.max(1, Math.abs(v)));
  }

  private static Path write(String id, String constants, int n, String predictor)
      throws IOException {
    String yaml = "id: " + id + "\ntitle: held-out " + id + "\nparameters:\n  u: vector " + n
        + "\n  v: vector " + n + "\nconstants:\n  " + constants + "\npredictor:\n  beta: "
        + predictor + "\nsymmetry:\n  generators:\n    - name: rescaling\n      for: i in 1.."
        + n + "\n      field:\n        u: u*UnitVector[" + n + ", i]\n        v: -v*UnitVector["
        + n + ", i]\n";
    Path f = held.resolve(id + ".yaml");
    Files.writeString(f, yaml);
    return f;
  }

  private static Case heldOut(String id, String constants, int n, String predictor,
      double[][] operator, String product, String logDet, String vector) throws IOException {
    return new Case(id, write(id, constants, n, predictor), operator, product, logDet, vector);
  }
}
