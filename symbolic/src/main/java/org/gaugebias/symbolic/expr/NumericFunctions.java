package org.gaugebias.symbolic.expr;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The numeric meaning of functions that are not built in: the tabulated functions a design
 * declares ({@code tables:}). A table named f provides three heads, as the CAS writes them
 * ({@code SymjaConversion}): {@code f} (φ), {@code f'} (φ') and {@code InverseFunction[f]}
 * (ψ = φ⁻¹). Immutable; {@link #NONE} has no functions.
 */
public final class NumericFunctions {
  /** No functions beyond the built-ins. */
  public static final NumericFunctions NONE = new NumericFunctions(new TreeMap<>());

  private final Map<String, TabulatedFunction> tables;

  private NumericFunctions(TreeMap<String, TabulatedFunction> tables) {
    this.tables = Collections.unmodifiableMap(tables);
  }

  /** Functions from tables by name (copied, sorted by name). */
  public static NumericFunctions of(Map<String, TabulatedFunction> tables) {
    return tables.isEmpty() ? NONE : new NumericFunctions(new TreeMap<>(tables));
  }

  /** The table names, sorted. */
  public Set<String> names() {
    return tables.keySet();
  }

  /** The tables by name (sorted, unmodifiable). */
  public Map<String, TabulatedFunction> tables() {
    return tables;
  }

  public boolean isEmpty() {
    return tables.isEmpty();
  }

  /** The head of the derivative of table f: {@code f'}. */
  public static String derivativeHead(String f) {
    return f + "'";
  }

  /** The head of the inverse of table f: {@code InverseFunction[f]}. */
  public static String inverseHead(String f) {
    return "InverseFunction[" + f + "]";
  }

  /** Whether {@code head} is f, f' or InverseFunction[f] for one of the tables. */
  public boolean handles(String head) {
    return resolve(head).isPresent();
  }

  /** The table behind a head f, f' or InverseFunction[f]. */
  public Optional<String> tableOf(String head) {
    return resolve(head).map(r -> r.name);
  }

  /** Evaluates {@code head[x]}; unknown heads and points outside a table are errors. */
  public double apply(String head, double x) {
    Resolved r = resolve(head).orElseThrow(() -> new IllegalArgumentException(
        "no numeric rule for " + head));
    TabulatedFunction t = tables.get(r.name);
    try {
      return switch (r.kind) {
        case VALUE -> t.value(x);
        case DERIVATIVE -> t.derivative(x);
        default -> t.inverse(x);
      };
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("table '" + r.name + "' (" + head + "): "
          + e.getMessage());
    }
  }

  private enum Kind { VALUE, DERIVATIVE, INVERSE }

  private record Resolved(String name, Kind kind) { }

  private Optional<Resolved> resolve(String head) {
    if (tables.isEmpty()) {
      return Optional.empty();
    }
    if (tables.containsKey(head)) {
      return Optional.of(new Resolved(head, Kind.VALUE));
    }
    if (head.endsWith("'") && !head.endsWith("''")
        && tables.containsKey(head.substring(0, head.length() - 1))) {
      return Optional.of(new Resolved(head.substring(0, head.length() - 1), Kind.DERIVATIVE));
    }
    if (head.startsWith("InverseFunction[") && head.endsWith("]")) {
      String f = head.substring("InverseFunction[".length(), head.length() - 1);
      if (tables.containsKey(f)) {
        return Optional.of(new Resolved(f, Kind.INVERSE));
      }
    }
    return Optional.empty();
  }
}
