package org.gaugebias.symbolic.design;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The size symbols a design declares ({@code sizes: [n]}) and the values they were read with.
 * A design with a symbolic size is read at concrete values (shapes, index ranges and expressions
 * get the number); the engine reads it again at other values to derive for every n
 * ({@code org.gaugebias.symbolic.size}). See docs/design-format.md, "Symbolic sizes".
 *
 * @param names the declared size symbols, in file order
 * @param values the value each symbol was read with
 * @param text the design text, to read it again at other values
 */
public record SymbolicSizes(List<String> names, Map<String, Integer> values, String text) {
  /** The value a size is read with when none is given: small, with a first and a generic block. */
  public static final int REFERENCE = 4;

  public SymbolicSizes {
    names = List.copyOf(names);
    values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    Objects.requireNonNull(text, "text");
    if (names.isEmpty()) {
      throw new IllegalArgumentException("no size symbols");
    }
  }
}
