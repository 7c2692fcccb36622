package org.gaugebias.symbolic.design;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.gaugebias.symbolic.expr.Expr;
import org.gaugebias.symbolic.expr.NumericEvaluator;
import org.junit.jupiter.api.Test;

/**
 * Named transforms ({@code Dct: dct 64}) are the exact matrices their definitions say: the DCT
 * and Walsh–Hadamard matrices orthonormal (AᵀA = I computed here in double precision), the
 * first-difference matrix lower bidiagonal; bad sizes are refused with the reason.
 */
class NamedTransformTest {
  @Test
  void dctAndHadamardAreOrthonormalAndDifferencesBidiagonal() {
    for (String decl : new String[] {"dct 48", "dct(7)", "hadamard 16", "identity 5"}) {
      double[][] a = values(NamedTransform.parse(decl).orElseThrow().matrix());
      for (int i = 0; i < a.length; i++) {
        for (int j = 0; j < a.length; j++) {
          double dot = 0;
          for (int k = 0; k < a.length; k++) {
            dot += a[k][i] * a[k][j];
          }
          assertThat(dot).as("%s: column %d · column %d", decl, i, j)
              .isCloseTo(i == j ? 1 : 0, within(1e-13));
        }
      }
    }
    double[][] d = values(NamedTransform.parse("difference 4").orElseThrow().matrix());
    assertThat(d[0]).containsExactly(1, 0, 0, 0);
    assertThat(d[2]).containsExactly(0, -1, 1, 0);
    // DCT-II row k = 1, column j = 0 of size 4: √(2/4)·cos(π/8)
    double[][] c = values(NamedTransform.parse("dct 4").orElseThrow().matrix());
    assertThat(c[1][0]).isCloseTo(Math.sqrt(0.5) * Math.cos(Math.PI / 8), within(1e-15));
  }

  @Test
  void literalsAndBadSizes() {
    assertThat(NamedTransform.parse("{{1, 0}, {0, 1}}")).isEmpty();
    assertThat(NamedTransform.parse("dct*64")).isEmpty();
    assertThatThrownBy(() -> NamedTransform.parse("hadamard 12"))
        .hasMessageContaining("powers of 2");
    assertThatThrownBy(() -> NamedTransform.parse("dct 0")).hasMessageContaining("between 1");
    assertThatThrownBy(() -> NamedTransform.parse("dct 100000")).hasMessageContaining("512");
  }

  private static double[][] values(Expr m) {
    var rows = ((Expr.Vec) m).items();
    double[][] out = new double[rows.size()][];
    for (int i = 0; i < rows.size(); i++) {
      var row = ((Expr.Vec) rows.get(i)).items();
      out[i] = new double[row.size()];
      for (int j = 0; j < row.size(); j++) {
        out[i][j] = NumericEvaluator.eval(row.get(j), Map.of());
      }
    }
    return out;
  }
}
