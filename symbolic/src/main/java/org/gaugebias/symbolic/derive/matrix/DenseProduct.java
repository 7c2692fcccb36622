package org.gaugebias.symbolic.derive.matrix;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.gaugebias.symbolic.trace.Variant;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.QRDecomposition;
import org.hipparchus.linear.RealMatrix;

/**
 * A product of L square r×r factors built densely in double precision, for checking an L-form at
 * a depth no design was derived at (issue 8): the balanced representative at a random orthogonal
 * frame, {@code W_l = R_l diag(σ^{1/L}) R_{l−1}ᵀ}; the tangent vectors of GL(r) at each inner
 * layer, {@code (E_ij W_l, −W_{l+1} E_ij)}; the predictor's Jacobian from the products of the
 * other factors, {@code ∂W/∂(W_l)_ab = (W_L ⋯ W_{l+1}) E_ab (W_{l−1} ⋯ W_1)}; the gradients of the
 * raw balance entries {@code (W_{l+1}ᵀW_{l+1} − W_l W_lᵀ)_ij}, i ≤ j. Nothing here uses the block
 * patterns; log-determinants come from eigenvalues.
 */
final class DenseProduct {
  private DenseProduct() { }

  /** log det of the variant's Gram matrix at singular values σ, depth L, a random frame. */
  static double logDet(Variant v, int depth, double[] sigma, SplittableRandom rng) {
    int r = sigma.length;
    RealMatrix d = MatrixUtils.createRealDiagonalMatrix(java.util.Arrays.stream(sigma)
        .map(s -> Math.pow(s, 1.0 / depth)).toArray());
    RealMatrix[] frames = new RealMatrix[depth + 1];
    for (int l = 0; l <= depth; l++) {
      frames[l] = orthogonal(rng, r);
    }
    RealMatrix[] w = new RealMatrix[depth];
    for (int l = 0; l < depth; l++) {
      w[l] = frames[l + 1].multiply(d).multiply(frames[l].transpose());
    }
    List<double[]> rows = switch (v) {
      case ORBIT -> generators(w, r);
      case QUOTIENT -> jacobian(w, r);
      case GAUGE -> balance(w, r);
    };
    return MatrixRoute.logPseudoDet(gram(rows));
  }

  private static List<double[]> generators(RealMatrix[] w, int r) {
    List<double[]> out = new ArrayList<>();
    for (int l = 0; l + 1 < w.length; l++) {
      for (int i = 0; i < r; i++) {
        for (int j = 0; j < r; j++) {
          RealMatrix[] t = zeros(w.length, r);
          t[l] = unit(r, i, j).multiply(w[l]);
          t[l + 1] = w[l + 1].multiply(unit(r, i, j)).scalarMultiply(-1);
          out.add(flat(t));
        }
      }
    }
    return out;
  }

  private static List<double[]> jacobian(RealMatrix[] w, int r) {
    List<double[]> out = new ArrayList<>();
    for (int a = 0; a < r; a++) {
      for (int b = 0; b < r; b++) {
        RealMatrix[] t = zeros(w.length, r);
        for (int l = 0; l < w.length; l++) {
          // row (a, b) of J: ∂W_ab/∂(W_l)_pq = above_ap below_qb
          RealMatrix above = product(w, l + 1, w.length, r);
          RealMatrix below = product(w, 0, l, r);
          for (int p = 0; p < r; p++) {
            for (int q = 0; q < r; q++) {
              t[l].setEntry(p, q, above.getEntry(a, p) * below.getEntry(q, b));
            }
          }
        }
        out.add(flat(t));
      }
    }
    return out;
  }

  private static List<double[]> balance(RealMatrix[] w, int r) {
    List<double[]> out = new ArrayList<>();
    for (int l = 0; l + 1 < w.length; l++) {
      for (int i = 0; i < r; i++) {
        for (int j = i; j < r; j++) {
          RealMatrix[] t = zeros(w.length, r);
          // ∂(W_{l+1}ᵀW_{l+1})_ij/∂(W_{l+1})_pq = δ_qi W_pj + δ_qj W_pi
          // ∂(W_l W_lᵀ)_ij/∂(W_l)_pq = δ_pi W_jq + δ_pj W_iq
          for (int p = 0; p < r; p++) {
            t[l + 1].addToEntry(p, i, w[l + 1].getEntry(p, j));
            t[l + 1].addToEntry(p, j, w[l + 1].getEntry(p, i));
            t[l].addToEntry(i, p, -w[l].getEntry(j, p));
            t[l].addToEntry(j, p, -w[l].getEntry(i, p));
          }
          out.add(flat(t));
        }
      }
    }
    return out;
  }

  /** W_{to−1} ⋯ W_from (the identity when empty). */
  private static RealMatrix product(RealMatrix[] w, int from, int to, int r) {
    RealMatrix p = MatrixUtils.createRealIdentityMatrix(r);
    for (int l = from; l < to; l++) {
      p = w[l].multiply(p);
    }
    return p;
  }

  private static RealMatrix[] zeros(int layers, int r) {
    RealMatrix[] t = new RealMatrix[layers];
    for (int l = 0; l < layers; l++) {
      t[l] = new Array2DRowRealMatrix(r, r);
    }
    return t;
  }

  private static RealMatrix unit(int r, int i, int j) {
    RealMatrix e = new Array2DRowRealMatrix(r, r);
    e.setEntry(i, j, 1);
    return e;
  }

  private static double[] flat(RealMatrix[] t) {
    int r = t[0].getRowDimension();
    double[] out = new double[t.length * r * r];
    int k = 0;
    for (RealMatrix m : t) {
      for (int i = 0; i < r; i++) {
        for (int j = 0; j < r; j++) {
          out[k++] = m.getEntry(i, j);
        }
      }
    }
    return out;
  }

  private static double[][] gram(List<double[]> rows) {
    int n = rows.size();
    double[][] g = new double[n][n];
    for (int a = 0; a < n; a++) {
      for (int b = a; b < n; b++) {
        double s = 0;
        for (int k = 0; k < rows.get(a).length; k++) {
          s += rows.get(a)[k] * rows.get(b)[k];
        }
        g[a][b] = s;
        g[b][a] = s;
      }
    }
    return g;
  }

  private static RealMatrix orthogonal(SplittableRandom rng, int n) {
    double[][] a = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        a[i][j] = 2 * rng.nextDouble() - 1;
      }
    }
    return new QRDecomposition(new Array2DRowRealMatrix(a, false)).getQ();
  }
}
