package org.gaugebias.numeric.matrix;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.gaugebias.symbolic.dynamics.FactorDynamicsDeriver.FactorDynamics;
import org.gaugebias.symbolic.expr.Expr;

/**
 * The formulas of a matrix design that the matrix-variant verifier needs, whatever its
 * factorisation: two factors {@code W = F Gᵀ} (from the engine's {@link FactorDynamics}) or a
 * product of square factors {@code W = W_L ⋯ W_1} ({@link ProductDynamics}). The factorisation
 * decides only the balanced representative ({@link FactorModel#representative}); every Gram
 * matrix is built from these formulas. Immutable (arrays copied in and out).
 *
 * @param factorisation how the factors make W
 * @param factors the factors' component symbols as rows: (F, G) or (W_1, …, W_L)
 * @param rows rows of W
 * @param columns columns of W
 * @param balance χ: the balance conditions as raw entries (THEORY.md §3's gauge row)
 * @param lossHessian H of L(β) = ½ βᵀHβ + bᵀβ + c (constant)
 * @param lossLinear b = ∇L(0)
 */
public record MatrixDynamics(String designId, String title, Factorisation factorisation,
    List<String> parameters, List<List<List<String>>> factors, int rows, int columns,
    List<String> predictorSymbols, List<Expr> predictor, List<Expr> gradient,
    List<List<Expr>> jacobian, List<List<Expr>> generators, List<String> balanceNames,
    List<Expr> balance, List<List<Expr>> balanceJacobian, double[][] lossHessian,
    double[] lossLinear, String temperature) {

  /** How the factors make W. */
  public enum Factorisation {
    /** W = F Gᵀ, F m×r, G n×r: F = PΣ^{1/2}, G = QΣ^{1/2} at the representative. */
    TWO_FACTOR,
    /** W = W_L ⋯ W_1, r×r: W_L = PΣ^{1/L}, W_l = Σ^{1/L} (1 &lt; l &lt; L), W_1 = Σ^{1/L}Qᵀ. */
    PRODUCT
  }

  public MatrixDynamics {
    Objects.requireNonNull(designId, "designId");
    Objects.requireNonNull(factorisation, "factorisation");
    parameters = List.copyOf(parameters);
    factors = factors.stream().map(f -> f.stream().map(List::copyOf).toList()).toList();
    predictorSymbols = List.copyOf(predictorSymbols);
    predictor = List.copyOf(predictor);
    gradient = List.copyOf(gradient);
    jacobian = rowsCopy(jacobian);
    generators = rowsCopy(generators);
    balanceNames = List.copyOf(balanceNames);
    balance = List.copyOf(balance);
    balanceJacobian = rowsCopy(balanceJacobian);
    lossHessian = copy(lossHessian);
    lossLinear = lossLinear.clone();
    if (predictor.size() != rows * columns || gradient.size() != parameters.size()
        || jacobian.size() != predictor.size() || balance.size() != balanceJacobian.size()
        || balance.size() != balanceNames.size() || lossHessian.length != predictor.size()
        || lossLinear.length != predictor.size()) {
      throw new IllegalArgumentException("inconsistent sizes in the matrix dynamics");
    }
  }

  /** The two-factor dynamics the engine derives for {@code W = F Gᵀ}. */
  public static MatrixDynamics of(FactorDynamics d) {
    return new MatrixDynamics(d.designId(), d.title(), Factorisation.TWO_FACTOR, d.parameters(),
        List.of(d.first(), d.second()), d.rows(), d.columns(), d.predictorSymbols(),
        d.predictor(), d.gradient(), d.jacobian(), d.generators(), d.balanceNames(),
        d.balance(), d.balanceJacobian(), d.lossHessian(), d.lossLinear(), d.temperature());
  }

  @Override
  public double[][] lossHessian() {
    return copy(lossHessian);
  }

  @Override
  public double[] lossLinear() {
    return lossLinear.clone();
  }

  /** Inner dimension: the columns of F (two factors) or the size of the square factors. */
  public int rank() {
    return factors.get(0).get(0).size();
  }

  /** "W = U V^T (2x2, r = 2)" or "W = W3 W2 W1 (2x2 factors)" style description. */
  public String structure() {
    return factorisation == Factorisation.TWO_FACTOR
        ? "W = F G^T, " + rows + "x" + rank() + " and " + columns + "x" + rank() + " factors"
        : "W = W_" + factors.size() + " ... W_1, " + factors.size() + " factors " + rank() + "x"
            + rank();
  }

  private static List<List<Expr>> rowsCopy(List<List<Expr>> rows) {
    List<List<Expr>> out = new ArrayList<>();
    for (List<Expr> r : rows) {
      out.add(List.copyOf(r));
    }
    return List.copyOf(out);
  }

  private static double[][] copy(double[][] a) {
    double[][] out = new double[a.length][];
    for (int i = 0; i < a.length; i++) {
      out[i] = a[i].clone();
    }
    return out;
  }
}
