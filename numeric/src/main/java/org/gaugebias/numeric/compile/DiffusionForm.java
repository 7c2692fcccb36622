package org.gaugebias.numeric.compile;

/**
 * How the generated kernel realises the diffusion matrix N of {@code dθ = −∇L dt + √(2T) N dW}.
 * Two realisations with the same {@code N Nᵀ} give the same law (same generator), so the
 * codimension-one projector may be realised with a single Gaussian along the unit normal.
 */
public enum DiffusionForm {
  /** N = 0: gradient flow / gradient descent; no Gaussians consumed. */
  NONE(false),
  /** N = I: d Gaussians per step. */
  IDENTITY(false),
  /**
   * N Nᵀ = P⊥ when the k generator fields leave a single normal direction (k = d − 1): the step
   * uses one Gaussian along the unit normal m/|m|, m the generalised cross product of ξ_1…ξ_k
   * (m_i = (−1)^i det Ξ without row i). Where m vanishes (a non-free point, probability zero) the
   * step has no noise.
   */
  ORBIT_NORMAL(true),
  /**
   * N = P⊥ = I − Ξ(ΞᵀΞ)⁻¹Ξᵀ applied to d Gaussians, with the k×k solve done by an unrolled
   * Cholesky factorisation of ΞᵀΞ + εI, ε = 10⁻¹² tr(ΞᵀΞ) (+10⁻³⁰⁰): a regularised solve that
   * tends to the pseudo-inverse where Ξ loses rank.
   */
  ORBIT_PROJECTOR(true);

  private final boolean projected;

  DiffusionForm(boolean projected) {
    this.projected = projected;
  }

  /** Whether this form projects the noise orthogonally to the orbits. */
  public boolean projected() {
    return projected;
  }

  /** Gaussians drawn per chain and step, for dimension d. */
  public int noiseDimension(int d) {
    switch (this) {
      case NONE:
        return 0;
      case ORBIT_NORMAL:
        return 1;
      default:
        return d;
    }
  }
}
