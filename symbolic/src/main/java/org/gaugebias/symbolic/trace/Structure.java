package org.gaugebias.symbolic.trace;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.gaugebias.symbolic.compile.Variable;
import org.gaugebias.symbolic.expr.Expr;
import org.gaugebias.symbolic.symmetry.Generator;

/**
 * What a derivation established about the model, as typed data for the stages after it
 * ({@code eval}, the dynamics, the catalogue summary, inverse design's proof): the shapes, the
 * checked generators, the gauge and the representative (THEORY.md §1–2). The steps say the same
 * in prose; nothing reads the prose back.
 *
 * @param parameters the parameters with shapes and component symbols, in flattening order
 * @param predictor the predictor's name, shape and component symbols
 * @param jacobian J_f, one row per predictor component
 * @param generators the checked generators (declared, from actions, or discovered)
 * @param orbitDimension rank Ξ at generic points (less than the number of generators when the
 *     action is not free)
 * @param gauge the gauge conditions χ(θ) = 0 (declared, or the moment maps); empty for a compact
 *     symmetry
 * @param gaugeDeclared whether the design declared the gauge
 * @param representative θ̃(β) per θ component
 * @param zeroed the coordinates set to 0 for the canonical representative of compact orbits
 * @param spectrum for matrix designs, the singular values or eigenvalues the results and the
 *     representative are written in (empty for vector designs)
 * @param units for a layer of independent units, the fold Σ_k f(β_k) (empty otherwise)
 */
public record Structure(List<Variable> parameters, Variable predictor,
    List<List<Expr>> jacobian, List<Generator> generators, int orbitDimension, List<Expr> gauge,
    boolean gaugeDeclared, Map<String, Expr> representative, List<String> zeroed,
    java.util.Optional<Spectrum> spectrum, java.util.Optional<UnitSum> units) {

  /** A design's structure without a unit fold. */
  public Structure(List<Variable> parameters, Variable predictor,
      List<List<Expr>> jacobian, List<Generator> generators, int orbitDimension, List<Expr> gauge,
      boolean gaugeDeclared, Map<String, Expr> representative, List<String> zeroed,
      java.util.Optional<Spectrum> spectrum) {
    this(parameters, predictor, jacobian, generators, orbitDimension, gauge, gaugeDeclared,
        representative, zeroed, spectrum, java.util.Optional.empty());
  }

  /** A vector design's structure (no spectrum). */
  public Structure(List<Variable> parameters, Variable predictor,
      List<List<Expr>> jacobian, List<Generator> generators, int orbitDimension, List<Expr> gauge,
      boolean gaugeDeclared, Map<String, Expr> representative, List<String> zeroed) {
    this(parameters, predictor, jacobian, generators, orbitDimension, gauge, gaugeDeclared,
        representative, zeroed, java.util.Optional.empty());
  }

  public Structure {
    Objects.requireNonNull(spectrum, "spectrum (use Optional.empty())");
    Objects.requireNonNull(units, "units (use Optional.empty())");
    parameters = List.copyOf(parameters);
    Objects.requireNonNull(predictor, "predictor");
    jacobian = jacobian.stream().map(List::copyOf).toList();
    generators = List.copyOf(generators);
    gauge = List.copyOf(gauge);
    representative = Collections.unmodifiableMap(new LinkedHashMap<>(representative));
    zeroed = List.copyOf(zeroed);
  }

  /** The component symbols of θ in flattening order. */
  public List<String> theta() {
    return parameters.stream().flatMap(v -> v.symbols().stream()).toList();
  }

  /** Whether every generator is a linear field with an antisymmetric matrix (compact group). */
  public boolean compact() {
    return !generators.isEmpty() && generators.stream()
        .allMatch(g -> g.type() == Generator.Type.ANTISYMMETRIC);
  }

  /** Whether the action is free: as many independent orbit directions as generators. */
  public boolean free() {
    return orbitDimension == generators.size();
  }
}
