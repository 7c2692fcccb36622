package org.gaugebias.numeric.sde;

import org.gaugebias.numeric.compile.DiffusionForm;
import org.gaugebias.numeric.compile.FusedKernelGenerator;

/**
 * The noise shape N of the Itô SDE {@code dθ = −∇L dt + √(2T) N(θ) dW} (shared/THEORY.md §5).
 * Minibatch SGD (plain discrete {@code θ ← θ − η∇ℓ_B}) is not an SDE and is not in this set yet.
 */
public enum NoiseModel {
  /** N = 0: gradient descent / gradient flow; no stationary law, balance θᵀAθ is conserved. */
  GRADIENT_DESCENT("gd", "N = 0"),
  /** N = I: isotropic Langevin, law e^{−L/T} per unit Haar volume (favours large orbits). */
  ISOTROPIC("isotropic", "N = I"),
  /** N = P⊥ = I − Ξ(ΞᵀΞ)⁻¹Ξᵀ: noise orthogonal to the orbits, the gauge-corrected law. */
  PROJECTED("projected", "N = P⊥ = I − Ξ(ΞᵀΞ)⁻¹Ξᵀ");

  private final String id;
  private final String formula;

  NoiseModel(String id, String formula) {
    this.id = id;
    this.formula = formula;
  }

  /** Short lowercase name as used on command lines and in reports. */
  public String id() {
    return id;
  }

  /** N as a formula. */
  public String formula() {
    return formula;
  }

  /** The kernel realisation of this N for d parameters and k generator fields. */
  public DiffusionForm form(int d, int k) {
    switch (this) {
      case GRADIENT_DESCENT:
        return DiffusionForm.NONE;
      case ISOTROPIC:
        return DiffusionForm.IDENTITY;
      default:
        return FusedKernelGenerator.projectedForm(d, k);
    }
  }

  /** Parses {@link #id()} or the constant name, case-insensitively. */
  public static NoiseModel parse(String s) {
    for (NoiseModel m : values()) {
      if (m.id.equalsIgnoreCase(s) || m.name().equalsIgnoreCase(s)) {
        return m;
      }
    }
    throw new IllegalArgumentException("unknown noise model '" + s
        + "' (expected gd, isotropic or projected)");
  }
}
