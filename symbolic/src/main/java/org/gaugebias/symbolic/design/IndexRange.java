package org.gaugebias.symbolic.design;

import java.util.Objects;
import java.util.stream.IntStream;

/**
 * One index of a generator family: {@code i in 1..3} declares one generator per value of
 * {@code i}. Both ends are included.
 *
 * @param name the index symbol, usable in the field expressions
 * @param from first value
 * @param to last value ({@code >= from})
 */
public record IndexRange(String name, int from, int to) {
  public IndexRange {
    Objects.requireNonNull(name, "name");
    if (to < from) {
      throw new IllegalArgumentException("empty range " + from + ".." + to);
    }
  }

  /** Number of values. */
  public int size() {
    return to - from + 1;
  }

  /** The values, in increasing order. */
  public IntStream values() {
    return IntStream.rangeClosed(from, to);
  }

  @Override
  public String toString() {
    return name + " in " + from + ".." + to;
  }
}
