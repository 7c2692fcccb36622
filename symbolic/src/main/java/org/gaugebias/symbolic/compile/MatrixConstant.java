package org.gaugebias.symbolic.compile;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.gaugebias.symbolic.expr.Expr;

/**
 * A square matrix constant of a design, kept by name so that a derivation can name the linear
 * operator it finds in the predictor ({@code β = Dctᵀ(u⊙v)}: ω = Dct β) instead of printing
 * its entries.
 *
 * @param name the constant's name in the design
 * @param transform the named transform it was declared as ({@code dct 64}), if any
 * @param meaning what it is, when known ("the orthonormal DCT-II of size 64")
 * @param entries the exact entries, row by row
 */
public record MatrixConstant(String name,
    Optional<org.gaugebias.symbolic.design.NamedTransform> transform, Optional<String> meaning,
    List<List<Expr>> entries) {
  public MatrixConstant {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(transform, "transform");
    Objects.requireNonNull(meaning, "meaning");
    entries = entries.stream().map(List::copyOf).toList();
  }

  /** How it was declared, when by a named transform: {@code dct 64}. */
  public Optional<String> declaration() {
    return transform.map(org.gaugebias.symbolic.design.NamedTransform::declaration);
  }

  /** n, for an n×n matrix. */
  public int size() {
    return entries.size();
  }

  /** The square matrix literal {@code value}, if it is one. */
  public static Optional<List<List<Expr>>> square(Expr value) {
    if (!(value instanceof Expr.Vec rows) || rows.items().isEmpty()) {
      return Optional.empty();
    }
    int n = rows.items().size();
    List<List<Expr>> out = new java.util.ArrayList<>();
    for (Expr r : rows.items()) {
      if (!(r instanceof Expr.Vec row) || row.items().size() != n
          || row.items().stream().anyMatch(x -> x instanceof Expr.Vec)) {
        return Optional.empty();
      }
      out.add(row.items());
    }
    return Optional.of(out);
  }
}
