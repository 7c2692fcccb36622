package org.gaugebias.symbolic.dynamics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.gaugebias.symbolic.cas.Algebra;
import org.gaugebias.symbolic.cas.SymjaSession;
import org.gaugebias.symbolic.compile.Parameterization;
import org.gaugebias.symbolic.compile.Variable;
import org.gaugebias.symbolic.derive.DerivationException;
import org.gaugebias.symbolic.derive.ForwardDeriver.SymmetryAnalysis;
import org.gaugebias.symbolic.design.Shape;
import org.gaugebias.symbolic.expr.Expr;
import org.gaugebias.symbolic.expr.Exprs;

/**
 * The dynamics of a two-factor matrix design {@code W = F Gᵀ} (F m×r, G n×r; e.g. the
 * {@code matrix-uv} design) from the engine's {@link SymmetryAnalysis} instead of a full
 * derivation, which does not support matrix families yet. Everything the numeric matrix-variant
 * verifier needs, as formulas:
 *
 * <ul>
 *   <li>the loss L(f(θ)) and its θ-gradient (β → f(θ) substituted, then {@code D});
 *   <li>the Jacobian J_f and the checked generator fields ξ_a of the analysis (unchanged);
 *   <li>the authors' balance conditions χ: the raw entries i ≤ j of {@code FᵀF − GᵀG}
 *       (THEORY.md §3, the "gauge" row of W = UVᵀ), and their Jacobian J_χ;
 *   <li>the loss as a quadratic form in the predictor, {@code L(β) = ½ βᵀHβ + bᵀβ + c}, checked
 *       to be exactly quadratic (its Hessian constant): the Gaussian base law e^{−L/T} that the
 *       importance sampler draws from exactly.
 * </ul>
 *
 * <p>The Gram determinants are NOT derived here (that is the engine's unsupported part): the
 * numeric side evaluates them from these formulas at the balanced representative. Not
 * thread-safe (one per session).
 */
public final class FactorDynamicsDeriver {
  private static final Duration LIMIT = Duration.ofSeconds(60);
  private final Algebra cas;

  public FactorDynamicsDeriver(SymjaSession session) {
    this.cas = new Algebra(session, LIMIT);
  }

  /**
   * The dynamics of {@code p}.
   *
   * @throws DerivationException without a loss, without exactly two matrix parameters with
   *     the same number of columns, or with a loss that is not quadratic in the predictor
   */
  public FactorDynamics derive(Parameterization p, SymmetryAnalysis symmetry) {
    if (p.loss().isEmpty()) {
      throw new DerivationException(DerivationException.Kind.INVALID_DESIGN, p.source(),
          "the matrix verifier needs a loss: add 'loss:' to the design");
    }
    List<String> theta = p.theta();
    Map<String, List<List<String>>> factors = factorMatrices(p);
    if (factors.size() != 2) {
      throw new DerivationException(DerivationException.Kind.INVALID_DESIGN, p.source(),
          "the matrix verifier needs exactly two matrix parameters W = F.Transpose[G]; found "
              + factors.keySet());
    }
    List<String> names = new ArrayList<>(factors.keySet());
    List<List<String>> f = factors.get(names.get(0));
    List<List<String>> g = factors.get(names.get(1));
    int r = f.get(0).size();
    if (g.get(0).size() != r) {
      throw new DerivationException(DerivationException.Kind.INVALID_DESIGN, p.source(),
          "the factors " + names + " have different numbers of columns");
    }
    Map<String, Expr> betaToF = new LinkedHashMap<>();
    for (int i = 0; i < p.beta().size(); i++) {
      betaToF.put(p.beta().get(i), p.predictor().get(i));
    }
    Expr lossBeta = p.loss().get();
    Expr lossTheta = Exprs.substitute(lossBeta, betaToF);
    List<Expr> gradient = items(cas.gradient(lossTheta, theta),
        theta.size(), "the gradient of the loss");

    // balance: entries i <= j of F^T F - G^T G
    Expr gram = Expr.add(gramOf(f), Expr.mul(Expr.integer(-1), gramOf(g)));
    List<List<Expr>> diff = Exprs.rows(cas.expand(gram));
    List<String> chiNames = new ArrayList<>();
    List<Expr> chis = new ArrayList<>();
    for (int i = 0; i < r; i++) {
      for (int j = i; j < r; j++) {
        chiNames.add("(" + names.get(0) + "^T " + names.get(0) + " - " + names.get(1) + "^T "
            + names.get(1) + ")_" + (i + 1) + (j + 1));
        chis.add(diff.get(i).get(j));
      }
    }
    List<List<Expr>> chiJacobian = Exprs.rows(cas.jacobianOf(chis, theta));

    // the loss as a quadratic form in beta
    List<String> beta = p.beta();
    List<List<Expr>> hessian = Exprs.rows(cas.hessian(lossBeta, beta));
    Set<String> betaSet = new LinkedHashSet<>(beta);
    double[][] h = new double[beta.size()][beta.size()];
    for (int i = 0; i < beta.size(); i++) {
      for (int j = 0; j < beta.size(); j++) {
        Expr hij = hessian.get(i).get(j);
        if (!hij.isFreeOf(betaSet) || !Exprs.symbols(hij).isEmpty()) {
          throw new DerivationException(DerivationException.Kind.INVALID_DESIGN, p.source(),
              "the matrix verifier samples e^(-L/T) exactly and needs a loss quadratic in the"
                  + " predictor; its Hessian entry " + hij.toWolfram() + " is not constant");
        }
        h[i][j] = cas.numeric(hij);
      }
    }
    Map<String, Expr> zero = new LinkedHashMap<>();
    for (String b : beta) {
      zero.put(b, Expr.integer(0));
    }
    List<Expr> g0 = items(cas.gradient(lossBeta, beta),
        beta.size(), "the gradient of the loss in the predictor");
    double[] linear = new double[beta.size()];
    for (int i = 0; i < beta.size(); i++) {
      linear[i] = cas.numeric(Exprs.substitute(g0.get(i), zero));
    }
    return new FactorDynamics(p.id(), p.title(), p.source(), theta, names.get(0), f,
        names.get(1), g, beta, p.predictor(), lossBeta, lossTheta, gradient,
        symmetry.jacobian(), symmetry.fields(), chiNames, chis, chiJacobian, h, linear,
        p.temperature());
  }

  /** The matrix parameters by name, as rows of component symbols, in θ order. */
  static Map<String, List<List<String>>> factorMatrices(Parameterization p) {
    Map<String, List<List<String>>> out = new LinkedHashMap<>();
    for (Variable v : p.parameters()) {
      if (v.shape().kind() != Shape.Kind.MATRIX) {
        continue;
      }
      List<List<String>> rows = new ArrayList<>();
      for (int i = 1; i <= v.shape().rows(); i++) {
        rows.add(v.row(i));
      }
      out.put(v.name(), rows);
    }
    return out;
  }


  private static List<Expr> items(Expr e, int n, String what) {
    if (!(e instanceof Expr.Vec v) || v.items().size() != n) {
      throw new DerivationException(DerivationException.Kind.INVALID_DESIGN, "",
          what + " could not be computed: " + e.toWolfram());
    }
    return v.items();
  }

  /** XᵀX for the matrix X of the given rows of symbols, unevaluated. */
  private static Expr gramOf(List<List<String>> rows) {
    Expr x = new Expr.Vec(rows.stream().map(r -> (Expr) new Expr.Vec(r.stream()
        .map(n -> (Expr) new Expr.Sym(n)).toList())).toList());
    return Expr.fn("Dot", Expr.fn("Transpose", x), x);
  }

  /**
   * The formulas of a two-factor matrix design. Immutable (arrays copied in and out).
   *
   * @param parameters θ symbols in flattening order
   * @param firstName name of F; {@code first} its symbols as rows
   * @param secondName name of G; {@code second} its symbols as rows
   * @param predictorSymbols W component symbols (row by row)
   * @param predictor W = f(θ), one per predictor symbol
   * @param lossInPredictor L(β)
   * @param loss L(f(θ))
   * @param gradient ∂L/∂θ_i
   * @param jacobian J_f (rows: predictor components)
   * @param generators ξ_a(θ), each of length d
   * @param balanceNames names of the balance conditions
   * @param balance χ: entries i ≤ j of FᵀF − GᵀG
   * @param balanceJacobian J_χ
   * @param lossHessian H of L(β) = ½ βᵀHβ + bᵀβ + c (constant)
   * @param lossLinear b = ∇L(0)
   * @param temperature the temperature symbol
   */
  public record FactorDynamics(String designId, String title, String source,
      List<String> parameters, String firstName, List<List<String>> first, String secondName,
      List<List<String>> second, List<String> predictorSymbols, List<Expr> predictor,
      Expr lossInPredictor, Expr loss, List<Expr> gradient, List<List<Expr>> jacobian,
      List<List<Expr>> generators, List<String> balanceNames, List<Expr> balance,
      List<List<Expr>> balanceJacobian, double[][] lossHessian, double[] lossLinear,
      String temperature) {
    public FactorDynamics {
      Objects.requireNonNull(designId, "designId");
      parameters = List.copyOf(parameters);
      first = copyStrings(first);
      second = copyStrings(second);
      predictorSymbols = List.copyOf(predictorSymbols);
      predictor = List.copyOf(predictor);
      Objects.requireNonNull(lossInPredictor, "lossInPredictor");
      Objects.requireNonNull(loss, "loss");
      gradient = List.copyOf(gradient);
      jacobian = Dynamics.copyRows(jacobian);
      generators = Dynamics.copyRows(generators);
      balanceNames = List.copyOf(balanceNames);
      balance = List.copyOf(balance);
      balanceJacobian = Dynamics.copyRows(balanceJacobian);
      lossHessian = copy(lossHessian);
      lossLinear = lossLinear.clone();
      if (gradient.size() != parameters.size() || jacobian.size() != predictor.size()
          || balance.size() != balanceJacobian.size() || balance.size() != balanceNames.size()
          || lossHessian.length != predictor.size() || lossLinear.length != predictor.size()) {
        throw new IllegalArgumentException("inconsistent sizes in the factor dynamics");
      }
    }

    @Override
    public double[][] lossHessian() {
      return copy(lossHessian);
    }

    @Override
    public double[] lossLinear() {
      return lossLinear.clone();
    }

    /** Rows of F (m) and G (n), and their common number of columns r. */
    public int rows() {
      return first.size();
    }

    public int columns() {
      return second.size();
    }

    public int rank() {
      return first.get(0).size();
    }

    private static double[][] copy(double[][] a) {
      double[][] out = new double[a.length][];
      for (int i = 0; i < a.length; i++) {
        out[i] = a[i].clone();
      }
      return out;
    }

    private static List<List<String>> copyStrings(List<List<String>> rows) {
      List<List<String>> out = new ArrayList<>();
      for (List<String> r : rows) {
        out.add(List.copyOf(r));
      }
      return List.copyOf(out);
    }
  }
}
