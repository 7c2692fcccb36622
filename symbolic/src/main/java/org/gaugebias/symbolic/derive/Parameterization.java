package org.gaugebias.symbolic.derive;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.gaugebias.symbolic.expr.Expr;
import org.gaugebias.symbolic.expr.NumericFunctions;
import org.gaugebias.symbolic.trace.Variant;

/**
 * A design flattened to scalars: what the engine derives from. Parameters {@code theta} are
 * component symbols in flattening order ({@code u$1, u$2, v$1, ...}); the predictor is a list of
 * scalar expressions in them, one per component symbol in {@code beta}.
 *
 * @param generators declared symmetry generators as vector fields, or empty to discover them
 * @param gauge declared gauge conditions {@code χ(θ) = 0}, or empty for moment maps
 * @param loss the loss as a function of the predictor symbols
 * @param functions the design's tabulated functions ({@code tables:}), which its expressions
 *     may apply, as {@code f}, {@code f'} or {@code InverseFunction[f]}; every numeric step
 *     of the engine evaluates with them
 */
public record Parameterization(String id, String title, String source, List<String> theta,
    List<Expr> predictor, List<String> beta, List<Expr> assumptions,
    Optional<List<GeneratorField>> generators, Optional<List<GaugeCondition>> gauge,
    Optional<Expr> loss, String temperature, Variant headline, NumericFunctions functions) {

  /** A parameterisation without tabulated functions. */
  public Parameterization(String id, String title, String source, List<String> theta,
      List<Expr> predictor, List<String> beta, List<Expr> assumptions,
      Optional<List<GeneratorField>> generators, Optional<List<GaugeCondition>> gauge,
      Optional<Expr> loss, String temperature, Variant headline) {
    this(id, title, source, theta, predictor, beta, assumptions, generators, gauge, loss,
        temperature, headline, NumericFunctions.NONE);
  }

  /** The same parameterisation with another headline variant. */
  public Parameterization withHeadline(Variant v) {
    return new Parameterization(id, title, source, theta, predictor, beta, assumptions,
        generators, gauge, loss, temperature, v, functions);
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
    theta = List.copyOf(theta);
    predictor = List.copyOf(predictor);
    beta = List.copyOf(beta);
    assumptions = List.copyOf(assumptions);
    if (predictor.size() != beta.size()) {
      throw new IllegalArgumentException("predictor has " + predictor.size()
          + " components but " + beta.size() + " names");
    }
  }

  public int dimension() {
    return theta.size();
  }
}
