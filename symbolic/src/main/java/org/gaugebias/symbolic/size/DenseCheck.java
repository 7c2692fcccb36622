package org.gaugebias.symbolic.size;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.gaugebias.symbolic.compile.Parameterization;
import org.gaugebias.symbolic.design.Design;
import org.gaugebias.symbolic.design.DesignReader;
import org.gaugebias.symbolic.expr.Expr;
import org.gaugebias.symbolic.expr.Exprs;
import org.gaugebias.symbolic.expr.NumericEvaluator;
import org.gaugebias.symbolic.failure.Failure;
import org.gaugebias.symbolic.sampling.Numerics;
import org.gaugebias.symbolic.symmetry.Generator;
import org.gaugebias.symbolic.trace.Derivation;
import org.gaugebias.symbolic.trace.Step;
import org.gaugebias.symbolic.trace.StepFacts;
import org.gaugebias.symbolic.trace.StepKind;
import org.gaugebias.symbolic.trace.Structure;
import org.gaugebias.symbolic.trace.Variant;
import org.gaugebias.symbolic.trace.VariantResult;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.RealMatrix;

/**
 * The closed forms for every n checked at sizes they were not derived from
 * ({@link SizeRoute#CHECK_SIZES}): the design is read and compiled at each size m, a random
 * point θ with positive entries gives β = f(θ) from the compiled predictor, the generic
 * representative written at every index gives θ̃(β) (confirmed by f(θ̃) = β), and the dense
 * numeric log-determinants are compared with the sums written out at m: P = J_f J_fᵀ with J_f
 * the compiled predictor's Jacobian (central differences), G = ΞᵀΞ and C = J_χ J_χᵀ from the
 * generic block's generators and conditions at every index (each generator checked to leave
 * the compiled predictor invariant, J_f ξ = 0). The derived pseudo-determinants are not
 * checked here (the route refuses none, but the dense pseudo-determinant needs a rank).
 */
final class DenseCheck {
  private static final double TOLERANCE = 1e-6;
  private static final double STEP = 1e-5;
  private final Design design;
  private final String size;
  private final SizeRoute.Compiler compiler;
  private final Derivation block;
  private final SplittableRandom rng;

  DenseCheck(Design design, String size, SizeRoute.Compiler compiler, Derivation block,
      long seed) {
    this.design = design;
    this.size = size;
    this.compiler = compiler;
    this.block = block;
    this.rng = new SplittableRandom(seed ^ 0x9e3779b97f4a7c15L);
  }

  Step step(Derivation closed, Function<String, Failure> fail) {
    double worst = 0;
    int points = 2;
    for (int m : SizeRoute.CHECK_SIZES) {
      Parameterization pm = compile(m);
      IndexBlocks bm;
      try {
        bm = IndexBlocks.of(pm, m);
      } catch (IndexBlocks.NotBlocked e) {
        throw fail.apply("the closed form's blocks are not those of the design at " + size
            + " = " + m + ": " + e.getMessage());
      }
      for (int t = 0; t < points; t++) {
        double d = compare(closed, pm, bm, m, fail);
        worst = Math.max(worst, d);
      }
    }
    if (!(worst < TOLERANCE)) {
      throw fail.apply(String.format(java.util.Locale.ROOT, "the closed form for every %s"
          + " differs from dense numeric Gram matrices by %.2e at the sizes %s", size, worst,
          SizeRoute.CHECK_SIZES));
    }
    return Step.done(StepKind.NUMERIC_CHECK, new StepFacts.SizeCheck(SizeRoute.CHECK_SIZES,
        points, worst), List.of(), List.of(), List.of());
  }

  private Parameterization compile(int m) {
    Design at = DesignReader.atSizes(design, Map.of(size, m));
    return compiler.compile(at);
  }

  /** The largest relative difference between closed and dense log-determinants at one point. */
  private double compare(Derivation closed, Parameterization pm, IndexBlocks bm, int m,
      Function<String, Failure> fail) {
    List<String> theta = pm.theta();
    Map<String, Double> env = new HashMap<>();
    env.put(pm.temperature(), 1.0);
    for (String x : theta) {
      env.put(x, 0.4 + 1.2 * rng.nextDouble());
    }
    double[] beta = Numerics.eval(pm.predictor(), env, pm.functions());
    Map<String, Double> at = new HashMap<>(Numerics.env(pm.beta(), beta));
    at.put(pm.temperature(), 1.0);
    // θ̃(β): the generic representative at every index
    Structure s = block.structure().orElseThrow();
    List<String> omega = s.predictor().symbols();
    double[] rep = new double[theta.size()];
    Map<String, Integer> position = new HashMap<>();
    for (int j = 0; j < theta.size(); j++) {
      position.put(theta.get(j), j);
    }
    List<Map<String, Expr>> toBlock = new ArrayList<>();
    for (int k = 0; k < m; k++) {
      Map<String, Expr> concrete = concreteNames(bm, k);
      toBlock.add(concrete);
      Map<String, Double> local = new HashMap<>(at);
      for (int j = 0; j < omega.size(); j++) {
        local.put(omega.get(j), bm.inverse().isPresent()
            ? NumericEvaluator.eval(bm.omega(k), at) : at.get(bm.outputs().get(k).get(j)));
      }
      for (Map.Entry<String, Expr> r : s.representative().entrySet()) {
        String x = ((Expr.Sym) concrete.get(r.getKey())).name();
        rep[position.get(x)] = NumericEvaluator.eval(r.getValue(), local, pm.functions());
      }
    }
    Map<String, Double> thetaTilde = new HashMap<>(Numerics.env(theta, rep));
    thetaTilde.put(pm.temperature(), 1.0);
    double[] again = Numerics.eval(pm.predictor(), thetaTilde, pm.functions());
    for (int i = 0; i < beta.length; i++) {
      if (!Numerics.close(again[i], beta[i], 1e-9)) {
        throw fail.apply("the generic representative written at " + size + " = " + m
            + " does not give back the predictor (component " + (i + 1) + ": " + again[i]
            + " vs " + beta[i] + ")");
      }
    }
    RealMatrix jf = jacobian(pm.predictor(), theta, rep, pm);
    Map<Variant, Double> dense = new HashMap<>();
    dense.put(Variant.QUOTIENT, Numerics.logPseudoDet(gram(jf), jf.getRowDimension()));
    List<double[]> xi = new ArrayList<>();
    List<Expr> conditions = new ArrayList<>();
    for (int k = 0; k < m; k++) {
      for (Generator g : s.generators()) {
        double[] col = new double[theta.size()];
        List<String> coords = s.theta();
        for (int j = 0; j < coords.size(); j++) {
          Expr f = Exprs.substitute(g.field().get(j), toBlock.get(k));
          String x = ((Expr.Sym) toBlock.get(k).get(coords.get(j))).name();
          col[position.get(x)] = NumericEvaluator.eval(f, thetaTilde, pm.functions());
        }
        double[] moved = jf.operate(col);
        for (double v : moved) {
          if (!(Math.abs(v) < 1e-5 * Math.max(1, norm(col)))) {
            throw fail.apply("the generator " + g.label() + " written at index " + (k + 1)
                + " of " + size + " = " + m + " does not leave the predictor invariant");
          }
        }
        xi.add(col);
      }
      for (Expr c : s.gauge()) {
        conditions.add(Exprs.substitute(c, toBlock.get(k)));
      }
    }
    if (!xi.isEmpty()) {
      double[][] x = new double[theta.size()][xi.size()];
      for (int a = 0; a < xi.size(); a++) {
        for (int j = 0; j < theta.size(); j++) {
          x[j][a] = xi.get(a)[j];
        }
      }
      RealMatrix big = new Array2DRowRealMatrix(x, false);
      dense.put(Variant.ORBIT, Numerics.logPseudoDet(big.transpose().multiply(big),
          xi.size()));
    }
    if (!conditions.isEmpty()) {
      RealMatrix jc = jacobian(conditions, theta, rep, pm);
      dense.put(Variant.GAUGE, Numerics.logPseudoDet(gram(jc), conditions.size()));
    }
    double worst = 0;
    for (Map.Entry<Variant, VariantResult> r : closed.results().entrySet()) {
      Double want = dense.get(r.getKey());
      if (want == null || r.getValue().pseudoDeterminant()) {
        continue;
      }
      double got = NumericEvaluator.eval(IndexedSums.expand(r.getValue().logDet(), size, m), at,
          pm.functions());
      worst = Math.max(worst, Math.abs(got - want) / Math.max(1, Math.abs(want)));
    }
    return worst;
  }

  /** The generic block's symbols (coordinates and ω) as block k's at this size. */
  private Map<String, Expr> concreteNames(IndexBlocks bm, int k) {
    Map<String, Expr> out = new HashMap<>();
    bm.toGeneric(k, SizeRoute.INDEX).forEach((concrete, generic) -> out.put(
        ((Expr.Sym) generic).name(), new Expr.Sym(concrete)));
    return out;
  }

  private static RealMatrix gram(RealMatrix j) {
    return j.multiply(j.transpose());
  }

  private static double norm(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x * x;
    }
    return Math.sqrt(s);
  }

  /** Central differences of {@code fs} at {@code x} (exact for products of two coordinates). */
  static RealMatrix jacobian(List<Expr> fs, List<String> theta, double[] x,
      Parameterization pm) {
    double[][] j = new double[fs.size()][theta.size()];
    Map<String, Double> env = new HashMap<>(Numerics.env(theta, x));
    env.put(pm.temperature(), 1.0);
    for (int c = 0; c < theta.size(); c++) {
      double h = STEP * Math.max(1, Math.abs(x[c]));
      env.put(theta.get(c), x[c] + h);
      double[] up = Numerics.eval(fs, env, pm.functions());
      env.put(theta.get(c), x[c] - h);
      double[] down = Numerics.eval(fs, env, pm.functions());
      env.put(theta.get(c), x[c]);
      for (int r = 0; r < fs.size(); r++) {
        j[r][c] = (up[r] - down[r]) / (2 * h);
      }
    }
    return new Array2DRowRealMatrix(j, false);
  }
}
