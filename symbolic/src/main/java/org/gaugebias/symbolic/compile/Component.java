package org.gaugebias.symbolic.compile;

import java.util.List;
import java.util.Objects;

/**
 * One scalar coordinate of a shaped quantity: the symbol the engine computes with, the
 * quantity it belongs to and its 1-based indices ({@code U$2$1} is entry (2, 1) of {@code U};
 * a scalar has no indices). Code that needs a component's parameter or index reads these
 * fields; only the printers look at the symbol's spelling.
 *
 * @param symbol the component symbol in expressions
 * @param variable the parameter's or predictor's name
 * @param indices 1-based indices: none for a scalar, (i) for a vector, (i, j) for a matrix
 */
public record Component(String symbol, String variable, List<Integer> indices) {
  public Component {
    Objects.requireNonNull(symbol, "symbol");
    Objects.requireNonNull(variable, "variable");
    indices = List.copyOf(indices);
  }

  /** The component as a design file writes it: {@code u}, {@code u[[2]]}, {@code U[[1, 2]]}. */
  public String designSyntax() {
    return indices.isEmpty() ? variable : variable + "[[" + String.join(", ",
        indices.stream().map(String::valueOf).toList()) + "]]";
  }
}
