package org.gaugebias.symbolic.trace;

import java.util.Objects;
import org.gaugebias.symbolic.expr.Expr;

/**
 * The result of one bias variant. {@code logDet} is the full log-determinant (constants
 * included) as a function of the predictor; {@code bias} is {@code (T/2) logDet} with the
 * constant {@code droppedConstant} removed, so that {@code (T/2) logDet = bias + droppedConstant}.
 */
public record VariantResult(Variant variant, Expr logDet, Expr bias, Expr droppedConstant,
    boolean pseudoDeterminant) {
  public VariantResult {
    Objects.requireNonNull(variant);
    Objects.requireNonNull(logDet);
    Objects.requireNonNull(bias);
    Objects.requireNonNull(droppedConstant);
  }
}
