package org.gaugebias.symbolic.trace;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.gaugebias.symbolic.expr.Expr;

/**
 * The constant operator of a structured predictor β = A ω(θ), named after the design's constant
 * it is (or "A" when it is none), so that formulas print as operators — {@code (T/2) Σ_i
 * log|(Dct β)_i|} — and not as the linear forms ω = A⁻¹β written out entry by entry. The
 * results keep the linear forms, which evaluation uses; an export of a named transform builds
 * the operator by name (of a Kronecker product, by its factors) and writes the results in
 * (Dct β)_k.
 *
 * @param name the constant's name ({@code Dct}), or {@code A}
 * @param transform the named transform it was declared as ({@code dct 64}), if any
 * @param meaning what it is ("the orthonormal DCT-II of size 64")
 * @param relation how ω = A⁻¹β is written with it
 * @param entries the named matrix's exact entries, row by row
 * @param forms ω_k as linear forms in β, exactly as the results contain them
 * @param predictor the predictor's name ({@code beta})
 * @param atoms ω_k(θ), the products the operator is applied to ({@code u$k v$k}), one per form
 * @param factors for a Kronecker product ({@code D2 = Dct_8 ⊗ Dct_8}), its factors left to
 *     right ({@code entries} is then empty: the product is kept by its factors); else empty
 */
public record NamedOperator(String name,
    Optional<org.gaugebias.symbolic.design.NamedTransform> transform, String meaning,
    Relation relation, List<List<Expr>> entries, List<Expr> forms, String predictor,
    List<Expr> atoms, List<Factor> factors) {

  /**
   * A factor of a Kronecker operator.
   *
   * @param label its name in formulas ({@code Dct_8}, or the design's constant {@code M})
   * @param declaration how it was written ({@code dct 8}, {@code M})
   * @param meaning what it is
   * @param kind what the engine recognised in it ({@code ConstantOperator.Kind}'s name)
   * @param logAbsDet log|det F|, exact unless {@code kind} is NUMERIC
   * @param entries its exact entries, row by row
   */
  public record Factor(String label, String declaration, String meaning, String kind,
      Expr logAbsDet, List<List<Expr>> entries) {
    public Factor {
      Objects.requireNonNull(label, "label");
      Objects.requireNonNull(declaration, "declaration");
      Objects.requireNonNull(meaning, "meaning");
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(logAbsDet, "logAbsDet");
      entries = entries.stream().map(List::copyOf).toList();
    }

    /** n, for an n×n factor. */
    public int size() {
      return entries.size();
    }
  }

  /** An operator that is not a Kronecker product. */
  public NamedOperator(String name,
      Optional<org.gaugebias.symbolic.design.NamedTransform> transform, String meaning,
      Relation relation, List<List<Expr>> entries, List<Expr> forms, String predictor,
      List<Expr> atoms) {
    this(name, transform, meaning, relation, entries, forms, predictor, atoms, List.of());
  }

  /** Whether the operator is a Kronecker product of {@link #factors()}. */
  public boolean kronecker() {
    return !factors.isEmpty();
  }

  /** {@code Dct_8 ⊗ Dct_8}. */
  public String product() {
    return String.join(" ⊗ ", factors.stream().map(Factor::label).toList());
  }

  /** ω = A⁻¹β written with the named matrix C. */
  public enum Relation {
    /** ω = C β (A = C⁻¹, e.g. β = Inverse[M].(u*v), or β = Cᵀ(u⊙v) with C orthonormal). */
    APPLIED("", "", "ω = %s β"),
    /** ω = C⁻¹ β (A = C). */
    INVERSE("^-1", "^{-1}", "ω = %s⁻¹ β"),
    /** ω = Cᵀ β (A = C⁻ᵀ). */
    TRANSPOSE("^T", "^{\\mathsf{T}}", "ω = %sᵀ β"),
    /** ω = C⁻ᵀ β (A = Cᵀ, C not orthonormal). */
    INVERSE_TRANSPOSE("^-T", "^{-\\mathsf{T}}", "ω = %s⁻ᵀ β");

    private final String text;
    private final String latex;
    private final String unicode;

    Relation(String text, String latex, String unicode) {
      this.text = text;
      this.latex = latex;
      this.unicode = unicode;
    }
  }

  public NamedOperator {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(transform, "transform");
    Objects.requireNonNull(meaning, "meaning");
    Objects.requireNonNull(relation, "relation");
    entries = entries.stream().map(List::copyOf).toList();
    forms = List.copyOf(forms);
    Objects.requireNonNull(predictor, "predictor");
    factors = List.copyOf(factors);
    atoms = List.copyOf(atoms);
    if (atoms.size() != forms.size()) {
      throw new IllegalArgumentException(forms.size() + " forms but " + atoms.size() + " atoms");
    }
  }

  /**
   * How it was declared: {@code dct 64} for a named transform, {@code kron(dct 8, dct 8)} for a
   * Kronecker product.
   */
  public Optional<String> declaration() {
    if (kronecker()) {
      return Optional.of(factors.stream().map(Factor::declaration)
          .collect(java.util.stream.Collectors.joining(", ", "kron(", ")")));
    }
    return transform.map(org.gaugebias.symbolic.design.NamedTransform::declaration);
  }

  /** n, the operator's order. */
  public int size() {
    return forms.size();
  }

  /**
   * The display vector's name, {@code (Dct beta)}: its components {@code (Dct beta)$k} stand for
   * ω_k in printed formulas (text prints {@code (Dct beta)_k}).
   */
  public String vector() {
    return "(" + name + relation.text + " " + predictor + ")";
  }

  /** The operator applied to the predictor in LaTeX, given the LaTeX of the name and of β. */
  public String latex(String nameLatex, String predictorLatex) {
    return "(" + nameLatex + relation.latex + "\\," + predictorLatex + ")";
  }

  /** ω = … in Unicode text: {@code ω = Dct β}. */
  public String omegaText() {
    return String.format(java.util.Locale.ROOT, relation.unicode, name);
  }

  /** ω = … in LaTeX, given the LaTeX of the name and of β. */
  public String omegaLatex(String nameLatex, String predictorLatex) {
    return "\\omega = " + nameLatex + relation.latex + "\\," + predictorLatex;
  }

  /** The operator applied to β in Wolfram syntax: {@code Dct.beta}, {@code Inverse[M].beta}. */
  public String wolfram() {
    return switch (relation) {
      case APPLIED -> name + "." + predictor;
      case INVERSE -> "Inverse[" + name + "]." + predictor;
      case TRANSPOSE -> "Transpose[" + name + "]." + predictor;
      case INVERSE_TRANSPOSE -> "Transpose[Inverse[" + name + "]]." + predictor;
    };
  }
}
