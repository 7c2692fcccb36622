package org.gaugebias.symbolic.inverse;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.gaugebias.symbolic.cas.Algebra;
import org.gaugebias.symbolic.cas.CasException;
import org.gaugebias.symbolic.compile.Parameterization;
import org.gaugebias.symbolic.derive.DerivationException;
import org.gaugebias.symbolic.expr.Expr;
import org.gaugebias.symbolic.expr.Exprs;
import org.gaugebias.symbolic.expr.NumericEvaluator;
import org.gaugebias.symbolic.sampling.PointSampler;

/**
 * The two ways an inverse design's proof shows that R_quot − R* is constant (THEORY.md §4): its
 * gradient vanishes symbolically, and its values at random points of the design's domain agree.
 */
final class ConstantChecks {
  static final long SEED = 0x696e76L;
  private final Algebra cas;

  ConstantChecks(Algebra cas) {
    this.cas = cas;
  }

  /** Largest spread of a difference over the temperatures tried, and its middle value. */
  record Spread(double spread, double middle) { }

  /**
   * ∂(R_quot − R*)/∂β_i ≡ 0 for every i, after {@code log|x| → log x} (same derivative): a
   * symbolic proof that does not depend on Simplify recognising equal logarithms.
   */
  boolean gradientVanishes(Expr diff, List<String> components) {
    Expr noAbs = Exprs.map(diff, x -> x instanceof Expr.Fn f && f.head().equals("Log")
        && f.args().size() == 1 && f.args().get(0) instanceof Expr.Fn a
        && a.head().equals("Abs") ? Expr.log(a.args().get(0)) : null);
    try {
      for (String b : components) {
        Expr g = cas.simplify(cas.together(cas.derivative(noAbs, b)));
        if (!Exprs.isZero(g)) {
          return false;
        }
      }
      return true;
    } catch (CasException e) {
      return false;
    }
  }

  /**
   * Spread of {@code diff} over random points of the design's domain, at the target's
   * temperature, or at T = 1 and 0.7; the middle value is the first temperature's.
   */
  Spread numericSpread(Parameterization p, Expr diff, Target t) {
    SplittableRandom rng = new SplittableRandom(SEED);
    double worst = 0;
    double middle = Double.NaN;
    double[] temps = t.temperatureValue().isPresent()
        ? new double[] {t.temperatureValue().get().doubleValue()} : new double[] {1.0, 0.7};
    for (double temp : temps) {
      double lo = Double.POSITIVE_INFINITY;
      double hi = Double.NEGATIVE_INFINITY;
      int found = 0;
      // the engine's sampler: signs and relations of the design's domain, box rescaled until
      // the domain is hit (e.g. Sqrt[u v] < T/(2 lambda) in every coordinate)
      PointSampler sampler = new PointSampler(p.theta(), p.assumptions(),
          Map.of(t.temperature(), temp), p.functions());
      for (int attempt = 0; attempt < 200 && found < 12; attempt++) {
        Map<String, Double> env = new HashMap<>();
        env.put(t.temperature(), temp);
        double[] x = sampler.signedPoint(rng);
        for (int i = 0; i < x.length; i++) {
          env.put(p.theta().get(i), x[i]);
        }
        try {
          for (int i = 0; i < p.beta().size(); i++) {
            env.put(p.beta().get(i), NumericEvaluator.eval(p.predictor().get(i), env,
                p.functions()));
          }
          double v = NumericEvaluator.eval(diff, env, p.functions());
          if (!Double.isFinite(v)) {
            continue;
          }
          lo = Math.min(lo, v);
          hi = Math.max(hi, v);
          found++;
        } catch (RuntimeException e) {
          // outside the domain of a function: not a point of the domain
        }
      }
      if (found < 3) {
        throw new DerivationException(DerivationException.Kind.NO_REPRESENTATIVE, "",
            "too few points of the design's domain found to check it numerically");
      }
      worst = Math.max(worst, hi - lo);
      if (Double.isNaN(middle)) {
        middle = (lo + hi) / 2;
      }
    }
    return new Spread(worst, middle);
  }
}
