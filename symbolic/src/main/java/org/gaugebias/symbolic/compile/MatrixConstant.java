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
 * @param entries the exact entries, row by row (empty for a Kronecker product: see factors)
 * @param factors a Kronecker product's factors, left to right ({@code kron(dct 8, dct 8)}: two
 *     8×8 DCTs, each named by its label {@code Dct_8}); empty for any other matrix
 */
public record MatrixConstant(String name,
    Optional<org.gaugebias.symbolic.design.NamedTransform> transform, Optional<String> meaning,
    List<List<Expr>> entries, List<MatrixConstant> factors) {
  public MatrixConstant {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(transform, "transform");
    Objects.requireNonNull(meaning, "meaning");
    entries = entries.stream().map(List::copyOf).toList();
    factors = List.copyOf(factors);
  }

  /** A matrix given by its entries. */
  public MatrixConstant(String name,
      Optional<org.gaugebias.symbolic.design.NamedTransform> transform, Optional<String> meaning,
      List<List<Expr>> entries) {
    this(name, transform, meaning, entries, List.of());
  }

  /**
   * How it was declared: {@code dct 64} for a named transform, {@code kron(dct 8, dct 8)} for a
   * Kronecker product (a factor that is no named transform is written by its name).
   */
  public Optional<String> declaration() {
    if (kronecker()) {
      return Optional.of(factors.stream().map(f -> f.declaration().orElse(f.name()))
          .collect(java.util.stream.Collectors.joining(", ", "kron(", ")")));
    }
    return transform.map(org.gaugebias.symbolic.design.NamedTransform::declaration);
  }

  /** n, for an n×n matrix (Π n_k for a Kronecker product). */
  public int size() {
    return factors.isEmpty() ? entries.size()
        : factors.stream().mapToInt(MatrixConstant::size).reduce(1, (a, b) -> a * b);
  }

  /** Whether this is a Kronecker product of its factors. */
  public boolean kronecker() {
    return !factors.isEmpty();
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
