package org.gaugebias.symbolic.derive.structure;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.gaugebias.symbolic.compile.Parameterization;
import org.gaugebias.symbolic.expr.Expr;
import org.gaugebias.symbolic.expr.Exprs;

/**
 * A predictor that is a constant linear map of independent blocks: {@code β = A ω(θ)} where
 * each "atom" ω_k is a product of parameters and the atoms fall into blocks that share no
 * coordinate (u⊙v: blocks {u_i, v_i} with ω_i = u_i v_i; cumsum: the same blocks and A lower
 * triangular; a ReLU layer: blocks {w_k, v_k} with atoms v_k w_kj). The Gram matrices of such a
 * model are block diagonal (G, C) or a constant congruence of a block-diagonal one
 * (P = A diag(P_b) Aᵀ), so det P = det(A)² Π det P_b (THEORY.md §2–3).
 *
 * @param blocks the blocks in the order of their first coordinate in θ
 * @param operator A, one row per predictor component, one column per atom (blocks in order,
 *     atoms within a block in the block's canonical order)
 */
public record LinearBlocks(List<Block> blocks, List<List<Expr>> operator) {

  /** The coordinates of one block (in θ order) and its atoms. */
  public record Block(List<String> coordinates, List<Expr> atoms) {
    public Block {
      coordinates = List.copyOf(coordinates);
      atoms = List.copyOf(atoms);
    }
  }

  public LinearBlocks {
    blocks = List.copyOf(blocks);
    operator = operator.stream().map(List::copyOf).toList();
  }

  /** The number of atoms (columns of A). */
  public int atoms() {
    return blocks.stream().mapToInt(b -> b.atoms().size()).sum();
  }

  /**
   * The block structure of {@code p}'s predictor, if it has one with at least two blocks and a
   * square operator; empty otherwise (the generic route then handles the design).
   */
  public static Optional<LinearBlocks> of(Parameterization p) {
    Optional<LinearBlocks> monomial = ofMonomials(p);
    return monomial.isPresent() ? monomial : elementwise(p);
  }

  /**
   * Components that are functions of disjoint sets of parameters, not products of them: each
   * component is one block's single atom and A is the identity (up to the order of the
   * blocks). An outer-map design β_i = φ(u_i v_i) (THEORY.md §4, family 2) is one, with the
   * atom φ(u_i v_i); its Jacobian is then block diagonal, P = diag(P_i).
   */
  static Optional<LinearBlocks> elementwise(Parameterization p) {
    List<String> theta = p.theta();
    Map<String, Integer> position = new HashMap<>();
    for (int i = 0; i < theta.size(); i++) {
      position.put(theta.get(i), i);
    }
    Map<String, Integer> componentOf = new HashMap<>();
    List<List<String>> coordinates = new ArrayList<>();
    for (int i = 0; i < p.predictor().size(); i++) {
      List<String> own = new ArrayList<>();
      for (String s : Exprs.symbols(p.predictor().get(i))) {
        if (position.containsKey(s)) {
          if (componentOf.putIfAbsent(s, i) != null) {
            return Optional.empty(); // two components share a parameter
          }
          own.add(s);
        }
      }
      if (own.isEmpty()) {
        return Optional.empty();
      }
      own.sort(java.util.Comparator.comparing(position::get));
      coordinates.add(own);
    }
    if (coordinates.size() < 2 || componentOf.size() != theta.size()) {
      return Optional.empty();
    }
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < coordinates.size(); i++) {
      order.add(i);
    }
    order.sort(java.util.Comparator.comparing(i -> position.get(coordinates.get(i).get(0))));
    List<Block> blocks = new ArrayList<>();
    int m = coordinates.size();
    List<List<Expr>> operator = new ArrayList<>();
    for (int i = 0; i < m; i++) {
      operator.add(new ArrayList<>(java.util.Collections.nCopies(m, Expr.integer(0))));
    }
    for (int column = 0; column < m; column++) {
      int i = order.get(column);
      blocks.add(new Block(coordinates.get(i), List.of(p.predictor().get(i))));
      operator.get(i).set(column, Expr.integer(1));
    }
    return Optional.of(new LinearBlocks(blocks, operator));
  }

  /** Whether every atom is a product of parameters (their derivatives need no CAS). */
  public boolean monomialAtoms() {
    for (Block b : blocks) {
      Set<String> own = new java.util.HashSet<>(b.coordinates());
      for (Expr a : b.atoms()) {
        for (Expr f : a instanceof Expr.Mul m ? m.factors() : List.of(a)) {
          if (!isMonomialFactor(f, own)) {
            return false;
          }
        }
      }
    }
    return true;
  }

  private static Optional<LinearBlocks> ofMonomials(Parameterization p) {
    List<String> theta = p.theta();
    Set<String> thetaSet = new java.util.HashSet<>(theta);
    Map<String, Integer> position = new HashMap<>();
    for (int i = 0; i < theta.size(); i++) {
      position.put(theta.get(i), i);
    }
    // each component as Σ coefficient · atom
    List<Map<Expr, List<Expr>>> rows = new ArrayList<>();
    Map<Expr, List<String>> atomSymbols = new LinkedHashMap<>();
    for (Expr fi : p.predictor()) {
      Map<Expr, List<Expr>> row = new LinkedHashMap<>();
      for (Expr term : distributed(fi)) {
        List<Expr> coefficient = new ArrayList<>();
        List<Expr> atom = new ArrayList<>();
        for (Expr f : term instanceof Expr.Mul m ? m.factors() : List.of(term)) {
          if (f instanceof Expr.Num || f.isFreeOf(thetaSet)) {
            coefficient.add(f);
          } else if (isMonomialFactor(f, thetaSet)) {
            atom.add(f);
          } else {
            return Optional.empty();
          }
        }
        if (atom.isEmpty()) {
          return Optional.empty(); // a constant offset: not a linear map of the atoms
        }
        Expr key = atom.size() == 1 ? atom.get(0) : new Expr.Mul(atom);
        atomSymbols.computeIfAbsent(key, k -> List.copyOf(Exprs.symbols(k)));
        row.computeIfAbsent(key, k -> new ArrayList<>()).add(product(coefficient));
      }
      rows.add(row);
    }
    // coordinates connected through atoms form the blocks
    int[] parent = new int[theta.size()];
    for (int i = 0; i < parent.length; i++) {
      parent[i] = i;
    }
    for (List<String> syms : atomSymbols.values()) {
      for (int s = 1; s < syms.size(); s++) {
        union(parent, position.get(syms.get(0)), position.get(syms.get(s)));
      }
    }
    Set<String> used = new java.util.HashSet<>();
    atomSymbols.values().forEach(used::addAll);
    if (!used.containsAll(thetaSet)) {
      return Optional.empty();
    }
    Map<Integer, List<String>> coordinatesByRoot = new LinkedHashMap<>();
    for (int i = 0; i < theta.size(); i++) {
      coordinatesByRoot.computeIfAbsent(find(parent, i), k -> new ArrayList<>())
          .add(theta.get(i));
    }
    if (coordinatesByRoot.size() < 2) {
      return Optional.empty();
    }
    Map<Integer, List<Expr>> atomsByRoot = new HashMap<>();
    for (Map.Entry<Expr, List<String>> a : atomSymbols.entrySet()) {
      atomsByRoot.computeIfAbsent(find(parent, position.get(a.getValue().get(0))),
          k -> new ArrayList<>()).add(a.getKey());
    }
    List<Block> blocks = new ArrayList<>();
    List<Expr> columns = new ArrayList<>();
    for (Map.Entry<Integer, List<String>> e : coordinatesByRoot.entrySet()) {
      List<String> coords = e.getValue();
      List<Expr> atoms = new ArrayList<>(atomsByRoot.get(e.getKey()));
      // canonical order: as the block's atoms read with its coordinates renamed to positions
      Map<String, Expr> canonical = canonicalNames(coords);
      atoms.sort(java.util.Comparator.comparing(a -> Exprs.substitute(a, canonical).toWolfram()));
      blocks.add(new Block(coords, atoms));
      columns.addAll(atoms);
    }
    if (columns.size() != p.predictor().size()) {
      return Optional.empty();
    }
    List<List<Expr>> operator = new ArrayList<>();
    for (Map<Expr, List<Expr>> row : rows) {
      List<Expr> r = new ArrayList<>();
      for (Expr atom : columns) {
        List<Expr> cs = row.get(atom);
        r.add(cs == null ? Expr.integer(0) : cs.size() == 1 ? cs.get(0) : sum(cs));
      }
      operator.add(r);
    }
    return Optional.of(new LinearBlocks(blocks, operator));
  }

  /**
   * The terms of e with constant factors distributed over sums ({@code (u1 v1 − 2 u2 v2)/7},
   * as the CAS writes a rational inverse's rows, gives two terms).
   */
  static List<Expr> distributed(Expr e) {
    if (e instanceof Expr.Add a) {
      List<Expr> out = new ArrayList<>();
      a.terms().forEach(t -> out.addAll(distributed(t)));
      return out;
    }
    if (e instanceof Expr.Mul m) {
      List<Expr> sums = m.factors().stream().filter(f -> f instanceof Expr.Add).toList();
      if (sums.size() == 1) {
        List<Expr> rest = new ArrayList<>(m.factors());
        rest.remove(sums.get(0));
        List<Expr> out = new ArrayList<>();
        for (Expr t : distributed(sums.get(0))) {
          List<Expr> f = new ArrayList<>(rest);
          f.addAll(t instanceof Expr.Mul tm ? tm.factors() : List.of(t));
          out.add(new Expr.Mul(f));
        }
        return out;
      }
    }
    return List.of(e);
  }

  /** The block's coordinates renamed to {@code x$1, x$2, …} in order: its shape, names aside. */
  static Map<String, Expr> canonicalNames(List<String> coordinates) {
    Map<String, Expr> m = new HashMap<>();
    for (int i = 0; i < coordinates.size(); i++) {
      m.put(coordinates.get(i), new Expr.Sym("x$" + (i + 1)));
    }
    return m;
  }

  /** A product of constants, its rational factors multiplied out. */
  private static Expr product(List<Expr> factors) {
    java.math.BigInteger num = java.math.BigInteger.ONE;
    java.math.BigInteger den = java.math.BigInteger.ONE;
    List<Expr> other = new ArrayList<>();
    for (Expr f : factors) {
      if (f instanceof Expr.Num n) {
        num = num.multiply(n.num());
        den = den.multiply(n.den());
      } else {
        other.add(f);
      }
    }
    Expr.Num c = new Expr.Num(num, den);
    if (other.isEmpty()) {
      return c;
    }
    if (!c.equals(Expr.integer(1))) {
      other.add(0, c);
    }
    return other.size() == 1 ? other.get(0) : new Expr.Mul(other);
  }

  private static Expr sum(List<Expr> xs) {
    java.math.BigInteger num = java.math.BigInteger.ZERO;
    java.math.BigInteger den = java.math.BigInteger.ONE;
    List<Expr> other = new ArrayList<>();
    for (Expr x : xs) {
      if (x instanceof Expr.Num n) {
        num = num.multiply(n.den()).add(n.num().multiply(den));
        den = den.multiply(n.den());
      } else {
        other.add(x);
      }
    }
    if (other.isEmpty()) {
      return new Expr.Num(num, den);
    }
    if (num.signum() != 0) {
      other.add(new Expr.Num(num, den));
    }
    return other.size() == 1 ? other.get(0) : new Expr.Add(other);
  }

  /** A parameter, or a parameter to a positive integer power. */
  private static boolean isMonomialFactor(Expr f, Set<String> theta) {
    if (f instanceof Expr.Sym s) {
      return theta.contains(s.name());
    }
    return f instanceof Expr.Pow pw && pw.base() instanceof Expr.Sym s && theta.contains(s.name())
        && pw.exponent() instanceof Expr.Num n && n.isInteger() && n.num().signum() > 0;
  }

  private static int find(int[] parent, int i) {
    while (parent[i] != i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  }

  private static void union(int[] parent, int a, int b) {
    parent[find(parent, a)] = find(parent, b);
  }
}
