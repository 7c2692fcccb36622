package org.gaugebias.numeric.reproduce;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.ToDoubleFunction;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

/**
 * Every hand-written gradient of the reproduced experiments against central finite differences
 * (step 1e-6, relative error below 1e-5 of the gradient's largest entry) at seeded random points.
 * Deterministic: fixed seeds.
 */
class GradientTest {
  private static final long SEED = 20260406L;
  private static final double H = 1e-6;

  private static ZigguratSampler.NormalizedGaussian gaussian(long seed) {
    UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
    return ZigguratSampler.NormalizedGaussian.of(rng);
  }

  private static double[] randn(ZigguratSampler.NormalizedGaussian g, int n, double sd) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = sd * g.sample();
    }
    return v;
  }

  /** Asserts grad ≈ the central differences of f at θ, coordinate by coordinate. */
  private static void assertGradient(String what, double[] theta, double[] grad,
      ToDoubleFunction<double[]> f) {
    double scale = 0;
    for (double v : grad) {
      scale = Math.max(scale, Math.abs(v));
    }
    assertThat(scale).as(what + ": gradient is not zero").isGreaterThan(1e-8);
    for (int i = 0; i < theta.length; i++) {
      double[] up = theta.clone();
      double[] down = theta.clone();
      up[i] += H;
      down[i] -= H;
      double fd = (f.applyAsDouble(up) - f.applyAsDouble(down)) / (2 * H);
      assertThat(Math.abs(fd - grad[i])).as(what + " coordinate " + i + ": fd " + fd
          + " vs " + grad[i]).isLessThan(1e-5 * scale + 1e-9);
    }
  }

  @Test
  void reluNetwork() {
    var g = gaussian(SEED);
    int n = 8;
    double[] th = randn(g, ReluBalance.HIDDEN * ReluBalance.IN + ReluBalance.HIDDEN, 1);
    double[] x = randn(g, n * ReluBalance.IN, 1);
    double[] y = randn(g, n, 1);
    double[] grad = new double[th.length];
    ReluBalance.gradient(th, x, y, n, grad);
    assertGradient("relu", th, grad,
        t -> ReluBalance.gradient(t, x, y, n, new double[t.length]));
  }

  @Test
  void attentionHead() {
    var g = gaussian(SEED + 1);
    int n = 3;
    double[] th = randn(g, AttentionBalance.P, 0.5);
    double[] x = randn(g, n * AttentionBalance.L * AttentionBalance.D, 1);
    double[] y = randn(g, n * AttentionBalance.L * AttentionBalance.H, 1);
    double[] grad = new double[th.length];
    AttentionBalance.gradient(th, x, y, n, grad, new AttentionBalance.Buffers());
    assertGradient("attention", th, grad, t -> AttentionBalance.gradient(t, x, y, n,
        new double[t.length], new AttentionBalance.Buffers()));
  }

  @Test
  void matrixCompletion() {
    MatrixCompletion.Problem pb = MatrixCompletion.problem(SEED, 0);
    var g = gaussian(SEED + 2);
    int nn = MatrixCompletion.N * MatrixCompletion.N;
    double[] theta = randn(g, 2 * nn, 0.5);
    double[] p = java.util.Arrays.copyOfRange(theta, 0, nn);
    double[] qt = java.util.Arrays.copyOfRange(theta, nn, 2 * nn);
    double[] grad = new MatrixCompletion.Sgd(pb, p, qt, 0, null).fullGradient();
    assertGradient("matrix completion", theta, grad, t -> {
      double[][] w = MatrixCompletion.product(java.util.Arrays.copyOfRange(t, 0, nn),
          java.util.Arrays.copyOfRange(t, nn, 2 * nn));
      double loss = 0;
      for (int e = 0; e < pb.target().length; e++) {
        double d = w[pb.rows()[e]][pb.cols()[e]] - pb.target()[e];
        loss += d * d;
      }
      return loss / nn;
    });
  }

  @Test
  void spectralDesigned() {
    SpectralSparsity.Problem pb = SpectralSparsity.problem(SEED, 0);
    int k = SpectralSparsity.K;
    var g = gaussian(SEED + 3);
    double[] theta = randn(g, 2 * k, 0.3);
    int[] rows = {0, 3, 5, 7, 11, 13, 17, 31};
    double[] grad = designedSpectral(pb, theta, rows);
    assertGradient("spectral p*q", theta, grad, t -> {
      double[] w = new double[k];
      for (int i = 0; i < k; i++) {
        w[i] = t[i] * t[k + i];
      }
      return SpectralSparsity.lossGradient(pb, w, rows, rows.length, new double[k]);
    });
  }

  private static double[] designedSpectral(SpectralSparsity.Problem pb, double[] theta,
      int[] rows) {
    int k = SpectralSparsity.K;
    double[] p = java.util.Arrays.copyOfRange(theta, 0, k);
    double[] q = java.util.Arrays.copyOfRange(theta, k, 2 * k);
    double[] w = new double[k];
    for (int i = 0; i < k; i++) {
      w[i] = p[i] * q[i];
    }
    double[] gw = new double[k];
    SpectralSparsity.lossGradient(pb, w, rows, rows.length, gw);
    double[] gp = new double[k];
    double[] gq = new double[k];
    SpectralSparsity.designedGradient(gw, p, q, gp, gq);
    double[] out = new double[2 * k];
    System.arraycopy(gp, 0, out, 0, k);
    System.arraycopy(gq, 0, out, k, k);
    return out;
  }

  @Test
  void spectralL1AwayFromZero() {
    SpectralSparsity.Problem pb = SpectralSparsity.problem(SEED, 1);
    int k = SpectralSparsity.K;
    double[] w = randn(gaussian(SEED + 4), k, 1);
    int[] rows = new int[SpectralSparsity.TRAIN];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = i;
    }
    double[] grad = new double[k];
    SpectralSparsity.lossGradient(pb, w, rows, rows.length, grad);
    SpectralSparsity.addL1Subgradient(w, grad);
    assertGradient("spectral plain + L1", w, grad, t -> {
      double l1 = 0;
      for (double v : t) {
        l1 += Math.abs(v);
      }
      return SpectralSparsity.lossGradient(pb, t, rows, rows.length, new double[k])
          + SpectralSparsity.L1 * l1;
    });
  }

  @Test
  void totalVariationDesigned() {
    TotalVariation.Problem pb = TotalVariation.problem(SEED, 0);
    int n = TotalVariation.N;
    double[] theta = randn(gaussian(SEED + 5), 2 * n, 0.3);
    int[] rows = new int[TotalVariation.M];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = i;
    }
    double[] u1 = java.util.Arrays.copyOfRange(theta, 0, n);
    double[] u2 = java.util.Arrays.copyOfRange(theta, n, 2 * n);
    double[] w = new double[n];
    TotalVariation.cumsum(u1, u2, w);
    double[] gw = new double[n];
    TotalVariation.lossGradient(pb, w, rows, rows.length, gw);
    double[] g1 = new double[n];
    double[] g2 = new double[n];
    TotalVariation.designedGradient(gw, u1, u2, g1, g2);
    double[] grad = new double[2 * n];
    System.arraycopy(g1, 0, grad, 0, n);
    System.arraycopy(g2, 0, grad, n, n);
    assertGradient("total variation cumsum(w1*w2)", theta, grad, t -> {
      double[] wt = new double[n];
      TotalVariation.cumsum(java.util.Arrays.copyOfRange(t, 0, n),
          java.util.Arrays.copyOfRange(t, n, 2 * n), wt);
      return TotalVariation.lossGradient(pb, wt, rows, rows.length, new double[n]);
    });
  }
}
