package org.gaugebias.symbolic.derive.structure;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.gaugebias.symbolic.compile.Parameterization;
import org.gaugebias.symbolic.expr.Expr;
import org.gaugebias.symbolic.expr.Exprs;
import org.gaugebias.symbolic.expr.NumericEvaluator;
import org.gaugebias.symbolic.sampling.Numerics;
import org.gaugebias.symbolic.sampling.PointSampler;
import org.gaugebias.symbolic.symmetry.Generator;
import org.gaugebias.symbolic.trace.Step;
import org.gaugebias.symbolic.trace.StepFacts;
import org.gaugebias.symbolic.trace.StepKind;
import org.gaugebias.symbolic.trace.Structure;
import org.gaugebias.symbolic.trace.Variant;
import org.gaugebias.symbolic.trace.VariantResult;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.RealMatrix;

/**
 * The double-precision check of an assembled derivation (THEORY.md §2–3): at random points of
 * every sign branch (each block on the slice through a random signed point, found by Newton's
 * method), the dense Gram matrices G = ΞᵀΞ, C = J_χ J_χᵀ and P = J_f J_fᵀ are formed from the
 * full design (all generators, all conditions, J_f = A J_ω with A in double precision) and their
 * log-determinants compared with the assembled formulas at β = f(θ̃); the predictor itself is
 * evaluated at θ̃ to confirm β = A ω. The structure is thereby checked, not assumed.
 */
final class AssembledCheck {
  private final Parameterization p;
  private final LinearBlocks lb;
  private final ConstantOperator op;
  private final Structure s;
  private final SplittableRandom rng;
  private final Map<String, Double> fixed;
  /** The design's tabulated functions (an outer map's φ at size). */
  private final org.gaugebias.symbolic.expr.NumericFunctions fns;

  AssembledCheck(Parameterization p, LinearBlocks lb, ConstantOperator op, Structure s,
      BlockRoute.Parts parts, long seed) {
    this.p = p;
    this.lb = lb;
    this.op = op;
    this.s = s;
    this.rng = new SplittableRandom(seed ^ 0x5bd1e995L);
    this.fixed = Map.of(p.temperature(), 1.0);
    this.fns = p.functions();
  }

  Step step(Map<Variant, VariantResult> results, Expr repCost) {
    // each kind of block was checked on every branch at 8 points when it was derived; at size
    // the dense Grams check the assembly (renaming, A, ω = A⁻¹β), for which 2 points suffice
    int wanted = p.theta().size() >= 128 ? 2 : p.theta().size() > 64 ? 4 : 8;
    double worst = 0;
    int checked = 0;
    List<String> failures = new ArrayList<>();
    double[][] a = numericOperator();
    for (int attempt = 0; attempt < 4 * wanted && checked < wanted; attempt++) {
      Map<String, Double> theta = pointOnSlice();
      if (theta == null) {
        continue;
      }
      checked++;
      Map<String, Double> env = new HashMap<>(fixed);
      env.putAll(theta);
      double[] omega = new double[lb.atoms()];
      int k = 0;
      for (LinearBlocks.Block b : lb.blocks()) {
        for (Expr atom : b.atoms()) {
          omega[k++] = NumericEvaluator.eval(atom, env, fns);
        }
      }
      double[] beta = new Array2DRowRealMatrix(a, false).operate(omega);
      double[] f = Numerics.eval(p.predictor(), env, p.functions());
      for (int i = 0; i < beta.length; i++) {
        if (!Numerics.close(beta[i], f[i], 1e-9)) {
          failures.add("β = A ω fails at component " + (i + 1) + ": " + beta[i] + " vs " + f[i]);
        }
      }
      Map<String, Double> betaEnv = new HashMap<>(fixed);
      betaEnv.putAll(Numerics.env(p.beta(), beta));
      for (Map.Entry<Variant, VariantResult> e : results.entrySet()) {
        double numeric = numericLogDet(e.getKey(), env, a,
            e.getValue().pseudoDeterminant());
        double symbolic = NumericEvaluator.eval(e.getValue().logDet(), betaEnv, fns);
        double err = Math.abs(symbolic - numeric);
        worst = Math.max(worst, err);
        if (!(err <= 1e-7 * Math.max(1, Math.abs(numeric)) + op.logAbsDetError() * 2)) {
          failures.add(e.getKey().gram() + ": formula " + symbolic + ", numeric " + numeric);
        }
      }
      double normSq = 0;
      for (double v : theta.values()) {
        normSq += v * v;
      }
      double rc = NumericEvaluator.eval(repCost, betaEnv, fns);
      if (!(Math.abs(rc - normSq / 2) <= 1e-7 * Math.max(1, rc))) {
        failures.add("repcost: formula " + rc + ", numeric " + normSq / 2);
      }
    }
    StepFacts facts = new StepFacts.NumericCheck(checked, worst);
    if (failures.isEmpty() && checked > 0) {
      return Step.done(StepKind.NUMERIC_CHECK, facts, List.of(), List.of(), List.of());
    }
    return new Step(StepKind.NUMERIC_CHECK, facts, List.of(), List.of(), List.of(),
        Step.Status.UNRESOLVED, checked == 0 ? "no numeric representative found off the"
        + " positive branch" : "the assembled formulas disagree with the dense Gram matrices: "
        + String.join("; ", failures.subList(0, Math.min(3, failures.size()))));
  }

  private double[][] numericOperator() {
    int n = lb.operator().size();
    double[][] a = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        a[i][j] = NumericEvaluator.eval(lb.operator().get(i).get(j), Map.of());
      }
    }
    return a;
  }

  /** Per block: its assumptions and gauge conditions (and zeroed coordinates), found once. */
  private List<List<Expr>> blockAssumptions;
  private List<List<Expr>> blockConditions;

  private void splitByBlock() {
    if (blockAssumptions != null) {
      return;
    }
    Map<String, Integer> blockOf = new HashMap<>();
    for (int b = 0; b < lb.blocks().size(); b++) {
      for (String x : lb.blocks().get(b).coordinates()) {
        blockOf.put(x, b);
      }
    }
    blockAssumptions = new ArrayList<>();
    blockConditions = new ArrayList<>();
    for (int b = 0; b < lb.blocks().size(); b++) {
      blockAssumptions.add(new ArrayList<>());
      blockConditions.add(new ArrayList<>());
    }
    for (Expr a : p.assumptions()) {
      Exprs.symbols(a).stream().filter(blockOf::containsKey).map(blockOf::get).distinct()
          .forEach(b -> blockAssumptions.get(b).add(a));
    }
    for (Expr c : s.gauge()) {
      Exprs.symbols(c).stream().filter(blockOf::containsKey).map(blockOf::get).distinct()
          .forEach(b -> blockConditions.get(b).add(c));
    }
  }

  /** θ̃ at a random point of a random sign branch: each block solved on its slice. */
  private Map<String, Double> pointOnSlice() {
    splitByBlock();
    Map<String, Double> out = new HashMap<>();
    Set<String> zeroed = new java.util.HashSet<>(s.zeroed());
    for (int bi = 0; bi < lb.blocks().size(); bi++) {
      LinearBlocks.Block b = lb.blocks().get(bi);
      PointSampler sampler = new PointSampler(b.coordinates(), blockAssumptions.get(bi), fixed,
          fns);
      double[] x = sampler.signedPoint(rng);
      Map<String, Double> env = new HashMap<>(fixed);
      env.putAll(Numerics.env(b.coordinates(), x));
      List<Expr> residuals = new ArrayList<>();
      Map<String, Double> values = new HashMap<>(fixed);
      for (int j = 0; j < b.atoms().size(); j++) {
        String w = "omega$check$" + j;
        values.put(w, NumericEvaluator.eval(b.atoms().get(j), env, fns));
        residuals.add(Expr.add(b.atoms().get(j), Expr.mul(Expr.integer(-1), new Expr.Sym(w))));
      }
      residuals.addAll(blockConditions.get(bi));
      for (String z : b.coordinates()) {
        if (zeroed.contains(z)) {
          residuals.add(new Expr.Sym(z));
        }
      }
      double[] sol = Numerics.solve(residuals, b.coordinates(), x, values, fns);
      if (sol == null) {
        return null;
      }
      out.putAll(Numerics.env(b.coordinates(), sol));
    }
    return out;
  }

  private double numericLogDet(Variant v, Map<String, Double> env, double[][] a,
      boolean pseudo) {
    List<String> theta = p.theta();
    return switch (v) {
      case ORBIT -> {
        double[][] xi = new double[s.generators().size()][theta.size()];
        for (int g = 0; g < s.generators().size(); g++) {
          Generator gen = s.generators().get(g);
          for (int j = 0; j < theta.size(); j++) {
            Expr e = gen.field().get(j);
            xi[g][j] = Exprs.isZero(e) ? 0 : NumericEvaluator.eval(e, env);
          }
        }
        RealMatrix gram = gramOfRows(xi);
        yield pseudo ? Numerics.logPseudoDet(gram, Numerics.rank(gram)) : logDet(gram);
      }
      case GAUGE -> {
        double[][] j = gradients(s.gauge(), env);
        yield logDet(gramOfRows(j));
      }
      case QUOTIENT -> {
        List<Expr> atoms = new ArrayList<>();
        lb.blocks().forEach(b -> atoms.addAll(b.atoms()));
        double[][] jw = gradients(atoms, env);
        double[][] jf = new double[a.length][theta.size()];
        for (int k = 0; k < jw.length; k++) {
          double[] row = jw[k];
          int[] nonZero = java.util.stream.IntStream.range(0, row.length)
              .filter(j -> row[j] != 0).toArray();
          for (int i = 0; i < a.length; i++) {
            if (a[i][k] != 0) {
              for (int j : nonZero) {
                jf[i][j] += a[i][k] * row[j];
              }
            }
          }
        }
        yield logDet(gramOfRows(jf));
      }
    };
  }

  /** log det of a symmetric positive definite matrix, from its Cholesky factor. */
  private static double logDet(RealMatrix m) {
    RealMatrix l = new org.hipparchus.linear.CholeskyDecomposition(m, 1e-14, 1e-300).getL();
    double sum = 0;
    for (int i = 0; i < l.getRowDimension(); i++) {
      sum += 2 * Math.log(l.getEntry(i, i));
    }
    return sum;
  }

  /** M Mᵀ for the rows of M. */
  private static RealMatrix gramOfRows(double[][] m) {
    int n = m.length;
    double[][] g = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int k = 0; k <= i; k++) {
        double sum = 0;
        double[] a = m[i];
        double[] b = m[k];
        for (int j = 0; j < a.length; j++) {
          sum += a[j] * b[j];
        }
        g[i][k] = sum;
        g[k][i] = sum;
      }
    }
    return new Array2DRowRealMatrix(g, false);
  }

  /** Gradients by central differences over each expression's own symbols (others are 0). */
  private double[][] gradients(List<Expr> fs, Map<String, Double> env) {
    List<String> theta = p.theta();
    Map<String, Integer> position = new HashMap<>();
    for (int i = 0; i < theta.size(); i++) {
      position.put(theta.get(i), i);
    }
    double[][] out = new double[fs.size()][theta.size()];
    Map<String, Double> e = new HashMap<>(env);
    for (int r = 0; r < fs.size(); r++) {
      Expr f = fs.get(r);
      for (String x : Exprs.symbols(f)) {
        Integer j = position.get(x);
        if (j == null) {
          continue;
        }
        double x0 = env.get(x);
        double h = 1e-5 * Math.max(1, Math.abs(x0));
        e.put(x, x0 + h);
        double fp = NumericEvaluator.eval(f, e, fns);
        e.put(x, x0 - h);
        double fm = NumericEvaluator.eval(f, e, fns);
        e.put(x, x0 + 2 * h);
        double fp2 = NumericEvaluator.eval(f, e, fns);
        e.put(x, x0 - 2 * h);
        double fm2 = NumericEvaluator.eval(f, e, fns);
        e.put(x, x0);
        out[r][j] = (8 * (fp - fm) - (fp2 - fm2)) / (12 * h);
      }
    }
    return out;
  }
}
