package org.gaugebias.symbolic.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Exact golden strings: the LaTeX conventions are a contract, any change must show up here. */
class LatexPrinterTest {
  static final Expr A = Expr.sym("a");
  static final Expr B = Expr.sym("b");
  static final Expr C = Expr.sym("c");
  static final Expr X = Expr.sym("x");
  static final Expr Y = Expr.sym("y");
  static final Expr T = Expr.sym("T");
  static final Expr BETA = Expr.sym("beta");
  static final Expr E = Expr.sym("E");
  static final Expr MINUS_ONE = Expr.integer(-1);
  static final Expr HALF = Expr.rational(1, 2);

  static Expr neg(Expr e) {
    return Expr.mul(MINUS_ONE, e);
  }

  static Expr div(Expr a, Expr b) {
    return Expr.mul(a, Expr.pow(b, MINUS_ONE));
  }

  static Expr abs(Expr e) {
    return Expr.fn("Abs", e);
  }

  static Expr vec(Expr... xs) {
    return new Expr.Vec(List.of(xs));
  }

  static Expr sum(Expr body, String var, Expr from, Expr to) {
    return Expr.fn("Sum", body, vec(Expr.sym(var), from, to));
  }

  static Stream<Arguments> goldens() {
    Expr logAbsBeta1 = Expr.log(abs(Expr.sym("beta$1")));
    Expr logAbsBeta2 = Expr.log(abs(Expr.sym("beta$2")));
    Expr sumBetaI = sum(Expr.log(abs(Expr.fn("Part", BETA, Expr.sym("i")))), "i",
        Expr.integer(1), Expr.sym("n"));
    return Stream.of(
        Arguments.of(Expr.log(Expr.mul(Expr.integer(2), abs(BETA))),
            "\\log\\left(2 \\left|\\beta\\right|\\right)"),
        Arguments.of(Expr.mul(HALF, T, logAbsBeta1), "\\frac{T}{2} \\log\\left|\\beta_{1}\\right|"),
        Arguments.of(Expr.mul(HALF, T, Expr.add(logAbsBeta1, logAbsBeta2)),
            "\\frac{T}{2} \\left(\\log\\left|\\beta_{1}\\right| + \\log\\left|\\beta_{2}\\right|\\right)"),
        Arguments.of(Expr.mul(HALF, T, Expr.log(Expr.integer(2))),
            "\\frac{T}{2} \\log 2"),
        Arguments.of(Expr.add(A, neg(B)), "a - b"),
        Arguments.of(div(A, B), "\\frac{a}{b}"),
        Arguments.of(Expr.mul(A, Expr.pow(Expr.mul(B, C), MINUS_ONE)), "\\frac{a}{b c}"),
        Arguments.of(Expr.mul(T, Expr.pow(Expr.add(A, B), MINUS_ONE)), "\\frac{T}{a + b}"),
        Arguments.of(Expr.mul(Expr.log(X), Expr.pow(Y, MINUS_ONE)),
            "\\frac{\\log\\left(x\\right)}{y}"),
        Arguments.of(Expr.pow(X, HALF), "\\sqrt{x}"),
        Arguments.of(Expr.pow(X, Expr.rational(-1, 2)), "\\frac{1}{\\sqrt{x}}"),
        Arguments.of(Expr.pow(X, Expr.integer(-2)), "\\frac{1}{x^{2}}"),
        Arguments.of(Expr.pow(X, Expr.rational(1, 3)), "x^{\\frac{1}{3}}"),
        Arguments.of(Expr.pow(E, Expr.mul(Expr.rational(-1, 2), Expr.pow(X, Expr.integer(2)))),
            "e^{-\\frac{x^{2}}{2}}"),
        Arguments.of(Expr.pow(Expr.add(A, B), Expr.integer(2)), "\\left(a + b\\right)^{2}"),
        Arguments.of(Expr.pow(neg(A), Expr.integer(2)), "\\left(-a\\right)^{2}"),
        Arguments.of(neg(Expr.pow(A, Expr.integer(2))), "-a^{2}"),
        Arguments.of(Expr.pow(Expr.pow(X, Expr.integer(2)), Expr.integer(3)),
            "\\left(x^{2}\\right)^{3}"),
        Arguments.of(Expr.pow(Expr.log(X), Expr.integer(2)),
            "\\left(\\log\\left(x\\right)\\right)^{2}"),
        Arguments.of(neg(Expr.add(A, B)), "-\\left(a + b\\right)"),
        Arguments.of(Expr.add(A, neg(Expr.add(B, C))), "a - \\left(b + c\\right)"),
        Arguments.of(Expr.rational(3, 4), "\\frac{3}{4}"),
        Arguments.of(Expr.add(X, Expr.rational(-3, 4)), "x - \\frac{3}{4}"),
        Arguments.of(Expr.mul(Expr.integer(-2), X), "-2 x"),
        Arguments.of(Expr.mul(Expr.integer(2), Expr.pow(Expr.integer(3), X)), "2 \\cdot 3^{x}"),
        Arguments.of(Expr.mul(Expr.integer(2), Expr.sym("Pi")), "2 \\pi"),
        Arguments.of(Expr.pow(E, X), "e^{x}"),
        Arguments.of(sumBetaI, "\\sum_{i=1}^{n} \\log\\left|\\beta_{i}\\right|"),
        Arguments.of(Expr.mul(Expr.sym("k"), sumBetaI, X),
            "k \\left(\\sum_{i=1}^{n} \\log\\left|\\beta_{i}\\right|\\right) x"),
        Arguments.of(Expr.mul(HALF, sumBetaI),
            "\\frac{1}{2} \\sum_{i=1}^{n} \\log\\left|\\beta_{i}\\right|"),
        Arguments.of(Expr.mul(T, Expr.add(Expr.integer(1), neg(div(Expr.integer(1),
            Expr.sym("k"))))), "T \\left(1 - \\frac{1}{k}\\right)"),
        Arguments.of(vec(vec(Expr.sym("v"), Expr.sym("u"))), "\\begin{pmatrix} v & u \\end{pmatrix}"),
        Arguments.of(vec(vec(A, B), vec(C, X)),
            "\\begin{pmatrix} a & b \\\\ c & x \\end{pmatrix}"),
        Arguments.of(vec(Expr.sym("u"), neg(Expr.sym("v"))), "\\left(u, -v\\right)"),
        Arguments.of(Expr.fn("Det", vec(vec(A, B), vec(C, X))),
            "\\det\\begin{pmatrix} a & b \\\\ c & x \\end{pmatrix}"),
        Arguments.of(Expr.fn("Det", Expr.sym("G")), "\\det\\left(G\\right)"),
        Arguments.of(Expr.fn("Sign", X), "\\operatorname{sgn}\\left(x\\right)"),
        Arguments.of(Expr.fn("ArcTan", X), "\\arctan\\left(x\\right)"),
        Arguments.of(Expr.fn("ArcTan", X, Y), "\\operatorname{atan2}\\left(y, x\\right)"),
        Arguments.of(Expr.fn("Erf", X), "\\operatorname{erf}\\left(x\\right)"),
        Arguments.of(Expr.fn("Sin", X), "\\sin\\left(x\\right)"),
        Arguments.of(Expr.fn("Foo", X, Y), "\\operatorname{Foo}\\left(x, y\\right)"),
        Arguments.of(Expr.fn("Greater", BETA, Expr.integer(0)), "\\beta > 0"),
        Arguments.of(Expr.fn("And", Expr.fn("Unequal", X, Expr.integer(0)),
            Expr.fn("Element", X, Expr.sym("Reals"))), "x \\neq 0 \\wedge x \\in \\mathbb{R}"),
        Arguments.of(new Expr.Real(0.1), "0.1"),
        Arguments.of(new Expr.Real(-2.5), "-2.5"),
        Arguments.of(new Expr.Real(1.0e-7), "1 \\cdot 10^{-7}"),
        Arguments.of(new Expr.Real(6.02214076e23), "6.02214076 \\cdot 10^{23}"),
        Arguments.of(new Expr.Real(3.0), "3"),
        Arguments.of(Expr.mul(new Expr.Real(0.5), X), "0.5 x"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("goldens")
  void printsGoldenLatex(Expr e, String expected) {
    assertThat(LatexPrinter.latex(e)).isEqualTo(expected);
  }

  static Stream<Arguments> symbols() {
    return Stream.of(
        Arguments.of("u$1", "u_{1}"),
        Arguments.of("U$1$2", "U_{12}"),
        Arguments.of("U$10$2", "U_{10,2}"),
        Arguments.of("beta$3", "\\beta_{3}"),
        Arguments.of("u1", "u_{1}"),
        Arguments.of("sigma12", "\\sigma_{12}"),
        Arguments.of("W1$1$2", "W^{(1)}_{12}"),
        Arguments.of("lr", "\\mathrm{lr}"),
        Arguments.of("Sigma", "\\Sigma"),
        Arguments.of("Omega$2", "\\Omega_{2}"),
        Arguments.of("x$i", "x_{i}"),
        Arguments.of("Pi", "\\pi"),
        Arguments.of("E", "e"),
        Arguments.of("Infinity", "\\infty"));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("symbols")
  void namesSymbols(String name, String expected) {
    assertThat(LatexPrinter.latex(Expr.sym(name))).isEqualTo(expected);
  }

  @Test
  void overridesWinOverDerivedNames() {
    LatexPrinter p = LatexPrinter.withNotation(Map.of("beta$1", "\\tilde{\\beta}_{1}"));
    assertThat(p.print(Expr.mul(HALF, T, Expr.log(abs(Expr.sym("beta$1"))))))
        .isEqualTo("\\frac{T}{2} \\log\\left|\\tilde{\\beta}_{1}\\right|");
  }

  @Test
  void bracesABaseThatAlreadyCarriesASuperscript() {
    LatexPrinter p = LatexPrinter.withNotation(Map.of("x", "x^{*}"));
    assertThat(p.print(Expr.pow(Expr.sym("x"), Expr.integer(2)))).isEqualTo("{x^{*}}^{2}");
    assertThat(p.print(Expr.pow(Expr.sym("W1$1$2"), Expr.integer(2))))
        .isEqualTo("{W^{(1)}_{12}}^{2}");
    assertThat(p.print(Expr.pow(Expr.sym("u$1"), Expr.integer(2)))).isEqualTo("u_{1}^{2}");
    LatexPrinter bare = LatexPrinter.withNotation(Map.of("x", "x^*", "b", "\\beta_1"));
    assertThat(bare.print(Expr.pow(Expr.sym("x"), Expr.integer(2)))).isEqualTo("{x^*}^{2}");
    assertThat(bare.print(Expr.fn("Part", Expr.sym("b"), Expr.sym("i"))))
        .isEqualTo("{\\beta_1}_{i}");
    assertThat(bare.print(Expr.pow(Expr.sym("b"), Expr.integer(2)))).isEqualTo("\\beta_1^{2}");
  }

  @Test
  void rejectsBlankNotation() {
    assertThatThrownBy(() -> LatexPrinter.withNotation(Map.of("x", " ")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x");
  }

  @Test
  void sumTermsCarryTheirSigns() {
    Expr.Add s = (Expr.Add) Expr.add(A, neg(B), Expr.mul(Expr.integer(2), C));
    assertThat(LatexPrinter.standard().sumTerms(s)).containsExactly("a", "- b", "+ 2 c");
  }
}
