package org.gaugebias.symbolic.symmetry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Gaussian elimination over F_p on sparse rows, for the large but very sparse systems of
 * polynomial identities (d² unknowns, a few unknowns per equation). Rows are added one at a time
 * and kept with distinct leading columns; {@link #reduced()} back-substitutes to the reduced
 * row-echelon form and {@link #kernel()} gives the null space in its own reduced row-echelon
 * form, which is unique, so a basis lifted back to Q is canonical.
 */
final class SparseEchelon {
  /** A sparse row: ascending columns and their non-zero values mod p. */
  record Row(int[] cols, long[] vals) {
    static Row of(Map<Integer, Long> entries) {
      TreeMap<Integer, Long> sorted = new TreeMap<>(entries);
      sorted.values().removeIf(v -> v == 0);
      int[] c = new int[sorted.size()];
      long[] v = new long[sorted.size()];
      int k = 0;
      for (Map.Entry<Integer, Long> e : sorted.entrySet()) {
        c[k] = e.getKey();
        v[k++] = e.getValue();
      }
      return new Row(c, v);
    }

    boolean isEmpty() {
      return cols.length == 0;
    }
  }

  private final int columns;
  /** Pivot column → row with a 1 there and no entries before it. */
  private final TreeMap<Integer, Row> pivots = new TreeMap<>();

  SparseEchelon(int columns) {
    this.columns = columns;
  }

  int columns() {
    return columns;
  }

  int rank() {
    return pivots.size();
  }

  /** Reduces {@code r} by the rows so far; keeps it if independent. Returns whether it was. */
  boolean add(Row r) {
    TreeMap<Integer, Long> w = new TreeMap<>();
    for (int i = 0; i < r.cols().length; i++) {
      if (r.vals()[i] != 0) {
        w.put(r.cols()[i], r.vals()[i]);
      }
    }
    Integer c = w.isEmpty() ? null : w.firstKey();
    while (c != null) {
      Row p = pivots.get(c);
      if (p == null) {
        break;
      }
      long f = Modular.neg(w.get(c));
      for (int i = 0; i < p.cols().length; i++) {
        w.merge(p.cols()[i], Modular.mul(f, p.vals()[i]), Modular::add);
        if (w.get(p.cols()[i]) == 0) {
          w.remove(p.cols()[i]);
        }
      }
      c = w.ceilingKey(c);
    }
    if (w.isEmpty()) {
      return false;
    }
    int lead = w.firstKey();
    long scale = Modular.inv(w.get(lead));
    w.replaceAll((k, v) -> Modular.mul(v, scale));
    pivots.put(lead, Row.of(w));
    return true;
  }

  /** The reduced row-echelon form, rows by ascending pivot column. */
  List<Row> reduced() {
    Map<Integer, Row> done = new HashMap<>();
    for (Integer c : pivots.descendingKeySet()) {
      Row r = pivots.get(c);
      TreeMap<Integer, Long> w = new TreeMap<>();
      for (int i = 0; i < r.cols().length; i++) {
        w.put(r.cols()[i], r.vals()[i]);
      }
      for (int i = 1; i < r.cols().length; i++) {
        Row q = done.get(r.cols()[i]);
        if (q == null || !w.containsKey(r.cols()[i])) {
          continue;
        }
        long f = Modular.neg(w.get(r.cols()[i]));
        for (int k = 0; k < q.cols().length; k++) {
          w.merge(q.cols()[k], Modular.mul(f, q.vals()[k]), Modular::add);
        }
      }
      done.put(c, Row.of(w));
    }
    List<Row> out = new ArrayList<>();
    for (Integer c : pivots.keySet()) {
      out.add(done.get(c));
    }
    return out;
  }

  /** A basis of the null space, in reduced row-echelon form (rows by ascending pivot). */
  List<Row> kernel() {
    Map<Integer, Map<Integer, Long>> vectors = new TreeMap<>();
    for (int c = 0; c < columns; c++) {
      if (!pivots.containsKey(c)) {
        Map<Integer, Long> v = new HashMap<>();
        v.put(c, 1L);
        vectors.put(c, v);
      }
    }
    for (Row r : reduced()) {
      int pivot = r.cols()[0];
      for (int i = 1; i < r.cols().length; i++) {
        Map<Integer, Long> v = vectors.get(r.cols()[i]);
        if (v != null) {
          v.put(pivot, Modular.neg(r.vals()[i]));
        }
      }
    }
    SparseEchelon k = new SparseEchelon(columns);
    for (Map<Integer, Long> v : vectors.values()) {
      k.add(Row.of(v));
    }
    return k.reduced();
  }
}
