package org.gaugebias.symbolic.symmetry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.gaugebias.symbolic.cas.Algebra;
import org.gaugebias.symbolic.cas.CasException;
import org.gaugebias.symbolic.cas.SymjaSession;
import org.gaugebias.symbolic.derive.DerivationException;
import org.gaugebias.symbolic.derive.ForwardDeriver;
import org.gaugebias.symbolic.compile.Parameterization;
import org.gaugebias.symbolic.expr.Expr;
import org.gaugebias.symbolic.expr.Exprs;
import org.gaugebias.symbolic.expr.NumericEvaluator;
import org.gaugebias.symbolic.trace.WorkProgress;
import org.hipparchus.fraction.BigFraction;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.SingularValueDecomposition;

/**
 * Derives the symmetry group of a design from its predictor alone (THEORY.md §1, §5, §6), for
 * {@code gaugebias symmetries}: linear symmetries (exactly for polynomial predictors, numerically
 * otherwise), conservation laws of gradient flow, noise-selected slices and non-linear
 * symmetries. A declared {@code symmetry:} is only compared with what is found, never used.
 */
public final class SymmetryDiscovery {
  /** Limits of the rank computations and the seed of every random point. */
  public record Settings(GradientLieAlgebra.Limits limits, long seed) {
    public static final Settings DEFAULT = new Settings(GradientLieAlgebra.Limits.DEFAULT,
        ForwardDeriver.DEFAULT_SEED);
  }

  private final Optional<SymjaSession> cas;
  private final Settings settings;

  /** @param cas needed for non-polynomial predictors and non-linear symmetries only */
  public SymmetryDiscovery(Optional<SymjaSession> cas, Settings settings) {
    this.cas = cas;
    this.settings = settings;
  }

  /**
   * The linear symmetry algebra of a polynomial predictor, exactly (canonical reduced
   * row-echelon basis, the same convention as the numeric discovery), or empty when the
   * predictor is not polynomial. For the forward derivation of designs without {@code symmetry:}.
   */
  public static Optional<List<BigFraction[][]>> exactLinearSymmetries(Parameterization p) {
    if (!p.functions().isEmpty()) {
      return Optional.empty();
    }
    return PolynomialPredictor.of(p).map(f -> PolynomialSymmetries.solve(f,
        PolynomialSymmetries.Part.ALL).basis());
  }

  /**
   * What discovering the linear symmetries of a whole design costs, by the method that runs.
   *
   * @param method how they are found, for messages ({@code exactly (sparse, polynomial
   *     predictor)})
   * @param bytes about how much heap its dominant arrays take
   */
  public record Cost(String method, double bytes) { }

  /**
   * The cost of {@link #exactLinearSymmetries} where it applies (a polynomial predictor),
   * otherwise of the dense numeric discovery ({@code LinearSymmetries}).
   *
   * <p>Exact: the coefficient equations of one component at a time (about 48 bytes per entry,
   * one entry per term, variable of the term and column k), the rows kept (12 bytes per entry),
   * the echelon form of the d² unknowns (about 100 bytes per pivot), and the basis, d×d matrices
   * of references, one per generator: d − m of them when the linear symmetries span the fibres
   * (the usual case; fewer when some are non-linear). Numeric: an SVD of about 2d² rows by d²
   * columns of doubles, a few such matrices.
   */
  public static Cost linearDiscoveryCost(Parameterization p) {
    double d = p.dimension();
    Optional<PolynomialPredictor> poly = p.functions().isEmpty() ? PolynomialPredictor.of(p)
        : Optional.empty();
    if (poly.isEmpty()) {
      double unknowns = d * d;
      double rows = 2 * unknowns + 4;
      return new Cost("numerically (a dense system of " + (long) rows + " × " + (long) unknowns
          + ")", 8 * 3 * rows * unknowns);
    }
    double total = 0;
    double largest = 0;
    for (Polynomial fi : poly.get().components()) {
      double entries = 0;
      for (Monomial m : fi.terms().keySet()) {
        entries += m.vars().length * d;
      }
      total += entries;
      largest = Math.max(largest, entries);
    }
    double generators = Math.max(0, d - p.beta().size());
    double bytes = 48 * largest + 12 * total + 100 * d * d + generators * d * (16 + 4 * d);
    return new Cost("exactly (sparse equations of a polynomial predictor, about "
        + (long) generators + " generators of " + (long) d + " × " + (long) d + ")", bytes);
  }

  public SymmetryReport analyze(Parameterization p) {
    return WorkProgress.current().deriving(p, "discovering the symmetries of",
        () -> analyzed(p));
  }

  private SymmetryReport analyzed(Parameterization p) {
    WorkProgress progress = WorkProgress.current();
    if (org.gaugebias.symbolic.derive.matrix.ConjugationRoute.applies(p)) {
      throw new org.gaugebias.symbolic.derive.DerivationException(
          org.gaugebias.symbolic.derive.DerivationException.Kind.INVALID_DESIGN, p.source(),
          "symmetry discovery needs a predictor formula in the parameters; a spectral predictor"
              + " (Eigenvalues[X]) has none: its conjugation symmetry is declared in the design,"
              + " and 'derive' checks it (invariance and completeness)");
    }
    Optional<PolynomialPredictor> poly = p.functions().isEmpty() ? PolynomialPredictor.of(p)
        : Optional.empty();
    List<String> warnings = new ArrayList<>();
    SymmetryReport.Linear linear;
    SymmetryReport.Laws laws;
    List<List<Expr>> jacobian;
    if (poly.isPresent()) {
      PolynomialPredictor f = poly.get();
      jacobian = jacobian(f);
      progress.step("the linear symmetries, exactly (" + p.dimension() * p.dimension()
          + " unknowns)");
      PolynomialSymmetries.Parts parts = PolynomialSymmetries.solveAll(f);
      List<BigFraction[][]> all = parts.all();
      List<BigFraction[][]> sym = parts.symmetric();
      List<BigFraction[][]> skew = parts.antisymmetric();
      progress.step("the conservation laws' Lie algebra W_f, from the gradients");
      ConservationLaws c = ConservationLaws.of(f, p.beta().stream().map(
          org.gaugebias.symbolic.expr.TextPrinter::symbol).toList(), settings.limits(), settings.seed(),
          sym);
      int rankJ = c.lieAlgebra().rankByRound().get(0);
      linear = new SymmetryReport.Linear(all, sym, skew, fields(all, p.theta()), rankJ,
          ConservationLaws.independentGradients(all, f.dimension(), settings.seed()));
      String method = "d − dim W_f, W_f generated by the " + p.beta().size() + " gradient field"
          + (p.beta().size() == 1 ? "" : "s")
          + " and their brackets; exact rank mod p = 2^61 − 1 at one random point";
      laws = new SymmetryReport.Laws(Optional.of(c.lieAlgebra()), Optional.of(c.count()),
          c.quadratic(), c.independentQuadratic(), c.certified(), method);
      c.lieAlgebra().limitReached().ifPresent(l -> warnings.add("the " + l + " limit was"
          + " reached: dim W_f ≥ " + c.lieAlgebra().dimension() + " only, so at most "
          + c.count() + " laws"));
    } else {
      SymjaSession session = cas.orElseThrow(() -> new IllegalStateException(
          "a non-polynomial predictor needs a Symja session"));
      progress.step("the linear symmetries, numerically (" + p.dimension() * p.dimension()
          + " unknowns)");
      NumericRoute n = numericRoute(session, p);
      jacobian = n.jacobian();
      linear = n.linear();
      laws = n.laws();
    }
    checkGauges(linear, warnings);
    Optional<NonlinearSymmetries.Result> nonlinear = Optional.empty();
    if (linear.orbitDimension() < p.dimension() - linear.rankJacobian()) {
      warnings.add("the linear symmetries have orbits of dimension " + linear.orbitDimension()
          + " inside fibres of dimension " + (p.dimension() - linear.rankJacobian())
          + ": the non-linear symmetries below complete them; the forward derivation needs a"
          + " declared gauge and reports R_quot only");
      if (cas.isPresent()) {
        progress.step("the non-linear symmetries");
        try {
          nonlinear = Optional.of(NonlinearSymmetries.of(cas.get(), jacobian, p.components(),
              p.functions()));
        } catch (CasException e) {
          warnings.add("non-linear symmetries not found: " + e.getMessage());
        }
      }
    }
    // a definite generator (a scale symmetry) has no balanced slice to be selected
    List<BigFraction[][]> indefinite = linear.symmetric().stream().filter(s -> !definite(s))
        .toList();
    progress.step("the slices the noise models select");
    List<NoiseSlices.Slice> slices = new NoiseSlices(p.theta(), jacobian, p.functions(),
        p.temperature(), settings.seed()).slices(indefinite, linear.basis());
    sliceWarnings(slices, warnings);
    return new SymmetryReport(p.id(), p.title(), p.theta(), p.beta(), p.temperature(),
        poly.isPresent() ? SymmetryReport.Route.EXACT_POLYNOMIAL : SymmetryReport.Route.NUMERIC,
        linear, laws, slices, nonlinear, compareWithDeclared(p, linear.basis()), warnings);
  }

  // ---------------------------------------------------------------- numeric route

  private record NumericRoute(List<List<Expr>> jacobian, SymmetryReport.Linear linear,
      SymmetryReport.Laws laws) { }

  private NumericRoute numericRoute(SymjaSession session, Parameterization p) {
    Parameterization stripped = new Parameterization(p.id(), p.title(), p.source(),
        p.parameters(), p.predictorVariable(), p.predictor(), p.assumptions(), Optional.empty(),
        p.gauge(), p.loss(), p.temperature(), p.headline(), p.functions());
    List<BigFraction[][]> all = new ArrayList<>();
    List<List<Expr>> jacobian;
    try {
      ForwardDeriver.SymmetryAnalysis s = new ForwardDeriver(session, settings.seed())
          .symmetry(stripped);
      jacobian = s.jacobian();
      s.matrices().forEach(m -> m.ifPresent(all::add));
    } catch (DerivationException e) {
      if (e.kind() != DerivationException.Kind.NO_SYMMETRY) {
        throw e;
      }
      jacobian = Exprs.rows(new Algebra(session, SymjaSession.DEFAULT_LIMIT)
          .jacobianOf(p.predictor(), p.theta()));
    }
    List<BigFraction[][]> sym = RationalMatrices.part(all, 1);
    List<BigFraction[][]> skew = RationalMatrices.part(all, -1);
    int[] ranks = numericRanks(p, jacobian, fields(all, p.theta()));
    SymmetryReport.Linear linear = new SymmetryReport.Linear(all, sym, skew,
        fields(all, p.theta()), ranks[0], ranks[1]);
    List<Expr> quadratic = sym.stream().map(s -> ConservationLaws.quadraticForm(s)
        .toExpr(p.theta())).toList();
    int independent = ConservationLaws.independentGradients(sym, p.dimension(),
        settings.seed());
    SymmetryReport.Laws laws;
    if (p.beta().size() == 1) {
      int count = p.dimension() - 1;
      laws = new SymmetryReport.Laws(Optional.empty(), Optional.of(count), quadratic,
          independent, independent == count, "one gradient field and no brackets: dim W_f = 1"
          + " wherever ∇f ≠ 0, so d − 1 laws");
    } else {
      laws = new SymmetryReport.Laws(Optional.empty(), Optional.empty(), quadratic, independent,
          false, "not counted: the Lie algebra rank needs a polynomial predictor (this one is"
          + " not); the degree-2 laws are exact");
    }
    return new NumericRoute(jacobian, linear, laws);
  }

  /** rank J_f and rank of the fields at generic points (largest over 3 random points). */
  private int[] numericRanks(Parameterization p, List<List<Expr>> jacobian,
      List<List<Expr>> fields) {
    SplittableRandom rng = new SplittableRandom(settings.seed());
    int rj = 0;
    int rx = 0;
    for (int s = 0; s < 3; s++) {
      Map<String, Double> env = new HashMap<>();
      env.put(p.temperature(), 1.0);
      for (String t : p.theta()) {
        env.put(t, 0.5 + rng.nextDouble());
      }
      rj = Math.max(rj, rank(jacobian, env, p));
      rx = Math.max(rx, fields.isEmpty() ? 0 : rank(fields, env, p));
    }
    return new int[] {rj, rx};
  }

  private static int rank(List<List<Expr>> rows, Map<String, Double> env, Parameterization p) {
    RealMatrix m = new Array2DRowRealMatrix(rows.size(), rows.get(0).size());
    for (int i = 0; i < rows.size(); i++) {
      for (int j = 0; j < rows.get(i).size(); j++) {
        m.setEntry(i, j, NumericEvaluator.eval(rows.get(i).get(j), env, p.functions()));
      }
    }
    double[] sv = new SingularValueDecomposition(m).getSingularValues();
    int r = 0;
    for (double v : sv) {
      r += v > 1e-9 * Math.max(1, sv[0]) ? 1 : 0;
    }
    return r;
  }

  // ---------------------------------------------------------------- helpers

  private static List<List<Expr>> jacobian(PolynomialPredictor f) {
    List<List<Expr>> out = new ArrayList<>();
    for (Polynomial c : f.components()) {
      List<Expr> row = new ArrayList<>();
      for (int j = 0; j < f.dimension(); j++) {
        row.add(c.derivative(j).toExpr(f.theta()));
      }
      out.add(row);
    }
    return out;
  }

  /** ξ_a = A_a θ as expressions. */
  static List<List<Expr>> fields(List<BigFraction[][]> matrices, List<String> theta) {
    List<List<Expr>> out = new ArrayList<>();
    for (BigFraction[][] a : matrices) {
      List<Expr> field = new ArrayList<>();
      for (BigFraction[] row : a) {
        Polynomial q = Polynomial.ZERO;
        for (int k = 0; k < row.length; k++) {
          if (row[k].signum() != 0) {
            q = q.plus(Polynomial.variable(k).scale(row[k]));
          }
        }
        field.add(q.toExpr(theta));
      }
      out.add(field);
    }
    return out;
  }

  /** The declared generators' matrices, if every declared field is linear. */
  private static Optional<Boolean> compareWithDeclared(Parameterization p,
      List<BigFraction[][]> found) {
    if (p.generators().isEmpty()) {
      return Optional.empty();
    }
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < p.dimension(); i++) {
      index.put(p.theta().get(i), i);
    }
    List<BigFraction[][]> declared = new ArrayList<>();
    for (Parameterization.GeneratorField g : p.generators().get()) {
      BigFraction[][] a = RationalMatrices.zero(p.dimension());
      for (int i = 0; i < p.dimension(); i++) {
        Optional<Polynomial> q = Polynomial.of(g.field().get(i), index, 10_000);
        if (q.isEmpty() || q.get().degree() > 1) {
          return Optional.empty();
        }
        for (Map.Entry<Monomial, BigFraction> t : q.get().terms().entrySet()) {
          if (t.getKey().degree() != 1) {
            return Optional.empty();
          }
          a[i][t.getKey().vars()[0]] = t.getValue();
        }
      }
      declared.add(a);
    }
    return Optional.of(RationalMatrices.sameSpan(declared, found));
  }

  private static void checkGauges(SymmetryReport.Linear linear, List<String> warnings) {
    if (!linear.closedUnderTranspose()) {
      warnings.add("the algebra is not closed under transpose (" + linear.basis().size()
          + " generators, " + linear.symmetric().size() + " symmetric + "
          + linear.antisymmetric().size() + " antisymmetric): the default balance gauge is not"
          + " defined (THEORY.md §2); the design must declare its gauge");
    }
    for (int a = 0; a < linear.symmetric().size(); a++) {
      if (definite(linear.symmetric().get(a))) {
        warnings.add("χ_" + (a + 1) + " has a definite matrix (a scale symmetry): its zero set"
            + " is θ = 0 only, there is no balanced slice; the design must declare a gauge"
            + " (e.g. ‖θ‖² = 1)");
      }
    }
  }

  private static boolean definite(BigFraction[][] s) {
    double[][] m = new double[s.length][s.length];
    for (int i = 0; i < s.length; i++) {
      for (int j = 0; j < s.length; j++) {
        m[i][j] = s[i][j].doubleValue();
      }
    }
    double[] ev = new org.hipparchus.linear.EigenDecompositionSymmetric(
        new Array2DRowRealMatrix(m, false)).getEigenvalues();
    boolean pos = false;
    boolean neg = false;
    for (double v : ev) {
      pos |= v > 1e-12;
      neg |= v < -1e-12;
    }
    return !(pos && neg);
  }

  /** One warning per noise model that leaves the balanced slice, naming every χ it leaves. */
  private static void sliceWarnings(List<NoiseSlices.Slice> slices, List<String> warnings) {
    for (NoiseSlices.Model m : List.of(NoiseSlices.Model.PROJECTED, NoiseSlices.Model.SGD)) {
      List<String> labels = new ArrayList<>();
      double lo = Double.POSITIVE_INFINITY;
      double hi = Double.NEGATIVE_INFINITY;
      for (NoiseSlices.Slice s : slices) {
        for (NoiseSlices.Drift d : s.drifts()) {
          if (d.model() == m && d.verdict() == NoiseSlices.Verdict.LEAVES_BALANCE) {
            labels.add(s.label().replace("chi_", "χ_"));
            lo = Math.min(lo, d.onSliceMin());
            hi = Math.max(hi, d.onSliceMax());
          }
        }
      }
      if (labels.isEmpty()) {
        continue;
      }
      String lows = String.format(java.util.Locale.ROOT, "%.3g", lo);
      String highs = String.format(java.util.Locale.ROOT, "%.3g", hi);
      warnings.add((m == NoiseSlices.Model.PROJECTED ? "projected noise"
          : "minibatch SGD noise (isotropic per-sample covariance)") + " does not send "
          + (labels.size() <= 3 ? String.join(", ", labels) : labels.size() + " moment maps ("
          + labels.get(0) + " … " + labels.get(labels.size() - 1) + ")")
          + " to the balanced slice: d/dt E[χ] there is "
          + (lows.equals(highs) ? lows : "between " + lows + " and " + highs) + "·T"
          + (m == NoiseSlices.Model.SGD ? "σ²" : "") + " at random points of it; the default"
          + " balance gauge is not where these dynamics go");
    }
  }
}
