package org.gaugebias.symbolic.trace;

/** What a derivation step does; printers group and title steps by kind. */
public enum StepKind {
  DECLARE("Declared parameterisation"),
  STRUCTURE("Structure before algebra"),
  SYMBOLIC_SIZE("Closed form for every n"),
  JACOBIAN("Jacobian of the predictor"),
  GENERATORS("Symmetry generators"),
  INVARIANCE("Invariance check"),
  COMPLETENESS("Completeness check"),
  ALGEBRA_SPLIT("Symmetric and antisymmetric parts"),
  GAUGE("Gauge conditions"),
  ADMISSIBILITY("Admissibility and orthogonality"),
  REPRESENTATIVE("Representative on the slice"),
  GRAM("Gram matrix"),
  LOG_DET("Log-determinant"),
  SIGN_BRANCHES("Sign branches"),
  BIAS("Induced bias"),
  ROUTES("Orbit and quotient routes"),
  STATIONARY_LAW("Stationary law"),
  REPRESENTATION_COST("Weight-decay representation cost"),
  NUMERIC_CHECK("Numeric cross-check"),
  INVERSE_SOLVE("Inverse design"),
  UNRESOLVED("Unresolved");

  private final String title;

  StepKind(String title) {
    this.title = title;
  }

  /** A human title for headings. */
  public String title() {
    return title;
  }
}
