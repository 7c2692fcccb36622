package org.gaugebias.symbolic.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gaugebias.symbolic.expr.LatexPrinterTest.A;
import static org.gaugebias.symbolic.expr.LatexPrinterTest.B;
import static org.gaugebias.symbolic.expr.LatexPrinterTest.BETA;
import static org.gaugebias.symbolic.expr.LatexPrinterTest.C;
import static org.gaugebias.symbolic.expr.LatexPrinterTest.E;
import static org.gaugebias.symbolic.expr.LatexPrinterTest.HALF;
import static org.gaugebias.symbolic.expr.LatexPrinterTest.MINUS_ONE;
import static org.gaugebias.symbolic.expr.LatexPrinterTest.T;
import static org.gaugebias.symbolic.expr.LatexPrinterTest.X;
import static org.gaugebias.symbolic.expr.LatexPrinterTest.Y;
import static org.gaugebias.symbolic.expr.LatexPrinterTest.abs;
import static org.gaugebias.symbolic.expr.LatexPrinterTest.div;
import static org.gaugebias.symbolic.expr.LatexPrinterTest.neg;
import static org.gaugebias.symbolic.expr.LatexPrinterTest.sum;
import static org.gaugebias.symbolic.expr.LatexPrinterTest.vec;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Exact golden strings for the terminal format. */
class TextPrinterTest {

  static Stream<Arguments> goldens() {
    Expr logAbsBeta1 = Expr.log(abs(Expr.sym("beta$1")));
    Expr logAbsBeta2 = Expr.log(abs(Expr.sym("beta$2")));
    return Stream.of(
        Arguments.of(Expr.log(Expr.mul(Expr.integer(2), abs(BETA))), "log(2*|beta|)"),
        Arguments.of(Expr.mul(HALF, T, logAbsBeta1), "(T/2)*log|beta_1|"),
        Arguments.of(Expr.mul(HALF, T, Expr.add(logAbsBeta1, logAbsBeta2)),
            "(T/2)*(log|beta_1| + log|beta_2|)"),
        Arguments.of(Expr.add(A, neg(B)), "a - b"),
        Arguments.of(div(A, B), "a/b"),
        Arguments.of(Expr.mul(HALF, A, Expr.pow(B, MINUS_ONE)), "a/(2*b)"),
        Arguments.of(div(Expr.add(A, B), C), "(a + b)/c"),
        Arguments.of(Expr.mul(Expr.log(X), Expr.pow(Y, MINUS_ONE)), "log(x)/y"),
        Arguments.of(Expr.pow(X, HALF), "sqrt(x)"),
        Arguments.of(Expr.pow(X, Expr.rational(-1, 2)), "1/sqrt(x)"),
        Arguments.of(Expr.pow(X, Expr.rational(1, 3)), "x^(1/3)"),
        Arguments.of(Expr.pow(E, Expr.mul(Expr.rational(-1, 2), Expr.pow(X, Expr.integer(2)))),
            "exp(-x^2/2)"),
        Arguments.of(Expr.pow(Expr.add(A, B), Expr.integer(2)), "(a + b)^2"),
        Arguments.of(Expr.pow(neg(A), Expr.integer(2)), "(-a)^2"),
        Arguments.of(neg(Expr.pow(A, Expr.integer(2))), "-a^2"),
        Arguments.of(neg(Expr.add(A, B)), "-(a + b)"),
        Arguments.of(Expr.rational(3, 4), "3/4"),
        Arguments.of(Expr.add(X, Expr.rational(-3, 4)), "x - 3/4"),
        Arguments.of(Expr.mul(Expr.integer(2), Expr.pow(Expr.integer(3), X)), "2*3^x"),
        Arguments.of(Expr.sym("U$1$2"), "U_12"),
        Arguments.of(Expr.sym("U$10$2"), "U_{10,2}"),
        Arguments.of(Expr.sym("u1"), "u1"),
        Arguments.of(Expr.sym("Pi"), "pi"),
        Arguments.of(sum(Expr.log(abs(Expr.fn("Part", BETA, Expr.sym("i")))), "i",
            Expr.integer(1), Expr.sym("n")), "sum(log|beta_i|, i=1..n)"),
        Arguments.of(vec(vec(Expr.sym("v"), Expr.sym("u"))), "[[v, u]]"),
        Arguments.of(vec(Expr.sym("u"), neg(Expr.sym("v"))), "(u, -v)"),
        Arguments.of(Expr.fn("Sign", X), "sgn(x)"),
        Arguments.of(Expr.fn("ArcTan", X, Y), "atan2(y, x)"),
        Arguments.of(Expr.fn("Foo", X, Y), "Foo(x, y)"),
        Arguments.of(Expr.pow(Expr.log(abs(X)), Expr.integer(2)), "(log|x|)^2"),
        Arguments.of(Expr.fn("Unequal", BETA, Expr.integer(0)), "beta != 0"),
        Arguments.of(Expr.fn("Element", X, Expr.sym("Reals")), "x in Reals"),
        Arguments.of(new Expr.Real(1.0e-7), "1e-7"),
        Arguments.of(new Expr.Real(-0.25), "-0.25"));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("goldens")
  void printsGoldenText(Expr e, String expected) {
    assertThat(TextPrinter.print(e)).isEqualTo(expected);
  }
}
