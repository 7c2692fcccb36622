package org.gaugebias.symbolic.derive;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.gaugebias.symbolic.cas.Algebra;
import org.gaugebias.symbolic.compile.Parameterization;
import org.gaugebias.symbolic.expr.Expr;
import org.gaugebias.symbolic.expr.NumericEvaluator;
import org.gaugebias.symbolic.expr.NumericFunctions;
import org.gaugebias.symbolic.sampling.Numerics;
import org.gaugebias.symbolic.sampling.PointSampler;
import org.gaugebias.symbolic.symmetry.Generator;
import org.gaugebias.symbolic.trace.Step;
import org.gaugebias.symbolic.trace.StepFacts;
import org.gaugebias.symbolic.trace.StepKind;
import org.gaugebias.symbolic.trace.Variant;
import org.gaugebias.symbolic.trace.VariantResult;
import org.hipparchus.linear.RealMatrix;

/**
 * The double-precision cross-check of the symbolic results at random points of every sign
 * branch (THEORY.md §2, §3; SYMJA-NOTES: Symja has wrong answers).
 */
final class NumericCheckStep {
  private final DerivationContext c;
  private final Parameterization p;
  private final Algebra cas;
  private final SplittableRandom rng;
  private final PointSampler sampler;
  private final NumericFunctions fns;
  private final List<Step> steps;
  private static final int CHECK_POINTS = 8;

  NumericCheckStep(DerivationContext c) {
    this.c = c;
    this.p = c.p;
    this.cas = c.cas;
    this.rng = c.rng;
    this.sampler = c.sampler;
    this.fns = c.fns;
    this.steps = c.steps;
  }

  void numericCheck(DerivationContext.Gauge gauge, List<String> zeroed, List<Generator> gens,
      List<List<Expr>> jac, Map<Variant, VariantResult> results, Expr repCost) {
    List<Expr> res = c.residuals(gauge, zeroed);
    List<List<Expr>> xi = c.fieldsAsColumns(gens);
    List<List<Expr>> jchi = gauge.conditions().isEmpty() ? List.of()
        : cas.jacobian(gauge.conditions(), p.theta());
    double worst = 0;
    int checked = 0;
    List<String> failures = new ArrayList<>();
    for (int attempt = 0; attempt < 4 * CHECK_POINTS && checked < CHECK_POINTS; attempt++) {
      double[] x = sampler.signedPoint(rng);
      Optional<RepresentativeSolver.Sample> s = c.numericRepresentative(res, x, false);
      if (s.isEmpty()) {
        continue;
      }
      checked++;
      Map<String, Double> thetaOnly = s.get().theta();
      Map<String, Double> theta = s.get().env();
      Map<String, Double> beta = s.get().beta();
      Map<Variant, Double> numeric = new EnumMap<>(Variant.class);
      RealMatrix xiNum = Numerics.evalMatrix(xi, theta, fns).transpose();
      RealMatrix g = xiNum.transpose().multiply(xiNum);
      numeric.put(Variant.ORBIT, Numerics.logPseudoDet(g, Numerics.rank(g)));
      RealMatrix jf = Numerics.evalMatrix(jac, theta, fns);
      numeric.put(Variant.QUOTIENT, Numerics.logPseudoDet(jf.multiply(jf.transpose()),
          jf.getRowDimension()));
      if (!jchi.isEmpty()) {
        RealMatrix jc = Numerics.evalMatrix(jchi, theta, fns);
        numeric.put(Variant.GAUGE, Numerics.logPseudoDet(jc.multiply(jc.transpose()),
            jc.getRowDimension()));
      }
      numeric.keySet().retainAll(results.keySet());
      for (Map.Entry<Variant, Double> e : numeric.entrySet()) {
        double symbolic = NumericEvaluator.eval(results.get(e.getKey()).logDet(), beta, fns);
        double err = Math.abs(symbolic - e.getValue());
        worst = Math.max(worst, err);
        if (err > 1e-7) {
          failures.add(e.getKey().gram() + " at β = " + beta + ": formula " + symbolic
              + ", numeric " + e.getValue());
        }
      }
      double normSq = 0;
      for (double v : thetaOnly.values()) {
        normSq += v * v;
      }
      double rc = NumericEvaluator.eval(repCost, beta, fns);
      if (Math.abs(rc - normSq / 2) > 1e-7 * Math.max(1, rc)) {
        failures.add("repcost at β = " + beta + ": formula " + rc + ", numeric " + normSq / 2);
      }
    }
    StepFacts rule = new StepFacts.NumericCheck(checked, worst);
    if (failures.isEmpty() && checked > 0) {
      steps.add(Step.done(StepKind.NUMERIC_CHECK, rule, List.of(), List.of(), List.of()));
    } else {
      steps.add(new Step(StepKind.NUMERIC_CHECK, rule, List.of(), List.of(), List.of(),
          Step.Status.UNRESOLVED, checked == 0 ? "no numeric representative found off the"
          + " positive branch" : "the formulas hold on the positive branch only: "
          + String.join("; ", failures.subList(0, Math.min(3, failures.size())))));
    }
  }
}
