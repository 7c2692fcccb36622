package org.gaugebias.symbolic.derive;

import java.util.ArrayList;
import java.util.List;

/** Index subsets, enumerated so that subsets of later coordinates come first. */
final class Combinations {
  private static final int LIMIT = 5000;

  private Combinations() {
  }

  /** Subsets of size k of {0..n−1}, the one of the last k indices first. */
  static List<int[]> descending(int n, int k) {
    List<int[]> out = new ArrayList<>();
    collect(n - 1, k, new int[k], 0, out);
    return out;
  }

  private static void collect(int top, int k, int[] acc, int filled, List<int[]> out) {
    if (out.size() >= LIMIT) {
      return;
    }
    if (filled == k) {
      int[] set = acc.clone();
      java.util.Arrays.sort(set);
      out.add(set);
      return;
    }
    for (int i = top; i >= k - filled - 1; i--) {
      acc[filled] = i;
      collect(i - 1, k, acc, filled + 1, out);
    }
  }
}
