package org.gaugebias.symbolic.derive.structure;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gaugebias.symbolic.expr.Expr;
import org.gaugebias.symbolic.expr.NumericEvaluator;
import org.hipparchus.fraction.BigFraction;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.LUDecomposition;
import org.hipparchus.linear.RealMatrix;

/**
 * A constant square matrix A (the linear map after the blocks, {@link LinearBlocks}): what kind
 * it is, log|det A| and A⁻¹, computed without the CAS. A constant matrix is never inverted
 * symbolically: a rational A is inverted in double precision, the entries rounded to rationals
 * and the product A·A⁻¹ = I checked exactly; an orthonormal A (checked in double precision)
 * has A⁻¹ = Aᵀ and |det A| = 1; any other A gets a numeric inverse and log-determinant with a
 * stated error.
 *
 * @param kind what was recognised
 * @param logAbsDet log|det A|: exact (a rational's log, or 0) unless {@code kind} is NUMERIC
 * @param logAbsDetError a bound of the error of {@code logAbsDet} (0 when exact)
 * @param inverse A⁻¹ as expressions (exact except for NUMERIC)
 * @param orthonormalityError for ORTHONORMAL: the largest entry of |AᵀA − I|
 */
public record ConstantOperator(Kind kind, int size, Expr logAbsDet, double logAbsDetError,
    List<List<Expr>> inverse, double orthonormalityError) {

  /** The structure recognised in A, most special first. */
  public enum Kind {
    /** A = I. */
    IDENTITY,
    /** Triangular with rational entries: det is the product of the diagonal. */
    TRIANGULAR,
    /** Orthonormal (AᵀA = I in double precision): A⁻¹ = Aᵀ, |det A| = 1. */
    ORTHONORMAL,
    /** A dense matrix of rationals: exact determinant and inverse. */
    RATIONAL,
    /** Any other constant matrix: numeric inverse and log-determinant. */
    NUMERIC
  }

  public ConstantOperator {
    inverse = inverse.stream().map(List::copyOf).toList();
  }

  /** The analysis of {@code a}, or empty when A is singular or not numeric. */
  public static Optional<ConstantOperator> of(List<List<Expr>> a) {
    int n = a.size();
    double[][] v = new double[n][n];
    boolean rational = true;
    for (int i = 0; i < n; i++) {
      if (a.get(i).size() != n) {
        return Optional.empty();
      }
      for (int j = 0; j < n; j++) {
        Expr e = a.get(i).get(j);
        rational &= e instanceof Expr.Num;
        try {
          v[i][j] = NumericEvaluator.eval(e, Map.of());
        } catch (RuntimeException ex) {
          return Optional.empty();
        }
        if (!Double.isFinite(v[i][j])) {
          return Optional.empty();
        }
      }
    }
    if (rational && isIdentity(a)) {
      return Optional.of(new ConstantOperator(Kind.IDENTITY, n, Expr.integer(0), 0, a, 0));
    }
    RealMatrix m = new Array2DRowRealMatrix(v, false);
    LUDecomposition lu = new LUDecomposition(m, 1e-300);
    if (!lu.getSolver().isNonSingular()) {
      return Optional.empty();
    }
    RealMatrix inv = lu.getSolver().getInverse();
    if (rational) {
      boolean triangular = triangular(a);
      // the rounded double inverse is fast and exact for most operators (cumsum, differences);
      // a triangular A whose inverse has entries beyond double precision (2I − S: 2^-n) is
      // inverted by exact substitution instead of falling through to NUMERIC
      Optional<BigFraction[][]> exact = exactInverse(a, inv)
          .or(() -> triangular ? Optional.of(triangularInverse(a)) : Optional.empty());
      if (exact.isPresent()) {
        BigFraction det = triangular ? diagonalProduct(a) : exactDet(a);
        return Optional.of(new ConstantOperator(triangular ? Kind.TRIANGULAR : Kind.RATIONAL, n,
            logOf(det), 0, toExprs(exact.get()), 0));
      }
    }
    double orth = orthonormalityError(m);
    if (orth < 1e-12 * Math.max(1, n)) {
      List<List<Expr>> transpose = new ArrayList<>();
      for (int j = 0; j < n; j++) {
        List<Expr> row = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          row.add(a.get(i).get(j));
        }
        transpose.add(row);
      }
      return Optional.of(new ConstantOperator(Kind.ORTHONORMAL, n, Expr.integer(0), 0,
          transpose, orth));
    }
    // numeric: log|det| from the LU pivots; the error bound is a first-order estimate
    // n·κ(A)·ε from the perturbation of the factors (Higham, backward stability of LU)
    double logDet = 0;
    RealMatrix u = lu.getU();
    for (int i = 0; i < n; i++) {
      logDet += Math.log(Math.abs(u.getEntry(i, i)));
    }
    double cond = m.getNorm1() * inv.getNorm1();
    double err = n * cond * Math.ulp(1.0);
    List<List<Expr>> numericInverse = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      List<Expr> row = new ArrayList<>();
      for (int j = 0; j < n; j++) {
        row.add(new Expr.Real(inv.getEntry(i, j)));
      }
      numericInverse.add(row);
    }
    return Optional.of(new ConstantOperator(Kind.NUMERIC, n, new Expr.Real(logDet), err,
        numericInverse, 0));
  }

  private static boolean isIdentity(List<List<Expr>> a) {
    for (int i = 0; i < a.size(); i++) {
      for (int j = 0; j < a.size(); j++) {
        Expr.Num x = (Expr.Num) a.get(i).get(j);
        if (!x.equals(Expr.integer(i == j ? 1 : 0))) {
          return false;
        }
      }
    }
    return true;
  }

  private static boolean triangular(List<List<Expr>> a) {
    boolean lower = true;
    boolean upper = true;
    for (int i = 0; i < a.size(); i++) {
      for (int j = 0; j < a.size(); j++) {
        boolean zero = ((Expr.Num) a.get(i).get(j)).num().signum() == 0;
        lower &= j <= i || zero;
        upper &= j >= i || zero;
      }
    }
    return lower || upper;
  }

  /**
   * The exact inverse of a regular triangular rational matrix by substitution, column by column,
   * over the non-zeros of each row.
   */
  private static BigFraction[][] triangularInverse(List<List<Expr>> a) {
    int n = a.size();
    boolean lower = true;
    List<List<Integer>> nonZeros = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      List<Integer> nz = new ArrayList<>();
      for (int j = 0; j < n; j++) {
        if (fraction(a.get(i).get(j)).signum() != 0) {
          nz.add(j);
          lower &= j <= i;
        }
      }
      nonZeros.add(nz);
    }
    BigFraction[][] x = new BigFraction[n][n];
    for (int col = 0; col < n; col++) {
      for (int step = 0; step < n; step++) {
        int i = lower ? step : n - 1 - step; // rows in the order their unknowns are known
        BigFraction sum = i == col ? BigFraction.ONE : BigFraction.ZERO;
        for (int k : nonZeros.get(i)) {
          if (k != i && x[k][col].signum() != 0) {
            sum = sum.subtract(fraction(a.get(i).get(k)).multiply(x[k][col]));
          }
        }
        x[i][col] = sum.divide(fraction(a.get(i).get(i)));
      }
    }
    return x;
  }

  private static BigFraction diagonalProduct(List<List<Expr>> a) {
    BigFraction p = BigFraction.ONE;
    for (int i = 0; i < a.size(); i++) {
      p = p.multiply(fraction(a.get(i).get(i)));
    }
    return p;
  }

  private static BigFraction exactDet(List<List<Expr>> a) {
    int n = a.size();
    BigFraction[][] f = new BigFraction[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        f[i][j] = fraction(a.get(i).get(j));
      }
    }
    return exactDeterminant(f);
  }

  /**
   * The exact determinant of a rational matrix, by fraction-free (Bareiss) elimination of the
   * rows scaled to integers.
   */
  public static BigFraction exactDeterminant(BigFraction[][] a) {
    int n = a.length;
    BigInteger[][] m = new BigInteger[n][n];
    BigInteger scale = BigInteger.ONE;
    for (int i = 0; i < n; i++) {
      BigInteger lcm = BigInteger.ONE;
      for (BigFraction e : a[i]) {
        BigInteger d = e.getDenominator();
        lcm = lcm.divide(lcm.gcd(d)).multiply(d);
      }
      scale = scale.multiply(lcm);
      for (int j = 0; j < n; j++) {
        m[i][j] = a[i][j].getNumerator().multiply(lcm.divide(a[i][j].getDenominator()));
      }
    }
    int sign = 1;
    BigInteger prev = BigInteger.ONE;
    for (int k = 0; k < n - 1; k++) {
      if (m[k][k].signum() == 0) {
        int r = k + 1;
        while (r < n && m[r][k].signum() == 0) {
          r++;
        }
        if (r == n) {
          return BigFraction.ZERO;
        }
        BigInteger[] t = m[k];
        m[k] = m[r];
        m[r] = t;
        sign = -sign;
      }
      for (int i = k + 1; i < n; i++) {
        for (int j = k + 1; j < n; j++) {
          m[i][j] = m[i][j].multiply(m[k][k]).subtract(m[i][k].multiply(m[k][j])).divide(prev);
        }
      }
      prev = m[k][k];
    }
    BigInteger det = m[n - 1][n - 1];
    return new BigFraction(sign > 0 ? det : det.negate(), scale);
  }

  /**
   * The double-precision inverse rounded to rationals (continued fractions, denominators up to
   * 10⁹) and accepted only if A·X = I holds exactly, column by column over X's non-zeros.
   */
  private static Optional<BigFraction[][]> exactInverse(List<List<Expr>> a, RealMatrix inv) {
    int n = a.size();
    BigFraction[][] x = new BigFraction[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        double d = inv.getEntry(i, j);
        try {
          x[i][j] = Math.abs(d) < 1e-12 ? BigFraction.ZERO : new BigFraction(d, 1e-12, 64);
        } catch (RuntimeException e) {
          return Optional.empty();
        }
      }
    }
    // column j of A·X: Σ_k A[:,k] X[k][j], over the non-zero X[k][j]
    List<List<int[]>> columnsOfA = new ArrayList<>();
    BigFraction[][] af = new BigFraction[n][n];
    for (int k = 0; k < n; k++) {
      columnsOfA.add(new ArrayList<>());
    }
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < n; k++) {
        af[i][k] = fraction(a.get(i).get(k));
        if (af[i][k].signum() != 0) {
          columnsOfA.get(k).add(new int[] {i});
        }
      }
    }
    for (int j = 0; j < n; j++) {
      BigFraction[] col = new BigFraction[n];
      java.util.Arrays.fill(col, BigFraction.ZERO);
      for (int k = 0; k < n; k++) {
        if (x[k][j].signum() == 0) {
          continue;
        }
        for (int[] i : columnsOfA.get(k)) {
          col[i[0]] = col[i[0]].add(af[i[0]][k].multiply(x[k][j]));
        }
      }
      for (int i = 0; i < n; i++) {
        if (!col[i].equals(i == j ? BigFraction.ONE : BigFraction.ZERO)) {
          return Optional.empty();
        }
      }
    }
    return Optional.of(x);
  }

  private static double orthonormalityError(RealMatrix m) {
    RealMatrix g = m.transpose().multiply(m);
    double worst = 0;
    for (int i = 0; i < g.getRowDimension(); i++) {
      for (int j = 0; j < g.getColumnDimension(); j++) {
        worst = Math.max(worst, Math.abs(g.getEntry(i, j) - (i == j ? 1 : 0)));
      }
    }
    return worst;
  }

  private static BigFraction fraction(Expr e) {
    Expr.Num x = (Expr.Num) e;
    return new BigFraction(x.num(), x.den());
  }

  private static Expr logOf(BigFraction det) {
    BigFraction abs = det.abs();
    return abs.equals(BigFraction.ONE) ? Expr.integer(0)
        : Expr.log(new Expr.Num(abs.getNumerator(), abs.getDenominator()));
  }

  private static List<List<Expr>> toExprs(BigFraction[][] x) {
    List<List<Expr>> out = new ArrayList<>();
    for (BigFraction[] row : x) {
      List<Expr> r = new ArrayList<>();
      for (BigFraction f : row) {
        r.add(new Expr.Num(f.getNumerator(), f.getDenominator()));
      }
      out.add(r);
    }
    return out;
  }
}
