package org.gaugebias.symbolic.design;

import java.util.Objects;
import java.util.Optional;
import org.gaugebias.symbolic.expr.Expr;

/**
 * A named fixed value (a number, vector or matrix literal) that expressions may use.
 *
 * @param name the name
 * @param value the literal, unevaluated (for a named transform: its exact matrix)
 * @param pos where the name is written
 * @param valuePos where the literal starts (for errors inside it)
 * @param transform the transform the value was declared as ({@code dct 64}), if it was
 * @param kronecker the Kronecker product it was declared as ({@code kron(dct 8, dct 8)}), if it
 *     was; the value is then {@code KroneckerProduct[F1, F2, …]} of the factors
 */
public record ConstantDecl(String name, Expr value, SourcePos pos, SourcePos valuePos,
    Optional<NamedTransform> transform, Optional<KroneckerDecl> kronecker) {
  public ConstantDecl {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(pos, "pos");
    Objects.requireNonNull(valuePos, "valuePos");
    Objects.requireNonNull(transform, "transform (use Optional.empty())");
    Objects.requireNonNull(kronecker, "kronecker (use Optional.empty())");
  }

  /** A constant written as a literal or declared as a named transform. */
  public ConstantDecl(String name, Expr value, SourcePos pos, SourcePos valuePos,
      Optional<NamedTransform> transform) {
    this(name, value, pos, valuePos, transform, Optional.empty());
  }

  /** A constant declared as a Kronecker product. */
  public ConstantDecl(String name, KroneckerDecl kronecker, SourcePos pos, SourcePos valuePos) {
    this(name, kronecker.value(), pos, valuePos, Optional.empty(), Optional.of(kronecker));
  }

  /** A constant written as a literal. */
  public ConstantDecl(String name, Expr value, SourcePos pos, SourcePos valuePos) {
    this(name, value, pos, valuePos, Optional.empty());
  }
}
