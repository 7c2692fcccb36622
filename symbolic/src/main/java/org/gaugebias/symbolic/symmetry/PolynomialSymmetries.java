package org.gaugebias.symbolic.symmetry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hipparchus.fraction.BigFraction;

/**
 * The linear symmetries of a polynomial predictor, exactly: a basis of the Lie algebra
 * {A : J_f(θ) A θ ≡ 0} (THEORY.md §1, §6), or of its symmetric or antisymmetric part.
 *
 * <p>{@code J_f(θ) A θ = Σ_{j,k} A_jk θ_k ∂_j f(θ)} is a polynomial whose coefficients are linear
 * in the d² entries of A, so the identity is equivalent to one linear equation per component of
 * f and per monomial (coefficient matching; no sampling, no genericity argument). The system is
 * solved over F_p ({@link SparseEchelon}); the null space in reduced row-echelon form is unique,
 * so its image over Q is obtained by rational reconstruction, and every basis matrix is then
 * re-checked exactly in Q[θ]. A rank mod p is at most the rank over Q, so the modular null space
 * is at least as large as the rational one: when all reconstructed matrices pass the exact check,
 * the basis is exact and complete.
 */
final class PolynomialSymmetries {
  /** Which matrices A are sought. */
  enum Part { ALL, SYMMETRIC, ANTISYMMETRIC }

  /**
   * @param basis the generator matrices, canonical (reduced row-echelon in the entries A_jk,
   *     row-major): one diag(…, 1, …, −1, …) per rescaling, E_ij − E_ji per rotation
   * @param equations how many coefficient equations the identity gave
   * @param unknowns how many entries of A were unknown
   */
  record Result(List<BigFraction[][]> basis, int equations, int unknowns) {
    Result {
      basis = List.copyOf(basis);
    }
  }

  private PolynomialSymmetries() {
  }

  static Result solve(PolynomialPredictor f, Part part) {
    int d = f.dimension();
    Equations eqs = new Equations(d);
    for (int i = 0; i < f.outputs(); i++) {
      eqs.addComponent(f.components().get(i), part);
    }
    SparseEchelon system = new SparseEchelon(d * d);
    for (int j = 0; j < d; j++) {
      for (int k = 0; k < d; k++) {
        if (column(part, d, j, k) != j * d + k) {
          // not an unknown of this part (lower triangle, or the diagonal of a skew matrix)
          system.add(new SparseEchelon.Row(new int[] {j * d + k}, new long[] {1}));
        }
      }
    }
    for (SparseEchelon.Row r : eqs.afterPropagation()) {
      system.add(r);
    }
    List<BigFraction[][]> basis = lift(f, part, system.kernel());
    int unknowns = 0;
    for (int j = 0; j < d; j++) {
      for (int k = 0; k < d; k++) {
        unknowns += column(part, d, j, k) == j * d + k ? 1 : 0;
      }
    }
    return new Result(basis, eqs.count(), unknowns);
  }

  /**
   * The coefficient equations, built one component of f at a time: an equation is the
   * coefficient of one monomial of {@code Σ_{j,k} A_jk θ_k ∂_j f_i}, keyed by an additive hash
   * of the monomial (Σ of a random 64-bit weight per variable factor, so θ_k·m costs one
   * addition and no allocation). A hash collision would add two equations together, which only
   * weakens the system: every generator found is re-checked exactly, so it cannot pass
   * unnoticed. Then unit propagation: an equation with one live unknown sets it to 0, which
   * removes it from every other equation, until nothing changes; only the rest is eliminated.
   */
  private static final class Equations {
    private final int d;
    private final long[] weight;
    private final List<int[]> cols = new ArrayList<>();
    private final List<long[]> vals = new ArrayList<>();
    /** Unknowns set to 0 by an equation with one entry (most of them: no row is kept). */
    private final boolean[] zero;
    private int count;

    Equations(int d) {
      this.d = d;
      this.zero = new boolean[d * d];
      java.util.SplittableRandom rng = new java.util.SplittableRandom(0x5eed5L);
      this.weight = new long[d];
      for (int v = 0; v < d; v++) {
        weight[v] = rng.nextLong();
      }
    }

    int count() {
      return count;
    }

    /**
     * The entries (monomial, unknown, coefficient) of one component, in flat arrays, grouped
     * by monomial with a counting sort: a 100-parameter product gives ~50 000 monomials per
     * component, and a map per monomial cost seconds of allocation.
     */
    void addComponent(Polynomial fi, Part part) {
      Entries e = new Entries();
      MonomialGroups group = new MonomialGroups();
      long sign = part == Part.ANTISYMMETRIC ? Modular.P - 1 : 1;
      for (int j : fi.variables()) {
        for (Map.Entry<Monomial, BigFraction> t : fi.derivative(j).terms().entrySet()) {
          long h = 0;
          for (int v : t.getKey().vars()) {
            h += weight[v];
          }
          long c = Modular.of(t.getValue());
          for (int k = 0; k < d; k++) {
            int col = column(part, d, j, k);
            if (col >= 0) {
              e.add(group.of(h + weight[k]), col, j > k ? Modular.mul(c, sign) : c);
            }
          }
        }
      }
      int[] start = new int[group.size() + 1];
      for (int i = 0; i < e.size; i++) {
        start[e.group[i] + 1]++;
      }
      for (int g = 0; g < group.size(); g++) {
        start[g + 1] += start[g];
      }
      int[] next = start.clone();
      int[] c = new int[e.size];
      long[] x = new long[e.size];
      for (int i = 0; i < e.size; i++) {
        int at = next[e.group[i]]++;
        c[at] = e.col[i];
        x[at] = e.val[i];
      }
      for (int g = 0; g < group.size(); g++) {
        addEquation(c, x, start[g], start[g + 1]);
      }
    }

    /** One monomial's entries c[from..to): columns sorted, equal ones added, zeros dropped. */
    private void addEquation(int[] c, long[] x, int from, int to) {
      for (int i = from + 1; i < to; i++) { // insertion sort: a handful of entries
        int ci = c[i];
        long xi = x[i];
        int k = i - 1;
        while (k >= from && c[k] > ci) {
          c[k + 1] = c[k];
          x[k + 1] = x[k];
          k--;
        }
        c[k + 1] = ci;
        x[k + 1] = xi;
      }
      int n = 0;
      for (int i = from; i < to; i++) {
        if (n > 0 && c[from + n - 1] == c[i]) {
          x[from + n - 1] = Modular.add(x[from + n - 1], x[i]);
        } else {
          c[from + n] = c[i];
          x[from + n] = x[i];
          n++;
        }
      }
      int live = 0;
      for (int i = from; i < from + n; i++) {
        if (x[i] != 0) {
          c[from + live] = c[i];
          x[from + live] = x[i];
          live++;
        }
      }
      if (live == 0) {
        return;
      }
      count++;
      if (live == 1) {
        zero[c[from]] = true;
      } else {
        cols.add(java.util.Arrays.copyOfRange(c, from, from + live));
        vals.add(java.util.Arrays.copyOfRange(x, from, from + live));
      }
    }

    /** The equations left after unit propagation, plus one x_c = 0 per propagated unknown. */
    List<SparseEchelon.Row> afterPropagation() {
      boolean changed = true;
      while (changed) {
        changed = false;
        for (int e = 0; e < cols.size(); e++) {
          int live = -1;
          int n = 0;
          for (int c : cols.get(e)) {
            if (!zero[c]) {
              live = c;
              if (++n > 1) {
                break;
              }
            }
          }
          if (n == 1) {
            zero[live] = true;
            changed = true;
          }
        }
      }
      List<SparseEchelon.Row> out = new ArrayList<>();
      for (int c = 0; c < zero.length; c++) {
        if (zero[c]) {
          out.add(new SparseEchelon.Row(new int[] {c}, new long[] {1}));
        }
      }
      List<SparseEchelon.Row> rest = new ArrayList<>();
      for (int e = 0; e < cols.size(); e++) {
        int[] ce = cols.get(e);
        long[] ve = vals.get(e);
        int live = 0;
        for (int c : ce) {
          live += zero[c] ? 0 : 1;
        }
        if (live > 1) {
          int[] rc = new int[live];
          long[] rv = new long[live];
          int k = 0;
          for (int n = 0; n < ce.length; n++) {
            if (!zero[ce[n]]) {
              rc[k] = ce[n];
              rv[k++] = ve[n];
            }
          }
          rest.add(new SparseEchelon.Row(rc, rv));
        }
      }
      rest.sort((a, b) -> a.cols().length != b.cols().length
          ? Integer.compare(a.cols().length, b.cols().length)
          : java.util.Arrays.compare(a.cols(), b.cols()));
      out.addAll(rest);
      return out;
    }
  }

  /** Monomial hash → consecutive group number, open addressing on primitive arrays. */
  private static final class MonomialGroups {
    private long[] keys = new long[1 << 12];
    private int[] ids = new int[1 << 12];
    private boolean[] used = new boolean[1 << 12];
    private int size;

    int size() {
      return size;
    }

    int of(long key) {
      if (2 * size >= keys.length) {
        grow();
      }
      int mask = keys.length - 1;
      int i = (int) (key ^ (key >>> 32)) * 0x9E3779B9 & mask;
      while (used[i]) {
        if (keys[i] == key) {
          return ids[i];
        }
        i = (i + 1) & mask;
      }
      used[i] = true;
      keys[i] = key;
      ids[i] = size;
      return size++;
    }

    private void grow() {
      long[] k = keys;
      int[] v = ids;
      boolean[] u = used;
      keys = new long[2 * k.length];
      ids = new int[2 * k.length];
      used = new boolean[2 * k.length];
      int mask = keys.length - 1;
      for (int n = 0; n < k.length; n++) {
        if (u[n]) {
          int i = (int) (k[n] ^ (k[n] >>> 32)) * 0x9E3779B9 & mask;
          while (used[i]) {
            i = (i + 1) & mask;
          }
          used[i] = true;
          keys[i] = k[n];
          ids[i] = v[n];
        }
      }
    }
  }

  /** Growable parallel arrays of (monomial group, unknown, coefficient mod p). */
  private static final class Entries {
    int size;
    int[] group = new int[1024];
    int[] col = new int[1024];
    long[] val = new long[1024];

    void add(int g, int c, long v) {
      if (size == group.length) {
        group = java.util.Arrays.copyOf(group, 2 * size);
        col = java.util.Arrays.copyOf(col, 2 * size);
        val = java.util.Arrays.copyOf(val, 2 * size);
      }
      group[size] = g;
      col[size] = c;
      val[size++] = v;
    }
  }

  /** The algebra and its symmetric and antisymmetric parts, from one solve. */
  record Parts(List<BigFraction[][]> all, List<BigFraction[][]> symmetric,
      List<BigFraction[][]> antisymmetric) { }

  /**
   * {@link #solve} for {@link Part#ALL}, and the symmetric and antisymmetric parts as the
   * subspaces {Σ c_a K_a : Σ c_a (K_a ∓ K_aᵀ) = 0} of its kernel K, a small system in the c_a
   * (solving the restricted systems afresh costs more: fewer unknowns get forced to 0 by single
   * equations). The reduced row-echelon form of a space of symmetric matrices in all d² entries
   * has its pivots in the upper triangle, so the bases are the canonical ones of {@link #solve}.
   */
  static Parts solveAll(PolynomialPredictor f) {
    int d = f.dimension();
    Equations eqs = new Equations(d);
    for (int i = 0; i < f.outputs(); i++) {
      eqs.addComponent(f.components().get(i), Part.ALL);
    }
    SparseEchelon system = new SparseEchelon(d * d);
    for (SparseEchelon.Row r : eqs.afterPropagation()) {
      system.add(r);
    }
    List<SparseEchelon.Row> kernel = system.kernel();
    return new Parts(lift(f, Part.ALL, kernel), lift(f, Part.ALL, part(kernel, d, 1)),
        lift(f, Part.ALL, part(kernel, d, -1)));
  }

  /** The part of span(kernel) with Aᵀ = sign·A, in reduced row-echelon form (mod p). */
  private static List<SparseEchelon.Row> part(List<SparseEchelon.Row> kernel, int d, int sign) {
    int g = kernel.size();
    // one equation per entry (j, k), j ≤ k: Σ_a c_a (K_a[jk] − sign·K_a[kj]) = 0
    Map<Integer, Map<Integer, Long>> eqs = new HashMap<>();
    for (int a = 0; a < g; a++) {
      SparseEchelon.Row v = kernel.get(a);
      for (int n = 0; n < v.cols().length; n++) {
        int j = v.cols()[n] / d;
        int k = v.cols()[n] % d;
        long x = v.vals()[n];
        int key = Math.min(j, k) * d + Math.max(j, k);
        long contribution = j <= k ? x : (sign > 0 ? Modular.neg(x) : x);
        if (j == k) {
          contribution = sign > 0 ? 0 : Modular.add(x, x);
        }
        eqs.computeIfAbsent(key, e -> new HashMap<>()).merge(a, contribution, Modular::add);
      }
    }
    SparseEchelon c = new SparseEchelon(g);
    for (Map<Integer, Long> e : eqs.values()) {
      c.add(SparseEchelon.Row.of(e));
    }
    SparseEchelon span = new SparseEchelon(d * d);
    for (SparseEchelon.Row combo : c.kernel()) {
      Map<Integer, Long> sum = new HashMap<>();
      for (int n = 0; n < combo.cols().length; n++) {
        SparseEchelon.Row v = kernel.get(combo.cols()[n]);
        for (int q = 0; q < v.cols().length; q++) {
          sum.merge(v.cols()[q], Modular.mul(combo.vals()[n], v.vals()[q]), Modular::add);
        }
      }
      span.add(SparseEchelon.Row.of(sum));
    }
    return span.reduced();
  }

  /** Kernel rows mod p → exact matrices, each re-checked in Q[θ]. */
  private static List<BigFraction[][]> lift(PolynomialPredictor f, Part part,
      List<SparseEchelon.Row> kernel) {
    List<BigFraction[][]> basis = new ArrayList<>();
    List<Map<Integer, Polynomial>> gradients = ExactInvariance.gradients(f);
    for (SparseEchelon.Row v : kernel) {
      BigFraction[][] a = matrix(part, f.dimension(), v);
      if (!isSymmetry(gradients, a)) {
        throw new ArithmeticException("a reconstructed generator fails the exact check"
            + " J_f A θ ≡ 0 (its entries exceed the rational reconstruction bound)");
      }
      basis.add(a);
    }
    return basis;
  }

  /** The unknown that entry (j, k) of A is, or −1 if it is fixed at 0. */
  private static int column(Part part, int d, int j, int k) {
    return switch (part) {
      case ALL -> j * d + k;
      case SYMMETRIC -> Math.min(j, k) * d + Math.max(j, k);
      case ANTISYMMETRIC -> j == k ? -1 : Math.min(j, k) * d + Math.max(j, k);
    };
  }

  private static BigFraction[][] matrix(Part part, int d, SparseEchelon.Row v) {
    BigFraction[][] a = new BigFraction[d][d];
    for (BigFraction[] row : a) {
      java.util.Arrays.fill(row, BigFraction.ZERO);
    }
    for (int n = 0; n < v.cols().length; n++) {
      int j = v.cols()[n] / d;
      int k = v.cols()[n] % d;
      Optional<BigFraction> x = Modular.reconstruct(v.vals()[n]);
      if (x.isEmpty()) {
        throw new ArithmeticException("generator entry has no small rational preimage");
      }
      a[j][k] = x.get();
      if (part == Part.SYMMETRIC) {
        a[k][j] = x.get();
      } else if (part == Part.ANTISYMMETRIC) {
        a[k][j] = x.get().negate();
      }
    }
    return a;
  }

  /** The exact check {@code J_f(θ) A θ ≡ 0} in Q[θ]. */
  static boolean isSymmetry(PolynomialPredictor f, BigFraction[][] a) {
    return isSymmetry(ExactInvariance.gradients(f), a);
  }

  /** As {@link #isSymmetry(PolynomialPredictor, BigFraction[][])}, with ∇f_i computed once. */
  static boolean isSymmetry(List<Map<Integer, Polynomial>> gradients, BigFraction[][] a) {
    int d = a.length;
    List<Polynomial> field = new ArrayList<>();
    for (int j = 0; j < d; j++) {
      Polynomial row = Polynomial.ZERO;
      for (int k = 0; k < d; k++) {
        if (a[j][k].signum() != 0) {
          row = row.plus(Polynomial.variable(k).scale(a[j][k]));
        }
      }
      field.add(row);
    }
    for (Map<Integer, Polynomial> gradient : gradients) {
      if (!Polynomial.sumOfProducts(gradient, field).isZero()) {
        return false;
      }
    }
    return true;
  }
}
