package org.gaugebias.symbolic.size;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.gaugebias.symbolic.compile.Component;
import org.gaugebias.symbolic.compile.Parameterization;
import org.gaugebias.symbolic.compile.Variable;
import org.gaugebias.symbolic.derive.structure.ConstantOperator;
import org.gaugebias.symbolic.derive.structure.LinearBlocks;
import org.gaugebias.symbolic.expr.Expr;
import org.gaugebias.symbolic.expr.Exprs;

/**
 * A design read at a concrete size, cut into one block per index k of the size: the parameters'
 * components whose first index is k, and the predictor's. The predictor is elementwise (the
 * components of index k depend on block k only) or β = A ω(θ) with one atom per block and A
 * triangular with |det A| = 1, whose inverse has the same banded row for every k after the
 * first few ({@link #omega}).
 *
 * @param p the design compiled at this size
 * @param size the size (number of blocks)
 * @param coordinates per block (k − 1), its θ symbols in θ order
 * @param outputs per block, its predictor component symbols
 * @param atoms per block, its atom (triangular) or its predictor rows (elementwise)
 * @param inverse for a triangular operator, per block the row of A⁻¹ as offset → coefficient;
 *     empty when elementwise
 */
record IndexBlocks(Parameterization p, int size, List<List<String>> coordinates,
    List<List<String>> outputs, List<List<Expr>> atoms,
    Optional<List<Map<Integer, Expr>>> inverse) {

  /** Why a design cannot be cut into index blocks. */
  static final class NotBlocked extends Exception {
    private static final long serialVersionUID = 1L;

    NotBlocked(String why) {
      super(why, null, false, false);
    }
  }

  /** The index blocks of {@code p}, compiled at {@code size} from a design with sizes. */
  static IndexBlocks of(Parameterization p, int size) throws NotBlocked {
    List<List<String>> coords = lists(size);
    for (Variable v : p.parameters()) {
      for (Component c : v.components()) {
        coords.get(c.indices().get(0) - 1).add(c.symbol());
      }
    }
    List<List<String>> outputs = lists(size);
    for (Component c : p.predictorVariable().components()) {
      outputs.get(c.indices().get(0) - 1).add(c.symbol());
    }
    Map<String, Integer> blockOf = new HashMap<>();
    for (int k = 0; k < size; k++) {
      for (String x : coords.get(k)) {
        blockOf.put(x, k);
      }
    }
    if (elementwise(p, outputs, blockOf)) {
      List<List<Expr>> atoms = new ArrayList<>();
      int row = 0;
      for (int k = 0; k < size; k++) {
        atoms.add(new ArrayList<>(p.predictor().subList(row, row + outputs.get(k).size())));
        row += outputs.get(k).size();
      }
      return new IndexBlocks(p, size, coords, outputs, atoms, Optional.empty());
    }
    return triangular(p, size, coords, outputs);
  }

  private static boolean elementwise(Parameterization p, List<List<String>> outputs,
      Map<String, Integer> blockOf) {
    List<String> beta = p.beta();
    for (int r = 0; r < beta.size(); r++) {
      int k = blockOfOutput(beta.get(r), outputs);
      for (String s : Exprs.symbols(p.predictor().get(r))) {
        Integer b = blockOf.get(s);
        if (b != null && b != k) {
          return false;
        }
      }
    }
    return true;
  }

  private static int blockOfOutput(String symbol, List<List<String>> outputs) {
    for (int k = 0; k < outputs.size(); k++) {
      if (outputs.get(k).contains(symbol)) {
        return k;
      }
    }
    throw new IllegalStateException(symbol);
  }

  private static IndexBlocks triangular(Parameterization p, int size,
      List<List<String>> coords, List<List<String>> outputs) throws NotBlocked {
    String coupled = "the predictor couples the blocks of different indices and is not a"
        + " constant linear map of one product per index";
    if (!p.functions().isEmpty()) {
      throw new NotBlocked(coupled);
    }
    LinearBlocks lb = LinearBlocks.of(p).orElseThrow(() -> new NotBlocked(coupled));
    if (lb.blocks().size() != size) {
      throw new NotBlocked(coupled);
    }
    List<List<Expr>> atoms = new ArrayList<>();
    for (int k = 0; k < size; k++) {
      LinearBlocks.Block b = lb.blocks().get(k);
      if (!new HashSet<>(b.coordinates()).equals(new HashSet<>(coords.get(k)))
          || b.atoms().size() != 1 || outputs.get(k).size() != 1) {
        throw new NotBlocked(coupled);
      }
      atoms.add(List.of(b.atoms().get(0)));
    }
    ConstantOperator op = ConstantOperator.of(lb.operator()).orElseThrow(() -> new NotBlocked(
        "the predictor's linear map A is singular"));
    if (op.kind() != ConstantOperator.Kind.TRIANGULAR
        && op.kind() != ConstantOperator.Kind.IDENTITY) {
      throw new NotBlocked("the predictor's linear map A is " + op.kind().name()
          .toLowerCase(java.util.Locale.ROOT) + ", a dense matrix of concrete size: only"
          + " elementwise and triangular maps (Accumulate) have a closed form for every n");
    }
    if (!Exprs.isZero(op.logAbsDet())) {
      throw new NotBlocked("the predictor's triangular map has log|det A| = "
          + op.logAbsDet().toWolfram() + " at n = " + size + ": only unit diagonals are summed"
          + " for every n");
    }
    List<Map<Integer, Expr>> rows = new ArrayList<>();
    for (int k = 0; k < size; k++) {
      Map<Integer, Expr> row = new LinkedHashMap<>();
      List<Expr> inv = op.inverse().get(k);
      for (int j = 0; j < size; j++) {
        if (!Exprs.isZero(inv.get(j))) {
          row.put(j - k, inv.get(j));
        }
      }
      rows.add(row);
    }
    return new IndexBlocks(p, size, coords, outputs, atoms, Optional.of(rows));
  }

  /**
   * How many first blocks have a row of A⁻¹ other than the generic one (the last block's);
   * −1 when a later block differs too (no closed form).
   */
  int firstDiffering() {
    if (inverse.isEmpty()) {
      return 0;
    }
    List<Map<Integer, Expr>> rows = inverse.get();
    Map<Integer, Expr> generic = rows.get(size - 1);
    int last = -1;
    for (int k = 0; k < size; k++) {
      if (!rows.get(k).equals(generic)) {
        last = k;
      }
    }
    int first = last + 1;
    for (int offset : generic.keySet()) {
      if (first + offset < 0) {
        first = -offset; // the generic row would reach before block 1
      }
    }
    return first < size - 1 ? first : -1;
  }

  /** Block k's coordinate symbols renamed to the generic index ({@code u$3} → {@code u$i}). */
  Map<String, Expr> toGeneric(int k, String index) {
    Map<String, Expr> m = new HashMap<>();
    for (Component c : components(k)) {
      m.put(c.symbol(), new Expr.Sym(IndexedSums.indexed(c.variable(), index, 0,
          c.indices().subList(1, c.indices().size()))));
    }
    return m;
  }

  private List<Component> components(int k) {
    List<Component> out = new ArrayList<>();
    Set<String> mine = new HashSet<>(coordinates.get(k));
    mine.addAll(outputs.get(k));
    for (Variable v : p.parameters()) {
      v.components().stream().filter(c -> mine.contains(c.symbol())).forEach(out::add);
    }
    p.predictorVariable().components().stream().filter(c -> mine.contains(c.symbol()))
        .forEach(out::add);
    return out;
  }

  /** ω of block k (0-based) as a linear form in the predictor components. */
  Expr omega(int k) {
    Map<Integer, Expr> row = descending(inverse.orElseThrow().get(k));
    List<Expr> terms = new ArrayList<>();
    row.forEach((offset, c) -> terms.add(times(c, new Expr.Sym(p.beta().get(k + offset)))));
    return terms.size() == 1 ? terms.get(0) : new Expr.Add(terms);
  }

  /** The generic ω_i: the last block's row with offsets written {@code beta$i-1}. */
  Expr genericOmega(String index) {
    Map<Integer, Expr> row = descending(inverse.orElseThrow().get(size - 1));
    String base = p.predictorVariable().name();
    List<Expr> terms = new ArrayList<>();
    row.forEach((offset, c) -> terms.add(times(c, new Expr.Sym(IndexedSums.indexed(base, index,
        offset, List.of())))));
    return terms.size() == 1 ? terms.get(0) : new Expr.Add(terms);
  }

  /** β_i first, then β_{i-1}: the difference reads as it is written by hand. */
  private static Map<Integer, Expr> descending(Map<Integer, Expr> row) {
    Map<Integer, Expr> out = new java.util.TreeMap<>(java.util.Comparator.reverseOrder());
    out.putAll(row);
    return out;
  }

  private static Expr times(Expr c, Expr x) {
    return c instanceof Expr.Num n && n.num().equals(n.den()) ? x : Expr.mul(c, x);
  }

  private static <T> List<List<T>> lists(int n) {
    List<List<T>> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(new ArrayList<>());
    }
    return out;
  }
}
