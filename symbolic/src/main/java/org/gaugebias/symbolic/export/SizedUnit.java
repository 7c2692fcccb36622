package org.gaugebias.symbolic.export;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.gaugebias.symbolic.expr.Expr;
import org.gaugebias.symbolic.size.IndexedSums;

/**
 * A single unit β = v·w for every n (THEORY.md §3, the ReLU unit), as the exports need it: v is
 * shared by every index, so there is no per-index block; the representative is v = (Σ β_i²)^{1/4},
 * w_i = β_i / v and the gauge the moment map ½α(‖w‖² − v²).
 *
 * @param size the size symbol ({@code n})
 * @param index the summation index ({@code i})
 * @param scale the scalar parameter v
 * @param vector the vector parameter w (its name, n components)
 * @param predictor the predictor β (its name, n components)
 * @param alpha the generator's factor α: ξ = α(w, −v)
 */
public record SizedUnit(String size, String index, String scale, String vector,
    String predictor, Expr alpha) {
  public SizedUnit {
    Objects.requireNonNull(size, "size");
    Objects.requireNonNull(index, "index");
    Objects.requireNonNull(scale, "scale");
    Objects.requireNonNull(vector, "vector");
    Objects.requireNonNull(predictor, "predictor");
    Objects.requireNonNull(alpha, "alpha");
  }

  /** β_i, the generic component. */
  public Expr.Sym beta() {
    return new Expr.Sym(predictor + "$" + index);
  }

  /** w_i, the generic component. */
  public Expr.Sym w() {
    return new Expr.Sym(vector + "$" + index);
  }

  /** Σ_{i=1}^n of {@code body}. */
  public Expr sum(Expr body) {
    return Expr.fn("Sum", body, new Expr.Vec(List.of(new Expr.Sym(index), Expr.integer(1),
        new Expr.Sym(size))));
  }

  /** ‖β‖² = Σ β_i². */
  public Expr normSquared() {
    return sum(Expr.pow(beta(), Expr.integer(2)));
  }

  /** θ̃'s v = ‖β‖^{1/2} = (Σ β_i²)^{1/4}. */
  public Expr scaleRepresentative() {
    return Expr.pow(normSquared(), Expr.rational(1, 4));
  }

  /** θ̃'s w_i = β_i / v. */
  public Expr vectorRepresentative() {
    return Expr.mul(beta(), Expr.pow(normSquared(), Expr.rational(-1, 4)));
  }

  /** χ(θ) = ½α(Σ w_i² − v²). */
  public Expr gauge() {
    return Expr.mul(Expr.rational(1, 2), alpha, Expr.add(sum(Expr.pow(w(), Expr.integer(2))),
        Expr.mul(Expr.integer(-1), Expr.pow(new Expr.Sym(scale), Expr.integer(2)))));
  }

  /** θ̃ written out at n = {@code n}: w_1 … w_n, then v (the design's coordinate names). */
  public Map<String, Expr> representativeAt(int n) {
    Expr norm = IndexedSums.expand(normSquared(), size, n);
    Map<String, Expr> out = new LinkedHashMap<>();
    for (int k = 1; k <= n; k++) {
      out.put(vector + "$" + k, Expr.mul(new Expr.Sym(predictor + "$" + k),
          Expr.pow(norm, Expr.rational(-1, 4))));
    }
    out.put(scale, Expr.pow(norm, Expr.rational(1, 4)));
    return out;
  }
}
