package org.gaugebias.symbolic.symmetry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hipparchus.fraction.BigFraction;

/**
 * The linear symmetries of a polynomial predictor, exactly: a basis of the Lie algebra
 * {A : J_f(θ) A θ ≡ 0} (THEORY.md §1, §6), or of its symmetric or antisymmetric part.
 *
 * <p>{@code J_f(θ) A θ = Σ_{j,k} A_jk θ_k ∂_j f(θ)} is a polynomial whose coefficients are linear
 * in the d² entries of A, so the identity is equivalent to one linear equation per component of
 * f and per monomial (coefficient matching; no sampling, no genericity argument). The system is
 * solved over F_p ({@link SparseEchelon}); the null space in reduced row-echelon form is unique,
 * so its image over Q is obtained by rational reconstruction, and every basis matrix is then
 * re-checked exactly in Q[θ]. A rank mod p is at most the rank over Q, so the modular null space
 * is at least as large as the rational one: when all reconstructed matrices pass the exact check,
 * the basis is exact and complete.
 */
final class PolynomialSymmetries {
  /** Which matrices A are sought. */
  enum Part { ALL, SYMMETRIC, ANTISYMMETRIC }

  /**
   * @param basis the generator matrices, canonical (reduced row-echelon in the entries A_jk,
   *     row-major): one diag(…, 1, …, −1, …) per rescaling, E_ij − E_ji per rotation
   * @param equations how many coefficient equations the identity gave
   * @param unknowns how many entries of A were unknown
   */
  record Result(List<BigFraction[][]> basis, int equations, int unknowns) {
    Result {
      basis = List.copyOf(basis);
    }
  }

  private PolynomialSymmetries() {
  }

  static Result solve(PolynomialPredictor f, Part part) {
    int d = f.dimension();
    Map<Equation, Map<Integer, Long>> equations = new HashMap<>();
    for (int i = 0; i < f.outputs(); i++) {
      for (int j : f.components().get(i).variables()) {
        Polynomial dj = f.components().get(i).derivative(j);
        for (int k = 0; k < d; k++) {
          int col = column(part, d, j, k);
          if (col < 0) {
            continue;
          }
          long sign = part == Part.ANTISYMMETRIC && j > k ? Modular.P - 1 : 1;
          for (Map.Entry<Monomial, BigFraction> t : dj.terms().entrySet()) {
            long c = Modular.mul(Modular.of(t.getValue()), sign);
            equations.computeIfAbsent(new Equation(i, t.getKey().timesVariable(k)),
                e -> new HashMap<>()).merge(col, c, Modular::add);
          }
        }
      }
    }
    List<SparseEchelon.Row> rows = new ArrayList<>();
    for (Map<Integer, Long> e : equations.values()) {
      SparseEchelon.Row r = SparseEchelon.Row.of(e);
      if (!r.isEmpty()) {
        rows.add(r);
      }
    }
    // short equations first: the many one-unknown equations (A_jk = 0) then cost nothing
    rows.sort((a, b) -> a.cols().length != b.cols().length
        ? Integer.compare(a.cols().length, b.cols().length)
        : java.util.Arrays.compare(a.cols(), b.cols()));
    SparseEchelon system = new SparseEchelon(d * d);
    for (int j = 0; j < d; j++) {
      for (int k = 0; k < d; k++) {
        if (column(part, d, j, k) != j * d + k) {
          // not an unknown of this part (lower triangle, or the diagonal of a skew matrix)
          system.add(new SparseEchelon.Row(new int[] {j * d + k}, new long[] {1}));
        }
      }
    }
    for (SparseEchelon.Row r : rows) {
      system.add(r);
    }
    List<BigFraction[][]> basis = new ArrayList<>();
    for (SparseEchelon.Row v : system.kernel()) {
      BigFraction[][] a = matrix(part, d, v);
      if (!isSymmetry(f, a)) {
        throw new ArithmeticException("a reconstructed generator fails the exact check"
            + " J_f A θ ≡ 0 (its entries exceed the rational reconstruction bound)");
      }
      basis.add(a);
    }
    int unknowns = 0;
    for (int j = 0; j < d; j++) {
      for (int k = 0; k < d; k++) {
        unknowns += column(part, d, j, k) == j * d + k ? 1 : 0;
      }
    }
    return new Result(basis, equations.size(), unknowns);
  }

  /** One coefficient equation: component i of f, coefficient of monomial m. */
  private record Equation(int component, Monomial monomial) { }

  /** The unknown that entry (j, k) of A is, or −1 if it is fixed at 0. */
  private static int column(Part part, int d, int j, int k) {
    return switch (part) {
      case ALL -> j * d + k;
      case SYMMETRIC -> Math.min(j, k) * d + Math.max(j, k);
      case ANTISYMMETRIC -> j == k ? -1 : Math.min(j, k) * d + Math.max(j, k);
    };
  }

  private static BigFraction[][] matrix(Part part, int d, SparseEchelon.Row v) {
    BigFraction[][] a = new BigFraction[d][d];
    for (BigFraction[] row : a) {
      java.util.Arrays.fill(row, BigFraction.ZERO);
    }
    for (int n = 0; n < v.cols().length; n++) {
      int j = v.cols()[n] / d;
      int k = v.cols()[n] % d;
      Optional<BigFraction> x = Modular.reconstruct(v.vals()[n]);
      if (x.isEmpty()) {
        throw new ArithmeticException("generator entry has no small rational preimage");
      }
      a[j][k] = x.get();
      if (part == Part.SYMMETRIC) {
        a[k][j] = x.get();
      } else if (part == Part.ANTISYMMETRIC) {
        a[k][j] = x.get().negate();
      }
    }
    return a;
  }

  /** The exact check {@code J_f(θ) A θ ≡ 0} in Q[θ]. */
  static boolean isSymmetry(PolynomialPredictor f, BigFraction[][] a) {
    int d = f.dimension();
    List<Polynomial> field = new ArrayList<>();
    for (int j = 0; j < d; j++) {
      Polynomial row = Polynomial.ZERO;
      for (int k = 0; k < d; k++) {
        if (a[j][k].signum() != 0) {
          row = row.plus(Polynomial.variable(k).scale(a[j][k]));
        }
      }
      field.add(row);
    }
    for (Polynomial fi : f.components()) {
      Polynomial sum = Polynomial.ZERO;
      for (int j : fi.variables()) {
        if (!field.get(j).isZero()) {
          sum = sum.plus(fi.derivative(j).times(field.get(j)));
        }
      }
      if (!sum.isZero()) {
        return false;
      }
    }
    return true;
  }
}
