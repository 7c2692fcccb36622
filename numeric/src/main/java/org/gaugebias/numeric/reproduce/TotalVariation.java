package org.gaugebias.numeric.reproduce;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/**
 * Total variation (THEORY.md §7): a length-200 step signal from 60 Gaussian measurements; plain
 * w against the designed w = cumsum(w₁⊙w₂), full-batch GD.
 */
final class TotalVariation implements Experiment {
  static final int N = 200;
  static final int M = 60;
  static final double NOISE = 0.1;
  static final long STEPS = 500_000;
  static final double PLAIN_LR = 1e-2;
  static final double DESIGNED_LR = 1e-3;
  static final double PLAIN_INIT = 1e-4;
  static final double DESIGNED_INIT = 0.3;
  static final int MINIBATCH = 8;
  private static final int TRACE_POINTS = 200;

  private static final List<Arm> ARMS = List.of(
      new Arm("published", ArmRole.PUBLISHED, "designed w = cumsum(w1*w2), full-batch GD,"
          + " lr 1e-3, init std 0.3 (the published optimiser is GD: also the GD arm)", false),
      new Arm("large-init", ArmRole.LARGE_INIT, "designed, full-batch GD from init std 3",
          false),
      new Arm("noise-sgd8", ArmRole.NOISE, "designed, minibatch SGD with batch 8 of the 60"
          + " measurements (without replacement), lr 1e-3, same init", false),
      new Arm("plain", ArmRole.BASELINE, "plain w, full-batch GD, lr 1e-2, init std 1e-4",
          false));

  @Override
  public String name() {
    return "total-variation";
  }

  @Override
  public String title() {
    return "length-200 step signal, 60 Gaussian measurements, noise 0.1; plain w vs designed"
        + " w = cumsum(w1*w2); full-batch GD, 500 000 steps";
  }

  @Override
  public long publishedSteps() {
    return STEPS;
  }

  @Override
  public List<String> choices() {
    return List.of(
        "signal: 1.0 x 50, -1.5 x 70, 0.5 x 40, 2.0 x 40 (true TV 6.0)",
        "A (60x200) entries N(0, 1/60); y = A w* + 0.1 N(0,1)",
        "loss: mean over the 60 measurements of (A w - y)^2; reconstruction MSE: mean over"
            + " the 200 entries of (w - w*)^2",
        "init: Gaussian, std 1e-4 (plain), 0.3 for each of w1, w2 (designed)",
        "noise arm: each step 8 of the 60 measurements without replacement, loss mean over 8",
        "Langevin: not run (400 parameters > 64)");
  }

  @Override
  public java.util.Optional<CatalogueLink> catalogueDesign() {
    return java.util.Optional.of(new CatalogueLink("cumsum-tv.yaml",
        "w = cumsum(w1*w2) at n = 4; the experiment has n = 200, the law is per difference"));
  }

  @Override
  public List<Arm> arms() {
    return ARMS;
  }

  @Override
  public List<Published> published() {
    return List.of(
        new Published("reconstruction MSE plain", "plain", "recon_mse", 1.389),
        new Published("reconstruction MSE designed", "published", "recon_mse", 0.0801));
  }

  @Override
  public String criterion() {
    return "piecewise-constant recovery: reconstruction MSE < 0.25 (seed mean; the plain"
        + " minimum-norm fit is ~1.4)";
  }

  @Override
  public boolean reproduces(Map<String, Double> means) {
    return means.get("recon_mse") < 0.25;
  }

  static double[] signal() {
    double[] s = new double[N];
    for (int i = 0; i < N; i++) {
      s[i] = i < 50 ? 1.0 : i < 120 ? -1.5 : i < 160 ? 0.5 : 2.0;
    }
    return s;
  }

  /** A (M×N row-major) and y. */
  record Problem(double[] a, double[] y, double[] truth) {
  }

  static Problem problem(long root, int replica) {
    ZigguratSampler.NormalizedGaussian g = Streams.gaussian(
        Streams.of(root, Streams.DATA, replica));
    double[] a = new double[M * N];
    double sd = 1 / Math.sqrt(M);
    for (int e = 0; e < M * N; e++) {
      a[e] = sd * g.sample();
    }
    double[] truth = signal();
    double[] y = new double[M];
    for (int r = 0; r < M; r++) {
      y[r] = dot(a, r * N, truth) + NOISE * g.sample();
    }
    return new Problem(a, y, truth);
  }

  /** Row r of A times w, four partial sums (a fixed order, so deterministic). */
  static double dot(double[] a, int o, double[] w) {
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    for (int i = 0; i < N; i += 4) {
      s0 += a[o + i] * w[i];
      s1 += a[o + i + 1] * w[i + 1];
      s2 += a[o + i + 2] * w[i + 2];
      s3 += a[o + i + 3] * w[i + 3];
    }
    return (s0 + s1) + (s2 + s3);
  }

  /** g = (2/m) Σ_{r∈rows} (a_r·w − y_r) a_r; returns the loss. */
  static double lossGradient(Problem pb, double[] w, int[] rows, int m, double[] g) {
    Arrays.fill(g, 0);
    double loss = 0;
    double[] a = pb.a();
    for (int k = 0; k < m; k++) {
      int o = rows[k] * N;
      double r = dot(a, o, w) - pb.y()[rows[k]];
      loss += r * r;
      double c = 2 * r / m;
      for (int i = 0; i < N; i++) {
        g[i] += c * a[o + i];
      }
    }
    return loss / m;
  }

  static double reconMse(double[] w, double[] truth) {
    double s = 0;
    for (int i = 0; i < N; i++) {
      s += (w[i] - truth[i]) * (w[i] - truth[i]);
    }
    return s / N;
  }

  static double tv(double[] w) {
    double s = 0;
    for (int i = 1; i < N; i++) {
      s += Math.abs(w[i] - w[i - 1]);
    }
    return s;
  }

  /** w = cumsum(u1 ⊙ u2). */
  static void cumsum(double[] u1, double[] u2, double[] w) {
    double acc = 0;
    for (int i = 0; i < N; i++) {
      acc += u1[i] * u2[i];
      w[i] = acc;
    }
  }

  /**
   * Chain rule of w = cumsum(u1 ⊙ u2): dL/du_k = Σ_{i≥k} dL/dw_i (a reverse cumulative sum),
   * then dL/du1 = (dL/du) ⊙ u2 and dL/du2 = (dL/du) ⊙ u1.
   */
  static void designedGradient(double[] gw, double[] u1, double[] u2, double[] g1,
      double[] g2) {
    double acc = 0;
    for (int i = N - 1; i >= 0; i--) {
      acc += gw[i];
      g1[i] = acc * u2[i];
      g2[i] = acc * u1[i];
    }
  }

  @Override
  public ArmResult run(Arm arm, int armIndex, int replica, long root, long steps,
      StepControl control) {
    long start = System.nanoTime();
    Problem pb = problem(root, replica);
    boolean plain = arm.role() == ArmRole.BASELINE;
    double scale = arm.role() == ArmRole.LARGE_INIT ? 10 : 1;
    ZigguratSampler.NormalizedGaussian init = Streams.gaussian(
        Streams.of(root, Streams.INIT, replica));
    double[] w = new double[N];
    double[] u1 = new double[N];
    double[] u2 = new double[N];
    if (plain) {
      for (int i = 0; i < N; i++) {
        w[i] = PLAIN_INIT * init.sample();
      }
    } else {
      for (int i = 0; i < N; i++) {
        u1[i] = DESIGNED_INIT * scale * init.sample();
      }
      for (int i = 0; i < N; i++) {
        u2[i] = DESIGNED_INIT * scale * init.sample();
      }
      cumsum(u1, u2, w);
    }
    double lr = plain ? PLAIN_LR : DESIGNED_LR;
    UniformRandomProvider rng = Streams.of(root, Streams.arm(armIndex), replica);
    boolean minibatch = arm.role() == ArmRole.NOISE;
    int[] rows = new int[M];
    for (int r = 0; r < M; r++) {
      rows[r] = r;
    }
    int m = minibatch ? MINIBATCH : M;
    double[] g = new double[N];
    double[] g1 = new double[N];
    double[] g2 = new double[N];
    List<Double> tx = new ArrayList<>(List.of(0.0));
    List<Double> ty = new ArrayList<>(List.of(reconMse(w, pb.truth())));
    List<Double> tt = new ArrayList<>(List.of(tv(w)));
    StepControl.Ending end = control.loop(steps, TRACE_POINTS, () -> {
      if (minibatch) {
        Streams.shuffleFirst(rows, m, rng);
      }
      lossGradient(pb, w, rows, m, g);
      if (plain) {
        for (int i = 0; i < N; i++) {
          w[i] -= lr * g[i];
        }
      } else {
        designedGradient(g, u1, u2, g1, g2);
        for (int i = 0; i < N; i++) {
          u1[i] -= lr * g1[i];
          u2[i] -= lr * g2[i];
        }
        cumsum(u1, u2, w);
      }
    }, t -> {
      tx.add((double) t);
      ty.add(reconMse(w, pb.truth()));
      tt.add(tv(w));
    }, () -> StepControl.diverged(w, 1e8));
    long done = end.done();
    boolean diverged = end.diverged();
    Map<String, Double> metrics = new LinkedHashMap<>();
    metrics.put("recon_mse", reconMse(w, pb.truth()));
    metrics.put("tv", tv(w));
    int[] all = new int[M];
    for (int r = 0; r < M; r++) {
      all[r] = r;
    }
    metrics.put("train_mse", lossGradient(pb, w, all, M, g));
    double[] idx = new double[N];
    for (int i = 0; i < N; i++) {
      idx[i] = i;
    }
    return new ArmResult(arm.id(), replica, steps, done, diverged,
        (System.nanoTime() - start) / 1e9, metrics,
        List.of(new Series("reconstruction MSE", SpectralSparsity.toArray(tx),
            SpectralSparsity.toArray(ty)), new Series("TV", SpectralSparsity.toArray(tx),
            SpectralSparsity.toArray(tt))),
        List.of(new Series("recovered w", idx, w), new Series("true signal", idx,
            pb.truth())));
  }
}
