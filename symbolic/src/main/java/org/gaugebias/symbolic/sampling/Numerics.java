package org.gaugebias.symbolic.sampling;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.gaugebias.symbolic.expr.Expr;
import org.gaugebias.symbolic.expr.NumericEvaluator;
import org.gaugebias.symbolic.expr.NumericFunctions;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.EigenDecompositionSymmetric;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.SingularValueDecomposition;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresBuilder;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresOptimizer;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LevenbergMarquardtOptimizer;
import org.hipparchus.util.Pair;

/**
 * Double-precision companions of the symbolic steps: evaluating expression lists at points,
 * ranks, log-(pseudo-)determinants, and solving {@code f(θ) = β, χ(θ) = 0} by Levenberg–Marquardt.
 * They guide the symbolic solver (which branch) and check every symbolic identity it relies on.
 */
public final class Numerics {
  private Numerics() {
  }

  public static Map<String, Double> env(List<String> names, double[] values) {
    Map<String, Double> m = new HashMap<>();
    for (int i = 0; i < names.size(); i++) {
      m.put(names.get(i), values[i]);
    }
    return m;
  }

  public static double[] eval(List<Expr> xs, Map<String, Double> env) {
    return eval(xs, env, NumericFunctions.NONE);
  }

  /** Values of {@code xs} with the design's tabulated functions {@code fns}. */
  public static double[] eval(List<Expr> xs, Map<String, Double> env, NumericFunctions fns) {
    double[] out = new double[xs.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = NumericEvaluator.eval(xs.get(i), env, fns);
    }
    return out;
  }

  public static RealMatrix evalMatrix(List<List<Expr>> rows, Map<String, Double> env) {
    return evalMatrix(rows, env, NumericFunctions.NONE);
  }

  public static RealMatrix evalMatrix(List<List<Expr>> rows, Map<String, Double> env,
      NumericFunctions fns) {
    double[][] out = new double[rows.size()][];
    for (int i = 0; i < out.length; i++) {
      out[i] = eval(rows.get(i), env, fns);
    }
    return new Array2DRowRealMatrix(out, false);
  }

  /** Numerical rank with a relative singular-value threshold. */
  public static int rank(RealMatrix m) {
    if (m.getRowDimension() == 0 || m.getColumnDimension() == 0) {
      return 0;
    }
    double[] s = new SingularValueDecomposition(m).getSingularValues();
    double tol = Math.max(1e-300, s[0] * 1e-9 * Math.max(m.getRowDimension(), m.getColumnDimension()));
    int r = 0;
    for (double v : s) {
      if (v > tol) {
        r++;
      }
    }
    return r;
  }

  /** Log of the (pseudo-)determinant of a symmetric positive semi-definite matrix. */
  public static double logPseudoDet(RealMatrix m, int rank) {
    double[] ev = new EigenDecompositionSymmetric(m).getEigenvalues();
    java.util.Arrays.sort(ev);
    double sum = 0;
    for (int i = ev.length - rank; i < ev.length; i++) {
      sum += Math.log(ev[i]);
    }
    return sum;
  }

  /**
   * Least-squares solution of {@code residuals(θ) = 0} from {@code start}, with a
   * central-difference Jacobian; returns null when the residual does not vanish.
   */
  public static double[] solve(List<Expr> residuals, List<String> vars, double[] start,
      Map<String, Double> fixed) {
    return solve(residuals, vars, start, fixed, NumericFunctions.NONE);
  }

  /** As {@link #solve(List, List, double[], Map)}, with tabulated functions {@code fns}. */
  public static double[] solve(List<Expr> residuals, List<String> vars, double[] start,
      Map<String, Double> fixed, NumericFunctions fns) {
    return solve(residuals, null, vars, start, fixed, fns);
  }

  /**
   * As {@link #solve(List, List, double[], Map, NumericFunctions)} with the residuals' Jacobian
   * given exactly ({@code jacobian}, one row per residual, one column per variable; null:
   * central differences, 2·d evaluations of every residual per iteration).
   */
  public static double[] solve(List<Expr> residuals, List<List<Expr>> jacobian,
      List<String> vars, double[] start, Map<String, Double> fixed, NumericFunctions fns) {
    int n = vars.size();
    List<int[]> nonZero = new java.util.ArrayList<>();
    if (jacobian != null) {
      for (int i = 0; i < jacobian.size(); i++) {
        for (int j = 0; j < n; j++) {
          if (!org.gaugebias.symbolic.expr.Exprs.isZero(jacobian.get(i).get(j))) {
            nonZero.add(new int[] {i, j});
          }
        }
      }
    }
    LeastSquaresBuilder b = new LeastSquaresBuilder()
        .start(start)
        .target(new double[residuals.size()])
        .maxEvaluations(20_000)
        .maxIterations(20_000)
        .model(point -> {
          double[] x = point.toArray();
          Map<String, Double> at = with(fixed, vars, x);
          double[] r = eval(residuals, at, fns);
          double[][] jac = new double[residuals.size()][n];
          if (jacobian != null) {
            for (int[] ij : nonZero) {
              jac[ij[0]][ij[1]] = NumericEvaluator.eval(jacobian.get(ij[0]).get(ij[1]), at, fns);
            }
            return new Pair<>(new ArrayRealVector(r, false),
                new Array2DRowRealMatrix(jac, false));
          }
          for (int j = 0; j < n; j++) {
            double h = 1e-6 * Math.max(1, Math.abs(x[j]));
            double[] xp = x.clone();
            double[] xm = x.clone();
            xp[j] += h;
            xm[j] -= h;
            double[] rp = eval(residuals, with(fixed, vars, xp), fns);
            double[] rm = eval(residuals, with(fixed, vars, xm), fns);
            for (int i = 0; i < r.length; i++) {
              jac[i][j] = (rp[i] - rm[i]) / (2 * h);
            }
          }
          return new Pair<>(new ArrayRealVector(r, false), new Array2DRowRealMatrix(jac, false));
        });
    try {
      LeastSquaresOptimizer.Optimum opt = new LevenbergMarquardtOptimizer()
          .withCostRelativeTolerance(1e-15).withParameterRelativeTolerance(1e-15)
          .withOrthoTolerance(1e-15).optimize(b.build());
      double[] x = opt.getPoint().toArray();
      Map<String, Double> at = with(fixed, vars, x);
      double[] r = eval(residuals, at, fns);
      for (int i = 0; i < r.length; i++) {
        if (!(Math.abs(r[i]) < 1e-10 * Math.max(1, termSize(residuals.get(i), at, fns)))) {
          return null;
        }
      }
      return allFinite(x) ? x : null;
    } catch (RuntimeException e) {
      return null;
    }
  }

  /**
   * Σ |term| of a sum at a point: the scale a residual's rounding error is relative to (an
   * expanded (uv + 1)^40 − β cannot vanish to 1e-10 absolutely).
   */
  private static double termSize(Expr e, Map<String, Double> env, NumericFunctions fns) {
    if (!(e instanceof Expr.Add a)) {
      return Math.abs(NumericEvaluator.eval(e, env, fns));
    }
    double size = 0;
    for (Expr t : a.terms()) {
      size += Math.abs(NumericEvaluator.eval(t, env, fns));
    }
    return size;
  }

  private static Map<String, Double> with(Map<String, Double> fixed, List<String> vars,
      double[] x) {
    Map<String, Double> m = new HashMap<>(fixed);
    for (int i = 0; i < vars.size(); i++) {
      m.put(vars.get(i), x[i]);
    }
    return m;
  }

  public static boolean allFinite(double[] x) {
    for (double v : x) {
      if (!Double.isFinite(v)) {
        return false;
      }
    }
    return true;
  }

  public static boolean close(double a, double b, double rel) {
    return Math.abs(a - b) <= rel * Math.max(1, Math.max(Math.abs(a), Math.abs(b)));
  }
}
