package org.gaugebias.symbolic.dynamics;

import java.util.List;
import java.util.Objects;
import org.gaugebias.symbolic.expr.Expr;

/**
 * Plain minibatch SGD {@code θ ← θ − η ∇ℓ_B(θ)} on a synthetic data set (the design's
 * {@code data:} block, flattened): every input coordinate ~ N(inputMean, inputSd²), label =
 * teacher + labelNoise·N(0, 1). Immutable.
 *
 * @param inputs flattened input symbols ({@code x} or {@code x$1, …})
 * @param label the label symbol
 * @param teacher the noise-free label as a function of the inputs
 * @param inputMean mean of each input coordinate
 * @param inputSd standard deviation of each input coordinate
 * @param labelNoise standard deviation of the label noise
 * @param perSampleLoss ℓ(θ; x, y)
 * @param perSampleGradient ∂ℓ/∂θ_i, one per parameter
 * @param batch minibatch size B
 * @param learningRate η
 * @param samples 0: online (fresh samples every step); N: one training set of N samples
 */
public record SgdProblem(List<String> inputs, String label, Expr teacher, double inputMean,
    double inputSd, double labelNoise, Expr perSampleLoss, List<Expr> perSampleGradient,
    int batch, double learningRate, int samples) {
  public SgdProblem {
    inputs = List.copyOf(inputs);
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(teacher, "teacher");
    Objects.requireNonNull(perSampleLoss, "perSampleLoss");
    perSampleGradient = List.copyOf(perSampleGradient);
    if (batch < 1 || !(learningRate > 0) || samples < 0) {
      throw new IllegalArgumentException("need batch >= 1, learning rate > 0, samples >= 0");
    }
  }

  /** T = η/B, THEORY.md §5's SGD convention {@code dθ = −∇L dt + √(TΣ) dW}. */
  public double temperature() {
    return learningRate / batch;
  }
}
