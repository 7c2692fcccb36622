package org.gaugebias.symbolic.export;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gaugebias.symbolic.compile.Variable;
import org.gaugebias.symbolic.expr.Expr;
import org.gaugebias.symbolic.expr.NumericFunctions;
import org.gaugebias.symbolic.trace.Derivation;
import org.gaugebias.symbolic.trace.Formula;
import org.gaugebias.symbolic.trace.Spectrum;
import org.gaugebias.symbolic.trace.Step;
import org.gaugebias.symbolic.trace.StepKind;
import org.gaugebias.symbolic.trace.Structure;
import org.gaugebias.symbolic.trace.Variant;
import org.gaugebias.symbolic.trace.VariantResult;

/**
 * What an export needs from a derivation, read from its typed parts (THEORY.md §1–3, §5): the
 * shapes, f(θ), χ(θ), θ̃(β), the variants' log-determinants and biases, the representation cost
 * and, with a loss, L and Φ = L + R_quot. The log-density is −Φ/T: the stationary density
 * p(β) ∝ exp(−Φ/T) up to its normalising constant.
 *
 * @param functions the design's tabulated functions, whose tables an export embeds
 */
public record ExportModel(Derivation derivation, Structure structure, List<Expr> predictor,
    Optional<Expr> loss, Optional<Expr> potential, NumericFunctions functions) {

  /** The model of {@code d}; fails for a derivation without typed structure or predictor. */
  public static ExportModel of(Derivation d, NumericFunctions functions) {
    return of(d, functions, outputs(d, StepKind.DECLARE).stream().map(Formula::expr).toList());
  }

  /**
   * The model of {@code d}, derived from {@code p}: f(θ) is the derivation's declared predictor,
   * or the compiled design's when the derivation does not restate it (the structure route's
   * declare step at size lists no formulas).
   */
  public static ExportModel of(Derivation d, org.gaugebias.symbolic.compile.Parameterization p) {
    List<Expr> declared = outputs(d, StepKind.DECLARE).stream().map(Formula::expr).toList();
    return of(d, p.functions(), declared.isEmpty() ? p.predictor() : declared);
  }

  private static ExportModel of(Derivation d, NumericFunctions functions, List<Expr> f) {
    Structure s = d.structure().orElseThrow(() -> new IllegalArgumentException(
        "the derivation of " + d.designId() + " has no typed structure to export"));
    if (f.size() != s.predictor().components().size()) {
      throw new IllegalArgumentException("the derivation of " + d.designId()
          + " does not state its predictor (export it with the compiled design:"
          + " ExportModel.of(derivation, parameterization))");
    }
    Optional<Step> law = d.steps().stream().filter(x -> x.kind() == StepKind.STATIONARY_LAW
        && x.status() == Step.Status.DONE).findFirst();
    Optional<Expr> loss = law.flatMap(x -> named(x.inputs(), "L"));
    Optional<Expr> phi = law.flatMap(x -> named(x.outputs(), "Phi"));
    return new ExportModel(d, s, f, loss, phi, functions);
  }

  private static Optional<Expr> named(List<Formula> fs, String name) {
    return fs.stream().filter(x -> x.name().equals(name)).map(Formula::expr).findFirst();
  }

  /** The outputs of every completed step of {@code kind}, in order. */
  static List<Formula> outputs(Derivation d, StepKind kind) {
    List<Formula> out = new ArrayList<>();
    d.steps().stream().filter(s -> s.kind() == kind && s.status() == Step.Status.DONE)
        .forEach(s -> out.addAll(s.outputs()));
    return out;
  }

  /** The variants computed, in {@link Variant} order, with the names exports use. */
  public Map<String, VariantResult> variants() {
    Map<String, VariantResult> out = new LinkedHashMap<>();
    for (Variant v : Variant.values()) {
      VariantResult r = derivation.results().get(v);
      if (r != null) {
        out.put(variantName(v), r);
      }
    }
    return out;
  }

  /** {@code quotient}, {@code orbit} or {@code gauge}. */
  public static String variantName(Variant v) {
    return switch (v) {
      case QUOTIENT -> "quotient";
      case ORBIT -> "orbit";
      case GAUGE -> "gauge";
    };
  }

  /** The headline variant's name. */
  public String headline() {
    return variantName(derivation.headline() == null ? Variant.QUOTIENT : derivation.headline());
  }

  /** The parameters in flattening order. */
  public List<Variable> parameters() {
    return structure.parameters();
  }

  /** The predictor variable. */
  public Variable predictorVariable() {
    return structure.predictor();
  }

  /** θ̃(β), one expression per θ component in flattening order. */
  public List<Expr> representative() {
    List<Expr> out = new ArrayList<>();
    for (String t : structure.theta()) {
      Expr e = structure.representative().get(t);
      if (e == null) {
        throw new IllegalArgumentException("no representative for " + t);
      }
      out.add(e);
    }
    return out;
  }

  /**
   * For a matrix design (derived by the diagonal-frame route), its singular values σ_1 … σ_r
   * (eigenvalues λ for a symmetric predictor): the results and θ̃ are functions of them, not of
   * the predictor's entries (THEORY.md §3). Empty for vector designs.
   */
  public Optional<Spectrum> spectrum() {
    return structure.spectrum();
  }

  /**
   * What the results and θ̃ are functions of: the spectrum's values for a matrix design, else
   * the predictor β.
   */
  public Variable resultArgument() {
    return spectrum().map(Spectrum::values).orElse(structure.predictor());
  }

  /**
   * f(θ̃) as a function of {@link #resultArgument()}: β itself for a vector design; for a matrix
   * design the representative is the diagonal frame, so f(θ̃(σ)) = diag(σ), zero-padded to the
   * predictor's shape (one expression per predictor component, in flattening order).
   */
  public List<Expr> predictorAtRepresentative() {
    Variable w = structure.predictor();
    if (spectrum().isEmpty() || spectrum().get().values().equals(w)) {
      // a vector design, or a spectral predictor (conjugation): the values are the predictor
      return w.symbols().stream().<Expr>map(Expr.Sym::new).toList();
    }
    List<String> values = spectrum().get().values().symbols();
    List<Expr> out = new ArrayList<>();
    for (org.gaugebias.symbolic.compile.Component c : w.components()) {
      int i = c.indices().get(0);
      boolean diagonal = i == c.indices().get(1) && i <= values.size();
      out.add(diagonal ? new Expr.Sym(values.get(i - 1)) : Expr.integer(0));
    }
    return out;
  }

  /**
   * The named transform the predictor is built from, when the derivation found one
   * ({@code Dct: dct 64}): the exports then build it by name and write the results in
   * (Dct β)_k.
   */
  public Optional<OperatorForm> operator() {
    return OperatorForm.of(derivation);
  }

  /**
   * Whether the predictor is the spectrum of a symmetric matrix parameter (conjugation,
   * {@code Eigenvalues[X]}, THEORY.md §3): f(θ) has no formula in θ's entries, and the
   * exports compute it numerically (eigenvalues in descending order).
   */
  public boolean spectralPredictor() {
    return spectrum().map(sp -> sp.eigenvalues() && sp.values().equals(structure.predictor())
        && parameters().size() == 1
        && parameters().get(0).shape().kind() == org.gaugebias.symbolic.design.Shape.Kind.SYMMETRIC)
        .orElse(false);
  }

  /** The temperature symbol's name. */
  public String temperature() {
    return derivation.temperature() == null ? "T" : derivation.temperature();
  }
}
