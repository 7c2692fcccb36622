package org.gaugebias.symbolic.print;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Titles and hand-written sentences: words as text, mathematics in math mode. */
class TextWithMathTest {

  @Test
  void titlesOfTheCatalogueReadAsMathematics() {
    assertThat(TextWithMath.latex("Diagonal linear network, beta = u * v (n = 3)"))
        .isEqualTo("Diagonal linear network, $\\beta = u \\cdot v$ $(n = 3)$");
    assertThat(TextWithMath.latex("Depth-3 Hadamard product, beta = u1*u2*u3"))
        .isEqualTo("Depth-3 Hadamard product, $\\beta = u_{1} \\cdot u_{2} \\cdot u_{3}$");
    assertThat(TextWithMath.latex("Inverse design for R* = Abs[beta]/4"))
        .isEqualTo("Inverse design for $R^{*} = \\lvert \\beta\\rvert /4$");
    assertThat(TextWithMath.latex("SO(2) acting on x in R^2, predictor r = |x|"))
        .isEqualTo("$\\mathrm{SO}(2)$ acting on $x \\in \\mathbb{R}^{2}$, predictor $r = |x|$");
  }

  @Test
  void sentencesKeepTheirWordsAndSetTheirFormulas() {
    assertThat(TextWithMath.latex("φ = ψ⁻¹ from √q = s(β), checked in double precision.", false))
        .isEqualTo("$\\ensuremath{\\phi} = \\ensuremath{\\psi}^{-1}$ from"
            + " $\\ensuremath{\\surd}q = s(\\ensuremath{\\beta})$, checked in double precision.");
    // inverse design's sentence: the map and the logarithms are mathematics, "with" is a word
    String outer = TextWithMath.latex("the outer map β = φ(uv) with ψ = φ⁻¹ induces"
        + " (T/2) log ψ − T log ψ'", false);
    assertThat(outer).startsWith("the outer map $").contains("$ with $", "\\log ")
        .doesNotContain("$uv", " log ");
    assertThat(TextWithMath.latex("kept in eval's numbers", false))
        .isEqualTo("kept in eval's numbers");
    assertThat(LatexText.prose("R_quot of u$1, i.e. the bias"))
        .isEqualTo("$R_{\\mathrm{quot}}$ of $u_{1}$, i.e. the bias");
  }

  @Test
  void textThatIsNotMathematicsIsOnlyEscaped() {
    assertThat(TextWithMath.latex("100% of $x & #1", false)).isEqualTo("100\\% of \\$x \\& \\#1");
  }
}
