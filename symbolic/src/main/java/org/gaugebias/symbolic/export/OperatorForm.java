package org.gaugebias.symbolic.export;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gaugebias.symbolic.design.NamedTransform;
import org.gaugebias.symbolic.expr.Expr;
import org.gaugebias.symbolic.expr.Exprs;
import org.gaugebias.symbolic.trace.Derivation;
import org.gaugebias.symbolic.trace.NamedOperator;
import org.gaugebias.symbolic.trace.StepFacts;

/**
 * A derivation exported by operator (THEORY.md §4, family 1): the predictor is β = A ω(θ) with
 * A built from a named transform ({@code Dct: dct 64}), so an export builds the matrix by name
 * (a formula, not n² entries) and writes every result in the components (Dct β)_k instead of
 * the linear forms ω_k(β) the derivation holds.
 *
 * @param operator the derivation's named operator
 * @param transform the named transform it was declared as
 * @param logAbsDet log|det A|, as the structure step computed it (a number)
 * @param byForm each linear form ω_k(β) to its component symbol (Dct β)_k
 */
public record OperatorForm(NamedOperator operator, NamedTransform transform, Expr logAbsDet,
    Map<Expr, Expr> byForm) {

  public OperatorForm {
    byForm = Map.copyOf(byForm);
  }

  /** The form of {@code operator}, its forms mapped to their components. */
  OperatorForm(NamedOperator operator, NamedTransform transform, Expr logAbsDet) {
    this(operator, transform, logAbsDet, forms(operator));
  }

  private static Map<Expr, Expr> forms(NamedOperator operator) {
    Map<Expr, Expr> forms = new HashMap<>();
    for (int k = 0; k < operator.size(); k++) {
      forms.put(operator.forms().get(k), new Expr.Sym(operator.name() + "_"
          + operator.predictor() + "$" + (k + 1)));
    }
    return forms;
  }

  /** The operator of {@code d}, when its predictor is built from a named transform. */
  public static Optional<OperatorForm> of(Derivation d) {
    for (var s : d.steps()) {
      if (s.facts() instanceof StepFacts.BlockStructure bs && bs.named().isPresent()
          && bs.named().get().transform().isPresent()) {
        NamedOperator o = bs.named().get();
        return Optional.of(new OperatorForm(o, o.transform().get(), bs.logAbsDet()));
      }
    }
    return Optional.empty();
  }

  /** The engine symbol of component k (1-based) of ω: {@code Dct_beta$k}. */
  public String component(int k) {
    return vectorName() + "$" + k;
  }

  /** The name of ω as a vector: {@code Dct_beta}. */
  public String vectorName() {
    return operator.name() + "_" + operator.predictor();
  }

  /** The components of ω in order. */
  public List<String> components() {
    return java.util.stream.IntStream.rangeClosed(1, operator.size()).mapToObj(this::component)
        .toList();
  }

  /** {@code e} with each linear form ω_k(β) written as the component (Dct β)_k. */
  public Expr apply(Expr e) {
    // a form that is one symbol (ω_1 = β_1 of a difference) stays as it is: the same value
    return Exprs.map(e, x -> x instanceof Expr.Add || x instanceof Expr.Mul ? byForm.get(x)
        : null);
  }

  /** Whether the matrix is orthonormal (its inverse is its transpose). */
  public boolean orthonormal() {
    return transform.kind().orthonormal();
  }
}
