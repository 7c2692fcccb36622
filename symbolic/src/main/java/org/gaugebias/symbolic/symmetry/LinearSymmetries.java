package org.gaugebias.symbolic.symmetry;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.gaugebias.symbolic.expr.Expr;
import org.gaugebias.symbolic.sampling.Numerics;
import org.gaugebias.symbolic.sampling.PointSampler;
import org.hipparchus.fraction.BigFraction;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.SingularValueDecomposition;

/**
 * Discovers the linear symmetries of a predictor: the matrices {@code A} with
 * {@code J_f(θ) A θ ≡ 0}. The identity is linear in the d² entries of A; it is imposed at random
 * points (enough to determine the solution space with probability one), the null space is put in
 * reduced row-echelon form (so the basis is canonical: one {@code diag(…,1,…,−1,…)} per rescaling,
 * {@code E_ij − E_ji} per rotation), rounded to small rationals, and each resulting generator is
 * then re-checked symbolically by the caller. A kernel basis of {@code J_f} alone would not do: it
 * does not give the rotation algebra of SO(3) (issue 2).
 */
public final class LinearSymmetries {
  private LinearSymmetries() {
  }

  /** The generator matrices found, each d×d with exact rational entries (row-major lists). */
  public static List<BigFraction[][]> discover(List<List<Expr>> jacobian, List<String> theta,
      SplittableRandom rng, PointSampler sampler, java.util.Map<String, Double> fixed,
      org.gaugebias.symbolic.expr.NumericFunctions fns) {
    int d = theta.size();
    int m = jacobian.size();
    int samples = Math.max(4, 2 * d * d / Math.max(1, m) + 4);
    List<double[]> rows = new ArrayList<>();
    for (int s = 0; s < samples; s++) {
      double[] x = sampler.positivePoint(rng);
      java.util.Map<String, Double> env = new java.util.HashMap<>(fixed);
      env.putAll(Numerics.env(theta, x));
      RealMatrix j = Numerics.evalMatrix(jacobian, env, fns);
      for (int r = 0; r < m; r++) {
        double[] row = new double[d * d];
        double scale = 0;
        for (int i = 0; i < d; i++) {
          for (int k = 0; k < d; k++) {
            row[i * d + k] = j.getEntry(r, i) * x[k];
            scale = Math.max(scale, Math.abs(row[i * d + k]));
          }
        }
        if (scale > 0) {
          for (int c = 0; c < row.length; c++) {
            row[c] /= scale;
          }
        }
        rows.add(row);
      }
    }
    double[][] system = rows.toArray(new double[0][]);
    double[][] kernel = nullSpace(new Array2DRowRealMatrix(system, false));
    double[][] rref = rowEchelon(kernel);
    List<BigFraction[][]> out = new ArrayList<>();
    for (double[] vec : rref) {
      BigFraction[][] a = new BigFraction[d][d];
      for (int i = 0; i < d; i++) {
        for (int k = 0; k < d; k++) {
          a[i][k] = rationalize(vec[i * d + k]);
        }
      }
      out.add(a);
    }
    return out;
  }

  private static double[][] nullSpace(RealMatrix a) {
    int n = a.getColumnDimension();
    // pad to at least n rows so the SVD returns all right singular vectors
    RealMatrix padded = a.getRowDimension() >= n ? a
        : new Array2DRowRealMatrix(a.getRowDimension() < n ? pad(a.getData(), n) : a.getData(), false);
    SingularValueDecomposition svd = new SingularValueDecomposition(padded);
    double[] s = svd.getSingularValues();
    RealMatrix v = svd.getV();
    double tol = s[0] * 1e-9;
    List<double[]> basis = new ArrayList<>();
    for (int c = 0; c < n; c++) {
      double sv = c < s.length ? s[c] : 0;
      if (sv <= tol) {
        basis.add(v.getColumn(c));
      }
    }
    return basis.toArray(new double[0][]);
  }

  private static double[][] pad(double[][] rows, int n) {
    double[][] out = new double[n][rows[0].length];
    for (int i = 0; i < rows.length; i++) {
      out[i] = rows[i].clone();
    }
    return out;
  }

  /** Reduced row-echelon form with partial pivoting (rows = basis vectors). */
  public static double[][] rowEchelon(double[][] m) {
    double[][] a = new double[m.length][];
    for (int i = 0; i < m.length; i++) {
      a[i] = m[i].clone();
    }
    int rows = a.length;
    int cols = rows == 0 ? 0 : a[0].length;
    int r = 0;
    for (int c = 0; c < cols && r < rows; c++) {
      int best = r;
      for (int i = r + 1; i < rows; i++) {
        if (Math.abs(a[i][c]) > Math.abs(a[best][c])) {
          best = i;
        }
      }
      if (Math.abs(a[best][c]) < 1e-8) {
        continue;
      }
      double[] tmp = a[r];
      a[r] = a[best];
      a[best] = tmp;
      double p = a[r][c];
      for (int k = 0; k < cols; k++) {
        a[r][k] /= p;
      }
      for (int i = 0; i < rows; i++) {
        if (i != r && a[i][c] != 0) {
          double f = a[i][c];
          for (int k = 0; k < cols; k++) {
            a[i][k] -= f * a[r][k];
          }
        }
      }
      r++;
    }
    double[][] out = new double[r][];
    System.arraycopy(a, 0, out, 0, r);
    return out;
  }

  public static BigFraction rationalize(double v) {
    if (Math.abs(v) < 1e-9) {
      return BigFraction.ZERO;
    }
    return new BigFraction(v, 1e-9, 10_000);
  }

  /** The field ξ = A θ as expressions. */
  public static List<Expr> field(BigFraction[][] a, List<String> theta) {
    List<Expr> out = new ArrayList<>();
    for (BigFraction[] row : a) {
      List<Expr> terms = new ArrayList<>();
      for (int k = 0; k < row.length; k++) {
        if (row[k].signum() != 0) {
          Expr coef = num(row[k]);
          Expr sym = new Expr.Sym(theta.get(k));
          terms.add(row[k].equals(BigFraction.ONE) ? sym : new Expr.Mul(List.of(coef, sym)));
        }
      }
      out.add(terms.isEmpty() ? Expr.integer(0)
          : terms.size() == 1 ? terms.get(0) : new Expr.Add(terms));
    }
    return out;
  }

  /** The moment map ½θᵀAθ of a generator matrix, expanded exactly (terms in graded order). */
  public static Expr momentMap(BigFraction[][] a, List<String> theta) {
    return ConservationLaws.quadraticForm(a).toExpr(theta);
  }

  public static Expr.Num num(BigFraction f) {
    return new Expr.Num(f.getNumerator(), f.getDenominator());
  }

  public static boolean isZero(BigFraction f) {
    return f.getNumerator().equals(BigInteger.ZERO);
  }
}
