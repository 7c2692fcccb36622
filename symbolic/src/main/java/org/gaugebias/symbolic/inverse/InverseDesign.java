package org.gaugebias.symbolic.inverse;

import java.util.List;
import org.gaugebias.symbolic.expr.Expr;
import org.gaugebias.symbolic.trace.Derivation;

/**
 * An answer with its proof.
 *
 * @param designYaml the design file, accepted as is by the forward engine and the verifier
 * @param domain where the parameterisation realises the target (branch, signs, bounds)
 * @param constant {@code R_quot − R*}, free of β (it may depend on T)
 * @param forward the forward derivation of the answer
 * @param document the whole inverse derivation (inverse steps, forward steps, proof) to print
 * @param numericSpread largest spread of {@code R_quot − R*} over random domain points, at two
 *     temperatures (0 in exact arithmetic)
 * @param tried the families tried before this one and why each did not apply
 */
public record InverseDesign(Target target, Family family, String designYaml, String domain,
    Expr constant, Derivation forward, Derivation document, double numericSpread,
    List<String> tried) {
  public InverseDesign {
    tried = List.copyOf(tried);
  }
}
