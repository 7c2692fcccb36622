package org.gaugebias.symbolic.print;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.gaugebias.symbolic.cas.WolframSyntax;
import org.gaugebias.symbolic.expr.Expr;
import org.gaugebias.symbolic.expr.LatexPrinter;
import org.gaugebias.symbolic.expr.NumericEvaluator;
import org.gaugebias.symbolic.expr.TextPrinter;
import org.junit.jupiter.api.Test;

/** Display forms are identities that read better; each case is also checked numerically. */
class DisplayFormTest {

  private static String text(String wolfram) {
    Expr e = WolframSyntax.parse(wolfram);
    Expr shown = DisplayForm.simplify(e);
    // an identity: same value at a point where both are defined
    Map<String, Double> at = Map.of("u", 0.3, "v", 0.7, "T", 1.3, "x", 2.2);
    assertThat(NumericEvaluator.eval(shown, at)).isCloseTo(NumericEvaluator.eval(e, at),
        org.assertj.core.api.Assertions.within(1e-12));
    return TextPrinter.print(shown);
  }

  @Test
  void logsOfNumbersBecomeOneConstant() {
    // Log[16] beside 4 Log[2] (the example) is one term
    assertThat(text("Log[16] + 4*Log[2] + Log[x]")).isEqualTo("8*log(2) + log(x)");
    assertThat(text("T/2*Log[16]")).isEqualTo("2*T*log(2)");
    assertThat(text("Log[2] + Log[3]")).isEqualTo("log(6)");
    assertThat(text("3*Log[2] + Log[3]")).isEqualTo("log(24)");
    assertThat(text("Log[1/4]")).isEqualTo("-2*log(2)");
  }

  @Test
  void theLaplaceOuterMapReadsAsInTheory() {
    // inverse design's answer for R* = |beta|/4, as the engine returns it
    assertThat(text("4*T*Log[(-2)*((u*v)^(1/2) + (-2)*T)^(-1)*T]"))
        .isEqualTo("-4*T*log(1 - sqrt(u*v)/(2*T))");
    assertThat(LatexPrinter.latex(DisplayForm.simplify(WolframSyntax.parse(
        "4*T*Log[(-2)*((u*v)^(1/2) + (-2)*T)^(-1)*T]"))))
        .isEqualTo("-4 T \\log\\left(1 - \\frac{\\sqrt{u v}}{2 T}\\right)");
  }

  @Test
  void powersOfOneBaseMerge() {
    assertThat(text("x^(1/2)*x^(3/2)*u")).isEqualTo("x^2*u");
  }

  @Test
  void biasesSplitIntoLogarithmsWithWeights() {
    Expr bias = WolframSyntax.parse("(1/2*T)*(Log[Abs[x]] + 2*Log[u])");
    List<Expr[]> terms = DisplayForm.logTerms(bias, "T").orElseThrow();
    assertThat(terms).hasSize(2);
    assertThat(terms.get(0)[0]).isEqualTo(Expr.rational(1, 2));
    assertThat(terms.get(1)[0]).isEqualTo(Expr.integer(1));
    assertThat(DisplayForm.logTerms(WolframSyntax.parse("x/4"), "T")).isEmpty();
  }
}
