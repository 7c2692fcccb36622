package org.gaugebias.symbolic.derive.structure;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.gaugebias.symbolic.compile.MatrixConstant;
import org.gaugebias.symbolic.compile.Parameterization;
import org.gaugebias.symbolic.expr.Expr;
import org.gaugebias.symbolic.expr.Exprs;
import org.gaugebias.symbolic.expr.NumericEvaluator;
import org.gaugebias.symbolic.trace.NamedOperator;

/**
 * The operator A of β = A ω(θ) recognised as a declared Kronecker constant K = F_1 ⊗ … ⊗ F_m
 * (or K⁻¹, Kᵀ, K⁻ᵀ), and analysed from its factors alone: each factor by
 * {@link ConstantOperator}; log|det K| = Σ_k (N/n_k) log|det F_k| (for two factors
 * n_B log|det A| + n_A log|det B|); A⁻¹ the Kronecker product of the factors (or of their
 * inverses, transposes); A triangular or orthonormal when every factor is (lower ⊗ lower is
 * lower, orthonormal ⊗ orthonormal is orthonormal). The match itself applies K by its factors
 * ((A ⊗ B) x = vec(A X Bᵀ), row-major) to the columns of A: N² Σ n_k operations, no dense K, no
 * LU of an N×N matrix. Used by the structure route (THEORY.md §2–3: det P = det(A)² Π det P_b).
 *
 * @param constant the design's Kronecker constant
 * @param relation how ω = A⁻¹β is written with it
 * @param factors the factors' analyses, left to right
 * @param operator the analysis of A, assembled from the factors
 */
record KroneckerOperator(MatrixConstant constant, NamedOperator.Relation relation,
    List<ConstantOperator> factors, ConstantOperator operator) {

  /** A, when it is one of the design's Kronecker constants (or its inverse, transpose…). */
  static Optional<KroneckerOperator> match(Parameterization p, List<List<Expr>> a) {
    int n = a.size();
    double[][] av = null;
    for (MatrixConstant c : p.matrices()) {
      if (!c.kronecker() || c.size() != n) {
        continue;
      }
      if (av == null) {
        try {
          av = NumericEvaluator.matrix(a);
        } catch (RuntimeException e) {
          return Optional.empty();
        }
      }
      List<double[][]> f = new ArrayList<>();
      List<double[][]> ft = new ArrayList<>();
      for (MatrixConstant factor : c.factors()) {
        double[][] v = NumericEvaluator.matrix(factor.entries());
        f.add(v);
        ft.add(transposed(v));
      }
      NamedOperator.Relation r = inverseOf(f, av) ? NamedOperator.Relation.APPLIED
          : equals(f, av) ? NamedOperator.Relation.INVERSE
          : inverseOf(ft, av) ? NamedOperator.Relation.TRANSPOSE
          : equals(ft, av) ? NamedOperator.Relation.INVERSE_TRANSPOSE : null;
      if (r == null) {
        continue;
      }
      List<ConstantOperator> ops = new ArrayList<>();
      for (MatrixConstant factor : c.factors()) {
        Optional<ConstantOperator> op = ConstantOperator.of(factor.entries());
        if (op.isEmpty()) {
          return Optional.empty();
        }
        ops.add(op.get());
      }
      return Optional.of(new KroneckerOperator(c, r, ops, assemble(c, r, ops)));
    }
    return Optional.empty();
  }

  /** The operator by name, for printing: {@code D2 = Dct_8 ⊗ Dct_8}, ω = D2 β. */
  NamedOperator named(List<Expr> forms, String predictor, List<Expr> atoms) {
    List<NamedOperator.Factor> out = new ArrayList<>();
    for (int k = 0; k < factors.size(); k++) {
      MatrixConstant f = constant.factors().get(k);
      out.add(new NamedOperator.Factor(f.name(), f.declaration().orElse(f.name()),
          f.meaning().orElse(""), factors.get(k).kind().name(), factors.get(k).logAbsDet(),
          f.entries()));
    }
    return new NamedOperator(constant.name(), constant.transform(),
        constant.meaning().orElse("a Kronecker product"), relation, List.of(), forms, predictor,
        atoms, out);
  }

  /**
   * A's analysis from the factors': its kind, log|det A| = ±Σ_k (N/n_k) log|det F_k| (− when
   * A = K⁻¹ or K⁻ᵀ), its error, and A⁻¹ as the Kronecker product of the factors, their
   * inverses or transposes.
   */
  private static ConstantOperator assemble(MatrixConstant c, NamedOperator.Relation r,
      List<ConstantOperator> ops) {
    int total = c.size();
    List<List<List<Expr>>> inverseFactors = new ArrayList<>();
    List<Expr> logTerms = new ArrayList<>();
    double error = 0;
    double orthonormality = 1;
    for (int k = 0; k < ops.size(); k++) {
      ConstantOperator op = ops.get(k);
      List<List<Expr>> entries = c.factors().get(k).entries();
      inverseFactors.add(switch (r) {
        case APPLIED -> entries;                         // A⁻¹ = K
        case INVERSE -> op.inverse();                    // A⁻¹ = K⁻¹
        case TRANSPOSE -> transposed(entries);           // A⁻¹ = Kᵀ
        case INVERSE_TRANSPOSE -> transposed(op.inverse()); // A⁻¹ = K⁻ᵀ
      });
      int weight = total / op.size();
      if (!Exprs.isZero(op.logAbsDet())) {
        logTerms.add(Expr.mul(Expr.integer(weight), op.logAbsDet()));
      }
      error += weight * op.logAbsDetError();
      orthonormality *= 1 + op.orthonormalityError();
    }
    Expr logDet = logTerms.isEmpty() ? Expr.integer(0) : logTerms.size() == 1 ? logTerms.get(0)
        : new Expr.Add(logTerms);
    boolean inverted = r == NamedOperator.Relation.APPLIED
        || r == NamedOperator.Relation.TRANSPOSE;
    if (inverted && !Exprs.isZero(logDet)) {
      logDet = Expr.mul(Expr.integer(-1), logDet);
    }
    ConstantOperator.Kind kind = kind(c, ops);
    if (kind == ConstantOperator.Kind.NUMERIC && error == 0) {
      error = Math.ulp(1.0); // exact factors of mixed kinds: the log-det is exact
    }
    return new ConstantOperator(kind, total, logDet, error, product(inverseFactors),
        kind == ConstantOperator.Kind.ORTHONORMAL ? orthonormality - 1 : 0);
  }

  /**
   * The kind inherited from the factors: identity if all are, triangular if all are triangular
   * the same way (or the identity), orthonormal if all are, rational if all are; else numeric.
   */
  private static ConstantOperator.Kind kind(MatrixConstant c, List<ConstantOperator> ops) {
    boolean identity = true;
    boolean orthonormal = true;
    boolean rational = true;
    boolean lower = true;
    boolean upper = true;
    for (int k = 0; k < ops.size(); k++) {
      ConstantOperator.Kind f = ops.get(k).kind();
      identity &= f == ConstantOperator.Kind.IDENTITY;
      orthonormal &= f == ConstantOperator.Kind.IDENTITY || f == ConstantOperator.Kind.ORTHONORMAL;
      rational &= f == ConstantOperator.Kind.IDENTITY || f == ConstantOperator.Kind.TRIANGULAR
          || f == ConstantOperator.Kind.RATIONAL;
      List<List<Expr>> m = c.factors().get(k).entries();
      for (int i = 0; i < m.size(); i++) {
        for (int j = 0; j < m.size(); j++) {
          boolean zero = Exprs.isZero(m.get(i).get(j));
          lower &= j <= i || zero;
          upper &= j >= i || zero;
        }
      }
    }
    if (identity) {
      return ConstantOperator.Kind.IDENTITY;
    }
    if (rational && (lower || upper)) {
      return ConstantOperator.Kind.TRIANGULAR;
    }
    if (orthonormal) {
      return ConstantOperator.Kind.ORTHONORMAL;
    }
    return rational ? ConstantOperator.Kind.RATIONAL : ConstantOperator.Kind.NUMERIC;
  }

  /** The dense Kronecker product of exact factors (A⁻¹'s rows become ω's linear forms). */
  private static List<List<Expr>> product(List<List<List<Expr>>> factors) {
    List<List<Expr>> dense = List.of(List.of(Expr.integer(1)));
    for (List<List<Expr>> f : factors) {
      List<List<Expr>> next = new ArrayList<>();
      for (List<Expr> ra : dense) {
        for (List<Expr> rb : f) {
          List<Expr> row = new ArrayList<>();
          for (Expr x : ra) {
            for (Expr y : rb) {
              row.add(times(x, y));
            }
          }
          next.add(row);
        }
      }
      dense = next;
    }
    return dense;
  }

  /** x·y with the rational factors multiplied out ({@code (-1)(-1) = 1}, not a product). */
  private static Expr times(Expr x, Expr y) {
    if (Exprs.isZero(x) || Exprs.isZero(y)) {
      return Expr.integer(0);
    }
    Expr.Num c = Expr.integer(1);
    List<Expr> other = new ArrayList<>();
    for (Expr f : List.of(x, y)) {
      for (Expr g : f instanceof Expr.Mul m ? m.factors() : List.of(f)) {
        if (g instanceof Expr.Num q) {
          c = new Expr.Num(c.num().multiply(q.num()), c.den().multiply(q.den()));
        } else {
          other.add(g);
        }
      }
    }
    if (other.isEmpty()) {
      return c;
    }
    if (!c.num().equals(c.den())) {
      other.add(0, c);
    }
    return other.size() == 1 ? other.get(0) : new Expr.Mul(other);
  }

  /** Whether K A = I, K applied by its factors to each column of A (1e-9 relative). */
  private static boolean inverseOf(List<double[][]> k, double[][] a) {
    int n = a.length;
    for (int j = 0; j < n; j++) {
      double[] col = new double[n];
      for (int i = 0; i < n; i++) {
        col[i] = a[i][j];
      }
      double[] y = apply(k, col);
      for (int i = 0; i < n; i++) {
        if (!(Math.abs(y[i] - (i == j ? 1 : 0)) <= 1e-9)) {
          return false;
        }
      }
    }
    return true;
  }

  /** Whether A = K, column by column (K e_j by the factors). */
  private static boolean equals(List<double[][]> k, double[][] a) {
    int n = a.length;
    double scale = 0;
    for (double[] row : a) {
      for (double x : row) {
        scale = Math.max(scale, Math.abs(x));
      }
    }
    for (int j = 0; j < n; j++) {
      double[] e = new double[n];
      e[j] = 1;
      double[] y = apply(k, e);
      for (int i = 0; i < n; i++) {
        if (!(Math.abs(y[i] - a[i][j]) <= 1e-9 * Math.max(1, scale))) {
          return false;
        }
      }
    }
    return true;
  }

  /**
   * (F_1 ⊗ … ⊗ F_m) x, x read row-major as an n_1×…×n_m array, each factor applied along its
   * axis: (A ⊗ B) x = vec(A X Bᵀ).
   */
  static double[] apply(List<double[][]> factors, double[] x) {
    int total = x.length;
    double[] y = x.clone();
    int stride = 1;
    for (int k = factors.size() - 1; k >= 0; k--) {
      double[][] f = factors.get(k);
      int n = f.length;
      int block = n * stride;
      double[] z = new double[total];
      for (int outer = 0; outer < total; outer += block) {
        for (int inner = 0; inner < stride; inner++) {
          for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0; j < n; j++) {
              s += f[i][j] * y[outer + j * stride + inner];
            }
            z[outer + i * stride + inner] = s;
          }
        }
      }
      y = z;
      stride = block;
    }
    return y;
  }


  private static double[][] transposed(double[][] m) {
    double[][] t = new double[m[0].length][m.length];
    for (int i = 0; i < m.length; i++) {
      for (int j = 0; j < m[i].length; j++) {
        t[j][i] = m[i][j];
      }
    }
    return t;
  }

  private static List<List<Expr>> transposed(List<List<Expr>> m) {
    List<List<Expr>> t = new ArrayList<>();
    for (int j = 0; j < m.get(0).size(); j++) {
      List<Expr> row = new ArrayList<>();
      for (List<Expr> r : m) {
        row.add(r.get(j));
      }
      t.add(row);
    }
    return t;
  }
}
