package org.gaugebias.symbolic.symmetry;

import java.util.ArrayList;
import java.util.List;
import org.hipparchus.fraction.BigFraction;

/**
 * Test architectures built directly as polynomial predictors (no CAS): linear networks
 * W_L ⋯ W_1, two-layer ReLU networks in their per-unit products, Hadamard products; and the
 * conservation laws the literature knows for them, as symmetric matrices S (h = ½θᵀSθ).
 */
final class Networks {
  private Networks() {
  }

  /** A predictor with its known quadratic laws. */
  record Known(String name, PolynomialPredictor predictor, List<String> outputs,
      List<BigFraction[][]> laws) { }

  /** f = y_1 ⋯ y_k: laws y_i² − y_{i+1}². */
  static Known product(int k) {
    List<String> theta = new ArrayList<>();
    Polynomial f = Polynomial.constant(BigFraction.ONE);
    for (int i = 0; i < k; i++) {
      theta.add("y" + (i + 1));
      f = f.times(Polynomial.variable(i));
    }
    List<BigFraction[][]> laws = new ArrayList<>();
    for (int i = 0; i + 1 < k; i++) {
      BigFraction[][] s = zero(k);
      s[i][i] = BigFraction.ONE;
      s[i + 1][i + 1] = BigFraction.MINUS_ONE;
      laws.add(s);
    }
    return new Known("product " + k, new PolynomialPredictor(theta, List.of(f)), List.of("f"),
        laws);
  }

  /**
   * f = W_L ⋯ W_1 with W_l of size widths[l] × widths[l−1]; laws: the entries (j ≤ k) of
   * W_{l+1}ᵀW_{l+1} − W_l W_lᵀ for every hidden layer l.
   */
  static Known linear(int... widths) {
    int layers = widths.length - 1;
    List<String> theta = new ArrayList<>();
    int[][][] index = new int[layers][][];
    for (int l = 0; l < layers; l++) {
      index[l] = new int[widths[l + 1]][widths[l]];
      for (int a = 0; a < widths[l + 1]; a++) {
        for (int b = 0; b < widths[l]; b++) {
          index[l][a][b] = theta.size();
          theta.add("W" + (l + 1) + "$" + (a + 1) + "$" + (b + 1));
        }
      }
    }
    // product, built left to right: P = W_1, then W_{l} P
    Polynomial[][] p = new Polynomial[widths[1]][widths[0]];
    for (int a = 0; a < widths[1]; a++) {
      for (int b = 0; b < widths[0]; b++) {
        p[a][b] = Polynomial.variable(index[0][a][b]);
      }
    }
    for (int l = 1; l < layers; l++) {
      Polynomial[][] q = new Polynomial[widths[l + 1]][widths[0]];
      for (int a = 0; a < widths[l + 1]; a++) {
        for (int b = 0; b < widths[0]; b++) {
          Polynomial s = Polynomial.ZERO;
          for (int c = 0; c < widths[l]; c++) {
            s = s.plus(Polynomial.variable(index[l][a][c]).times(p[c][b]));
          }
          q[a][b] = s;
        }
      }
      p = q;
    }
    List<Polynomial> f = new ArrayList<>();
    List<String> outs = new ArrayList<>();
    for (int a = 0; a < p.length; a++) {
      for (int b = 0; b < p[a].length; b++) {
        f.add(p[a][b]);
        outs.add("W$" + (a + 1) + "$" + (b + 1));
      }
    }
    int d = theta.size();
    List<BigFraction[][]> laws = new ArrayList<>();
    for (int l = 0; l + 1 < layers; l++) {
      int n = widths[l + 1];
      for (int j = 0; j < n; j++) {
        for (int k = j; k < n; k++) {
          BigFraction[][] s = zero(d);
          // (W_{l+1}ᵀ W_{l+1})_{jk} = Σ_a W_{l+1}[a][j] W_{l+1}[a][k]
          for (int a = 0; a < widths[l + 2]; a++) {
            addSym(s, index[l + 1][a][j], index[l + 1][a][k], BigFraction.ONE);
          }
          // (W_l W_lᵀ)_{jk} = Σ_b W_l[j][b] W_l[k][b]
          for (int b = 0; b < widths[l]; b++) {
            addSym(s, index[l][j][b], index[l][k][b], BigFraction.MINUS_ONE);
          }
          laws.add(s);
        }
      }
    }
    return new Known("linear " + java.util.Arrays.toString(widths),
        new PolynomialPredictor(theta, f), outs, laws);
  }

  /**
   * Two-layer ReLU network in its per-unit products (THEORY.md §3): unit k has input weights
   * w_k ∈ R^in and output weights v_k ∈ R^out, predictor β_k = v_k w_kᵀ; laws ‖w_k‖² − ‖v_k‖².
   */
  static Known relu(int in, int hidden, int out) {
    List<String> theta = new ArrayList<>();
    List<Polynomial> f = new ArrayList<>();
    List<String> outs = new ArrayList<>();
    List<int[]> units = new ArrayList<>();
    for (int k = 0; k < hidden; k++) {
      int first = theta.size();
      for (int i = 0; i < in; i++) {
        theta.add("w" + (k + 1) + "$" + (i + 1));
      }
      for (int o = 0; o < out; o++) {
        theta.add("v" + (k + 1) + "$" + (o + 1));
      }
      units.add(new int[] {first, first + in});
      for (int o = 0; o < out; o++) {
        for (int i = 0; i < in; i++) {
          f.add(Polynomial.variable(first + in + o).times(Polynomial.variable(first + i)));
          outs.add("beta" + (k + 1) + "$" + (o + 1) + "$" + (i + 1));
        }
      }
    }
    int d = theta.size();
    List<BigFraction[][]> laws = new ArrayList<>();
    for (int[] u : units) {
      BigFraction[][] s = zero(d);
      for (int i = 0; i < in; i++) {
        s[u[0] + i][u[0] + i] = BigFraction.ONE;
      }
      for (int o = 0; o < out; o++) {
        s[u[1] + o][u[1] + o] = BigFraction.MINUS_ONE;
      }
      laws.add(s);
    }
    return new Known("relu " + in + "-" + hidden + "-" + out, new PolynomialPredictor(theta, f),
        outs, laws);
  }

  private static void addSym(BigFraction[][] s, int i, int j, BigFraction c) {
    if (i == j) {
      s[i][i] = s[i][i].add(c);
    } else {
      s[i][j] = s[i][j].add(c);
      s[j][i] = s[j][i].add(c);
    }
  }

  static BigFraction[][] zero(int d) {
    BigFraction[][] s = new BigFraction[d][d];
    for (BigFraction[] row : s) {
      java.util.Arrays.fill(row, BigFraction.ZERO);
    }
    return s;
  }

  /** Exact rank of matrices seen as vectors (row-major), by rational elimination. */
  static int rank(List<BigFraction[][]> ms) {
    List<BigFraction[]> rows = new ArrayList<>();
    for (BigFraction[][] m : ms) {
      int d = m.length;
      BigFraction[] r = new BigFraction[d * d];
      for (int i = 0; i < d; i++) {
        System.arraycopy(m[i], 0, r, i * d, d);
      }
      rows.add(r);
    }
    int rank = 0;
    int cols = rows.isEmpty() ? 0 : rows.get(0).length;
    for (int c = 0; c < cols && rank < rows.size(); c++) {
      int p = -1;
      for (int i = rank; i < rows.size(); i++) {
        if (rows.get(i)[c].signum() != 0) {
          p = i;
          break;
        }
      }
      if (p < 0) {
        continue;
      }
      java.util.Collections.swap(rows, rank, p);
      BigFraction[] pr = rows.get(rank);
      for (int i = rank + 1; i < rows.size(); i++) {
        BigFraction[] r = rows.get(i);
        if (r[c].signum() == 0) {
          continue;
        }
        BigFraction f = r[c].divide(pr[c]);
        for (int k = c; k < cols; k++) {
          if (pr[k].signum() != 0) {
            r[k] = r[k].subtract(f.multiply(pr[k]));
          }
        }
      }
      rank++;
    }
    return rank;
  }
}
