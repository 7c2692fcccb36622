package org.gaugebias.numeric.reproduce;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.gaugebias.numeric.bench.NumpyReference;

/**
 * Steps per second of the matrix-completion SGD loop (the published arm: Bernoulli(1/2) subsets
 * of the observed entries, 20×20 factors) against the NumPy reference
 * {@code shared/bench/matrix_completion_sgd.py} in the same run (issue 10: aim ≥ 5×).
 *
 * <p>{@code java -cp … org.gaugebias.numeric.reproduce.MatrixCompletionBench [--steps N]
 * [--reference PATH] [--reference-steps N]}. The reference runs with OPENBLAS_CORETYPE and
 * OPENBLAS_L2_SIZE removed from its environment (they slow NumPy's small matmuls here).
 */
public final class MatrixCompletionBench {
  private MatrixCompletionBench() {
  }

  public static void main(String[] args) throws IOException, InterruptedException {
    long steps = MatrixCompletion.STEPS;
    long referenceSteps = 50_000;
    String reference = "/work/shared/bench/matrix_completion_sgd.py";
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--steps":
          steps = Long.parseLong(args[++i]);
          break;
        case "--reference":
          reference = args[++i];
          break;
        case "--reference-steps":
          referenceSteps = Long.parseLong(args[++i]);
          break;
        default:
          throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    double java = javaStepsPerSecond(steps);
    System.out.printf(Locale.ROOT, "java (sparse SGD loop, 1 thread): %.4g steps/s (%d steps)%n",
        java, steps);
    Path script = Path.of(reference);
    if (!Files.isRegularFile(script)) {
      System.out.println("numpy reference not found (give --reference PATH); no ratio");
      return;
    }
    double numpy = NumpyReference.rate(script, referenceSteps, "steps/s");
    System.out.printf(Locale.ROOT, "numpy reference (%s --steps %d): %.4g steps/s%n", script,
        referenceSteps, numpy);
    System.out.printf(Locale.ROOT, "ratio java / numpy: %.1f%n", java / numpy);
  }

  /** Times the published arm's loop (a warm-up of 50 000 steps first, then {@code steps}). */
  static double javaStepsPerSecond(long steps) {
    MatrixCompletion.Problem pb = MatrixCompletion.problem(Reproduction.DEFAULT_SEED, 0);
    int nn = MatrixCompletion.N * MatrixCompletion.N;
    double[] p = new double[nn];
    double[] qt = new double[nn];
    var g = Streams.gaussian(Streams.of(Reproduction.DEFAULT_SEED, Streams.INIT, 0));
    for (int k = 0; k < nn; k++) {
      p[k] = MatrixCompletion.INIT_P * g.sample();
    }
    for (int k = 0; k < nn; k++) {
      qt[k] = MatrixCompletion.INIT_Q * g.sample();
    }
    MatrixCompletion.Sgd sgd = new MatrixCompletion.Sgd(pb, p, qt, 1,
        Streams.of(Reproduction.DEFAULT_SEED, Streams.arm(0), 0));
    for (int s = 0; s < 50_000; s++) {
      sgd.step();
    }
    long start = System.nanoTime();
    for (long s = 0; s < steps; s++) {
      sgd.step();
    }
    return steps / ((System.nanoTime() - start) / 1e9);
  }
}
