package org.gaugebias.symbolic.inverse;

import java.util.List;
import java.util.Map;
import org.gaugebias.symbolic.expr.TabulatedFunction;
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
 * @param tables the tables the design file references, by file name as written in it
 *     (relative to the design file); empty unless φ is tabulated
 * @param tolerance what the proof allowed {@code numericSpread} to be: 1e-8 for closed forms,
 *     the bias error bound that the table's interpolation error implies for a tabulated φ
 */
public record InverseDesign(Target target, Family family, String designYaml, String domain,
    Expr constant, Derivation forward, Derivation document, double numericSpread,
    List<String> tried, Map<String, TabulatedFunction> tables, double tolerance) {
  public InverseDesign {
    tried = List.copyOf(tried);
    tables = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(tables));
  }
}
