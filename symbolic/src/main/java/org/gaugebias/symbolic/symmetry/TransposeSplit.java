package org.gaugebias.symbolic.symmetry;

import java.util.ArrayList;
import java.util.List;
import org.hipparchus.fraction.BigFraction;

/**
 * The symmetric/antisymmetric split of a linear Lie algebra (THEORY.md §2). When the span of the
 * generator matrices A_a (ξ_a = A_a θ) is closed under transpose, it is the direct sum of its
 * symmetric part (spanned by (A + Aᵀ)/2, gauged by moment maps) and its antisymmetric part
 * (spanned by (A − Aᵀ)/2, compact, fixed by a canonical representative). When it is not closed
 * (shears), the parts are not symmetries and a gauge must be declared. Exact rational arithmetic.
 *
 * @param closed whether the span is closed under transpose
 * @param symmetric a basis of the symmetric part in reduced row-echelon form (empty if not closed)
 * @param antisymmetric a basis of the antisymmetric part, likewise
 */
public record TransposeSplit(boolean closed, List<BigFraction[][]> symmetric,
    List<BigFraction[][]> antisymmetric) {

  public TransposeSplit {
    symmetric = List.copyOf(symmetric);
    antisymmetric = List.copyOf(antisymmetric);
  }

  /** The split of the span of {@code matrices} (each d×d). */
  public static TransposeSplit of(List<BigFraction[][]> matrices) {
    if (matrices.isEmpty()) {
      return new TransposeSplit(true, List.of(), List.of());
    }
    int d = matrices.get(0).length;
    List<BigFraction[]> span = new ArrayList<>();
    List<BigFraction[]> withTransposes = new ArrayList<>();
    List<BigFraction[]> sym = new ArrayList<>();
    List<BigFraction[]> anti = new ArrayList<>();
    for (BigFraction[][] a : matrices) {
      BigFraction[] v = new BigFraction[d * d];
      BigFraction[] t = new BigFraction[d * d];
      BigFraction[] s = new BigFraction[d * d];
      BigFraction[] n = new BigFraction[d * d];
      for (int i = 0; i < d; i++) {
        for (int j = 0; j < d; j++) {
          v[i * d + j] = a[i][j];
          t[i * d + j] = a[j][i];
          s[i * d + j] = a[i][j].add(a[j][i]).divide(2);
          n[i * d + j] = a[i][j].subtract(a[j][i]).divide(2);
        }
      }
      span.add(v);
      withTransposes.add(v);
      withTransposes.add(t);
      sym.add(s);
      anti.add(n);
    }
    int rank = echelon(span).size();
    if (echelon(withTransposes).size() != rank) {
      return new TransposeSplit(false, List.of(), List.of());
    }
    return new TransposeSplit(true, matrices(echelon(sym), d), matrices(echelon(anti), d));
  }

  private static List<BigFraction[][]> matrices(List<BigFraction[]> rows, int d) {
    List<BigFraction[][]> out = new ArrayList<>();
    for (BigFraction[] v : rows) {
      BigFraction[][] m = new BigFraction[d][d];
      for (int i = 0; i < d; i++) {
        System.arraycopy(v, i * d, m[i], 0, d);
      }
      out.add(m);
    }
    return out;
  }

  /** The non-zero rows of the reduced row-echelon form of {@code rows} (a basis of their span). */
  static List<BigFraction[]> echelon(List<BigFraction[]> rows) {
    List<BigFraction[]> a = new ArrayList<>();
    rows.forEach(r -> a.add(r.clone()));
    int cols = a.isEmpty() ? 0 : a.get(0).length;
    int r = 0;
    for (int c = 0; c < cols && r < a.size(); c++) {
      int pivot = -1;
      for (int i = r; i < a.size(); i++) {
        if (a.get(i)[c].signum() != 0) {
          pivot = i;
          break;
        }
      }
      if (pivot < 0) {
        continue;
      }
      BigFraction[] p = a.remove(pivot);
      a.add(r, p);
      BigFraction lead = p[c];
      // generator matrices are sparse (a GL(r) generator of a product has 2r entries in d²):
      // only the pivot row's non-zero columns change the other rows
      int[] live = new int[cols];
      int n = 0;
      for (int k = 0; k < cols; k++) {
        if (p[k].signum() != 0) {
          p[k] = p[k].divide(lead);
          live[n++] = k;
        }
      }
      for (int i = 0; i < a.size(); i++) {
        BigFraction f = a.get(i)[c];
        if (i != r && f.signum() != 0) {
          BigFraction[] row = a.get(i);
          for (int m = 0; m < n; m++) {
            row[live[m]] = row[live[m]].subtract(f.multiply(p[live[m]]));
          }
        }
      }
      r++;
    }
    return new ArrayList<>(a.subList(0, r));
  }
}
