package org.gaugebias.symbolic.derive.structure;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.gaugebias.symbolic.cas.SymjaSession;
import org.gaugebias.symbolic.compile.Component;
import org.gaugebias.symbolic.compile.DesignCompiler;
import org.gaugebias.symbolic.compile.Parameterization;
import org.gaugebias.symbolic.compile.Variable;
import org.gaugebias.symbolic.design.ActionDecl;
import org.gaugebias.symbolic.design.Design;
import org.gaugebias.symbolic.design.DesignReader;
import org.gaugebias.symbolic.design.IndexRange;
import org.gaugebias.symbolic.design.ParameterDecl;
import org.gaugebias.symbolic.design.Shape;
import org.gaugebias.symbolic.expr.Expr;
import org.gaugebias.symbolic.expr.Exprs;
import org.gaugebias.symbolic.expr.NumericEvaluator;
import org.gaugebias.symbolic.trace.Formula;
import org.gaugebias.symbolic.trace.Spectrum;
import org.gaugebias.symbolic.trace.Step;
import org.gaugebias.symbolic.trace.StepKind;
import org.gaugebias.symbolic.trace.UnitSum;
import org.gaugebias.symbolic.trace.Variant;
import org.gaugebias.symbolic.trace.VariantResult;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.EigenDecompositionSymmetric;
import org.hipparchus.linear.LUDecomposition;

/**
 * A layer of h independent units (THEORY.md §3: a two-layer ReLU network sums its unit rows):
 * the predictor is a matrix whose row k is unit k's output, A = I, and every block is one row and
 * a renaming of the first. Each log-determinant is then {@code Σ_{k=1}^{h} f(β_k)} with f the
 * generic unit's, derived once (by the structure route's block derivation) and written in the
 * row symbols with an index k. The fold is checked against the assembled result and, when the
 * design can be grown (units declared by an action with a {@code for} range), against dense
 * numeric Gram matrices of the design with more units, at random points of its balanced slice.
 */
final class UnitFold {
  static final String INDEX = "k";
  static final String COUNT = "h";

  private UnitFold() {
  }

  /** Whether the design is a layer of units: a matrix predictor whose rows are the blocks. */
  static boolean applies(Parameterization p, LinearBlocks lb, ConstantOperator op) {
    Variable beta = p.predictorVariable();
    if (op.kind() != ConstantOperator.Kind.IDENTITY || beta.shape().kind() != Shape.Kind.MATRIX
        || beta.shape().rows() < 2 || lb.blocks().size() != beta.shape().rows()) {
      return false;
    }
    int col = 0;
    for (LinearBlocks.Block b : lb.blocks()) {
      if (b.atoms().size() != beta.shape().cols()) {
        return false;
      }
      col += b.atoms().size();
    }
    return col == beta.components().size();
  }

  /**
   * The fold, its step, or empty.
   *
   * @param unitOne per variant, the log-determinant of unit 1 in unit 1's predictor symbols
   * @param assembled the assembled results (all units)
   */
  static Optional<UnitSum> fold(Parameterization p, Map<Variant, Expr> unitOne,
      Map<Variant, VariantResult> assembled, List<Step> steps, SymjaSession session,
      long seed) {
    Variable beta = p.predictorVariable();
    int h = beta.shape().rows();
    int cols = beta.shape().cols();
    Map<String, Expr> toIndex = new HashMap<>();
    for (Component c : beta.components()) {
      if (c.indices().get(0) == 1) {
        toIndex.put(c.symbol(), new Expr.Sym(rowSymbol(beta, INDEX, c.indices().get(1))));
      }
    }
    Map<Variant, Expr> perUnit = new EnumMap<>(Variant.class);
    Map<Variant, Expr> sums = new EnumMap<>(Variant.class);
    unitOne.forEach((v, e) -> {
      Expr f = Exprs.substitute(e, toIndex);
      perUnit.put(v, f);
      sums.put(v, Expr.fn("Sum", f, new Expr.Vec(List.of(new Expr.Sym(INDEX), Expr.integer(1),
          new Expr.Sym(COUNT)))));
    });
    SplittableRandom rng = new SplittableRandom(seed);
    List<Spectrum.Check> checks = new ArrayList<>();
    double worst = 0;
    int points = 5;
    for (int t = 0; t < points; t++) {
      double[][] b = randomRows(rng, h, cols);
      Map<String, Double> env = env(beta, b);
      for (var e : perUnit.entrySet()) {
        worst = Math.max(worst, Math.abs(evalFold(beta, e.getValue(), b)
            - NumericEvaluator.eval(assembled.get(e.getKey()).logDet(), env)));
      }
    }
    if (!(worst < 1e-9 * h)) {
      steps.add(Step.done(StepKind.LOG_DET, "No sum over units: the generic unit does not"
          + " describe the others (difference " + worst + ").", List.of(), List.of(),
          List.of()));
      return Optional.empty();
    }
    checks.add(new Spectrum.Check("fold vs assembled derivation", h, 1, points, worst));
    String grownNote = "";
    for (int more : List.of(h + 2, h + 3)) {
      if (session == null) {
        grownNote = " (not checked at other h: no CAS session to compile the grown design)";
        break;
      }
      Optional<Parameterization> grown = grown(p, more, session);
      if (grown.isEmpty()) {
        grownNote = " (not checked at other h: the units are not declared by an action with a"
            + " 'for' range that can be grown)";
        break;
      }
      Optional<Spectrum.Check> c = denseCheck(grown.get(), perUnit, rng);
      if (c.isEmpty()) {
        grownNote = " (not checked at other h: the grown design's fields are not diagonal"
            + " rescalings)";
        break;
      }
      if (!(c.get().largestDifference() < 1e-7)) {
        steps.add(Step.done(StepKind.LOG_DET, String.format(Locale.ROOT, "No sum over units:"
            + " at h = %d the dense numeric Gram differs from the fold by %.2e.", more,
            c.get().largestDifference()), List.of(), List.of(), List.of()));
        return Optional.empty();
      }
      checks.add(c.get());
    }
    List<Formula> out = new ArrayList<>();
    for (var e : perUnit.entrySet()) {
      String gram = e.getKey().gram();
      out.add(new Formula("f_" + gram + "_unit", "f_{" + gram + "}(\\beta_k)", e.getValue()));
      out.add(new Formula("logdet_" + gram + "_every_h", "\\log\\det " + gram
          + " \\;(\\text{every } h)", sums.get(e.getKey())));
    }
    StringBuilder s = new StringBuilder("Sum over units for every h: the " + h + " blocks are"
        + " the rows β_k of the predictor, one unit each, and renamings of one generic unit;"
        + " every Gram matrix is block-diagonal over the units, so each log-determinant is the"
        + " sum over k = 1..h of f(β_k), the generic unit's log-determinant written in its row"
        + " β_k. Checks: ");
    for (int k = 0; k < checks.size(); k++) {
      Spectrum.Check c = checks.get(k);
      s.append(k == 0 ? "" : "; ").append(c.what()).append(" at h = ").append(c.rank())
          .append(" (").append(c.points()).append(" random points): largest difference ")
          .append(String.format(Locale.ROOT, "%.1e", c.largestDifference()));
    }
    steps.add(Step.done(StepKind.LOG_DET, s.append(grownNote).append('.').toString(), List.of(),
        out, List.of()));
    return Optional.of(new UnitSum(INDEX, h, perUnit, sums, checks));
  }

  /** The symbol of entry (index, column) of a matrix predictor, for display and folding. */
  static String rowSymbol(Variable beta, String index, int column) {
    return beta.indexedBy(index) + "$" + column;
  }

  private static double evalFold(Variable beta, Expr f, double[][] b) {
    double total = 0;
    for (double[] row : b) {
      Map<String, Double> env = new HashMap<>();
      for (int j = 0; j < row.length; j++) {
        env.put(rowSymbol(beta, INDEX, j + 1), row[j]);
      }
      total += NumericEvaluator.eval(f, env);
    }
    return total;
  }

  private static Map<String, Double> env(Variable beta, double[][] b) {
    Map<String, Double> env = new HashMap<>();
    for (Component c : beta.components()) {
      env.put(c.symbol(), b[c.indices().get(0) - 1][c.indices().get(1) - 1]);
    }
    return env;
  }

  private static double[][] randomRows(SplittableRandom rng, int h, int cols) {
    double[][] b = new double[h][cols];
    for (int k = 0; k < h; k++) {
      for (int j = 0; j < cols; j++) {
        b[k][j] = (rng.nextBoolean() ? 1 : -1) * (0.3 + 1.7 * rng.nextDouble());
      }
    }
    return b;
  }

  /**
   * The design with {@code units} units: every dimension equal to h becomes {@code units} and
   * every action range 1..h becomes 1..units; empty when the units are not declared that way.
   */
  private static Optional<Parameterization> grown(Parameterization p, int units,
      SymjaSession session) {
    int h = p.predictorVariable().shape().rows();
    Design d;
    try {
      d = DesignReader.read(Path.of(p.source()));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
    if (d.generators().isPresent() && !d.generators().get().isEmpty() || d.actions().isEmpty()
        || d.loss().isPresent() || !d.constants().isEmpty()
        || d.gauge().isPresent() && !d.gauge().get().isEmpty()) {
      return Optional.empty();
    }
    List<ParameterDecl> params = new ArrayList<>();
    for (ParameterDecl q : d.parameters()) {
      Shape s = q.shape();
      Shape t = switch (s.kind()) {
        case VECTOR -> s.rows() == h ? Shape.vector(units) : s;
        case MATRIX -> s.rows() == h ? Shape.matrix(units, s.cols()) : s;
        default -> s;
      };
      params.add(new ParameterDecl(q.name(), t, q.pos()));
    }
    List<ActionDecl> actions = new ArrayList<>();
    for (ActionDecl a : d.actions()) {
      if (a.indices().size() != 1 || a.indices().get(0).from() != 1
          || a.indices().get(0).to() != h) {
        return Optional.empty();
      }
      IndexRange r = a.indices().get(0);
      actions.add(new ActionDecl(a.label(), a.group(), a.element(), List.of(new IndexRange(
          r.name(), 1, units)), a.acts(), a.pos()));
    }
    Design big = new Design(d.source(), d.id(), d.title(), params, d.constants(), d.predictor(),
        d.assumptions(), d.generators(), d.gauge(), d.loss(), d.temperature(), d.variant(),
        d.data(), d.tables(), actions);
    try {
      return Optional.of(new DesignCompiler(session).compile(big));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  /**
   * Dense log-determinants of the grown design at random points of its balanced slice (each
   * diagonal rescaling's moment map ½θᵀAθ = 0, reached along the group by Newton's method), with
   * J_f by central differences; compared with the fold at the point's predictor value.
   */
  private static Optional<Spectrum.Check> denseCheck(Parameterization q,
      Map<Variant, Expr> perUnit, SplittableRandom rng) {
    List<String> theta = q.theta();
    int d = theta.size();
    List<double[]> diag = new ArrayList<>();
    for (Parameterization.GeneratorField g : q.generators().orElse(List.of())) {
      double[] a = new double[d];
      for (int i = 0; i < d; i++) {
        Expr e = g.field().get(i);
        for (int j = 0; j < d; j++) {
          if (j != i && Exprs.symbols(e).contains(theta.get(j))) {
            return Optional.empty();
          }
        }
        a[i] = Exprs.isZero(e) ? 0 : NumericEvaluator.eval(e, Map.of(theta.get(i), 1.0));
      }
      diag.add(a);
    }
    if (diag.isEmpty()) {
      return Optional.empty();
    }
    Variable beta = q.predictorVariable();
    double worst = 0;
    int points = 3;
    for (int t = 0; t < points; t++) {
      double[] x = new double[d];
      for (int i = 0; i < d; i++) {
        x[i] = 0.4 + 1.2 * rng.nextDouble();
      }
      x = balance(x, diag);
      Map<String, Double> env = new HashMap<>();
      for (int i = 0; i < d; i++) {
        env.put(theta.get(i), x[i]);
      }
      double[][] b = new double[beta.shape().rows()][beta.shape().cols()];
      for (int k = 0; k < beta.components().size(); k++) {
        Component c = beta.components().get(k);
        b[c.indices().get(0) - 1][c.indices().get(1) - 1] = NumericEvaluator.eval(
            q.predictor().get(k), env);
      }
      Map<Variant, Double> dense = new EnumMap<>(Variant.class);
      List<double[]> xi = new ArrayList<>();
      for (double[] a : diag) {
        double[] v = new double[d];
        for (int i = 0; i < d; i++) {
          v[i] = a[i] * x[i];
        }
        xi.add(v);
      }
      dense.put(Variant.ORBIT, logDet(gram(xi)));
      dense.put(Variant.GAUGE, logDet(gram(xi)));
      List<double[]> jf = new ArrayList<>();
      for (Expr f : q.predictor()) {
        double[] row = new double[d];
        for (int i = 0; i < d; i++) {
          Map<String, Double> plus = new HashMap<>(env);
          Map<String, Double> minus = new HashMap<>(env);
          plus.put(theta.get(i), x[i] + 1e-6);
          minus.put(theta.get(i), x[i] - 1e-6);
          row[i] = (NumericEvaluator.eval(f, plus) - NumericEvaluator.eval(f, minus)) / 2e-6;
        }
        jf.add(row);
      }
      dense.put(Variant.QUOTIENT, logDet(gram(jf)));
      for (var e : perUnit.entrySet()) {
        double ref = dense.get(e.getKey());
        worst = Math.max(worst, Math.abs(evalFold(beta, e.getValue(), b) - ref)
            / Math.max(1, Math.abs(ref)));
      }
    }
    return Optional.of(new Spectrum.Check("fold vs dense numeric Gram of the design grown to"
        + " more units (random points of the balanced slice)", beta.shape().rows(), 1, points,
        worst));
  }

  /** θ moved along the rescalings exp(Σ t_a A_a) until every ½θᵀA_aθ vanishes. */
  private static double[] balance(double[] x0, List<double[]> diag) {
    int k = diag.size();
    double[] x = x0.clone();
    for (int it = 0; it < 60; it++) {
      double[] chi = new double[k];
      double[][] jac = new double[k][k];
      double size = 0;
      for (int a = 0; a < k; a++) {
        for (int i = 0; i < x.length; i++) {
          chi[a] += 0.5 * diag.get(a)[i] * x[i] * x[i];
          for (int b = 0; b < k; b++) {
            jac[a][b] += diag.get(a)[i] * diag.get(b)[i] * x[i] * x[i];
          }
        }
        size = Math.max(size, Math.abs(chi[a]));
      }
      if (size < 1e-15) {
        break;
      }
      double[] step = new LUDecomposition(new Array2DRowRealMatrix(jac, false)).getSolver()
          .solve(new org.hipparchus.linear.ArrayRealVector(chi)).toArray();
      for (int i = 0; i < x.length; i++) {
        double s = 0;
        for (int a = 0; a < k; a++) {
          s -= step[a] * diag.get(a)[i];
        }
        x[i] *= Math.exp(s);
      }
    }
    return x;
  }

  private static double[][] gram(List<double[]> rows) {
    int n = rows.size();
    double[][] g = new double[n][n];
    for (int a = 0; a < n; a++) {
      for (int b = 0; b < n; b++) {
        double s = 0;
        for (int i = 0; i < rows.get(a).length; i++) {
          s += rows.get(a)[i] * rows.get(b)[i];
        }
        g[a][b] = s;
      }
    }
    return g;
  }

  private static double logDet(double[][] m) {
    double s = 0;
    for (double v : new EigenDecompositionSymmetric(new Array2DRowRealMatrix(m, false))
        .getEigenvalues()) {
      s += Math.log(Math.abs(v));
    }
    return s;
  }
}
