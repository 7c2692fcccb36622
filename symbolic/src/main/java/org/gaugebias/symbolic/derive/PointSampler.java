package org.gaugebias.symbolic.derive;

import java.util.List;
import java.util.SplittableRandom;
import org.gaugebias.symbolic.expr.Expr;

/**
 * Draws parameter points that respect the design's sign assumptions ({@code v > 0}): positive
 * points for the principal branch, signed points for the other branches.
 */
final class PointSampler {
  private final int[] forcedSign;

  PointSampler(List<String> theta, List<Expr> assumptions) {
    forcedSign = new int[theta.size()];
    for (Expr a : assumptions) {
      if (a instanceof Expr.Fn f && f.args().size() == 2) {
        Expr lhs = f.args().get(0);
        Expr rhs = f.args().get(1);
        int sign = switch (f.head()) {
          case "Greater", "GreaterEqual" -> 1;
          case "Less", "LessEqual" -> -1;
          default -> 0;
        };
        if (sign != 0 && lhs instanceof Expr.Sym s && rhs instanceof Expr.Num n
            && n.num().signum() == 0) {
          int i = theta.indexOf(s.name());
          if (i >= 0) {
            forcedSign[i] = sign;
          }
        }
      }
    }
  }

  double[] positivePoint(SplittableRandom rng) {
    double[] x = new double[forcedSign.length];
    for (int i = 0; i < x.length; i++) {
      x[i] = (forcedSign[i] < 0 ? -1 : 1) * rng.nextDouble(0.4, 1.6);
    }
    return x;
  }

  double[] signedPoint(SplittableRandom rng) {
    double[] x = new double[forcedSign.length];
    for (int i = 0; i < x.length; i++) {
      int s = forcedSign[i] != 0 ? forcedSign[i] : (rng.nextBoolean() ? 1 : -1);
      x[i] = s * rng.nextDouble(0.4, 1.6);
    }
    return x;
  }
}
