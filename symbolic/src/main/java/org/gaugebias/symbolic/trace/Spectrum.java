package org.gaugebias.symbolic.trace;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.gaugebias.symbolic.compile.Variable;
import org.gaugebias.symbolic.expr.Expr;

/**
 * The coordinates a matrix design's results are written in (THEORY.md §3): the singular values
 * of the predictor (or its eigenvalues when it is symmetric), at the representative that is
 * diagonal in them, and the closed forms for every size folded from the concrete-size blocks.
 *
 * @param values the symbols σ_1 … σ_r ({@code sigma$1 …}), or λ for eigenvalues
 * @param eigenvalues whether the values are eigenvalues of a symmetric predictor
 * @param depth the number of factors L (each factor's diagonal is σ_i^{1/L})
 * @param pseudoDeterminant why P is a pseudo-determinant (empty when it is not)
 * @param closedForms per variant, the fold {@code Σ_i f(σ_i) + Σ_{i<j} g(σ_i, σ_j)}
 * @param signed whether the values may have either sign (the eigenvalues of a symmetric X
 *     under conjugation); otherwise they are positive (singular values, eigenvalues of U Uᵀ)
 */
public record Spectrum(Variable values, boolean eigenvalues, int depth, String pseudoDeterminant,
    Map<Variant, ClosedForm> closedForms, boolean signed) {
  /** Positive values (every product family). */
  public Spectrum(Variable values, boolean eigenvalues, int depth, String pseudoDeterminant,
      Map<Variant, ClosedForm> closedForms) {
    this(values, eigenvalues, depth, pseudoDeterminant, closedForms, false);
  }

  public Spectrum {
    Objects.requireNonNull(values, "values");
    Objects.requireNonNull(pseudoDeterminant, "pseudoDeterminant");
    closedForms = Map.copyOf(closedForms);
  }

  /** The rank r (number of singular values or eigenvalues). */
  public int rank() {
    return values.symbols().size();
  }

  /**
   * One variant's log-determinant for every size: {@code Σ_i single + Σ_{i<j} pair}, with
   * {@code single} in {@code index} and {@code pair} in {@code index}, {@code second}.
   *
   * @param sum the same as one expression with a symbolic size ({@code Sum[…, {i, 1, r}]})
   * @param depthSingle for products of L square factors, {@code single} with L symbolic, from
   *     the tridiagonal block's recurrence (empty otherwise)
   * @param depthPair likewise for {@code pair}
   * @param checks how the fold was checked (against the concrete derivation and at sizes not
   *     used to derive it)
   */
  public record ClosedForm(Variant variant, String index, String second, Expr single, Expr pair,
      Expr sum, java.util.Optional<Expr> depthSingle, java.util.Optional<Expr> depthPair,
      List<Check> checks) {
    public ClosedForm {
      checks = List.copyOf(checks);
    }
  }

  /** A numeric check of a closed form at one size: the largest |closed − reference|. */
  public record Check(String what, int rank, int depth, int points, double largestDifference) { }
}
