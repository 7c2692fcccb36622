package org.gaugebias.symbolic.dynamics;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.gaugebias.symbolic.compile.Variable;
import org.gaugebias.symbolic.expr.Expr;

/**
 * What the numeric verifier needs to simulate a design, as formulas derived by the engine
 * (shared/THEORY.md §1, §3, §5): the loss and its θ-gradient, the generator fields and moment
 * maps of the derivation, and the candidate log-densities of the predictor. Immutable.
 *
 * <p>Log-densities are unnormalised functions of the predictor symbols {@code beta$i} and the
 * temperature symbol; additive constants are irrelevant (the verifier normalises on a window).
 *
 * @param designId the design's id
 * @param title the design's title
 * @param source the design file
 * @param parameters θ component symbols in flattening order
 * @param predictorVariable the predictor: name, shape and component symbols
 * @param predictor β = f(θ), one expression per predictor symbol
 * @param lossInPredictor L as a function of β
 * @param loss L(f(θ))
 * @param gradient ∂L(f(θ))/∂θ_i, one per parameter
 * @param generators the generator fields ξ_a(θ) of the derivation (GENERATORS step)
 * @param compact whether every generator is linear and antisymmetric (a compact group acting by
 *     isometries); isotropic noise has a stationary law only then
 * @param momentMaps the gauge functions χ of the derivation (GAUGE step) with derivatives
 * @param temperature the temperature symbol
 * @param predicted {@code −(L + R_quot)/T}: the law of β under projected noise
 * @param alternatives laws the prediction must beat: no correction {@code −L/T}, opposite sign
 *     {@code −(L − R_quot)/T}, and the orbit variant {@code −(L + R_orbit)/T} when it differs
 * @param isotropic {@code −(L + R_quot − R_orbit)/T}: e^{−L/T} per unit volume of θ pushed to β
 *     (the law under isotropic noise when the group is compact)
 * @param sgd the minibatch-SGD problem, when the design has a data block
 */
public record Dynamics(String designId, String title, String source, List<String> parameters,
    Variable predictorVariable, List<Expr> predictor, Expr lossInPredictor, Expr loss,
    List<Expr> gradient, List<List<Expr>> generators, boolean compact,
    List<MomentMap> momentMaps, String temperature, Law predicted, List<Law> alternatives,
    Law isotropic, Optional<SgdProblem> sgd) {

  /** A candidate law: an unnormalised log-density of β. */
  /** The predictor's component symbols ({@code beta} or {@code beta$1, …}). */
  public List<String> predictorSymbols() {
    return predictorVariable.symbols();
  }

  public record Law(String name, Expr logDensity) {
    public Law {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(logDensity, "logDensity");
    }
  }

  /**
   * A gauge function χ(θ) (a moment map ½θᵀAθ for the default gauge) with its gradient and
   * Hessian, which the SGD balance law needs (THEORY.md §5: d/dt E χ = (T/2) E tr(∇²χ Σ)).
   */
  public record MomentMap(String name, Expr value, List<Expr> gradient,
      List<List<Expr>> hessian) {
    public MomentMap {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, "value");
      gradient = List.copyOf(gradient);
      hessian = copyRows(hessian);
    }
  }

  public Dynamics {
    Objects.requireNonNull(designId, "designId");
    parameters = List.copyOf(parameters);
    Objects.requireNonNull(predictorVariable, "predictorVariable");
    predictor = List.copyOf(predictor);
    Objects.requireNonNull(lossInPredictor, "lossInPredictor");
    Objects.requireNonNull(loss, "loss");
    gradient = List.copyOf(gradient);
    generators = copyRows(generators);
    momentMaps = List.copyOf(momentMaps);
    Objects.requireNonNull(temperature, "temperature");
    Objects.requireNonNull(predicted, "predicted");
    alternatives = List.copyOf(alternatives);
    Objects.requireNonNull(isotropic, "isotropic");
    Objects.requireNonNull(sgd, "sgd (use Optional.empty())");
    if (gradient.size() != parameters.size() || predictor.size() != predictorVariable.components().size()) {
      throw new IllegalArgumentException("gradient/predictor sizes do not match their symbols");
    }
  }

  static List<List<Expr>> copyRows(List<List<Expr>> rows) {
    List<List<Expr>> out = new ArrayList<>();
    for (List<Expr> r : rows) {
      out.add(List.copyOf(r));
    }
    return List.copyOf(out);
  }
}
