package org.gaugebias.symbolic.compile;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.gaugebias.symbolic.design.Shape;
import org.gaugebias.symbolic.expr.Expr;

/**
 * A named, shaped quantity of a compiled model (a parameter or the predictor) with its
 * component symbols in flattening order (row-major for a matrix). This is the only place that
 * spells component symbols ({@code u$1}, {@code U$1$2}); everything else asks a
 * {@link Component} for its variable and indices.
 *
 * @param name as declared ({@code u}, {@code beta})
 * @param shape scalar, vector or matrix, with its sizes
 * @param components one per coordinate, in flattening order
 */
public record Variable(String name, Shape shape, List<Component> components) {
  /** The separator between a name and its indices in component symbols. */
  private static final String SEPARATOR = "$";

  public Variable {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(shape, "shape");
    components = List.copyOf(components);
    if (components.size() != shape.size()) {
      throw new IllegalArgumentException(name + " is a " + shape + " but has "
          + components.size() + " components");
    }
  }

  /** The variable {@code name} of the given shape, with its component symbols. */
  public static Variable of(String name, Shape shape) {
    List<Component> out = new ArrayList<>();
    switch (shape.kind()) {
      case SCALAR -> out.add(new Component(name, name, List.of()));
      case VECTOR -> {
        for (int i = 1; i <= shape.rows(); i++) {
          out.add(component(name, List.of(i)));
        }
      }
      case MATRIX -> {
        for (int i = 1; i <= shape.rows(); i++) {
          for (int j = 1; j <= shape.cols(); j++) {
            out.add(component(name, List.of(i, j)));
          }
        }
      }
      case SYMMETRIC -> {
        for (int i = 1; i <= shape.rows(); i++) {
          for (int j = i; j <= shape.cols(); j++) {
            out.add(component(name, List.of(i, j)));
          }
        }
      }
    }
    return new Variable(name, shape, out);
  }

  /** The shape of an evaluated value: a list of lists is a matrix, a list a vector. */
  public static Shape shapeOf(Expr value) {
    if (value instanceof Expr.Vec v && !v.items().isEmpty()) {
      if (v.items().get(0) instanceof Expr.Vec row) {
        return Shape.matrix(v.items().size(), row.items().size());
      }
      return Shape.vector(v.items().size());
    }
    return Shape.scalar();
  }

  private static Component component(String name, List<Integer> indices) {
    StringBuilder s = new StringBuilder(name);
    indices.forEach(i -> s.append(SEPARATOR).append(i));
    return new Component(s.toString(), name, indices);
  }

  /**
   * The component symbol of a summation index standing for all entries of a vector
   * ({@code beta$i} for {@code Sum[…, {i, 1, n}]}); for display forms only.
   */
  public String indexedBy(String index) {
    return name + SEPARATOR + index;
  }

  /** The component symbols in flattening order. */
  public List<String> symbols() {
    return components.stream().map(Component::symbol).toList();
  }

  /** The value as expressions see it: a symbol, a list of symbols or a list of rows. */
  public Expr value() {
    return shaped(components.stream().map(c -> (Expr) new Expr.Sym(c.symbol())).toList());
  }

  /** The same shape filled with the given entries (flattening order). */
  public Expr shaped(List<Expr> entries) {
    if (entries.size() != components.size()) {
      throw new IllegalArgumentException(name + " has " + components.size() + " entries, not "
          + entries.size());
    }
    return switch (shape.kind()) {
      case SCALAR -> entries.get(0);
      case VECTOR -> new Expr.Vec(entries);
      case MATRIX -> {
        List<Expr> rows = new ArrayList<>();
        for (int i = 0; i < shape.rows(); i++) {
          rows.add(new Expr.Vec(entries.subList(i * shape.cols(), (i + 1) * shape.cols())));
        }
        yield new Expr.Vec(rows);
      }
      case SYMMETRIC -> {
        // entry (i, j) and (j, i) are the same coordinate x_min(i,j),max(i,j)
        int n = shape.rows();
        List<Expr> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          List<Expr> row = new ArrayList<>();
          for (int j = 0; j < n; j++) {
            int a = Math.min(i, j);
            int b = Math.max(i, j);
            row.add(entries.get(a * n - a * (a - 1) / 2 + (b - a)));
          }
          rows.add(new Expr.Vec(row));
        }
        yield new Expr.Vec(rows);
      }
    };
  }

  /** The symbols of row i (1-based) of a matrix. */
  public List<String> row(int i) {
    return components.stream().filter(c -> c.indices().get(0) == i).map(Component::symbol)
        .toList();
  }
}
