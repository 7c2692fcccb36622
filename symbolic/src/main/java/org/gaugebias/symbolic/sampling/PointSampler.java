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
import org.gaugebias.symbolic.expr.TextPrinter;

/**
 * Draws parameter points that respect the design's assumptions: sign assumptions
 * ({@code v > 0}) fix signs, any other relation ({@code 2 lambda Sqrt[u v] < T}) is enforced by
 * rejection. Positive points serve the principal branch, signed points the other branches.
 *
 * <p>The box of magnitudes is [0.4, 1.6]. When no point of it satisfies a relation (a domain
 * like {@code Sqrt[u v] < T/2} in several coordinates), the box is rescaled by 1/2, 2, 1/4, 4, …
 * and the first scale that works is kept for the later draws. Scale 1 is always tried first with
 * the full budget, so designs that sample at scale 1 draw exactly the same points as before.
 */
public final class PointSampler {
  private static final int MAX_TRIES = 10_000;
  private static final int TRIES_PER_SCALE = 2_000;
  private static final double[] SCALES = {0.5, 2, 0.25, 4, 0.125, 8, 1.0 / 16, 1.0 / 32};
  private final int[] forcedSign;
  private final List<String> theta;
  private final List<Expr> relations;
  private final Map<String, Double> fixed;
  private final NumericFunctions fns;
  /** The box scale that produced points (1 until scale 1 failed). */
  private double scale = 1;

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
    return draw(rng, false);
  }

  public double[] signedPoint(SplittableRandom rng) {
    for (int t = 0; t < MAX_TRIES; t++) {
      double[] x = raw(rng, true, scale);
      if (satisfied(x)) {
        return x;
      }
    }
    return positivePoint(rng);
  }

  private double[] draw(SplittableRandom rng, boolean signed) {
    for (int t = 0; t < MAX_TRIES; t++) {
      double[] x = raw(rng, signed, scale);
      if (satisfied(x)) {
        return x;
      }
    }
    for (double s : SCALES) {
      for (int t = 0; t < TRIES_PER_SCALE; t++) {
        double[] x = raw(rng, signed, s);
        if (satisfied(x)) {
          scale = s;
          return x;
        }
      }
    }
    throw new DerivationException(DerivationException.Kind.NO_REPRESENTATIVE, "",
        "no point in the sampling box (magnitudes 0.4..1.6, rescaled by 1/32..8) satisfies the"
            + " assumptions " + String.join(", ", relations.stream().map(TextPrinter::print)
            .toList()));
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

  private double[] raw(SplittableRandom rng, boolean signed, double boxScale) {
    double[] x = new double[forcedSign.length];
    for (int i = 0; i < x.length; i++) {
      int s = forcedSign[i] != 0 ? forcedSign[i]
          : !signed ? 1 : rng.nextBoolean() ? 1 : -1;
      x[i] = s * boxScale * rng.nextDouble(0.4, 1.6);
    }
    return x;
  }
}
