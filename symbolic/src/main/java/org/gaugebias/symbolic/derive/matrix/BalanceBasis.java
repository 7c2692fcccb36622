package org.gaugebias.symbolic.derive.matrix;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.gaugebias.symbolic.expr.Expr;
import org.gaugebias.symbolic.symmetry.Generator;
import org.hipparchus.fraction.BigFraction;

/**
 * The default gauge's conditions in the basis of the <em>declared</em> generators (THEORY.md §2,
 * issue 8): for a linear generator ξ_a = A_a θ the quadratic form θᵀA_aθ equals that of A_a's
 * symmetric part, so {@code χ_a = θᵀ A_a θ} over the declared generators spans the same space as
 * the moment maps of the symmetric part of their algebra (antisymmetric generators give 0). Kept:
 * the linearly independent ones in declared order, each scaled so that its first coefficient is
 * 1. For W = U Vᵀ these are the raw entries of UᵀU − VᵀV (i ≤ j); for W = W_L ⋯ W_1 the raw
 * entries of each layer's {@code W_l W_lᵀ − W_{l+1}ᵀ W_{l+1}}.
 *
 * <p>Why not a reduced row-echelon basis of the moment maps' span: for a product of three or more
 * factors the two balance matrices of an inner layer share the monomials W_{l,ii}², so that basis
 * sums the diagonal conditions of different layers (and, through the symmetric part's own basis,
 * of different indices: a block of C coupling every index, which no fold into
 * {@code Σ_i f + Σ_{i<j} g} describes). The declared basis keeps every condition local in the
 * diagonal frame: condition (l, i, j) touches entries (i, j) and (j, i) of layers l and l + 1
 * only, so C is block-diagonal over indices and pairs, tridiagonal in the layer index. The two
 * bases span the same space, so the slice is the same and C changes by a constant factor only.
 */
final class BalanceBasis {
  /** The trace's sentence for the basis. */
  static final String STEP = "The balance conditions in the basis of the declared generators:"
      + " χ_a = θᵀ A_a θ (the quadratic form of A_a is that of its symmetric part), the"
      + " independent ones in declared order, each scaled to a first coefficient 1 (for W = U Vᵀ"
      + " the raw entries of UᵀU − VᵀV, i ≤ j; for W_L ⋯ W_1 those of W_l W_lᵀ − W_{l+1}ᵀ"
      + " W_{l+1} per layer). They span the moment maps' space, so the slice is the same and"
      + " C = J_χ J_χᵀ changes by a constant factor only; each condition involves one index or"
      + " one pair of the diagonal frame, which the closed form for every size needs.";

  private BalanceBasis() { }

  /**
   * The declared basis, or empty when a generator is not linear or its span differs from that of
   * {@code momentMaps} (then the caller keeps its own basis).
   *
   * @param momentMaps the default gauge's moment maps as polynomials in θ (variable k is θ_k)
   */
  static Optional<List<Poly>> of(List<Generator> generators, List<Poly> momentMaps, int dim) {
    List<Poly> forms = new ArrayList<>();
    for (Generator g : generators) {
      if (g.matrix().isEmpty()) {
        return Optional.empty();
      }
      Poly q = quadraticForm(g.matrix().get(), dim);
      if (!q.isZero()) {
        forms.add(q);
      }
    }
    Echelon kept = new Echelon();
    List<Poly> basis = new ArrayList<>();
    for (Poly q : forms) {
      if (kept.addIfIndependent(q)) {
        basis.add(normalised(q));
      }
    }
    Echelon given = new Echelon();
    momentMaps.forEach(given::addIfIndependent);
    Echelon both = new Echelon();
    basis.forEach(both::addIfIndependent);
    momentMaps.forEach(both::addIfIndependent);
    if (basis.isEmpty() || given.rank() != basis.size() || both.rank() != basis.size()) {
      return Optional.empty();
    }
    return Optional.of(basis);
  }

  /** As expressions in the θ symbols. */
  static List<Expr> expressions(List<Poly> basis, List<String> theta) {
    return basis.stream().map(q -> q.toExpr((v, e) -> {
      Expr x = new Expr.Sym(theta.get(v));
      return e == 1 ? x : new Expr.Pow(x, Expr.integer(e));
    })).toList();
  }

  private static Poly quadraticForm(BigFraction[][] a, int dim) {
    Map<Poly.Mono, BigFraction> terms = new HashMap<>();
    for (int j = 0; j < dim; j++) {
      for (int k = 0; k < dim; k++) {
        if (a[j][k].signum() != 0) {
          int[] e = new int[dim];
          e[j]++;
          e[k]++;
          terms.merge(new Poly.Mono(e), a[j][k], BigFraction::add);
        }
      }
    }
    terms.values().removeIf(c -> c.signum() == 0);
    return new Poly(terms);
  }

  /** Scaled so that the coefficient of its first monomial (Poly.Mono order) is 1. */
  private static Poly normalised(Poly q) {
    BigFraction lead = new TreeMap<>(q.terms()).firstEntry().getValue();
    return q.scale(lead.reciprocal());
  }

  /** Incremental Gaussian elimination over the monomials, exact. */
  private static final class Echelon {
    private final List<Map<Poly.Mono, BigFraction>> rows = new ArrayList<>();
    private final List<Poly.Mono> pivots = new ArrayList<>();

    int rank() {
      return rows.size();
    }

    boolean addIfIndependent(Poly q) {
      Map<Poly.Mono, BigFraction> r = new TreeMap<>(q.terms());
      for (int k = 0; k < rows.size(); k++) {
        BigFraction c = r.get(pivots.get(k));
        if (c != null) {
          rows.get(k).forEach((m, v) -> r.merge(m, v.multiply(c).negate(), BigFraction::add));
          r.values().removeIf(v -> v.signum() == 0);
        }
      }
      if (r.isEmpty()) {
        return false;
      }
      Map.Entry<Poly.Mono, BigFraction> first = ((TreeMap<Poly.Mono, BigFraction>) r)
          .firstEntry();
      BigFraction inv = first.getValue().reciprocal();
      r.replaceAll((m, v) -> v.multiply(inv));
      rows.add(r);
      pivots.add(first.getKey());
      return true;
    }
  }
}
