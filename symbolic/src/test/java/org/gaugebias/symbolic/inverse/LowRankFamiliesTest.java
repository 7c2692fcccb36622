package org.gaugebias.symbolic.inverse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import org.gaugebias.symbolic.EngineFixture;
import org.gaugebias.symbolic.compile.Parameterization;
import org.gaugebias.symbolic.derive.matrix.DiagonalFrame;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Test;

/**
 * Family 3 (issue 8, THEORY.md §4): singular-value targets are reached by the matrix family
 * whose derived closed form matches them (square UVᵀ, three square factors), or refused with
 * each family's difference; the designs written are files the forward engine reads.
 */
class LowRankFamiliesTest {
  /** THEORY.md §3's row for W = U Vᵀ, square full-rank factors, written for every rank. */
  static final String UV = "T/2*Total[Log[sigma]] + T*Sum[Log[sigma[[i]] + sigma[[j]]],"
      + " {i,1,r}, {j,i+1,r}]";
  /** docs/matrix-families.md's deep-linear R_quot at L = 3. */
  static final String DEEP3 = "T*(1-1/3)*Total[Log[sigma]] + T*Sum[Log[(sigma[[i]]^2 -"
      + " sigma[[j]]^2)/(sigma[[i]]^(2/3) - sigma[[j]]^(2/3))], {i,1,r}, {j,i+1,r}]";

  @RegisterExtension
  static final EngineFixture ENGINE = new EngineFixture();
  private static InverseDesigner designer;

  @BeforeAll
  static void start() {
    designer = new InverseDesigner(ENGINE.session());
  }

  private static InverseDesign design(String target, int rank) {
    return designer.design(designer.spectralTarget(target, rank, "T"), "t");
  }

  /** The design file as the catalogue would read it: parsed, compiled, a matrix design. */
  private static DiagonalFrame readBack(InverseDesign d) {
    Parameterization p = ENGINE.compile("t.yaml", d.designYaml());
    return DiagonalFrame.of(p).orElseThrow();
  }

  @Test
  void pairTermAtWeightTIsSquareUV() {
    InverseDesign d = design(UV, 3); // searched at rank 2, proved at rank 3
    assertThat(d.family()).isEqualTo(Family.LOW_RANK);
    assertThat(d.designYaml()).contains("U: matrix 3 x 3", "V: matrix 3 x 3",
        "W: U.Transpose[V]");
    assertThat(d.numericSpread()).isLessThan(1e-9);
    assertThat(d.constant().isFreeOf(new HashSet<>(d.target().components()))).isTrue();
    DiagonalFrame f = readBack(d);
    assertThat(f.rank()).isEqualTo(3);
    assertThat(f.depth()).isEqualTo(2);
  }

  @Test
  void deepLinearClosedFormAtDepthThreeIsThreeSquareFactors() {
    InverseDesign d = design(DEEP3, 2);
    assertThat(d.designYaml()).contains("W3: matrix 2 x 2", "W2: matrix 2 x 2",
        "W1: matrix 2 x 2", "W: W3.(W2.W1)");
    assertThat(d.domain()).contains("3 square r×r factors");
    // UVᵀ was tried first and refused on both terms
    assertThat(d.tried()).anySatisfy(t -> assertThat(t).startsWith("uv ")
        .contains("single term not reached", "pair term not reached"));
    assertThat(d.numericSpread()).isLessThan(1e-9);
    assertThat(readBack(d).depth()).isEqualTo(3);
  }

  @Test
  void sumOfLogSingularValuesAloneIsUnreachableAndThePairTermIsNamed() {
    assertThatThrownBy(() -> design("T/2*Total[Log[sigma]]", 3))
        .isInstanceOfSatisfying(InverseDesignException.class, e -> {
          assertThat(e.kind()).isEqualTo(InverseDesignException.Kind.UNREACHABLE);
          assertThat(e.failure().exitCode()).isEqualTo(21);
          // every family tried is listed; square UVᵀ misses exactly the pair term
          assertThat(e.getMessage()).contains("g* = 0")
              .containsPattern("uv \\(W = U Vᵀ, U r×r, V r×r \\(square factors\\)\\): R_family"
                  + " − R\\* = Σ_i \\[[^\\]]*\\] \\+ Σ_\\{i<j\\} \\[T\\*log\\(sigma_i \\+"
                  + " sigma_j\\)\\] \\(pair term not reached\\)")
              .contains("uv-tall-1 (", "uu (", "deep-3 (");
          // a fixed linear map before the product: a shear makes the bias depend on the frame
          // of W; 2·rotation before and 3·I after shifts it by R_uv(σ/6) − R_uv(σ) =
          // −(3/2 + 3) log 6 T at rank 3 (three single and three pair terms, degrees 1 and 1)
          assertThat(e.getMessage()).containsPattern("uv·shear \\(W = A M B with M = U Vᵀ[^\\n]*"
              + "is not a function of σ\\(W\\): at fixed σ it varies by up to 0\\.[1-9]")
              .contains("deep-3·stretch (", "deep-4·shear (")
              .contains("uv·rotation (W = A M B with M = U Vᵀ")
              .contains(String.format(java.util.Locale.ROOT, "(R_uv − R*) − %.6g T: it reaches"
                  + " exactly what uv reaches", 4.5 * Math.log(6)));
        });
  }

  @Test
  void aTargetThatIsNotASumOverIndicesAndPairsSaysSo() {
    assertThatThrownBy(() -> design("Log[Total[sigma]]", 3))
        .isInstanceOfSatisfying(InverseDesignException.class, e -> {
          assertThat(e.kind()).isEqualTo(InverseDesignException.Kind.UNREACHABLE);
          assertThat(e.getMessage()).contains("is not of the form Σ_i f(σ_i) + Σ_{i<j}"
              + " g(σ_i, σ_j)", "at rank 3");
        });
  }

  @Test
  void aTargetInOtherSymbolsIsNotAFunctionOfTheSingularValues() {
    assertThatThrownBy(() -> design("Total[Log[sigma]] + lambda", 2))
        .isInstanceOfSatisfying(InverseDesignException.class, e ->
            assertThat(e.kind()).isEqualTo(InverseDesignException.Kind.NOT_A_FUNCTION));
  }
}
