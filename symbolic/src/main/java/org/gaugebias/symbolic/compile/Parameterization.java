package org.gaugebias.symbolic.compile;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.gaugebias.symbolic.expr.Expr;
import org.gaugebias.symbolic.expr.NumericFunctions;
import org.gaugebias.symbolic.trace.Variant;

/**
 * A design compiled to scalars: what the engine derives from. Each parameter keeps its shape and
 * its component symbols ({@link Variable}); {@link #theta()} lists all of them in flattening
 * order, and the predictor is a list of scalar expressions in them, one per component of
 * {@link #predictorVariable()}.
 *
 * @param parameters the parameters in declaration order, with shapes and components
 * @param predictorVariable the predictor's name, shape (as evaluated) and component symbols
 * @param predictor f(θ), one scalar expression per predictor component
 * @param generators declared symmetry generators as vector fields, or empty to discover them
 * @param gauge declared gauge conditions {@code χ(θ) = 0}, or empty for moment maps
 * @param loss the loss as a function of the predictor symbols
 * @param functions the design's tabulated functions ({@code tables:}), which its expressions
 *     may apply, as {@code f}, {@code f'} or {@code InverseFunction[f]}; every numeric step
 *     of the engine evaluates with them
 * @param matrices the design's square matrix constants, by name (for naming operators found
 *     in the predictor; nothing is computed from them here)
 */
public record Parameterization(String id, String title, String source, List<Variable> parameters,
    Variable predictorVariable, List<Expr> predictor, List<Expr> assumptions,
    Optional<List<GeneratorField>> generators, Optional<List<GaugeCondition>> gauge,
    Optional<Expr> loss, String temperature, Variant headline, NumericFunctions functions,
    List<MatrixConstant> matrices) {

  /** A parameterisation whose design has no square matrix constants to name. */
  public Parameterization(String id, String title, String source, List<Variable> parameters,
      Variable predictorVariable, List<Expr> predictor, List<Expr> assumptions,
      Optional<List<GeneratorField>> generators, Optional<List<GaugeCondition>> gauge,
      Optional<Expr> loss, String temperature, Variant headline, NumericFunctions functions) {
    this(id, title, source, parameters, predictorVariable, predictor, assumptions, generators,
        gauge, loss, temperature, headline, functions, List.of());
  }

  /** The same parameterisation with another headline variant. */
  public Parameterization withHeadline(Variant v) {
    return new Parameterization(id, title, source, parameters, predictorVariable, predictor,
        assumptions, generators, gauge, loss, temperature, v, functions, matrices);
  }

  /** A declared generator: its field ξ(θ) (one component per θ) and where it was declared. */
  public record GeneratorField(String label, List<Expr> field, String origin) {
    public GeneratorField {
      field = List.copyOf(field);
    }
  }

  /** A declared gauge condition and where it was declared. */
  public record GaugeCondition(Expr expr, String origin) { }

  public Parameterization {
    Objects.requireNonNull(id);
    Objects.requireNonNull(functions, "functions (use NumericFunctions.NONE)");
    parameters = List.copyOf(parameters);
    Objects.requireNonNull(predictorVariable, "predictorVariable");
    predictor = List.copyOf(predictor);
    assumptions = List.copyOf(assumptions);
    matrices = List.copyOf(matrices);
    if (predictor.size() != predictorVariable.components().size()) {
      throw new IllegalArgumentException("predictor has " + predictor.size()
          + " components but " + predictorVariable.components().size() + " names");
    }
  }

  /** The component symbols of θ, in flattening order. */
  public List<String> theta() {
    return parameters.stream().flatMap(v -> v.symbols().stream()).toList();
  }

  /** The components of θ, in flattening order. */
  public List<Component> components() {
    return parameters.stream().flatMap(v -> v.components().stream()).toList();
  }

  /** The predictor's component symbols. */
  public List<String> beta() {
    return predictorVariable.symbols();
  }

  /** The parameter or predictor component named {@code symbol}, if it is one. */
  public Optional<Component> component(String symbol) {
    for (Variable v : parameters) {
      for (Component c : v.components()) {
        if (c.symbol().equals(symbol)) {
          return Optional.of(c);
        }
      }
    }
    return predictorVariable.components().stream().filter(c -> c.symbol().equals(symbol))
        .findFirst();
  }

  /** The parameter named {@code name}. */
  public Optional<Variable> parameter(String name) {
    return parameters.stream().filter(v -> v.name().equals(name)).findFirst();
  }

  public int dimension() {
    return parameters.stream().mapToInt(v -> v.components().size()).sum();
  }
}
