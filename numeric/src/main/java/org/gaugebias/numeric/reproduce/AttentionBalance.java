package org.gaugebias.numeric.reproduce;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.SingularValueDecomposition;

/**
 * Attention balance (THEORY.md §7): one head softmax(X W_Q W_Kᵀ Xᵀ/√8) X W_V with W_O = I,
 * teacher of the same form; the column balance ‖W_Q[:,j]‖/‖W_K[:,j]‖ (the gauge
 * W_Q → W_Q G, W_K → W_K G^{−T} of the scores).
 */
final class AttentionBalance implements Experiment {
  static final int D = 16;
  static final int H = 8;
  static final int L = 8;
  static final int BATCH = 16;
  static final double LR = 1e-3;
  static final long STEPS = 50_000;
  static final double LABEL_NOISE = 0.02;
  static final double TEACHER_STD = 0.75;
  static final double STUDENT_STD = 0.1;
  /** Inputs of the GD arm's fixed draw (see {@link #choices()}: 4096 would cost ~40 min a seed). */
  static final int GD_INPUTS = 128;
  static final int P = 3 * D * H;
  private static final int TRACE_POINTS = 200;
  private static final double SCALE = 1 / Math.sqrt(H);

  private static final List<Arm> ARMS = List.of(
      new Arm("published", ArmRole.PUBLISHED, "online SGD, batch 16 of fresh sequences,"
          + " lr 1e-3, student std 0.1 with imbalanced Q/K columns", true),
      new Arm("gd", ArmRole.GD, "full-batch GD on a fixed draw of " + GD_INPUTS
          + " sequences, same init", false),
      new Arm("large-init", ArmRole.LARGE_INIT, "published SGD from student std 1.0", false),
      new Arm("noise-4b", ArmRole.NOISE, "online SGD with batch 64 (T = lr/B four times"
          + " smaller)", false));

  @Override
  public String name() {
    return "attention-balance";
  }

  @Override
  public String title() {
    return "single-head attention, d_emb 16, d_head 8, seq 8, W_O = I, online SGD batch 16,"
        + " label noise 0.02, lr 1e-3, 50 000 steps";
  }

  @Override
  public long publishedSteps() {
    return STEPS;
  }

  @Override
  public List<String> choices() {
    return List.of(
        "inputs X (8x16) entries N(0,1); labels = teacher output + 0.02 N(0,1) per entry",
        "teacher W_Q*, W_K*, W_V* (16x8) entries N(0, 0.75^2), column j of W_Q* x (4 + 4|N(0,1)|)",
        "student entries N(0, 0.1^2); column j of W_Q x exp(1.2 t_j), of W_K x exp(-1.2 t_j),"
            + " choice: t = linspace(-1, 1, 8); then column j of W_Q x (1/4 + |N(0,1)|/4)",
        "loss: mean over the batch and the 8x8 output entries of the squared error (MSE)",
        "choice: the GD arm uses a fixed draw of " + GD_INPUTS + " sequences (8192 targets for"
            + " 384 parameters), not 4096: one full-batch step costs ~1.2e4 flops per sequence, and"
            + " 4096 x 50 000 steps takes ~40 minutes per seed on this shared 2-core machine"
            + " (measured: 256 sequences took 557 s at load 12)",
        "Langevin: not run (384 parameters > 64)");
  }

  @Override
  public List<Arm> arms() {
    return ARMS;
  }

  @Override
  public List<Published> published() {
    return List.of(
        new Published("min |W_Q[:,j]|/|W_K[:,j]|", "published", "ratio_min", 0.935),
        new Published("max |W_Q[:,j]|/|W_K[:,j]|", "published", "ratio_max", 1.012),
        new Published("Frobenius ratio, start", "published", "frobenius_ratio_initial", 0.379),
        new Published("Frobenius ratio, end", "published", "frobenius_ratio", 0.983),
        new Published("nuclear ratio, start", "published", "nuclear_ratio_initial", 0.367),
        new Published("nuclear ratio, end", "published", "nuclear_ratio", 0.982));
  }

  @Override
  public String criterion() {
    return "column balance of the typical column: median |log(|W_Q[:,j]|/|W_K[:,j]|)| <= 0.1"
        + " (seed mean; the strict all-columns version is reported as a finding)";
  }

  @Override
  public boolean reproduces(Map<String, Double> means) {
    return means.get("median_abs_log_ratio") <= 0.1;
  }

  @Override
  public List<String> findings(ExperimentReport r) {
    return List.of(
        "strict criterion, every column within exp(+-0.1) (max |log ratio| <= 0.1): "
            + Findings.armsAtMost(r, "max_abs_log_ratio", 0.1),
        "Frobenius ratio start -> end: published "
            + Findings.stat(r, "published", "frobenius_ratio_initial") + " -> "
            + Findings.stat(r, "published", "frobenius_ratio") + "; gd "
            + Findings.stat(r, "gd", "frobenius_ratio") + "; large-init "
            + Findings.stat(r, "large-init", "frobenius_ratio") + " (under GD W_Q^T W_Q -"
            + " W_K^T W_K is conserved: balance comes from growth relative to the init)");
  }

  /** Layout of θ: W_Q, W_K, W_V, each D×H row-major. */
  static final int OQ = 0;
  static final int OK = D * H;
  static final int OV = 2 * D * H;

  static double[] teacher(long root, int replica) {
    ZigguratSampler.NormalizedGaussian g = Streams.gaussian(
        Streams.of(root, Streams.DATA, replica));
    double[] t = new double[P];
    for (int k = 0; k < P; k++) {
      t[k] = TEACHER_STD * g.sample();
    }
    for (int j = 0; j < H; j++) {
      double c = 4 + 4 * Math.abs(g.sample());
      for (int i = 0; i < D; i++) {
        t[OQ + i * H + j] *= c;
      }
    }
    return t;
  }

  static double[] student(long root, int replica, double scale) {
    ZigguratSampler.NormalizedGaussian g = Streams.gaussian(
        Streams.of(root, Streams.INIT, replica));
    double[] th = new double[P];
    for (int k = 0; k < P; k++) {
      th[k] = STUDENT_STD * scale * g.sample();
    }
    for (int j = 0; j < H; j++) {
      double t = -1 + 2.0 * j / (H - 1);
      double q = Math.exp(1.2 * t) * (0.25 + Math.abs(g.sample()) / 4);
      double k = Math.exp(-1.2 * t);
      for (int i = 0; i < D; i++) {
        th[OQ + i * H + j] *= q;
        th[OK + i * H + j] *= k;
      }
    }
    return th;
  }

  /** Work buffers of one forward/backward pass. */
  static final class Buffers {
    final double[] q = new double[L * H];
    final double[] k = new double[L * H];
    final double[] v = new double[L * H];
    final double[] a = new double[L * L];
    final double[] out = new double[L * H];
    final double[] dOut = new double[L * H];
    final double[] dA = new double[L * L];
    final double[] dQ = new double[L * H];
    final double[] dK = new double[L * H];
    final double[] dV = new double[L * H];
  }

  /** Forward pass of one sequence x (L×D at {@code off}); output in {@code b.out}. */
  static void forward(double[] th, double[] x, int off, Buffers b) {
    project(x, off, th, OQ, b.q);
    project(x, off, th, OK, b.k);
    project(x, off, th, OV, b.v);
    for (int r = 0; r < L; r++) {
      double max = Double.NEGATIVE_INFINITY;
      for (int c = 0; c < L; c++) {
        double s = 0;
        for (int h = 0; h < H; h++) {
          s += b.q[r * H + h] * b.k[c * H + h];
        }
        s *= SCALE;
        b.a[r * L + c] = s;
        max = Math.max(max, s);
      }
      double sum = 0;
      for (int c = 0; c < L; c++) {
        double e = Math.exp(b.a[r * L + c] - max);
        b.a[r * L + c] = e;
        sum += e;
      }
      for (int c = 0; c < L; c++) {
        b.a[r * L + c] /= sum;
      }
    }
    for (int r = 0; r < L; r++) {
      for (int h = 0; h < H; h++) {
        b.out[r * H + h] = 0;
      }
      for (int c = 0; c < L; c++) {
        double w = b.a[r * L + c];
        for (int h = 0; h < H; h++) {
          b.out[r * H + h] += w * b.v[c * H + h];
        }
      }
    }
  }

  private static void project(double[] x, int off, double[] th, int o, double[] to) {
    for (int r = 0; r < L; r++) {
      for (int h = 0; h < H; h++) {
        to[r * H + h] = 0;
      }
      for (int i = 0; i < D; i++) {
        double xi = x[off + r * D + i];
        int row = o + i * H;
        for (int h = 0; h < H; h++) {
          to[r * H + h] += xi * th[row + h];
        }
      }
    }
  }

  /**
   * Gradient of the mean over n sequences and L×H entries of (out − y)² into {@code grad}
   * (zeroed first); returns the loss.
   */
  static double gradient(double[] th, double[] x, double[] y, int n, double[] grad, Buffers b) {
    Arrays.fill(grad, 0);
    double loss = 0;
    double c = 2.0 / (n * L * H);
    for (int s = 0; s < n; s++) {
      int xo = s * L * D;
      int yo = s * L * H;
      forward(th, x, xo, b);
      for (int e = 0; e < L * H; e++) {
        double r = b.out[e] - y[yo + e];
        loss += r * r;
        b.dOut[e] = c * r;
      }
      // dV = Aᵀ dOut; dA = dOut Vᵀ
      Arrays.fill(b.dV, 0);
      for (int r = 0; r < L; r++) {
        for (int col = 0; col < L; col++) {
          double w = b.a[r * L + col];
          double da = 0;
          for (int h = 0; h < H; h++) {
            b.dV[col * H + h] += w * b.dOut[r * H + h];
            da += b.dOut[r * H + h] * b.v[col * H + h];
          }
          b.dA[r * L + col] = da;
        }
      }
      // softmax backward, then dS·scale: dQ = dS K, dK = dSᵀ Q
      Arrays.fill(b.dQ, 0);
      Arrays.fill(b.dK, 0);
      for (int r = 0; r < L; r++) {
        double dot = 0;
        for (int col = 0; col < L; col++) {
          dot += b.a[r * L + col] * b.dA[r * L + col];
        }
        for (int col = 0; col < L; col++) {
          double ds = b.a[r * L + col] * (b.dA[r * L + col] - dot) * SCALE;
          for (int h = 0; h < H; h++) {
            b.dQ[r * H + h] += ds * b.k[col * H + h];
            b.dK[col * H + h] += ds * b.q[r * H + h];
          }
        }
      }
      // dW = Xᵀ d(·)
      for (int r = 0; r < L; r++) {
        for (int i = 0; i < D; i++) {
          double xi = x[xo + r * D + i];
          int row = i * H;
          for (int h = 0; h < H; h++) {
            grad[OQ + row + h] += xi * b.dQ[r * H + h];
            grad[OK + row + h] += xi * b.dK[r * H + h];
            grad[OV + row + h] += xi * b.dV[r * H + h];
          }
        }
      }
    }
    return loss / (n * L * H);
  }

  static void draw(double[] teacher, ZigguratSampler.NormalizedGaussian g, double[] x,
      double[] y, int n, Buffers b) {
    for (int s = 0; s < n; s++) {
      for (int e = 0; e < L * D; e++) {
        x[s * L * D + e] = g.sample();
      }
      forward(teacher, x, s * L * D, b);
      for (int e = 0; e < L * H; e++) {
        y[s * L * H + e] = b.out[e] + LABEL_NOISE * g.sample();
      }
    }
  }

  static double[] columnRatios(double[] th) {
    double[] r = new double[H];
    for (int j = 0; j < H; j++) {
      double nq = 0;
      double nk = 0;
      for (int i = 0; i < D; i++) {
        nq += th[OQ + i * H + j] * th[OQ + i * H + j];
        nk += th[OK + i * H + j] * th[OK + i * H + j];
      }
      r[j] = Math.sqrt(nq / nk);
    }
    return r;
  }

  static double frobeniusRatio(double[] th) {
    double nq = 0;
    double nk = 0;
    for (int e = 0; e < D * H; e++) {
      nq += th[OQ + e] * th[OQ + e];
      nk += th[OK + e] * th[OK + e];
    }
    return Math.sqrt(nq / nk);
  }

  static double nuclearRatio(double[] th) {
    return nuclear(th, OQ) / nuclear(th, OK);
  }

  private static double nuclear(double[] th, int o) {
    double[][] m = new double[D][H];
    for (int i = 0; i < D; i++) {
      for (int h = 0; h < H; h++) {
        m[i][h] = th[o + i * H + h];
      }
    }
    double s = 0;
    for (double v : new SingularValueDecomposition(new Array2DRowRealMatrix(m, false))
        .getSingularValues()) {
      s += v;
    }
    return s;
  }

  @Override
  public ArmResult run(Arm arm, int armIndex, int replica, long root, long steps,
      StepControl control) {
    long start = System.nanoTime();
    double[] teacher = teacher(root, replica);
    double[] th = student(root, replica, arm.role() == ArmRole.LARGE_INIT ? 10 : 1);
    double frob0 = frobeniusRatio(th);
    double nuc0 = nuclearRatio(th);
    double[] ratios0 = columnRatios(th);
    boolean fixed = arm.role() == ArmRole.GD;
    int batch = fixed ? GD_INPUTS : arm.role() == ArmRole.NOISE ? 4 * BATCH : BATCH;
    Buffers b = new Buffers();
    double[] x = new double[batch * L * D];
    double[] y = new double[batch * L * H];
    if (fixed) {
      draw(teacher, Streams.gaussian(Streams.of(root, Streams.FIXED_DRAW, replica)), x, y,
          batch, b);
    }
    ZigguratSampler.NormalizedGaussian noise = Streams.gaussian(
        Streams.of(root, Streams.arm(armIndex), replica));
    double[] grad = new double[P];
    List<double[]> trace = new ArrayList<>();
    List<Double> traceX = new ArrayList<>();
    trace.add(traceRow(th));
    traceX.add(0.0);
    StepControl.Ending end = control.loop(steps, TRACE_POINTS, () -> {
      if (!fixed) {
        draw(teacher, noise, x, y, batch, b);
      }
      gradient(th, x, y, batch, grad, b);
      for (int k = 0; k < P; k++) {
        th[k] -= LR * grad[k];
      }
    }, t -> {
      trace.add(traceRow(th));
      traceX.add((double) t);
    }, () -> StepControl.diverged(th, 1e8));
    long done = end.done();
    boolean diverged = end.diverged();
    Map<String, Double> m = new LinkedHashMap<>();
    double[] r = columnRatios(th);
    double[] absLog = new double[H];
    for (int j = 0; j < H; j++) {
      absLog[j] = Math.abs(Math.log(r[j]));
    }
    Arrays.sort(absLog);
    m.put("ratio_min", MatrixCompletion.min(r));
    m.put("ratio_max", MatrixCompletion.max(r));
    m.put("median_abs_log_ratio", (absLog[H / 2 - 1] + absLog[H / 2]) / 2);
    m.put("max_abs_log_ratio", absLog[H - 1]);
    m.put("frobenius_ratio_initial", frob0);
    m.put("frobenius_ratio", diverged ? Double.NaN : frobeniusRatio(th));
    m.put("nuclear_ratio_initial", nuc0);
    m.put("nuclear_ratio", diverged ? Double.NaN : nuclearRatio(th));
    m.put("test_mse", diverged ? Double.NaN : testMse(th, teacher, root, replica, b));
    double[] xs = traceX.stream().mapToDouble(Double::doubleValue).toArray();
    List<Series> traces = new ArrayList<>();
    for (int j = 0; j < H + 1; j++) {
      double[] yj = new double[trace.size()];
      for (int t = 0; t < yj.length; t++) {
        yj[t] = trace.get(t)[j];
      }
      traces.add(new Series(j < H ? "column " + (j + 1) : "Frobenius ratio", xs, yj));
    }
    double[] idx = new double[H];
    for (int j = 0; j < H; j++) {
      idx[j] = j + 1;
    }
    return new ArmResult(arm.id(), replica, steps, done, diverged,
        (System.nanoTime() - start) / 1e9, m, traces,
        List.of(new Series("final |W_Q[:,j]|/|W_K[:,j]|", idx, r),
            new Series("initial ratio", idx, ratios0)));
  }

  private static double[] traceRow(double[] th) {
    double[] r = Arrays.copyOf(columnRatios(th), H + 1);
    r[H] = frobeniusRatio(th);
    return r;
  }

  private static double testMse(double[] th, double[] teacher, long root, int replica,
      Buffers b) {
    int n = 256;
    ZigguratSampler.NormalizedGaussian g = Streams.gaussian(
        Streams.of(root, Streams.arm(99), replica));
    double[] x = new double[L * D];
    double[] want = new double[L * H];
    double sum = 0;
    for (int s = 0; s < n; s++) {
      for (int e = 0; e < L * D; e++) {
        x[e] = g.sample();
      }
      forward(teacher, x, 0, b);
      System.arraycopy(b.out, 0, want, 0, L * H);
      forward(th, x, 0, b);
      for (int e = 0; e < L * H; e++) {
        sum += (b.out[e] - want[e]) * (b.out[e] - want[e]);
      }
    }
    return sum / (n * L * H);
  }
}
