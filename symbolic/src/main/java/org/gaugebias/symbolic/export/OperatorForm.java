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
 * A built from a named transform ({@code Dct: dct 64}) or a Kronecker product of factors
 * ({@code D2: kron(dct 8, dct 8)}), so an export builds the matrix by name (a formula, not n²
 * entries; a Kronecker product as the product of its factors, numpy.kron order) and writes every
 * result in the components (Dct β)_k instead of the linear forms ω_k(β) the derivation holds.
 *
 * @param operator the derivation's named operator
 * @param factors the matrix C the relation names, as factors left to right (one for a named
 *     transform)
 * @param logAbsDet log|det A|, as the structure step computed it (a number)
 * @param byForm each linear form ω_k(β) to its component symbol (Dct β)_k
 */
public record OperatorForm(NamedOperator operator, List<Factor> factors, Expr logAbsDet,
    Map<Expr, Expr> byForm) {

  /**
   * A factor of C: built by its formula when it is a named transform, else by its entries.
   *
   * @param label its name ({@code Dct_8}, {@code M})
   * @param transform the named transform it is, if any
   * @param entries its exact entries, row by row (used when it is not a named transform)
   * @param orthonormal whether its inverse is its transpose (exactly)
   */
  public record Factor(String label, Optional<NamedTransform> transform,
      List<List<Expr>> entries, boolean orthonormal) {
    public Factor {
      entries = entries.stream().map(List::copyOf).toList();
    }

    /** n, for an n×n factor. */
    public int size() {
      return transform.map(NamedTransform::size).orElse(entries.size());
    }
  }

  public OperatorForm {
    factors = List.copyOf(factors);
    byForm = Map.copyOf(byForm);
  }

  /** The form of {@code operator}, its forms mapped to their components. */
  OperatorForm(NamedOperator operator, List<Factor> factors, Expr logAbsDet) {
    this(operator, factors, logAbsDet, forms(operator));
  }

  private static Map<Expr, Expr> forms(NamedOperator operator) {
    Map<Expr, Expr> forms = new HashMap<>();
    for (int k = 0; k < operator.size(); k++) {
      forms.put(operator.forms().get(k), new Expr.Sym(operator.name() + "_"
          + operator.predictor() + "$" + (k + 1)));
    }
    return forms;
  }

  /**
   * The operator of {@code d}, when its predictor is built from a named transform or a
   * Kronecker product of factors.
   */
  public static Optional<OperatorForm> of(Derivation d) {
    for (var s : d.steps()) {
      if (s.facts() instanceof StepFacts.BlockStructure bs && bs.named().isPresent()) {
        NamedOperator o = bs.named().get();
        if (o.kronecker()) {
          return Optional.of(new OperatorForm(o, o.factors().stream().map(OperatorForm::factor)
              .toList(), bs.logAbsDet()));
        }
        if (o.transform().isPresent()) {
          NamedTransform t = o.transform().get();
          return Optional.of(new OperatorForm(o, List.of(new Factor(o.name(), Optional.of(t),
              List.of(), t.kind().orthonormal())), bs.logAbsDet()));
        }
      }
    }
    return Optional.empty();
  }

  /**
   * A Kronecker factor: a named transform when declared as one ({@code dct 8}); else its
   * entries, trusted as orthonormal only when they are the identity (the engine's orthonormal
   * test is in double precision, the SymPy export is exact).
   */
  private static Factor factor(NamedOperator.Factor f) {
    Optional<NamedTransform> t;
    try {
      t = NamedTransform.parse(f.declaration());
    } catch (IllegalArgumentException e) {
      t = Optional.empty();
    }
    boolean orthonormal = t.map(x -> x.kind().orthonormal())
        .orElse("IDENTITY".equals(f.kind()));
    return new Factor(f.label(), t, f.entries(), orthonormal);
  }

  /** How C was declared: {@code dct 64}, {@code kron(dct 8, dct 8)}. */
  public String declaration() {
    return operator.declaration().orElse(operator.name());
  }

  /** The named transforms among the factors, each kind once, in order of appearance. */
  public List<NamedTransform.Kind> kinds() {
    return factors.stream().flatMap(f -> f.transform().stream()).map(NamedTransform::kind)
        .distinct().toList();
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
    return factors.stream().allMatch(Factor::orthonormal);
  }
}
