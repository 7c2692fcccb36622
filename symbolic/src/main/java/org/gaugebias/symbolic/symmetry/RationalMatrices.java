package org.gaugebias.symbolic.symmetry;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.hipparchus.fraction.BigFraction;

/**
 * Small exact linear algebra over Q (dense, BigFraction Gauss–Jordan), for the few-generator
 * computations where sizes are tiny: splitting an algebra given by a basis into its symmetric
 * and antisymmetric parts, comparing spans. Large systems go through {@link SparseEchelon}.
 */
final class RationalMatrices {
  private RationalMatrices() {
  }

  /** The reduced row-echelon form of {@code rows} (non-zero rows only); inputs are not changed. */
  static List<BigFraction[]> rref(List<BigFraction[]> rows) {
    List<BigFraction[]> a = new ArrayList<>();
    for (BigFraction[] r : rows) {
      a.add(r.clone());
    }
    int cols = a.isEmpty() ? 0 : a.get(0).length;
    int rank = 0;
    for (int c = 0; c < cols && rank < a.size(); c++) {
      int p = -1;
      for (int i = rank; i < a.size(); i++) {
        if (a.get(i)[c].signum() != 0) {
          p = i;
          break;
        }
      }
      if (p < 0) {
        continue;
      }
      java.util.Collections.swap(a, rank, p);
      BigFraction[] pr = a.get(rank);
      BigFraction inv = pr[c].reciprocal();
      for (int k = c; k < cols; k++) {
        pr[k] = pr[k].multiply(inv);
      }
      for (int i = 0; i < a.size(); i++) {
        BigFraction[] r = a.get(i);
        if (i == rank || r[c].signum() == 0) {
          continue;
        }
        BigFraction f = r[c];
        for (int k = c; k < cols; k++) {
          if (pr[k].signum() != 0) {
            r[k] = r[k].subtract(f.multiply(pr[k]));
          }
        }
      }
      rank++;
    }
    return new ArrayList<>(a.subList(0, rank));
  }

  static int rank(List<BigFraction[]> rows) {
    return rref(rows).size();
  }

  /** A basis of {x : Σ_a x_a v_a = 0} for the given vectors v_a (all of one length). */
  static List<BigFraction[]> relations(List<BigFraction[]> vectors) {
    int k = vectors.size();
    if (k == 0) {
      return List.of();
    }
    int n = vectors.get(0).length;
    List<BigFraction[]> eqs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      BigFraction[] row = new BigFraction[k];
      for (int a = 0; a < k; a++) {
        row[a] = vectors.get(a)[i];
      }
      eqs.add(row);
    }
    List<BigFraction[]> r = rref(eqs);
    boolean[] pivot = new boolean[k];
    int[] pivotOf = new int[r.size()];
    for (int i = 0; i < r.size(); i++) {
      int c = 0;
      while (r.get(i)[c].signum() == 0) {
        c++;
      }
      pivot[c] = true;
      pivotOf[i] = c;
    }
    List<BigFraction[]> out = new ArrayList<>();
    for (int f = 0; f < k; f++) {
      if (pivot[f]) {
        continue;
      }
      BigFraction[] x = new BigFraction[k];
      Arrays.fill(x, BigFraction.ZERO);
      x[f] = BigFraction.ONE;
      for (int i = 0; i < r.size(); i++) {
        x[pivotOf[i]] = r.get(i)[f].negate();
      }
      out.add(x);
    }
    return out;
  }

  static BigFraction[][] zero(int d) {
    BigFraction[][] s = new BigFraction[d][d];
    for (BigFraction[] row : s) {
      Arrays.fill(row, BigFraction.ZERO);
    }
    return s;
  }

  static BigFraction[] flatten(BigFraction[][] m) {
    int d = m.length;
    BigFraction[] v = new BigFraction[d * d];
    for (int i = 0; i < d; i++) {
      System.arraycopy(m[i], 0, v, i * d, d);
    }
    return v;
  }

  static BigFraction[][] unflatten(BigFraction[] v, int d) {
    BigFraction[][] m = new BigFraction[d][d];
    for (int i = 0; i < d; i++) {
      System.arraycopy(v, i * d, m[i], 0, d);
    }
    return m;
  }

  /**
   * The part of span{A_a} of matrices with Aᵀ = sign·A (sign +1: symmetric, −1: antisymmetric),
   * as a canonical (reduced row-echelon) basis.
   */
  static List<BigFraction[][]> part(List<BigFraction[][]> basis, int sign) {
    int d = basis.isEmpty() ? 0 : basis.get(0).length;
    List<BigFraction[]> defects = new ArrayList<>();
    for (BigFraction[][] a : basis) {
      BigFraction[] v = new BigFraction[d * d];
      for (int i = 0; i < d; i++) {
        for (int j = 0; j < d; j++) {
          v[i * d + j] = sign > 0 ? a[i][j].subtract(a[j][i]) : a[i][j].add(a[j][i]);
        }
      }
      defects.add(v);
    }
    List<BigFraction[]> combos = new ArrayList<>();
    for (BigFraction[] c : relations(defects)) {
      BigFraction[] v = new BigFraction[d * d];
      Arrays.fill(v, BigFraction.ZERO);
      for (int a = 0; a < c.length; a++) {
        if (c[a].signum() != 0) {
          BigFraction[] fa = flatten(basis.get(a));
          for (int i = 0; i < v.length; i++) {
            v[i] = v[i].add(c[a].multiply(fa[i]));
          }
        }
      }
      combos.add(v);
    }
    List<BigFraction[][]> out = new ArrayList<>();
    for (BigFraction[] v : rref(combos)) {
      out.add(unflatten(v, d));
    }
    return out;
  }

  /** Whether two lists of matrices span the same space. */
  static boolean sameSpan(List<BigFraction[][]> a, List<BigFraction[][]> b) {
    List<BigFraction[]> va = a.stream().map(RationalMatrices::flatten).toList();
    List<BigFraction[]> vb = b.stream().map(RationalMatrices::flatten).toList();
    List<BigFraction[]> both = new ArrayList<>(va);
    both.addAll(vb);
    int r = rank(both);
    return r == rank(va) && r == rank(vb);
  }
}
