package org.gaugebias.symbolic.print;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.gaugebias.symbolic.compile.Variable;
import org.gaugebias.symbolic.design.Shape;
import org.gaugebias.symbolic.expr.Expr;
import org.gaugebias.symbolic.expr.Exprs;
import org.gaugebias.symbolic.trace.Derivation;
import org.gaugebias.symbolic.trace.NamedOperator;
import org.gaugebias.symbolic.trace.StepFacts;

/**
 * Formulas printed by operator: where a structured derivation names its constant operator
 * ({@link NamedOperator}: ω = Dct β), each linear form ω_k(β) in a formula is shown as the
 * component {@code (Dct β)_k}, so that {@code (T/2) Σ_k log|ω_k|} prints as
 * {@code (T/2) Σ_i log|(Dct β)_i|} after folding, not as 64 logarithms of 64 cosines each.
 * Display only: the derivation keeps the linear forms.
 */
final class OperatorDisplay {
  /** The last derivation's map (printers call this for every formula of one derivation). */
  private static final ThreadLocal<Object[]> LAST = new ThreadLocal<>();

  private OperatorDisplay() {
  }

  /** The operator the derivation names, if any. */
  static Optional<NamedOperator> of(Derivation d) {
    for (var s : d.steps()) {
      if (s.facts() instanceof StepFacts.BlockStructure bs) {
        return bs.named();
      }
    }
    return Optional.empty();
  }

  /** The display vector {@code (Dct beta)} of the named operator, for sum folding. */
  static Optional<Variable> vector(Derivation d) {
    return of(d).map(o -> Variable.of(o.vector(), Shape.vector(o.size())));
  }

  /** {@code e} with every ω_k(β) written as the component {@code (Dct beta)$k}. */
  static Expr apply(Expr e, Derivation d) {
    Map<Expr, Expr> forms = forms(d);
    if (forms.isEmpty()) {
      return e;
    }
    return Exprs.map(e, x -> x instanceof Expr.Add ? forms.get(x) : null);
  }

  private static Map<Expr, Expr> forms(Derivation d) {
    Object[] last = LAST.get();
    if (last != null && last[0] == d) {
      @SuppressWarnings("unchecked")
      Map<Expr, Expr> m = (Map<Expr, Expr>) last[1];
      return m;
    }
    Map<Expr, Expr> m = new HashMap<>();
    of(d).ifPresent(o -> {
      for (int k = 0; k < o.size(); k++) {
        Expr f = o.forms().get(k);
        if (f instanceof Expr.Add) {
          m.put(f, new Expr.Sym(o.vector() + "$" + (k + 1)));
        }
      }
    });
    LAST.set(new Object[] {d, m});
    return m;
  }
}
