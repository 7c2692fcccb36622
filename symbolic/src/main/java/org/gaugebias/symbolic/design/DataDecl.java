package org.gaugebias.symbolic.design;

import java.util.List;
import java.util.Objects;
import org.gaugebias.symbolic.expr.Expr;

/**
 * The optional {@code data:} block of a design: a synthetic data set for plain minibatch SGD
 * (docs/design-format.md, "Data"). Every input coordinate is drawn independently from
 * {@code N(inputMean, inputSd²)}; the label is {@code teacher(inputs) + labelNoise·N(0, 1)}. The
 * per-sample loss is a function of the predictor, the inputs, the label and the constants.
 *
 * @param inputs the input names and shapes (scalar or vector), in declaration order
 * @param inputMean mean of every input coordinate
 * @param inputSd standard deviation of every input coordinate (≥ 0)
 * @param label the label's name ({@code y} unless declared)
 * @param teacher the noise-free label as an expression of the inputs and constants
 * @param labelNoise standard deviation of the Gaussian label noise (≥ 0)
 * @param perSampleLoss the loss of one sample
 * @param batch the minibatch size B ≥ 1
 * @param learningRate the learning rate η > 0
 * @param samples 0 for online SGD (fresh samples every step), else the size of one training set
 *     drawn once, from which minibatches are drawn with replacement
 * @param pos where the block starts
 */
public record DataDecl(List<ParameterDecl> inputs, double inputMean, double inputSd,
    String label, Located<Expr> teacher, double labelNoise, Located<Expr> perSampleLoss,
    int batch, double learningRate, int samples, SourcePos pos) {

  /** The label's name when the block does not declare one. */
  public static final String DEFAULT_LABEL = "y";

  public DataDecl {
    inputs = List.copyOf(inputs);
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(teacher, "teacher");
    Objects.requireNonNull(perSampleLoss, "perSampleLoss");
    Objects.requireNonNull(pos, "pos");
    if (inputs.isEmpty()) {
      throw new IllegalArgumentException("a data block needs at least one input");
    }
    if (!(inputSd >= 0) || !Double.isFinite(inputMean) || Double.isInfinite(inputSd)
        || !(labelNoise >= 0) || Double.isInfinite(labelNoise)) {
      throw new IllegalArgumentException("input mean/sd and label noise must be finite, sd >= 0");
    }
    if (batch < 1 || !(learningRate > 0) || Double.isInfinite(learningRate) || samples < 0) {
      throw new IllegalArgumentException("need batch >= 1, learning rate > 0, samples >= 0");
    }
  }

  /** The SGD temperature η/B (shared/THEORY.md §5, SGD convention). */
  public double temperature() {
    return learningRate / batch;
  }
}
