package org.gaugebias.numeric.sgd;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.gaugebias.numeric.model.SimulationModels;
import org.gaugebias.symbolic.dynamics.Dynamics;
import org.gaugebias.symbolic.dynamics.SgdProblem;
import org.gaugebias.symbolic.expr.Expr;

/**
 * What plain minibatch SGD needs, as formulas: the per-sample gradient ∂ℓ/∂θ of the data
 * block, the data generator and the gauge functions whose balance law is tested
 * (shared/THEORY.md §5). Built from the engine's {@link Dynamics}; immutable.
 *
 * @param name label for reports
 * @param parameters θ symbols in flattening order
 * @param problem the SGD problem (data, per-sample loss and gradient, B, η)
 * @param momentMaps the gauge functions with gradients and Hessians
 * @param observable the observed predictor component
 * @param observableSymbol its symbol
 */
public record SgdModel(String name, List<String> parameters, SgdProblem problem,
    List<Dynamics.MomentMap> momentMaps, Expr observable, String observableSymbol) {

  public SgdModel {
    Objects.requireNonNull(name, "name");
    parameters = List.copyOf(parameters);
    Objects.requireNonNull(problem, "problem");
    momentMaps = List.copyOf(momentMaps);
    Objects.requireNonNull(observable, "observable");
    Objects.requireNonNull(observableSymbol, "observableSymbol");
    if (problem.perSampleGradient().size() != parameters.size()) {
      throw new IllegalArgumentException("per-sample gradient has "
          + problem.perSampleGradient().size() + " components for " + parameters.size()
          + " parameters");
    }
  }

  /**
   * The SGD model of a design with a {@code data:} block.
   *
   * @throws IllegalArgumentException when the design has no data block or the observable is
   *     unknown
   */
  public static SgdModel from(Dynamics d, Optional<String> observable) {
    if (d.sgd().isEmpty()) {
      throw new IllegalArgumentException("--noise sgd needs a data set: add a 'data:' block to"
          + " the design (inputs, teacher, per_sample_loss, batch, learning_rate;"
          + " docs/design-format.md)");
    }
    int i = SimulationModels.observableIndex(d, observable);
    return new SgdModel(d.designId() + ": " + d.title(), d.parameters(), d.sgd().get(),
        new ArrayList<>(d.momentMaps()), d.predictor().get(i), d.predictorSymbols().get(i));
  }

  public int dimension() {
    return parameters.size();
  }
}
