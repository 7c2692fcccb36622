package org.gaugebias.numeric.model;

import java.util.Objects;
import org.gaugebias.symbolic.expr.Expr;

/**
 * A candidate stationary law of the observable, as an unnormalised log-density in the model's
 * observable symbol and temperature symbol (e.g. {@code −(β−1)²/(2T) − ½ log|β|}). The verifier
 * normalises it on the comparison window.
 *
 * @param name short label used in reports ("quotient", "no correction", …)
 * @param logDensity log of the unnormalised density
 * @param role whether this is the law the derivation predicts or an alternative to beat
 */
public record CandidateLaw(String name, Expr logDensity, Role role) {
  /** The derivation's prediction or an alternative it must beat. */
  public enum Role { PREDICTED, ALTERNATIVE }

  public CandidateLaw {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(logDensity, "logDensity");
    Objects.requireNonNull(role, "role");
  }

  public static CandidateLaw predicted(String name, Expr logDensity) {
    return new CandidateLaw(name, logDensity, Role.PREDICTED);
  }

  public static CandidateLaw alternative(String name, Expr logDensity) {
    return new CandidateLaw(name, logDensity, Role.ALTERNATIVE);
  }
}
