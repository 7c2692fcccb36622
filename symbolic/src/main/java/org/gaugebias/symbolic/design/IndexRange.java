package org.gaugebias.symbolic.design;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

  /**
   * Every assignment of the ranges' indices, the first index varying slowest. One empty
   * assignment when there are no ranges.
   */
  public static List<Map<String, Integer>> assignments(List<IndexRange> ranges) {
    List<Map<String, Integer>> out = new ArrayList<>();
    out.add(Map.of());
    for (IndexRange r : ranges) {
      List<Map<String, Integer>> next = new ArrayList<>();
      for (Map<String, Integer> partial : out) {
        r.values().forEach(v -> {
          Map<String, Integer> m = new LinkedHashMap<>(partial);
          m.put(r.name(), v);
          next.add(Collections.unmodifiableMap(m));
        });
      }
      out = next;
    }
    return List.copyOf(out);
  }

  @Override
  public String toString() {
    return name + " in " + from + ".." + to;
  }
}
