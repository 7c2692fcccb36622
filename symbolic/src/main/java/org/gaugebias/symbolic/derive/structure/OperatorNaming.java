package org.gaugebias.symbolic.derive.structure;

import java.util.List;
import java.util.Optional;
import org.gaugebias.symbolic.compile.MatrixConstant;
import org.gaugebias.symbolic.compile.Parameterization;
import org.gaugebias.symbolic.expr.Expr;
import org.gaugebias.symbolic.expr.NumericEvaluator;
import org.gaugebias.symbolic.trace.NamedOperator;

/**
 * Names the operator A of β = A ω(θ) after the design's matrix constant it is built from, by
 * comparing A⁻¹, A, Aᵀ… with each square constant in double precision (a predictor
 * {@code Transpose[Dct].(u*v)} has A = Dctᵀ, so ω = A⁻¹β = Dct β for the orthonormal Dct).
 * A dense operator that is none of the constants is called A. Identity and sparse operators
 * (ω_k with at most {@value #SPARSE} terms, e.g. differences) need no name: their forms print
 * short.
 */
final class OperatorNaming {
  /** Linear forms with at most this many terms print as they are. */
  static final int SPARSE = 3;

  private OperatorNaming() {
  }

  static Optional<NamedOperator> of(Parameterization p, List<List<Expr>> a, ConstantOperator op,
      List<Expr> forms, List<Expr> atoms) {
    if (op.kind() == ConstantOperator.Kind.IDENTITY) {
      return Optional.empty();
    }
    int n = a.size();
    double[][] av = NumericEvaluator.matrix(a);
    double[][] inv = NumericEvaluator.matrix(op.inverse());
    String beta = p.predictorVariable().name();
    for (MatrixConstant c : p.matrices()) {
      if (c.size() != n) {
        continue;
      }
      double[][] cv;
      try {
        cv = NumericEvaluator.matrix(c.entries());
      } catch (RuntimeException e) {
        continue;
      }
      NamedOperator.Relation r = close(inv, cv, false) ? NamedOperator.Relation.APPLIED
          : close(av, cv, false) ? NamedOperator.Relation.INVERSE
          : close(inv, cv, true) ? NamedOperator.Relation.TRANSPOSE
          : close(av, cv, true) ? NamedOperator.Relation.INVERSE_TRANSPOSE : null;
      if (r != null) {
        String meaning = c.meaning().orElse("the constant " + n + "×" + n + " matrix " + c.name()
            + " of the design");
        return Optional.of(new NamedOperator(c.name(), c.transform(), meaning, r,
            c.entries(), forms, beta, atoms));
      }
    }
    boolean dense = forms.stream().anyMatch(f -> f instanceof Expr.Add s
        && s.terms().size() > SPARSE);
    if (!dense) {
      return Optional.empty();
    }
    return Optional.of(new NamedOperator("A", Optional.empty(), "the constant " + n + "×" + n
        + " operator of the predictor", NamedOperator.Relation.INVERSE, a, forms, beta, atoms));
  }


  /** Whether x equals c (or cᵀ) entry by entry to 1e-9 relative to the largest entry. */
  private static boolean close(double[][] x, double[][] c, boolean transposed) {
    double scale = 0;
    for (double[] row : c) {
      for (double e : row) {
        scale = Math.max(scale, Math.abs(e));
      }
    }
    for (int i = 0; i < x.length; i++) {
      if (x[i].length != c.length) {
        return false;
      }
      for (int j = 0; j < x[i].length; j++) {
        double want = transposed ? c[j][i] : c[i][j];
        if (!(Math.abs(x[i][j] - want) <= 1e-9 * Math.max(1, scale))) {
          return false;
        }
      }
    }
    return true;
  }
}
