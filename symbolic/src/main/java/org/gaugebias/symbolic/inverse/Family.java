package org.gaugebias.symbolic.inverse;

/** The constructive families of THEORY.md §4, tried in this order. */
public enum Family {
  /** β = D⁻¹(u₁ ⊙ … ⊙ u_k): targets Σ_i T(1 − 1/k) log|(Dβ)_i|. */
  ANALYSIS_HADAMARD("analysis"),
  /** β = φ(u v) with φ⁻¹ = ψ solving ψ' = |ψ|^{1/2} e^{−r/T}: separable targets Σ_i r(β_i). */
  OUTER_MAP("outer"),
  /**
   * Matrix factorisations (W = U Vᵀ, deeper products, U Uᵀ, tall factors): targets in the
   * singular values, Σ_i f(σ_i) + Σ_{i<j} g(σ_i, σ_j) ({@link LowRankFamilies}).
   */
  LOW_RANK("lowrank");

  private final String id;

  Family(String id) {
    this.id = id;
  }

  /** The command-line name. */
  public String id() {
    return id;
  }

  public static Family byId(String id) {
    for (Family f : values()) {
      if (f.id.equalsIgnoreCase(id) || f.name().equalsIgnoreCase(id)) {
        return f;
      }
    }
    throw new IllegalArgumentException("unknown family '" + id + "' (expected analysis, outer or lowrank)");
  }
}
