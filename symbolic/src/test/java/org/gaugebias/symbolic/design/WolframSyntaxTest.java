package org.gaugebias.symbolic.design;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import org.gaugebias.symbolic.cas.CasException;
import org.gaugebias.symbolic.cas.WolframSyntax;
import org.gaugebias.symbolic.expr.Expr;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The parser-only Wolfram reader: full forms, numbers, errors with offsets, reserved names. */
class WolframSyntaxTest {
  private static final Expr U = Expr.sym("u");
  private static final Expr V = Expr.sym("v");
  private static final Expr X = Expr.sym("x");

  private static Expr part(Expr x, int k) {
    return Expr.fn("Part", x, Expr.integer(k));
  }

  @Test
  void lowerCaseNamesStaySymbols() {
    // relaxed mode would read beta as Beta[] (shared/DEPENDENCIES.md G1)
    assertThat(WolframSyntax.parse("beta")).isEqualTo(Expr.sym("beta"));
    assertThat(WolframSyntax.parse("Beta[x, 2]")).isEqualTo(Expr.fn("Beta", X, Expr.integer(2)));
  }

  @Test
  void productsAndSums() {
    assertThat(WolframSyntax.parse("u*v")).isEqualTo(Expr.mul(U, V));
    assertThat(WolframSyntax.parse("u v")).isEqualTo(Expr.mul(U, V));
    // nested binary Plus/Times of the parser are flattened
    assertThat(WolframSyntax.parse("u1*u2*u3"))
        .isEqualTo(Expr.mul(Expr.sym("u1"), Expr.sym("u2"), Expr.sym("u3")));
    assertThat(WolframSyntax.parse("x^2 + u^2 - 1")).isEqualTo(Expr.add(
        Expr.pow(X, Expr.integer(2)), Expr.pow(U, Expr.integer(2)), Expr.integer(-1)));
    assertThat(WolframSyntax.parse("u - v"))
        .isEqualTo(Expr.add(U, Expr.mul(Expr.integer(-1), V)));
    assertThat(WolframSyntax.parse("u/v")).isEqualTo(Expr.mul(U, Expr.pow(V, Expr.integer(-1))));
  }

  @Test
  void dotOfInverse() {
    assertThat(WolframSyntax.parse("Inverse[M].(u*v)"))
        .isEqualTo(Expr.fn("Dot", Expr.fn("Inverse", Expr.sym("M")), Expr.mul(U, V)));
  }

  @Test
  void listOfReals() {
    assertThat(WolframSyntax.parse("{0.4, -1.1, 0.8}")).isEqualTo(new Expr.Vec(List.of(
        new Expr.Real(0.4), new Expr.Real(-1.1), new Expr.Real(0.8))));
  }

  @Test
  void partAndArcTan() {
    assertThat(WolframSyntax.parse("x[[1]]")).isEqualTo(part(X, 1));
    assertThat(WolframSyntax.parse("ArcTan[x[[1]], x[[2]]]"))
        .isEqualTo(Expr.fn("ArcTan", part(X, 1), part(X, 2)));
  }

  @Test
  void sqrtAndExpBecomePowers() {
    assertThat(WolframSyntax.parse("Sqrt[x.x]"))
        .isEqualTo(Expr.pow(Expr.fn("Dot", X, X), Expr.rational(1, 2)));
    assertThat(WolframSyntax.parse("Exp[x]")).isEqualTo(Expr.pow(Expr.sym("E"), X));
  }

  @Test
  void exactNumbers() {
    assertThat(WolframSyntax.parse("2/3")).isEqualTo(Expr.rational(2, 3));
    assertThat(WolframSyntax.parse("-(2/3)")).isEqualTo(Expr.rational(-2, 3));
    assertThat(WolframSyntax.parse("-2/3")).isEqualTo(Expr.rational(-2, 3));
    assertThat(WolframSyntax.parse("12345678901234567890"))
        .isEqualTo(new Expr.Num(new java.math.BigInteger("12345678901234567890"),
            java.math.BigInteger.ONE));
    assertThat(WolframSyntax.parse("1.5*^-3")).isEqualTo(new Expr.Real(1.5e-3));
    assertThat(WolframSyntax.parse("(beta - 1)^2/2")).isEqualTo(Expr.mul(Expr.rational(1, 2),
        Expr.pow(Expr.add(Expr.sym("beta"), Expr.integer(-1)), Expr.integer(2))));
  }

  @Test
  void relationsStayFunctions() {
    assertThat(WolframSyntax.parse("v > 0")).isEqualTo(Expr.fn("Greater", V, Expr.integer(0)));
    assertThat(WolframSyntax.parse("0 < x < 1"))
        .isEqualTo(Expr.fn("Less", Expr.integer(0), X, Expr.integer(1)));
  }

  @Test
  void printedFormParsesBack() {
    Expr e = WolframSyntax.parse("Inverse[M].(u*v) - Sqrt[u]/3 + {1.25, -2*^-7}");
    assertThat(WolframSyntax.parse(e.toWolfram())).isEqualTo(e);
  }

  @Test
  void syntaxErrorCarriesOffset() {
    CasException e = catchThrowableOfType(CasException.class,
        () -> WolframSyntax.parse("Log[beta"));
    assertThat(e.kind()).isEqualTo(CasException.Kind.SYNTAX);
    assertThat(e.getMessage()).contains("']' expected");
    assertThat(WolframSyntax.errorOffset(e)).hasValue(8);

    CasException mid = catchThrowableOfType(CasException.class,
        () -> WolframSyntax.parse("{1,,2}"));
    assertThat(WolframSyntax.errorOffset(mid)).hasValue(3);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "  ", "u +", "f[x,]", "a`b", "x_", "\"text\"", "f'[x]", "1/0"})
  void refusedInputsFailCleanly(String code) {
    CasException e = catchThrowableOfType(CasException.class, () -> WolframSyntax.parse(code));
    assertThat(e).isNotNull();
    assertThat(e.kind()).isIn(CasException.Kind.SYNTAX, CasException.Kind.UNSUPPORTED);
  }

  @Test
  void deepNestingIsRefusedNotOverflowed() {
    String deep = "(".repeat(5000) + "x" + ")".repeat(5000);
    CasException e = catchThrowableOfType(CasException.class, () -> WolframSyntax.parse(deep));
    assertThat(e.getMessage()).contains("nested too deeply");
  }

  @Test
  void reservedNames() {
    for (String r : List.of("C", "D", "E", "I", "K", "N", "O", "Beta", "Log", "Pi", "Sqrt",
        "Gamma", "Infinity", "Det", "$Assumptions")) {
      assertThat(WolframSyntax.isReservedName(r)).as(r).isTrue();
    }
    for (String free : List.of("beta", "u", "v", "T", "tau", "x1", "Dm", "W", "U", "gamma")) {
      assertThat(WolframSyntax.isReservedName(free)).as(free).isFalse();
    }
    assertThat(WolframSyntax.reservedMeaning("D")).hasValue("derivative");
    assertThat(WolframSyntax.reservedMeaning("Beta")).hasValue("built-in function");
    assertThat(WolframSyntax.reservedMeaning("Pi")).hasValue("built-in symbol");
    assertThat(WolframSyntax.reservedMeaning("beta")).isEmpty();
  }
}
