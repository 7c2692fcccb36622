package org.gaugebias.symbolic.design;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.gaugebias.symbolic.expr.Expr;

/**
 * A declared generator, or a family of them: the vector field {@code ξ(θ)} given per parameter,
 * instantiated once per value of its indices. Parameters absent from {@link #field()} have a zero
 * component.
 *
 * @param label optional name shown in the derivation (e.g. {@code rescaling})
 * @param indices the index ranges of a family, in the order written (empty: one generator)
 * @param field per parameter name the component of ξ, in file order
 * @param pos where the generator's entry starts
 */
public record GeneratorDecl(Optional<String> label, List<IndexRange> indices,
    Map<String, Located<Expr>> field, SourcePos pos) {
  public GeneratorDecl {
    Objects.requireNonNull(label, "label");
    indices = List.copyOf(indices);
    // file order matters for printing; Map.copyOf would lose it
    field = Collections.unmodifiableMap(new LinkedHashMap<>(field));
    Objects.requireNonNull(pos, "pos");
  }

  /** The field components without positions, in file order. */
  public Map<String, Expr> fieldExprs() {
    Map<String, Expr> out = new LinkedHashMap<>();
    field.forEach((k, v) -> out.put(k, v.value()));
    return Collections.unmodifiableMap(out);
  }

  /** How many generators this entry stands for (the product of the index range sizes). */
  public int count() {
    int n = 1;
    for (IndexRange r : indices) {
      n *= r.size();
    }
    return n;
  }

  /**
   * Every assignment of the indices, the first index varying slowest (the order in which the
   * generators enter Ξ). One empty assignment when there are no indices.
   */
  public List<Map<String, Integer>> indexValues() {
    return IndexRange.assignments(indices);
  }
}
