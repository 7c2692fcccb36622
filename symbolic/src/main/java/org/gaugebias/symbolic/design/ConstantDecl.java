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
 */
public record ConstantDecl(String name, Expr value, SourcePos pos, SourcePos valuePos,
    Optional<NamedTransform> transform) {
  public ConstantDecl {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(pos, "pos");
    Objects.requireNonNull(valuePos, "valuePos");
    Objects.requireNonNull(transform, "transform (use Optional.empty())");
  }

  /** A constant written as a literal. */
  public ConstantDecl(String name, Expr value, SourcePos pos, SourcePos valuePos) {
    this(name, value, pos, valuePos, Optional.empty());
  }
}
