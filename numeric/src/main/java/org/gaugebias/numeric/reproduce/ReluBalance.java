package org.gaugebias.numeric.reproduce;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/**
 * Shallow ReLU balance (THEORY.md §7): teacher–student 3→16→1 bias-free ReLU network
 * f(x) = Σ_j v_j relu(w_j·x), online SGD on fresh Gaussian inputs, imbalanced small init; the
 * per-unit balance |v_j|/‖w_j‖ (the gauge (w_j, v_j) → (λw_j, v_j/λ) of each unit).
 */
final class ReluBalance implements Experiment {
  static final int IN = 3;
  static final int HIDDEN = 16;
  static final int BATCH = 8;
  static final double LR = 5e-5;
  static final long STEPS = 40_000;
  static final double TEACHER_STD = 1.5;
  static final double STUDENT_STD = 0.05;
  static final double LABEL_NOISE = 0.1;
  static final int GD_INPUTS = 4096;
  private static final int TRACE_POINTS = 200;

  private static final List<Arm> ARMS = List.of(
      new Arm("published", ArmRole.PUBLISHED, "online SGD, batch 8 of fresh inputs, lr 5e-5,"
          + " student std 0.05 (imbalanced)", true),
      new Arm("gd", ArmRole.GD, "full-batch GD on a fixed draw of 4096 inputs, same init", false),
      new Arm("large-init", ArmRole.LARGE_INIT, "published SGD from student std 0.5", false),
      new Arm("noise-4b", ArmRole.NOISE, "online SGD with batch 32 (T = lr/B four times"
          + " smaller)", false),
      new Arm("langevin", ArmRole.LANGEVIN, "GD on the fixed draw + projected noise"
          + " sqrt(2 T lr) P_perp z, T = lr/(2B) = 3.125e-6 (64 parameters; catalogue design"
          + " designs/relu-unit.yaml)", false));

  @Override
  public String name() {
    return "relu-balance";
  }

  @Override
  public String title() {
    return "teacher-student 3->16->1 bias-free ReLU, online SGD batch 8, label noise 0.1,"
        + " lr 5e-5, 40 000 steps";
  }

  @Override
  public long publishedSteps() {
    return STEPS;
  }

  @Override
  public List<String> choices() {
    return List.of(
        "teacher: W* (16x3) and v* (16) entries N(0, 1.5^2); labels y = f*(x) + 0.1 N(0,1)",
        "student: W, v entries N(0, 0.05^2), then row j of W x s_j and v_j / s_j,"
            + " s = exp(linspace(-1.2, 1.2, 16))",
        "loss: batch mean of (f(x) - y)^2 (MSE, no 1/2), plain SGD",
        "choice: v_j may take either sign; balance |v_j| / ||w_j|| is sign-free",
        "choice: Langevin = GD on the fixed 4096-input draw plus projected noise (each unit's"
            + " orbit direction (w_j, -v_j) removed), T = lr/(2B)");
  }

  @Override
  public java.util.Optional<CatalogueLink> catalogueDesign() {
    return java.util.Optional.of(new CatalogueLink("relu-unit.yaml", "one unit of the 16, beta_j"
        + " = v_j w_j; the network's bias is the sum over units; at T = lr/(2B) = 3.1e-6 it is"
        + " negligible against the initial imbalance"));
  }

  @Override
  public List<Arm> arms() {
    return ARMS;
  }

  @Override
  public List<Published> published() {
    return List.of(
        new Published("min |v_j|/||w_j||", "published", "ratio_min", 0.939),
        new Published("max |v_j|/||w_j||", "published", "ratio_max", 1.005),
        new Published("median |log ratio|", "published", "median_abs_log_ratio", 0.007));
  }

  @Override
  public String criterion() {
    return "per-unit balance of the typical unit: median |log(|v_j|/||w_j||)| <= 0.1 (seed mean;"
        + " the strict all-units version, max |log ratio| <= 0.1, is reported as a finding)";
  }

  @Override
  public boolean reproduces(Map<String, Double> means) {
    return means.get("median_abs_log_ratio") <= 0.1;
  }

  @Override
  public List<String> findings(ExperimentReport r) {
    return List.of(
        "strict criterion, every unit within exp(+-0.1) (max |log ratio| <= 0.1): "
            + Findings.armsAtMost(r, "max_abs_log_ratio", 0.1),
        "units outside [0.9, 1.1] at the end (seed mean): published "
            + Findings.stat(r, "published", "units_outside_0.9_1.1") + ", gd "
            + Findings.stat(r, "gd", "units_outside_0.9_1.1") + ", large-init "
            + Findings.stat(r, "large-init", "units_outside_0.9_1.1")
            + "; the units left over are those whose weights hardly grew (test MSE published "
            + Findings.stat(r, "published", "test_mse") + "): under GD ||w_j||^2 - v_j^2 is"
            + " conserved, so a unit balances only by growing",
        "Langevin (projected noise at T = lr/(2B)) vs GD from the same init: median |log ratio| "
            + Findings.stat(r, "langevin", "median_abs_log_ratio") + " vs "
            + Findings.stat(r, "gd", "median_abs_log_ratio")
            + ": at this temperature the gauge term is too weak to move the balance");
  }

  /** Parameters: w (HIDDEN×IN, row-major) then v (HIDDEN). */
  static double[] teacher(long root, int replica) {
    ZigguratSampler.NormalizedGaussian g = Streams.gaussian(
        Streams.of(root, Streams.DATA, replica));
    double[] t = new double[HIDDEN * IN + HIDDEN];
    for (int k = 0; k < t.length; k++) {
      t[k] = TEACHER_STD * g.sample();
    }
    return t;
  }

  static double[] student(long root, int replica, double scale) {
    ZigguratSampler.NormalizedGaussian g = Streams.gaussian(
        Streams.of(root, Streams.INIT, replica));
    double[] th = new double[HIDDEN * IN + HIDDEN];
    for (int k = 0; k < th.length; k++) {
      th[k] = STUDENT_STD * scale * g.sample();
    }
    for (int j = 0; j < HIDDEN; j++) {
      double s = Math.exp(-1.2 + 2.4 * j / (HIDDEN - 1));
      for (int i = 0; i < IN; i++) {
        th[j * IN + i] *= s;
      }
      th[HIDDEN * IN + j] /= s;
    }
    return th;
  }

  static double forward(double[] th, double[] x, int off) {
    double f = 0;
    for (int j = 0; j < HIDDEN; j++) {
      double a = 0;
      for (int i = 0; i < IN; i++) {
        a += th[j * IN + i] * x[off + i];
      }
      if (a > 0) {
        f += th[HIDDEN * IN + j] * a;
      }
    }
    return f;
  }

  /**
   * Adds the gradient of (1/n) Σ (f(x_k) − y_k)² over the n samples to {@code grad} (which it
   * zeroes first); returns the loss.
   */
  static double gradient(double[] th, double[] x, double[] y, int n, double[] grad) {
    Arrays.fill(grad, 0);
    double loss = 0;
    double[] pre = new double[HIDDEN];
    for (int k = 0; k < n; k++) {
      int off = k * IN;
      double f = 0;
      for (int j = 0; j < HIDDEN; j++) {
        double a = 0;
        for (int i = 0; i < IN; i++) {
          a += th[j * IN + i] * x[off + i];
        }
        pre[j] = a;
        if (a > 0) {
          f += th[HIDDEN * IN + j] * a;
        }
      }
      double r = f - y[k];
      loss += r * r;
      double c = 2 * r / n;
      for (int j = 0; j < HIDDEN; j++) {
        if (pre[j] > 0) {
          grad[HIDDEN * IN + j] += c * pre[j];
          double cv = c * th[HIDDEN * IN + j];
          for (int i = 0; i < IN; i++) {
            grad[j * IN + i] += cv * x[off + i];
          }
        }
      }
    }
    return loss / n;
  }

  static double[] ratios(double[] th) {
    double[] r = new double[HIDDEN];
    for (int j = 0; j < HIDDEN; j++) {
      double n = 0;
      for (int i = 0; i < IN; i++) {
        n += th[j * IN + i] * th[j * IN + i];
      }
      r[j] = Math.abs(th[HIDDEN * IN + j]) / Math.sqrt(n);
    }
    return r;
  }

  /** Draws n inputs and noisy teacher labels. */
  static void draw(double[] teacher, ZigguratSampler.NormalizedGaussian g, double[] x,
      double[] y, int n) {
    for (int k = 0; k < n; k++) {
      for (int i = 0; i < IN; i++) {
        x[k * IN + i] = g.sample();
      }
      y[k] = forward(teacher, x, k * IN) + LABEL_NOISE * g.sample();
    }
  }

  @Override
  public ArmResult run(Arm arm, int armIndex, int replica, long root, long steps,
      StepControl control) {
    long start = System.nanoTime();
    double[] teacher = teacher(root, replica);
    double[] th = student(root, replica, arm.role() == ArmRole.LARGE_INIT ? 10 : 1);
    double[] initialRatios = ratios(th);
    boolean fixed = arm.role() == ArmRole.GD || arm.role() == ArmRole.LANGEVIN;
    int batch = fixed ? GD_INPUTS : arm.role() == ArmRole.NOISE ? 4 * BATCH : BATCH;
    double[] x = new double[batch * IN];
    double[] y = new double[batch];
    if (fixed) {
      draw(teacher, Streams.gaussian(Streams.of(root, Streams.FIXED_DRAW, replica)), x, y,
          batch);
    }
    ZigguratSampler.NormalizedGaussian noise = Streams.gaussian(
        Streams.of(root, Streams.arm(armIndex), replica));
    double temperature = LR / (2 * BATCH);
    double noiseScale = arm.role() == ArmRole.LANGEVIN ? Math.sqrt(2 * temperature * LR) : 0;
    double[] grad = new double[th.length];
    double[] z = new double[IN + 1];

    List<double[]> trace = new ArrayList<>();
    trace.add(ratios(th));
    List<Double> traceX = new ArrayList<>(List.of(0.0));
    StepControl.Ending end = control.loop(steps, TRACE_POINTS, () -> {
      if (!fixed) {
        draw(teacher, noise, x, y, batch);
      }
      gradient(th, x, y, batch, grad);
      for (int k = 0; k < th.length; k++) {
        th[k] -= LR * grad[k];
      }
      if (noiseScale > 0) {
        projectedNoise(th, noise, z, noiseScale);
      }
    }, t -> {
      trace.add(ratios(th));
      traceX.add((double) t);
    }, () -> StepControl.diverged(th, 1e8));
    long done = end.done();
    boolean diverged = end.diverged();
    return result(arm, replica, steps, done, diverged, start, th, teacher, initialRatios, trace,
        traceX, root);
  }

  /** θ_j += scale · P⊥ z_j for each unit, P⊥ removing the orbit direction (w_j, −v_j). */
  static void projectedNoise(double[] th, ZigguratSampler.NormalizedGaussian g, double[] z,
      double scale) {
    for (int j = 0; j < HIDDEN; j++) {
      double dot = 0;
      double norm = 0;
      for (int i = 0; i < IN; i++) {
        z[i] = g.sample();
        double xi = th[j * IN + i];
        dot += z[i] * xi;
        norm += xi * xi;
      }
      z[IN] = g.sample();
      double xv = -th[HIDDEN * IN + j];
      dot += z[IN] * xv;
      norm += xv * xv;
      double c = norm > 0 ? dot / norm : 0;
      for (int i = 0; i < IN; i++) {
        th[j * IN + i] += scale * (z[i] - c * th[j * IN + i]);
      }
      th[HIDDEN * IN + j] += scale * (z[IN] - c * xv);
    }
  }

  private ArmResult result(Arm arm, int replica, long steps, long done, boolean diverged,
      long start, double[] th, double[] teacher, double[] initialRatios, List<double[]> trace,
      List<Double> traceX, long root) {
    double[] r = ratios(th);
    double[] absLog = new double[HIDDEN];
    for (int j = 0; j < HIDDEN; j++) {
      absLog[j] = Math.abs(Math.log(r[j]));
    }
    double[] sorted = absLog.clone();
    Arrays.sort(sorted);
    // test loss on a fresh draw from a family of its own (no arm uses family arm(99))
    int nTest = 2048;
    double[] xt = new double[nTest * IN];
    double[] yt = new double[nTest];
    draw(teacher, Streams.gaussian(Streams.of(root, Streams.arm(99), replica)), xt, yt, nTest);
    double test = 0;
    for (int k = 0; k < nTest; k++) {
      double d = forward(th, xt, k * IN) - forward(teacher, xt, k * IN);
      test += d * d;
    }
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("ratio_min", MatrixCompletion.min(r));
    m.put("ratio_max", MatrixCompletion.max(r));
    m.put("median_abs_log_ratio", (sorted[HIDDEN / 2 - 1] + sorted[HIDDEN / 2]) / 2);
    m.put("max_abs_log_ratio", sorted[HIDDEN - 1]);
    m.put("initial_max_abs_log_ratio", maxAbsLog(initialRatios));
    m.put("units_outside_0.9_1.1", (double) java.util.stream.DoubleStream.of(r)
        .filter(v -> v < 0.9 || v > 1.1).count());
    m.put("test_mse", test / nTest);
    double[] xs = traceX.stream().mapToDouble(Double::doubleValue).toArray();
    List<Series> traces = new ArrayList<>();
    for (int j = 0; j < HIDDEN; j++) {
      double[] yj = new double[trace.size()];
      for (int t = 0; t < yj.length; t++) {
        yj[t] = trace.get(t)[j];
      }
      traces.add(new Series("unit " + (j + 1), xs, yj));
    }
    double[] idx = new double[HIDDEN];
    for (int j = 0; j < HIDDEN; j++) {
      idx[j] = j + 1;
    }
    return new ArmResult(arm.id(), replica, steps, done, diverged,
        (System.nanoTime() - start) / 1e9, m, traces,
        List.of(new Series("final |v_j|/||w_j||", idx, r),
            new Series("initial |v_j|/||w_j||", idx, initialRatios)));
  }

  static double maxAbsLog(double[] r) {
    double m = 0;
    for (double x : r) {
      m = Math.max(m, Math.abs(Math.log(x)));
    }
    return m;
  }
}
