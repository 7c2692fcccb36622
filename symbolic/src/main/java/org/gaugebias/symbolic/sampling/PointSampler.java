package org.gaugebias.symbolic.sampling;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.gaugebias.symbolic.derive.DerivationException;
import org.gaugebias.symbolic.expr.Expr;
import org.gaugebias.symbolic.expr.NumericEvaluator;
import org.gaugebias.symbolic.expr.NumericFunctions;
import org.gaugebias.symbolic.expr.Relations;

/**
 * Draws parameter points that respect the design's assumptions: sign assumptions
 * ({@code v > 0}) fix signs, any other relation ({@code 2 lambda Sqrt[u v] < T}) is enforced by
 * rejection. Positive points serve the principal branch, signed points the other branches.
 */
public final class PointSampler {
  private static final int MAX_TRIES = 10_000;
  private final int[] forcedSign;
  private final List<String> theta;
  private final List<Expr> relations;
  private final Map<String, Double> fixed;
  private final NumericFunctions fns;

  public PointSampler(List<String> theta, List<Expr> assumptions, Map<String, Double> fixed) {
    this(theta, assumptions, fixed, NumericFunctions.NONE);
  }

  public PointSampler(List<String> theta, List<Expr> assumptions, Map<String, Double> fixed,
      NumericFunctions fns) {
    this.fns = fns;
    this.theta = List.copyOf(theta);
    this.relations = List.copyOf(assumptions);
    this.fixed = Map.copyOf(fixed);
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

  public double[] positivePoint(SplittableRandom rng) {
    for (int t = 0; t < MAX_TRIES; t++) {
      double[] x = rawPositive(rng);
      if (satisfied(x)) {
        return x;
      }
    }
    throw new DerivationException(DerivationException.Kind.NO_REPRESENTATIVE, "",
        "no point in the sampling box satisfies the assumptions " + relations);
  }

  public double[] signedPoint(SplittableRandom rng) {
    for (int t = 0; t < MAX_TRIES; t++) {
      double[] x = rawSigned(rng);
      if (satisfied(x)) {
        return x;
      }
    }
    return positivePoint(rng);
  }

  private boolean satisfied(double[] x) {
    if (relations.isEmpty()) {
      return true;
    }
    Map<String, Double> env = new HashMap<>(fixed);
    for (int i = 0; i < x.length; i++) {
      env.put(theta.get(i), x[i]);
    }
    for (Expr r : relations) {
      // a relation in other symbols is not the sampler's to enforce
      if (!Relations.holds(r, env, fns).orElse(true)) {
        return false;
      }
    }
    return true;
  }

  private double[] rawPositive(SplittableRandom rng) {
    double[] x = new double[forcedSign.length];
    for (int i = 0; i < x.length; i++) {
      x[i] = (forcedSign[i] < 0 ? -1 : 1) * rng.nextDouble(0.4, 1.6);
    }
    return x;
  }

  private double[] rawSigned(SplittableRandom rng) {
    double[] x = new double[forcedSign.length];
    for (int i = 0; i < x.length; i++) {
      int s = forcedSign[i] != 0 ? forcedSign[i] : (rng.nextBoolean() ? 1 : -1);
      x[i] = s * rng.nextDouble(0.4, 1.6);
    }
    return x;
  }
}
