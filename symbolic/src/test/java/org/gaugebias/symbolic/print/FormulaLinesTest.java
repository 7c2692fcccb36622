package org.gaugebias.symbolic.print;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.gaugebias.symbolic.expr.Expr;
import org.gaugebias.symbolic.expr.LatexPrinter;
import org.junit.jupiter.api.Test;

/** Line breaking of long display formulas. */
class FormulaLinesTest {
  private final FormulaLines lines = new FormulaLines(LatexPrinter.standard(), 4);

  private static List<Expr> symbols(String base, int n) {
    List<Expr> out = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      out.add(Expr.sym(base + "$" + i));
    }
    return out;
  }

  @Test
  void shortFormulasStayOnOneLine() {
    Expr e = Expr.add(Expr.sym("a"), Expr.mul(Expr.integer(-1), Expr.sym("b")));
    assertThat(lines.lines(e, 60)).containsExactly("a - b");
  }

  @Test
  void breaksALongSumBetweenTermsKeepingSigns() {
    List<Expr> terms = symbols("x", 12);
    terms.set(5, Expr.mul(Expr.integer(-1), terms.get(5)));
    List<String> out = lines.lines(new Expr.Add(terms), 20);
    assertThat(out).hasSizeGreaterThan(1);
    assertThat(out.get(0)).startsWith("x_{1} + x_{2}");
    assertThat(String.join(" ", out)).isEqualTo(LatexPrinter.latex(new Expr.Add(terms)));
    for (String line : out.subList(1, out.size())) {
      assertThat(line).matches("[+-] .*");
    }
  }

  @Test
  void breaksTheBracketedSumAtTheEndOfAProductWithBalancedDelimiters() {
    Expr e = Expr.mul(Expr.rational(1, 2), Expr.sym("T"), new Expr.Add(symbols("x", 12)));
    List<String> out = lines.lines(e, 20);
    assertThat(out.get(0)).startsWith("\\frac{T}{2} \\left( x_{1} + ").endsWith(" \\right.");
    assertThat(out.get(out.size() - 1)).startsWith("\\left. + ").endsWith(" \\right)");
  }

  @Test
  void splitsAWideMatrixIntoColumnBlocks() {
    List<Expr> rows = new ArrayList<>();
    for (int r = 1; r <= 2; r++) {
      List<Expr> row = new ArrayList<>();
      for (int c = 1; c <= 9; c++) {
        row.add(Expr.sym("a$" + r + "$" + c));
      }
      rows.add(new Expr.Vec(row));
    }
    List<String> out = lines.lines(new Expr.Vec(rows), 200);
    assertThat(out).hasSize(3);
    assertThat(out.get(0)).startsWith("\\left(\\begin{matrix} a_{11} & ").endsWith("\\right.");
    assertThat(out.get(2)).startsWith("\\left.\\begin{matrix} ").endsWith("\\right)");
  }

  @Test
  void splitsALongVectorBetweenItems() {
    List<String> out = lines.lines(new Expr.Vec(symbols("u", 10)), 200);
    assertThat(out).containsExactly(
        "\\left( u_{1}, u_{2}, u_{3}, u_{4}, \\right.",
        "\\left. u_{5}, u_{6}, u_{7}, u_{8}, \\right.",
        "\\left. u_{9}, u_{10} \\right)");
  }

  @Test
  void estimatesWidthsRoughlyLikeGlyphCounts() {
    assertThat(FormulaLines.width("x")).isEqualTo(1.0);
    assertThat(FormulaLines.width("\\frac{a b c}{d}")).isEqualTo(3.5);
    assertThat(FormulaLines.width("\\left|\\beta_{1}\\right|"))
        .isGreaterThan(2).isLessThan(4);
    assertThat(FormulaLines.width("\\begin{pmatrix} a & b \\\\ c & d \\end{pmatrix}"))
        .isGreaterThan(4).isLessThan(10);
  }

  @Test
  void findsTheWidestMatrixAnywhere() {
    Expr m = new Expr.Vec(List.of(new Expr.Vec(symbols("a", 12))));
    assertThat(FormulaLines.widestMatrix(Expr.fn("Det", m))).isEqualTo(12);
    assertThat(FormulaLines.widestMatrix(Expr.sym("x"))).isZero();
  }
}
