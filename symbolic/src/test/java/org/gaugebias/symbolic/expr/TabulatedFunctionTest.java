package org.gaugebias.symbolic.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The tabulated φ against a closed form: THEORY.md §4, r = log(1 + β²) at T = 1 gives
 * s(β) = ½ arctan β, φ(q) = tan(2√q), so dφ/ds = 2(1 + β²) and d²φ/ds² = 8β(1 + β²).
 */
class TabulatedFunctionTest {
  private static TabulatedFunction tan(int intervals, double betaMax) {
    double[] s = new double[intervals + 1];
    double[] phi = new double[intervals + 1];
    double[] g = new double[intervals + 1];
    double[] g2 = new double[intervals + 1];
    for (int i = 0; i <= intervals; i++) {
      double b = betaMax * i / intervals;
      s[i] = Math.atan(b) / 2;
      phi[i] = b;
      g[i] = 2 * (1 + b * b);
      g2[i] = 8 * b * (1 + b * b);
    }
    return TabulatedFunction.of(s, phi, g, g2, List.of("tan(2 sqrt(q)), a test table"));
  }

  @Test
  void interpolatesValueDerivativeAndInverseToFourthOrder() {
    TabulatedFunction t = tan(2000, 3);
    double worst = 0;
    for (double q = 0.01; q < t.qMax(); q += 0.0137) {
      double x = Math.sqrt(q);
      double phi = Math.tan(2 * x);
      double dphi = (1 + phi * phi) / x; // d/dq tan(2√q)
      worst = Math.max(worst, Math.abs(t.value(q) - phi) / phi);
      worst = Math.max(worst, Math.abs(t.derivative(q) - dphi) / dphi);
      double psi = Math.pow(Math.atan(phi) / 2, 2);
      worst = Math.max(worst, Math.abs(t.inverse(phi) - psi) / psi);
    }
    assertThat(worst).isLessThan(1e-10);
    assertThat(t.value(0)).isZero();
    assertThat(t.inverse(0)).isZero();
    assertThat(t.derivative(0)).isInfinite();
  }

  @Test
  void csvRoundTripsExactly() {
    TabulatedFunction t = tan(50, 2);
    String csv = t.toCsv();
    assertThat(csv).startsWith("# tan(2 sqrt(q)), a test table\n" + TabulatedFunction.HEADER
        + "\n0.0,0.0,Infinity,");
    TabulatedFunction back = TabulatedFunction.parse(csv, "t.csv");
    assertThat(back.comments()).containsExactly("tan(2 sqrt(q)), a test table");
    for (double q : new double[] {0.003, 0.1, 0.29, t.qMax()}) {
      assertThat(back.value(q)).isCloseTo(t.value(q), org.assertj.core.data.Offset.offset(
          1e-14));
    }
  }

  @Test
  void outsideTheTableIsAClearError() {
    NumericFunctions f = NumericFunctions.of(Map.of("phi", tan(50, 2)));
    Expr e = new Expr.Fn("InverseFunction[phi]", List.of(Expr.sym("beta")));
    assertThat(NumericEvaluator.eval(e, Map.of("beta", 1.0), f)).isCloseTo(
        Math.pow(Math.atan(1) / 2, 2), org.assertj.core.data.Offset.offset(1e-8));
    assertThatThrownBy(() -> NumericEvaluator.eval(e, Map.of("beta", 3.0), f))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("table 'phi'").hasMessageContaining("[0, 2.00000]");
    assertThatThrownBy(() -> NumericEvaluator.eval(new Expr.Fn("phi'", List.of(
        Expr.integer(1))), Map.of())).hasMessageContaining("no numeric rule for phi'");
  }

  @Test
  void malformedFilesNameTheLine() {
    assertThatThrownBy(() -> TabulatedFunction.parse("# c\nq,phi\n", "x.csv"))
        .hasMessageStartingWith("x.csv:2: expected the header");
    assertThatThrownBy(() -> TabulatedFunction.parse(TabulatedFunction.HEADER
        + "\n0,0,Infinity,1,0\n0.1,abc,1,1,0\n", "x.csv"))
        .hasMessageStartingWith("x.csv:3: 'abc' is not a number");
    assertThatThrownBy(() -> TabulatedFunction.parse(TabulatedFunction.HEADER
        + "\n0,0,Infinity,1,0\n0.2,0.1,1,1,0\n0.1,0.2,1,1,0\n0.3,0.3,1,1,0\n", "x.csv"))
        .hasMessageContaining("increase strictly");
  }
}
