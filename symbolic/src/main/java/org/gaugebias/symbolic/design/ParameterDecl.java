package org.gaugebias.symbolic.design;

import java.util.Objects;

/**
 * A declared parameter; the declaration order is the flattening order of θ.
 *
 * @param name the user's name (a Wolfram identifier without {@code $})
 * @param shape its shape
 * @param pos where the name is written
 */
public record ParameterDecl(String name, Shape shape, SourcePos pos) {
  public ParameterDecl {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(shape, "shape");
    Objects.requireNonNull(pos, "pos");
  }
}
