package org.gaugebias.symbolic.derive.matrix;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A Gram matrix ⟨v_a, v_b⟩ of sparse vectors (coordinate → polynomial in the frame variables),
 * kept sparse and split into the connected components of its sparsity graph: the blocks whose
 * determinants multiply to det (docs/matrix-families.md: one block per index i or pair i &lt; j,
 * tridiagonal in the layer index for depth).
 *
 * @param size the number of vectors
 * @param entries the non-zero entries, keyed {@code a * size + b}
 * @param scale per vector, whether it carries a factor √2 (off-diagonal coordinates of a
 *     symmetric predictor, Frobenius metric); entries hold the unscaled products
 */
record SparseGram(int size, Map<Long, Poly> entries, boolean[] scale) {

  static SparseGram of(List<Map<Integer, Poly>> vectors, boolean[] scale) {
    Map<Integer, List<Integer>> byCoordinate = new TreeMap<>();
    for (int a = 0; a < vectors.size(); a++) {
      for (int c : vectors.get(a).keySet()) {
        byCoordinate.computeIfAbsent(c, k -> new ArrayList<>()).add(a);
      }
    }
    int n = vectors.size();
    Map<Long, Poly> out = new HashMap<>();
    for (var e : byCoordinate.entrySet()) {
      List<Integer> touching = e.getValue();
      for (int a : touching) {
        for (int b : touching) {
          Poly prod = vectors.get(a).get(e.getKey()).times(vectors.get(b).get(e.getKey()));
          out.merge((long) a * n + b, prod, Poly::plus);
        }
      }
    }
    out.values().removeIf(Poly::isZero);
    return new SparseGram(n, out, scale);
  }

  Poly get(int a, int b) {
    return entries.getOrDefault((long) a * size + b, Poly.ZERO);
  }

  /** The connected components of the sparsity graph, each sorted, in order of first index. */
  List<List<Integer>> blocks() {
    int[] parent = new int[size];
    for (int i = 0; i < size; i++) {
      parent[i] = i;
    }
    for (long key : entries.keySet()) {
      int a = find(parent, (int) (key / size));
      int b = find(parent, (int) (key % size));
      if (a != b) {
        parent[Math.max(a, b)] = Math.min(a, b);
      }
    }
    Map<Integer, List<Integer>> groups = new TreeMap<>();
    for (int i = 0; i < size; i++) {
      groups.computeIfAbsent(find(parent, i), k -> new ArrayList<>()).add(i);
    }
    return new ArrayList<>(groups.values());
  }

  private static int find(int[] parent, int i) {
    while (parent[i] != i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  }

  /** The dense numeric matrix at frame values d, √2 scaling applied. */
  double[][] numeric(double[] d) {
    double[][] m = new double[size][size];
    for (var e : entries.entrySet()) {
      int a = (int) (e.getKey() / size);
      int b = (int) (e.getKey() % size);
      double s = (scale[a] ? Math.sqrt(2) : 1) * (scale[b] ? Math.sqrt(2) : 1);
      m[a][b] = s * e.getValue().value(d);
    }
    return m;
  }
}
