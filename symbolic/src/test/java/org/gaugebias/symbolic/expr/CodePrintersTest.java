package org.gaugebias.symbolic.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Exact strings of the printers whose output other programs read (Mathematica, SymPy, array
 * API). That SymPy and NumPy read them and get the engine's numbers is ExportsAgainstEvalTest's
 * job; here: names, brackets, signs, fractions and the special forms.
 */
class CodePrintersTest {
  private static final Expr T = Expr.sym("T");
  private static final Expr B1 = Expr.sym("beta$1");
  private static final Expr B2 = Expr.sym("beta$2");
  private static final Expr U12 = Expr.sym("U$1$2");

  private static Expr logAbs(Expr x) {
    return Expr.log(Expr.fn("Abs", x));
  }

  /** (T/2)(log|β₁| + log|β₂|). */
  private static final Expr BIAS = Expr.mul(Expr.rational(1, 2), T,
      Expr.add(logAbs(B1), logAbs(B2)));

  /** The folded form: (T/2) Σ_i log|β_i|. */
  private static final Expr FOLDED = Expr.mul(Expr.rational(1, 2), T, Expr.fn("Sum",
      logAbs(Expr.sym("beta$i")), new Expr.Vec(List.of(Expr.sym("i"), Expr.integer(1),
          Expr.integer(3)))));

  @Test
  void mathematicaIndexesComponentsAndKeepsTheSummationIndex() {
    assertThat(MathematicaPrinter.format(BIAS))
        .isEqualTo("T*(Log[Abs[beta[1]]] + Log[Abs[beta[2]]])/2");
    assertThat(MathematicaPrinter.format(FOLDED))
        .isEqualTo("T*Sum[Log[Abs[beta[i]]], {i, 1, 3}]/2");
    assertThat(MathematicaPrinter.format(Expr.pow(U12, Expr.rational(1, 2))))
        .isEqualTo("Sqrt[U[1, 2]]");
    assertThat(MathematicaPrinter.format(new Expr.Real(1.5e-7))).isEqualTo("1.5*^-7");
  }

  @Test
  void sympyStringsUseIdentifiersAndProtectBuiltInNames() {
    SympyPrinter s = SympyPrinter.string();
    assertThat(s.print(BIAS)).isEqualTo("T*(log(Abs(beta_1)) + log(Abs(beta_2)))/2");
    assertThat(s.print(logAbs(Expr.sym("beta")))).isEqualTo("log(Abs(Symbol('beta')))");
    assertThat(s.print(Expr.mul(Expr.sym("S"), Expr.sym("x")))).isEqualTo("Symbol('S')*x");
    assertThat(s.print(Expr.pow(Expr.sym("E"), Expr.mul(Expr.integer(-1), T))))
        .isEqualTo("exp(-T)");
    assertThat(s.print(Expr.fn("ArcTan", Expr.sym("x"), Expr.sym("y"))))
        .isEqualTo("atan2(y, x)");
    assertThat(s.print(FOLDED)).isEqualTo("T*Sum(log(Abs(beta_i)), (i, 1, 3))/2");
    assertThat(s.print(Expr.fn("InverseFunction[phi]", Expr.sym("x"))))
        .isEqualTo("Function('phi_inverse')(x)");
  }

  @Test
  void sympyModuleCodeIsExactPython() {
    SympyPrinter m = SympyPrinter.module();
    assertThat(m.print(Expr.rational(3, 2))).isEqualTo("sp.Rational(3, 2)");
    assertThat(m.print(Expr.pow(Expr.integer(3), Expr.integer(-2))))
        .isEqualTo("1/sp.Integer(3)**2");
    assertThat(m.print(BIAS)).isEqualTo("T*(sp.log(sp.Abs(beta_1)) + sp.log(sp.Abs(beta_2)))/2");
    assertThat(m.print(Expr.sym("lambda"))).isEqualTo("lambda_");
  }

  @Test
  void arrayCodeUsesTheNamespaceAndPlainMathForConstants() {
    assertThat(ArrayApiPrinter.format(Expr.add(Expr.mul(Expr.integer(3), Expr.log(
        Expr.integer(2))), logAbs(B1))))
        .isEqualTo("3*math.log(2) + xp.log(xp.abs(beta_1))");
    assertThat(ArrayApiPrinter.format(Expr.add(Expr.integer(1), Expr.mul(Expr.integer(-1),
        Expr.pow(B2, Expr.integer(2)))))).isEqualTo("1 - beta_2**2");
    assertThat(ArrayApiPrinter.format(Expr.fn("phi'", B1)))
        .isEqualTo("_table_phi.derivative(xp, beta_1)");
    assertThatThrownBy(() -> ArrayApiPrinter.format(Expr.fn("Foo", B1, B2)))
        .hasMessageContaining("no array code for Foo");
  }

  @Test
  void symbolNamesRoundTheComponents() {
    assertThat(SymbolNames.identifier("U$10$2")).isEqualTo("U_10_2");
    assertThat(SymbolNames.indexed("U$10$2")).isEqualTo("U[10, 2]");
    assertThat(SymbolNames.identifier("beta")).isEqualTo("beta");
    assertThat(SymbolNames.python("in")).isEqualTo("in_");
  }

  @Test
  void toStringIsTheReadableFormula() {
    assertThat(BIAS.toString()).isEqualTo("(T/2)*(log|beta_1| + log|beta_2|)");
    assertThat(Expr.integer(3).toString()).isEqualTo("3");
  }
}
