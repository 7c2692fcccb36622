package org.gaugebias.symbolic.size;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.gaugebias.symbolic.expr.Expr;
import org.gaugebias.symbolic.expr.Exprs;
import org.gaugebias.symbolic.expr.NumericEvaluator;
import org.gaugebias.symbolic.expr.SymbolNames;

/**
 * Sums over a symbolic index written out at a concrete size: {@code Sum[body, {i, a, n}]} with
 * n given becomes the terms of body at i = a..n, where a component symbol indexed by {@code i}
 * or {@code i-k} ({@code beta$i}, {@code beta$i-1}, {@code W$i$2}; {@code Variable.indexedBy})
 * becomes the component of that index ({@code beta$7}, {@code beta$6}, {@code W$7$2}), and the
 * size symbol itself becomes its value ({@code n Log[2]}).
 */
public final class IndexedSums {
  private IndexedSums() {
  }

  /**
   * A component symbol of a sized quantity read as a position along its sized (first) axis:
   * {@code w$i-1} is {@code w} at offset −1 from the index, {@code w$1} at the fixed position 1,
   * {@code W$i$2} at offset 0, column 2.
   *
   * @param base the quantity's name
   * @param relative whether {@code position} is an offset from the index (else 1-based)
   * @param position the offset or the 1-based position
   * @param columns the indices after the first (1-based), empty for a vector
   */
  public record Reference(String base, boolean relative, int position, List<Integer> columns) {
    public Reference {
      columns = List.copyOf(columns);
    }
  }

  /**
   * How {@code symbol} indexes a sized quantity given the summation index {@code index}; empty
   * for a scalar symbol or one whose indices are not of that form.
   */
  public static java.util.Optional<Reference> reference(String symbol, String index) {
    List<String> idx = SymbolNames.indices(symbol);
    if (idx.isEmpty()) {
      return java.util.Optional.empty();
    }
    List<Integer> columns = new ArrayList<>();
    try {
      for (String j : idx.subList(1, idx.size())) {
        columns.add(Integer.parseInt(j));
      }
      Integer offset = offset(idx.get(0), index);
      if (offset != null) {
        return java.util.Optional.of(new Reference(SymbolNames.base(symbol), true, offset,
            columns));
      }
      return java.util.Optional.of(new Reference(SymbolNames.base(symbol), false,
          Integer.parseInt(idx.get(0)), columns));
    } catch (NumberFormatException e) {
      return java.util.Optional.empty();
    }
  }

  /** {@code e} with every sum over an index written out at {@code size = value}. */
  public static Expr expand(Expr e, String size, int value) {
    Expr sized = Exprs.substitute(e, Map.of(size, Expr.integer(value)));
    return Exprs.map(sized, x -> x instanceof Expr.Fn f && f.head().equals("Sum")
        && f.args().size() == 2 && f.args().get(1) instanceof Expr.Vec range
        && range.items().size() == 3 && range.items().get(0) instanceof Expr.Sym index
        ? writtenOut(expand(f.args().get(0), size, value), index.name(),
            bound(range.items().get(1)), bound(range.items().get(2))) : null);
  }

  private static int bound(Expr e) {
    double v = NumericEvaluator.eval(e, Map.of());
    if (!(Math.rint(v) == v)) {
      throw new IllegalArgumentException("a summation bound is not a whole number: "
          + e.toWolfram());
    }
    return (int) v;
  }

  private static Expr writtenOut(Expr body, String index, int from, int to) {
    List<Expr> terms = new ArrayList<>();
    for (int k = from; k <= to; k++) {
      terms.add(at(body, index, k));
    }
    return terms.isEmpty() ? Expr.integer(0) : terms.size() == 1 ? terms.get(0)
        : new Expr.Add(terms);
  }

  /** {@code body} with the index {@code index} (and its offsets) at {@code k}. */
  public static Expr at(Expr body, String index, int k) {
    return Exprs.map(body, x -> {
      if (!(x instanceof Expr.Sym s)) {
        return null;
      }
      if (s.name().equals(index)) {
        return Expr.integer(k);
      }
      List<String> idx = SymbolNames.indices(s.name());
      if (idx.isEmpty()) {
        return null;
      }
      Integer first = offset(idx.get(0), index);
      if (first == null) {
        return null;
      }
      StringBuilder name = new StringBuilder(SymbolNames.base(s.name())).append('$')
          .append(k + first);
      idx.subList(1, idx.size()).forEach(j -> name.append('$').append(j));
      return new Expr.Sym(name.toString());
    });
  }

  /** 0 for {@code i}, −k for {@code i-k}; null for another index. */
  static Integer offset(String written, String index) {
    if (written.equals(index)) {
      return 0;
    }
    if (written.startsWith(index + "-") && written.length() > index.length() + 1) {
      try {
        return -Integer.parseInt(written.substring(index.length() + 1));
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  /** The component symbol of {@code base} at index {@code index} offset by {@code offset}. */
  static String indexed(String base, String index, int offset, List<Integer> rest) {
    StringBuilder s = new StringBuilder(base).append('$').append(index);
    if (offset < 0) {
      s.append('-').append(-offset);
    }
    rest.forEach(j -> s.append('$').append(j));
    return s.toString();
  }
}
