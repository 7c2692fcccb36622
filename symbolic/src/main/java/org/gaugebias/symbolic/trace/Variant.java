package org.gaugebias.symbolic.trace;

/** The three bias variants of THEORY.md section 3. */
public enum Variant {
  /** {@code R_quot = (T/2) log det P(θ̃(β))}: the law of β under projected noise (headline). */
  QUOTIENT("quot", "P"),
  /** {@code R_orbit = (T/2) log det G(θ̃(β))}: the log orbit-volume term. */
  ORBIT("orbit", "G"),
  /** {@code R_gauge = (T/2) log det C(θ̃(β))}: conditioning on the gauge slice. */
  GAUGE("gauge", "C");

  private final String shortName;
  private final String gram;

  Variant(String shortName, String gram) {
    this.shortName = shortName;
    this.gram = gram;
  }

  /** {@code quot}, {@code orbit} or {@code gauge}, as in {@code R_quot}. */
  public String shortName() {
    return shortName;
  }

  /** The Gram matrix whose log-determinant the variant uses: P, G or C. */
  public String gram() {
    return gram;
  }
}
