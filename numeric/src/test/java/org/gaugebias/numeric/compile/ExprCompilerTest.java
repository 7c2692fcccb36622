package org.gaugebias.numeric.compile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.gaugebias.symbolic.expr.Expr.add;
import static org.gaugebias.symbolic.expr.Expr.fn;
import static org.gaugebias.symbolic.expr.Expr.integer;
import static org.gaugebias.symbolic.expr.Expr.mul;
import static org.gaugebias.symbolic.expr.Expr.pow;
import static org.gaugebias.symbolic.expr.Expr.rational;
import static org.gaugebias.symbolic.expr.Expr.sym;

import java.util.List;
import java.util.Map;
import org.gaugebias.symbolic.expr.Expr;
import org.junit.jupiter.api.Test;

class ExprCompilerTest {
  private static final Expr X = sym("x");
  private static final Expr Y = sym("y");
  private static final List<String> XY = List.of("x", "y");

  private static double eval(Expr e, double x, double y) {
    return ExprCompiler.scalar(e, XY).value(new double[] {x, y});
  }

  @Test
  void arithmeticAndRationalsAreDoubles() {
    // 3/2 must be 1.5, never integer division
    assertThat(eval(mul(rational(3, 2), X), 2, 0)).isEqualTo(3.0);
    assertThat(eval(add(X, mul(integer(-1), Y)), 5, 3)).isEqualTo(2.0);
    assertThat(eval(mul(integer(-1), X, Y), 2, 3)).isEqualTo(-6.0);
    assertThat(eval(rational(-7, 4), 0, 0)).isEqualTo(-1.75);
    assertThat(eval(new Expr.Real(-2.5e-3), 0, 0)).isEqualTo(-2.5e-3);
    assertThat(eval(add(), 1, 1)).isEqualTo(0.0);
  }

  @Test
  void observerOfManyFormulasIsSplitAndReadsTheChainColumn() {
    // 40 formulas (three methods of at most 16) over 20 coordinates: out[i] = θ_{i mod 20}·T + i
    List<String> theta = new java.util.ArrayList<>();
    List<Expr> es = new java.util.ArrayList<>();
    for (int j = 0; j < 20; j++) {
      theta.add("t" + j);
    }
    for (int i = 0; i < 40; i++) {
      es.add(add(mul(sym("t" + (i % 20)), sym("T")), integer(i)));
    }
    StateObserver o = ExprCompiler.observer(es, theta, Map.of("T", 0.5));
    double[][] x = new double[20][3];
    for (int j = 0; j < 20; j++) {
      x[j][2] = j + 1;
    }
    double[] out = new double[40];
    o.observe(x, 2, out);
    for (int i = 0; i < 40; i++) {
      assertThat(out[i]).isEqualTo(0.5 * (i % 20 + 1) + i);
    }
  }

  @Test
  void powers() {
    assertThat(eval(pow(X, integer(2)), -3, 0)).isEqualTo(9.0);
    assertThat(eval(pow(X, integer(3)), -2, 0)).isEqualTo(-8.0);
    assertThat(eval(pow(X, integer(5)), 2, 0)).isEqualTo(32.0);
    assertThat(eval(pow(X, integer(-3)), 2, 0)).isEqualTo(0.125);
    assertThat(eval(pow(X, integer(-1)), 4, 0)).isEqualTo(0.25);
    assertThat(eval(pow(X, integer(0)), 7, 0)).isEqualTo(1.0);
    assertThat(eval(pow(X, rational(1, 2)), 2, 0)).isEqualTo(Math.sqrt(2));
    assertThat(eval(pow(X, rational(-1, 2)), 4, 0)).isEqualTo(0.5);
    assertThat(eval(pow(X, rational(3, 2)), 4, 0)).isEqualTo(8.0);
    assertThat(eval(pow(X, rational(-3, 2)), 4, 0)).isEqualTo(0.125);
    assertThat(eval(pow(X, rational(1, 3)), 8, 0)).isCloseTo(2.0, within(1e-15));
    assertThat(eval(pow(X, Y), 2, 10)).isEqualTo(1024.0);
    assertThat(eval(pow(sym("E"), X), 1, 0)).isEqualTo(Math.E);
    assertThat(eval(pow(sym("E"), mul(integer(-1), X)), 2, 0)).isEqualTo(Math.exp(-2));
    assertThat(KernelMath.powi(1.5, 7)).isCloseTo(Math.pow(1.5, 7), within(1e-13));
  }

  @Test
  void elementaryFunctions() {
    assertThat(eval(fn("Log", X), Math.E, 0)).isCloseTo(1.0, within(1e-15));
    assertThat(eval(fn("Log", integer(2), X), 8, 0)).isCloseTo(3.0, within(1e-15));
    assertThat(eval(fn("Abs", X), -2.5, 0)).isEqualTo(2.5);
    assertThat(eval(fn("Sign", X), -2.5, 0)).isEqualTo(-1.0);
    assertThat(eval(fn("Sign", X), 0, 0)).isEqualTo(0.0);
    assertThat(eval(fn("Sqrt", X), 9, 0)).isEqualTo(3.0);
    assertThat(eval(fn("Exp", X), 0, 0)).isEqualTo(1.0);
    assertThat(eval(fn("Sin", mul(sym("Pi"), X)), 0.5, 0)).isCloseTo(1.0, within(1e-15));
    assertThat(eval(fn("Cos", sym("Pi")), 0, 0)).isEqualTo(-1.0);
    assertThat(eval(fn("Tan", X), Math.PI / 4, 0)).isCloseTo(1.0, within(1e-15));
    assertThat(eval(fn("ArcTan", X), 1, 0)).isCloseTo(Math.PI / 4, within(1e-15));
    assertThat(eval(fn("Tanh", X), 0.5, 0)).isCloseTo(0.46211715726000974, within(1e-15));
    assertThat(eval(fn("Erf", X), 1, 0)).isCloseTo(0.8427007929497149, within(1e-15));
    assertThat(eval(fn("Erfc", X), 1, 0)).isCloseTo(0.1572992070502851, within(1e-15));
    assertThat(eval(sym("E"), 0, 0)).isEqualTo(Math.E);
  }

  @Test
  void twoArgumentArcTanIsTheAngleOfThePointXy() {
    // Wolfram ArcTan[x, y] = atan2(y, x): the point (-1, 0) has angle Pi, (0, 1) has Pi/2
    assertThat(eval(fn("ArcTan", X, Y), -1, 0)).isEqualTo(Math.PI);
    assertThat(eval(fn("ArcTan", X, Y), 0, 1)).isEqualTo(Math.PI / 2);
    assertThat(eval(fn("ArcTan", X, Y), 1, -1)).isCloseTo(-Math.PI / 4, within(1e-15));
  }

  @Test
  void constantsAreFoldedIn() {
    ScalarFunction f = ExprCompiler.scalar(mul(X, pow(sym("T"), integer(-1))), List.of("x"),
        Map.of("T", 0.25));
    assertThat(f.value(new double[] {1})).isEqualTo(4.0);
    assertThat(f.univariate().value(2)).isEqualTo(8.0);
  }

  @Test
  void vectorFunctionEvaluatesAll() {
    VectorFunction f = ExprCompiler.vector(List.of(mul(X, Y), add(X, Y)), XY, Map.of());
    double[] out = new double[2];
    f.value(new double[] {2, 3}, out);
    assertThat(out).containsExactly(6.0, 5.0);
  }

  @Test
  void unknownHeadsAndSymbolsAreClearErrors() {
    assertThatThrownBy(() -> eval(fn("BesselJ", integer(0), X), 1, 0))
        .isInstanceOf(CompilationException.class).hasMessageContaining("BesselJ")
        .satisfies(e -> assertThat(((CompilationException) e).kind())
            .isEqualTo(CompilationException.Kind.UNKNOWN_HEAD));
    assertThatThrownBy(() -> eval(mul(X, sym("w")), 1, 0))
        .isInstanceOf(CompilationException.class).hasMessageContaining("'w'")
        .satisfies(e -> assertThat(((CompilationException) e).kind())
            .isEqualTo(CompilationException.Kind.FREE_SYMBOL));
    assertThatThrownBy(() -> eval(new Expr.Vec(List.of(X)), 1, 0))
        .isInstanceOf(CompilationException.class)
        .satisfies(e -> assertThat(((CompilationException) e).kind())
            .isEqualTo(CompilationException.Kind.NOT_SCALAR));
    assertThatThrownBy(() -> eval(fn("Sin", X, Y), 1, 0))
        .isInstanceOf(CompilationException.class)
        .satisfies(e -> assertThat(((CompilationException) e).kind())
            .isEqualTo(CompilationException.Kind.WRONG_ARITY));
  }

  @Test
  void generatedEvaluationIsFastEnoughForLoops() {
    // E^(-u^2/2) + (u*v)/Sqrt[1+u^2] + Log[u^2+v^2] (shared/DEPENDENCIES.md §3.3: about 33 ns)
    Expr e = add(pow(sym("E"), mul(rational(-1, 2), pow(X, integer(2)))),
        mul(X, Y, pow(add(integer(1), pow(X, integer(2))), rational(-1, 2))),
        fn("Log", add(pow(X, integer(2)), pow(Y, integer(2)))));
    ScalarFunction f = ExprCompiler.scalar(e, XY);
    double[] p = {0.3, -1.2};
    double ref = Math.exp(-0.045) + 0.3 * -1.2 / Math.sqrt(1.09) + Math.log(0.09 + 1.44);
    assertThat(f.value(p)).isCloseTo(ref, within(1e-14));
  }
}
