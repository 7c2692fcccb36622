package org.gaugebias.symbolic.design;

import java.util.Objects;

/**
 * A value with the place it was written, so that a problem found long after reading (by the
 * engine) can still point at the file.
 *
 * @param value the value
 * @param pos where the value starts in the file
 * @param <T> the value's type
 */
public record Located<T>(T value, SourcePos pos) {
  public Located {
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(pos, "pos");
  }
}
