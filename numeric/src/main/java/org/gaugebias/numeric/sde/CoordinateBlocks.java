package org.gaugebias.numeric.sde;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gaugebias.symbolic.expr.Expr;
import org.gaugebias.symbolic.expr.Exprs;

/**
 * The independent coordinate blocks of an SDE {@code dθ = −∇L dt + √(2T) N(θ) dW} with N built
 * from the generator fields (THEORY.md §5), read from the formulas themselves: coordinates i and
 * j are coupled when ∂L/∂θ_i depends on θ_j, or when one generator field has a non-zero
 * component at i or depends on θ_i and the same at j. The blocks are the connected components.
 * The generators of a block touch no other block, so Ξ is block-diagonal, ΞᵀΞ too, and the
 * projector P⊥ (and any N with N Nᵀ = P⊥) is the direct sum of the blocks' projectors: every
 * block is an SDE of its own, with its own closed-form normal when it has codimension one.
 *
 * <p>Blocks with the same formulas after renaming their coordinates to local names (β = u⊙v:
 * every (u_i, v_i) is the scalar u·v model) form one {@link Kind}, compiled once. Nothing is
 * read from symbol names: the renaming is by position within the block.
 *
 * @param dimension d, the number of coordinates
 * @param kinds the distinct block kinds with their blocks, in order of first appearance
 */
public record CoordinateBlocks(int dimension, List<Kind> kinds) {
  /** Local coordinate names of a block kind: θ_{block[m]} becomes {@code LOCAL + m}. */
  static final String LOCAL = "q$";

  public CoordinateBlocks {
    kinds = List.copyOf(kinds);
  }

  /**
   * One kind of block: its formulas in local coordinates and the blocks that share them.
   *
   * @param gradient ∂L/∂q_m for the block's m-th coordinate, in local names
   * @param generators the block's generator fields restricted to its coordinates, local names
   * @param blocks each block's coordinates (ascending state indices), all of size
   *     {@code gradient.size()}
   */
  public record Kind(List<Expr> gradient, List<List<Expr>> generators, List<int[]> blocks) {
    public Kind {
      gradient = List.copyOf(gradient);
      generators = generators.stream().map(List::copyOf).toList();
      blocks = blocks.stream().map(int[]::clone).toList();
    }

    /** Coordinates per block. */
    public int size() {
      return gradient.size();
    }

    /** The local coordinate names q$0, q$1, … of this kind. */
    public List<String> localNames() {
      List<String> out = new ArrayList<>();
      for (int m = 0; m < size(); m++) {
        out.add(LOCAL + m);
      }
      return out;
    }
  }

  /** Number of blocks over all kinds. */
  public int blockCount() {
    return kinds.stream().mapToInt(k -> k.blocks().size()).sum();
  }

  /**
   * Splits the model into blocks.
   *
   * @param parameters θ symbols in state order
   * @param gradient ∂L/∂θ_i
   * @param generators generator fields, each with one component per parameter
   */
  public static CoordinateBlocks of(List<String> parameters, List<Expr> gradient,
      List<List<Expr>> generators) {
    int d = parameters.size();
    for (String p : parameters) {
      if (p.startsWith(LOCAL)) {
        throw new IllegalArgumentException("parameter symbol '" + p + "' clashes with the local"
            + " names " + LOCAL + "m of the block kernels");
      }
    }
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < d; i++) {
      index.put(parameters.get(i), i);
    }
    int[] parent = new int[d];
    Arrays.setAll(parent, i -> i);
    for (int i = 0; i < d; i++) {
      for (int j : uses(gradient.get(i), index)) {
        union(parent, i, j);
      }
    }
    int[] generatorRoot = new int[generators.size()];
    for (int a = 0; a < generators.size(); a++) {
      int first = -1;
      for (int i = 0; i < d; i++) {
        Expr c = generators.get(a).get(i);
        if (Exprs.isZero(c)) {
          continue;
        }
        first = first < 0 ? i : first;
        union(parent, first, i);
        for (int j : uses(c, index)) {
          union(parent, first, j);
        }
      }
      generatorRoot[a] = first;
    }
    Map<Integer, List<Integer>> members = new LinkedHashMap<>();
    for (int i = 0; i < d; i++) {
      members.computeIfAbsent(find(parent, i), r -> new ArrayList<>()).add(i);
    }
    Map<List<Object>, Kind> kinds = new LinkedHashMap<>();
    for (List<Integer> block : members.values()) {
      int root = find(parent, block.get(0));
      List<Integer> gens = new ArrayList<>();
      for (int a = 0; a < generators.size(); a++) {
        if (generatorRoot[a] >= 0 && find(parent, generatorRoot[a]) == root) {
          gens.add(a);
        }
      }
      Map<String, Expr> local = new HashMap<>();
      for (int m = 0; m < block.size(); m++) {
        local.put(parameters.get(block.get(m)), Expr.sym(LOCAL + m));
      }
      List<Expr> g = new ArrayList<>();
      for (int i : block) {
        g.add(Exprs.substitute(gradient.get(i), local));
      }
      List<List<Expr>> fields = new ArrayList<>();
      for (int a : gens) {
        List<Expr> f = new ArrayList<>();
        for (int i : block) {
          f.add(Exprs.substitute(generators.get(a).get(i), local));
        }
        fields.add(f);
      }
      int[] coords = block.stream().mapToInt(Integer::intValue).toArray();
      Kind k = kinds.get(List.of(g, fields));
      List<int[]> blocks = new ArrayList<>(k == null ? List.of() : k.blocks());
      blocks.add(coords);
      kinds.put(List.of(g, fields), new Kind(g, fields, blocks));
    }
    return new CoordinateBlocks(d, new ArrayList<>(kinds.values()));
  }

  private static List<Integer> uses(Expr e, Map<String, Integer> index) {
    List<Integer> out = new ArrayList<>();
    Set<String> symbols = Exprs.symbols(e);
    for (String s : symbols) {
      Integer j = index.get(s);
      if (j != null) {
        out.add(j);
      }
    }
    return out;
  }

  private static int find(int[] parent, int i) {
    while (parent[i] != i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  }

  private static void union(int[] parent, int i, int j) {
    int a = find(parent, i);
    int b = find(parent, j);
    if (a != b) {
      parent[Math.max(a, b)] = Math.min(a, b);
    }
  }
}
