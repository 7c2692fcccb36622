package org.gaugebias.numeric.matrix;

/**
 * A candidate law of W, {@code p_v(W) ∝ e^{−(L(W) + R_v(W))/T}} with {@code R_v = (T/2) log det}
 * of one Gram matrix at the balanced representative (THEORY.md §3). Its importance weight against
 * the base e^{−L/T} is {@code det^{−1/2}}, whatever T.
 */
public enum Candidate {
  /** R_quot = (T/2) log det P, P = J_f J_fᵀ: THEORY §5's prediction under projected noise. */
  QUOTIENT("quotient", "R_quot = (T/2) log det(J_f J_f^T)"),
  /** R_orbit = (T/2) log det G, G = ΞᵀΞ. */
  ORBIT("orbit", "R_orbit = (T/2) log det(Xi^T Xi)"),
  /** R_gauge = (T/2) log det C, C = J_χ J_χᵀ, χ = entries i ≤ j of UᵀU − VᵀV. */
  GAUGE("gauge (balance diagnostic)", "R_gauge = (T/2) log det(J_chi J_chi^T)"),
  /** R = 0: the base law itself (reference, not a variant). */
  NO_CORRECTION("no correction", "R = 0");

  private final String label;
  private final String formula;

  Candidate(String label, String formula) {
    this.label = label;
    this.formula = formula;
  }

  public String label() {
    return label;
  }

  public String formula() {
    return formula;
  }

  /** The log-determinant of this candidate (0 for no correction). */
  double logDet(FactorModel.LogDets l) {
    switch (this) {
      case QUOTIENT:
        return l.predictorGram();
      case ORBIT:
        return l.generatorGram();
      case GAUGE:
        return l.constraintGram();
      default:
        return 0.0;
    }
  }
}
