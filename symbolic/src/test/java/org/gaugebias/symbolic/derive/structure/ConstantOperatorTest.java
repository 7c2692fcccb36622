package org.gaugebias.symbolic.derive.structure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntBinaryOperator;
import org.gaugebias.symbolic.expr.Expr;
import org.junit.jupiter.api.Test;

/** What {@link ConstantOperator} recognises in difference-type matrices, and their exact data. */
class ConstantOperatorTest {

  private static List<List<Expr>> matrix(int n, IntBinaryOperator entry) {
    List<List<Expr>> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      List<Expr> row = new ArrayList<>();
      for (int j = 0; j < n; j++) {
        row.add(Expr.integer(entry.applyAsInt(i, j)));
      }
      rows.add(row);
    }
    return rows;
  }

  /** Σ_k a_ik x_kj, exactly, as Expr numbers. */
  private static boolean inverts(List<List<Expr>> a, List<List<Expr>> x) {
    int n = a.size();
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        org.hipparchus.fraction.BigFraction s = org.hipparchus.fraction.BigFraction.ZERO;
        for (int k = 0; k < n; k++) {
          Expr.Num p = (Expr.Num) a.get(i).get(k);
          Expr.Num q = (Expr.Num) x.get(k).get(j);
          s = s.add(new org.hipparchus.fraction.BigFraction(p.num(), p.den())
              .multiply(new org.hipparchus.fraction.BigFraction(q.num(), q.den())));
        }
        if (!s.equals(i == j ? org.hipparchus.fraction.BigFraction.ONE
            : org.hipparchus.fraction.BigFraction.ZERO)) {
          return false;
        }
      }
    }
    return true;
  }

  @Test
  void firstDifferencesAreTriangularInBothOrientations() {
    for (int n : new int[] {2, 3, 12, 64}) {
      List<List<Expr>> lower = matrix(n, (i, j) -> i == j ? 1 : j == i - 1 ? -1 : 0);
      List<List<Expr>> upper = matrix(n, (i, j) -> i == j ? -1 : j == i + 1 ? 1 : 0);
      for (List<List<Expr>> d : List.of(lower, upper)) {
        ConstantOperator op = ConstantOperator.of(d).orElseThrow();
        assertThat(op.kind()).as("n = %d", n).isEqualTo(ConstantOperator.Kind.TRIANGULAR);
        assertThat(op.logAbsDet()).isEqualTo(Expr.integer(0));
        assertThat(inverts(d, op.inverse())).isTrue();
      }
    }
  }

  /**
   * A weighted difference 2I − S: its inverse has entries 2^-(i-j+1), beyond double precision
   * at n = 64, so the rounded double inverse fails; it was labelled NUMERIC with a rounding
   * error although det = 2^64 exactly. Now TRIANGULAR, exact inverse and log|det| = log 2^64.
   */
  @Test
  void weightedDifferenceBeyondDoublePrecisionStaysTriangularAndExact() {
    int n = 64;
    List<List<Expr>> d = matrix(n, (i, j) -> i == j ? 2 : j == i - 1 ? -1 : 0);
    ConstantOperator op = ConstantOperator.of(d).orElseThrow();
    assertThat(op.kind()).isEqualTo(ConstantOperator.Kind.TRIANGULAR);
    assertThat(op.logAbsDetError()).isZero();
    assertThat(op.logAbsDet()).isEqualTo(Expr.log(new Expr.Num(
        java.math.BigInteger.TWO.pow(n), java.math.BigInteger.ONE)));
    assertThat(inverts(d, op.inverse())).isTrue();
  }

  @Test
  void aDenseIntegerMatrixIsRationalNotTriangular() {
    List<List<Expr>> m = matrix(3, (i, j) -> i == j ? 5 : (i + 2 * j) % 3 - 1);
    ConstantOperator op = ConstantOperator.of(m).orElseThrow();
    assertThat(op.kind()).isEqualTo(ConstantOperator.Kind.RATIONAL);
    assertThat(inverts(m, op.inverse())).isTrue();
  }
}
