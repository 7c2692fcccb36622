package org.gaugebias.symbolic.derive;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.gaugebias.symbolic.compile.Parameterization;
import org.gaugebias.symbolic.expr.Expr;
import org.gaugebias.symbolic.expr.Exprs;
import org.gaugebias.symbolic.symmetry.Generator;
import org.hipparchus.fraction.BigFraction;

/**
 * A single ReLU unit recognised from its structure (THEORY.md §3, the ReLU unit row): every
 * predictor component is one scalar parameter v times one component of a vector w,
 * β_i = v·w_i, so J_f = [v I | w] and P = J_f J_fᵀ = v² I + w wᵀ, a rank-one update of a
 * multiple of the identity (read off J_f's columns by {@link RankOneGram}); the one generator is
 * ξ = α(w, −v), A = α·diag(I, −1), whose moment map ½α(‖w‖² − v²) is the gauge (∇χ = ξ, so
 * C = G, THEORY.md §2). Nothing here is simplified or solved: the structure is compared entry by
 * entry, and a design that differs anywhere takes the generic steps.
 *
 * @param scale the scalar parameter v
 * @param vector the components w_1 … w_m, in predictor order
 * @param alpha the generator's scale α (ξ = α(w, −v))
 */
record RankOneUnit(String scale, List<String> vector, BigFraction alpha) {
  RankOneUnit {
    vector = List.copyOf(vector);
  }

  /** m, the number of predictor components. */
  int components() {
    return vector.size();
  }

  /**
   * The unit structure of {@code p}, or empty. {@code jac} is J_f, {@code gens} the checked
   * generators and {@code gauge} the chosen gauge (the default moment map only).
   */
  static Optional<RankOneUnit> of(Parameterization p, List<List<Expr>> jac, List<Generator> gens,
      DerivationContext.Gauge gauge) {
    if (!p.functions().isEmpty() || gauge.declared() || gens.size() != 1
        || gauge.conditions().size() != 1 || gens.get(0).matrix().isEmpty()
        || p.beta().size() < 2 || p.dimension() != p.beta().size() + 1) {
      return Optional.empty();
    }
    Optional<String> scale = scale(p);
    if (scale.isEmpty()) {
      return Optional.empty();
    }
    List<String> theta = p.theta();
    List<String> vector = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (Expr f : p.predictor()) {
      Optional<String> w = otherFactor(f, scale.get());
      if (w.isEmpty() || !theta.contains(w.get()) || !seen.add(w.get())) {
        return Optional.empty();
      }
      vector.add(w.get());
    }
    if (!jacobianHasTheShape(jac, theta, scale.get(), vector)) {
      return Optional.empty();
    }
    return alpha(gens.get(0).matrix().get(), theta, scale.get())
        .map(a -> new RankOneUnit(scale.get(), vector, a));
  }

  /** The θ symbol that is a factor of every predictor component. */
  private static Optional<String> scale(Parameterization p) {
    Set<String> common = null;
    for (Expr f : p.predictor()) {
      if (!(f instanceof Expr.Mul m) || m.factors().size() != 2) {
        return Optional.empty();
      }
      Set<String> here = new HashSet<>();
      m.factors().forEach(x -> {
        if (x instanceof Expr.Sym s) {
          here.add(s.name());
        }
      });
      if (common == null) {
        common = here;
      } else {
        common.retainAll(here);
      }
    }
    common.retainAll(p.theta());
    return common.size() == 1 ? Optional.of(common.iterator().next()) : Optional.empty();
  }

  private static Optional<String> otherFactor(Expr f, String scale) {
    List<Expr> factors = ((Expr.Mul) f).factors();
    Expr a = factors.get(0);
    Expr b = factors.get(1);
    Expr other = a.equals(new Expr.Sym(scale)) ? b : b.equals(new Expr.Sym(scale)) ? a : null;
    return other instanceof Expr.Sym s && !s.name().equals(scale) ? Optional.of(s.name())
        : Optional.empty();
  }

  /** J_f = [v I | w] (in θ's order): v at (i, w_i), w_i at (i, v), zero elsewhere. */
  private static boolean jacobianHasTheShape(List<List<Expr>> jac, List<String> theta,
      String scale, List<String> vector) {
    Optional<RankOneGram> rankOne = RankOneGram.of(jac);
    if (rankOne.isEmpty()) {
      return false;
    }
    Expr square = Expr.pow(new Expr.Sym(scale), Expr.integer(2));
    for (int i = 0; i < jac.size(); i++) {
      if (!rankOne.get().diagonal().get(i).equals(square)
          || !rankOne.get().update().get(i).equals(new Expr.Sym(vector.get(i)))) {
        return false;
      }
      for (int j = 0; j < theta.size(); j++) {
        String t = theta.get(j);
        Expr want = t.equals(vector.get(i)) ? new Expr.Sym(scale)
            : t.equals(scale) ? new Expr.Sym(vector.get(i)) : Expr.integer(0);
        if (!(Exprs.isZero(want) ? Exprs.isZero(jac.get(i).get(j)) : want.equals(jac.get(i)
            .get(j)))) {
          return false;
        }
      }
    }
    return true;
  }

  /** α when A = α·diag(I, −1) (w block α I, v entry −α, no coupling), else empty. */
  private static Optional<BigFraction> alpha(BigFraction[][] a, List<String> theta,
      String scale) {
    int v = theta.indexOf(scale);
    BigFraction alpha = a[v][v].negate();
    if (alpha.signum() == 0) {
      return Optional.empty();
    }
    for (int i = 0; i < a.length; i++) {
      for (int j = 0; j < a.length; j++) {
        BigFraction want = i != j ? BigFraction.ZERO : i == v ? alpha.negate() : alpha;
        if (!a[i][j].equals(want)) {
          return Optional.empty();
        }
      }
    }
    return Optional.of(alpha);
  }
}
