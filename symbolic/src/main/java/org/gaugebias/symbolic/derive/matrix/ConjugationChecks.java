package org.gaugebias.symbolic.derive.matrix;

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
import org.gaugebias.symbolic.compile.DesignCompiler;
import org.gaugebias.symbolic.compile.Parameterization;
import org.gaugebias.symbolic.compile.Variable;
import org.gaugebias.symbolic.design.ActionDecl;
import org.gaugebias.symbolic.design.Design;
import org.gaugebias.symbolic.design.DesignReader;
import org.gaugebias.symbolic.design.ParameterDecl;
import org.gaugebias.symbolic.design.Shape;
import org.gaugebias.symbolic.expr.Expr;
import org.gaugebias.symbolic.expr.NumericEvaluator;
import org.gaugebias.symbolic.symmetry.Generator;
import org.gaugebias.symbolic.trace.Spectrum;
import org.gaugebias.symbolic.trace.Step;
import org.gaugebias.symbolic.trace.StepKind;
import org.gaugebias.symbolic.trace.Variant;
import org.gaugebias.symbolic.trace.VariantResult;
import org.hipparchus.fraction.BigFraction;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.EigenDecompositionSymmetric;
import org.hipparchus.linear.QRDecomposition;
import org.hipparchus.linear.RealMatrix;

/**
 * The numeric side of {@link ConjugationRoute}: random symmetric matrices, orthogonal frames and
 * distinct spectra, generator fields and eigenvalues in double precision, and the checks of the
 * derived block log-determinants and of their closed form against dense numeric Gram matrices
 * (at the derived size and at larger ones, the design grown alike). It draws from the route's
 * random stream, in the route's order, so a design gives the same trace.
 */
final class ConjugationChecks {
  private final Parameterization p;
  private final SymjaSession session;
  private final List<Step> steps;
  private final SplittableRandom rng;
  private final Variable x;
  private final int n;
  private final int dim;
  private final DiagonalFrame frame;

  ConjugationChecks(Parameterization p, SymjaSession session, List<Step> steps,
      SplittableRandom rng, DiagonalFrame frame) {
    this.p = p;
    this.session = session;
    this.steps = steps;
    this.rng = rng;
    this.x = p.parameters().get(0);
    this.n = x.shape().rows();
    this.dim = x.components().size();
    this.frame = frame;
  }

  /** Frobenius weight of coordinate k of the symmetric {@code x}: 1 on the diagonal, 2 off it. */
  static BigFraction weight(Variable x, int k) {
    List<Integer> ij = x.components().get(k).indices();
    return ij.get(0).equals(ij.get(1)) ? BigFraction.ONE : BigFraction.TWO;
  }

  private BigFraction weight(int k) {
    return weight(x, k);
  }

  private String sym(String index) {
    return frame.values().indexedBy(index);
  }

  void concreteCheck(Map<Variant, VariantResult> results) {
    double worst = 0;
    int points = 3;
    for (int t = 0; t < points; t++) {
      double[] lam = distinct(n);
      Map<Variant, Double> dense = dense(p, lam);
      Map<String, Double> env = new HashMap<>();
      for (int i = 0; i < n; i++) {
        env.put(frame.values().symbols().get(i), lam[i]);
      }
      for (var e : dense.entrySet()) {
        double derived = NumericEvaluator.eval(results.get(e.getKey()).logDet(), env);
        worst = Math.max(worst, Math.abs(derived - e.getValue())
            / Math.max(1, Math.abs(e.getValue())));
      }
    }
    if (!(worst < 1e-6)) {
      throw new MatrixRouteException(p.source(), "the block log-determinants differ from the"
          + " dense numeric Gram matrices by " + worst + " (relative): internal error");
    }
    steps.add(Step.done(StepKind.NUMERIC_CHECK, String.format(Locale.ROOT, "At %d random"
        + " orthogonal frames, X = Q diag(λ) Qᵀ with Q random orthogonal and distinct λ of both"
        + " signs, G is built densely from the fields and P from the eigenvalues' central"
        + " differences, both in the Frobenius metric: their log-determinants agree with the"
        + " block sums above to %.1e (relative).", points, worst), List.of(), List.of(),
        List.of()));
  }

  /**
   * log det G and log det P of a conjugation design at X = Q diag(λ) Qᵀ with a random
   * orthogonal Q, densely in double precision.
   */
  Map<Variant, Double> dense(Parameterization q, double[] lam) {
    int size = lam.length;
    Variable v = q.parameters().get(0);
    int d = v.components().size();
    double[][] frameQ = randomOrthogonal(size);
    double[] theta = new double[d];
    for (int k = 0; k < d; k++) {
      int i = v.components().get(k).indices().get(0) - 1;
      int j = v.components().get(k).indices().get(1) - 1;
      double s = 0;
      for (int l = 0; l < size; l++) {
        s += frameQ[i][l] * lam[l] * frameQ[j][l];
      }
      theta[k] = s;
    }
    double[] w = new double[d];
    for (int k = 0; k < d; k++) {
      List<Integer> ij = v.components().get(k).indices();
      w[k] = ij.get(0).equals(ij.get(1)) ? 1 : 2;
    }
    Map<String, Double> env = new HashMap<>();
    for (int k = 0; k < d; k++) {
      env.put(v.symbols().get(k), theta[k]);
    }
    List<double[]> xis = new ArrayList<>();
    for (Parameterization.GeneratorField g : q.generators().orElseThrow()) {
      double[] xi = new double[d];
      for (int k = 0; k < d; k++) {
        xi[k] = NumericEvaluator.eval(g.field().get(k), env);
      }
      xis.add(xi);
    }
    double[][] g = new double[xis.size()][xis.size()];
    for (int a = 0; a < g.length; a++) {
      for (int b = 0; b < g.length; b++) {
        double s = 0;
        for (int k = 0; k < d; k++) {
          s += w[k] * xis.get(a)[k] * xis.get(b)[k];
        }
        g[a][b] = s;
      }
    }
    double[][] jac = new double[size][d];
    double h = 1e-5;
    for (int k = 0; k < d; k++) {
      double[] plus = theta.clone();
      double[] minus = theta.clone();
      plus[k] += h;
      minus[k] -= h;
      double[] lp = eigenvalues(v, plus);
      double[] lm = eigenvalues(v, minus);
      for (int i = 0; i < size; i++) {
        jac[i][k] = (lp[i] - lm[i]) / (2 * h);
      }
    }
    double[][] pm = new double[size][size];
    for (int a = 0; a < size; a++) {
      for (int b = 0; b < size; b++) {
        double s = 0;
        for (int k = 0; k < d; k++) {
          s += jac[a][k] * jac[b][k] / w[k];
        }
        pm[a][b] = s;
      }
    }
    Map<Variant, Double> out = new EnumMap<>(Variant.class);
    out.put(Variant.ORBIT, MatrixRoute.logPseudoDet(g));
    out.put(Variant.QUOTIENT, MatrixRoute.logPseudoDet(pm));
    return out;
  }

  /** The fold against the dense Grams of the design grown to sizes n + 1, 5, 6. */
  List<Spectrum.Check> largerSizes(Variant v, Expr f, Expr g) {
    List<Spectrum.Check> out = new ArrayList<>();
    java.util.TreeSet<Integer> sizes = new java.util.TreeSet<>(List.of(n + 1, 5, 6));
    sizes.removeIf(k -> k <= n);
    long start = System.nanoTime();
    for (int size : sizes) {
      if (System.nanoTime() - start > 60e9) {
        break;
      }
      Optional<Parameterization> grown = grown(size);
      if (grown.isEmpty()) {
        break;
      }
      double worst = 0;
      int points = 3;
      for (int t = 0; t < points; t++) {
        double[] lam = distinct(size);
        double dense = dense(grown.get(), lam).get(v);
        worst = Math.max(worst, Math.abs(evalFold(f, g, lam) - dense)
            / Math.max(1, Math.abs(dense)));
      }
      if (!(worst < 1e-7)) {
        throw new MatrixRouteException(p.source(), String.format(Locale.ROOT, "the closed form"
            + " for %s does not hold at size %d (dense numeric Gram differs by %.2e)",
            v.gram(), size, worst));
      }
      out.add(new Spectrum.Check("fold vs dense numeric Gram at random orthogonal frames",
          size, 1, points, worst));
    }
    return out;
  }

  /** The design with X of size {@code size} and the group grown alike (empty if it cannot be). */
  Optional<Parameterization> grown(int size) {
    Design d;
    try {
      d = DesignReader.read(Path.of(p.source()));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
    if (d.generators().isPresent() && !d.generators().get().isEmpty()
        || !d.constants().isEmpty() || d.actions().stream().anyMatch(a -> !a.indices()
        .isEmpty() || a.group().size() != n)) {
      return Optional.empty();
    }
    List<ParameterDecl> params = d.parameters().stream().map(q -> new ParameterDecl(q.name(),
        Shape.symmetric(size), q.pos())).toList();
    List<ActionDecl> actions = d.actions().stream().map(a -> new ActionDecl(a.label(),
        new ActionDecl.Group(a.group().kind(), size), a.element(), a.indices(), a.acts(),
        a.pos())).toList();
    Design big = new Design(d.source(), d.id(), d.title(), params, d.constants(), d.predictor(),
        d.assumptions(), d.generators(), d.gauge(), Optional.empty(), d.temperature(),
        d.variant(), d.data(), d.tables(), actions);
    try {
      return Optional.of(new DesignCompiler(session).compile(big));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  double evalFold(Expr f, Expr g, double[] s) {
    double total = 0;
    for (int i = 0; i < s.length; i++) {
      total += NumericEvaluator.eval(f, Map.of(sym(ClosedForms.I), s[i]));
      for (int j = i + 1; j < s.length; j++) {
        total += NumericEvaluator.eval(g, Map.of(sym(ClosedForms.I), s[i], sym(ClosedForms.J),
            s[j]));
      }
    }
    return total;
  }

  /** Distinct values of both signs, at least 0.3 apart. */
  double[] distinct(int size) {
    double[] s = new double[size];
    for (int i = 0; i < size; i++) {
      s[i] = -2.5 + 0.9 * i + 0.5 * rng.nextDouble();
    }
    return s;
  }

  double[] randomSymmetric() {
    double[] theta = new double[dim];
    for (int k = 0; k < dim; k++) {
      theta[k] = rng.nextDouble() * 2 - 1;
    }
    return theta;
  }

  double[][] randomOrthogonal(int size) {
    double[][] a = new double[size][size];
    for (int i = 0; i < size; i++) {
      for (int j = 0; j < size; j++) {
        a[i][j] = rng.nextDouble() * 2 - 1;
      }
    }
    RealMatrix q = new QRDecomposition(new Array2DRowRealMatrix(a, false)).getQ();
    return q.getData();
  }

  double[] fieldAt(Generator g, double[] theta) {
    double[] xi = new double[dim];
    BigFraction[][] a = g.matrix().orElseThrow();
    for (int k = 0; k < dim; k++) {
      for (int j = 0; j < dim; j++) {
        xi[k] += a[k][j].doubleValue() * theta[j];
      }
    }
    return xi;
  }

  double inner(double[] a, double[] b) {
    double s = 0;
    for (int k = 0; k < dim; k++) {
      s += weight(k).doubleValue() * a[k] * b[k];
    }
    return s;
  }

  static double[] axpy(double[] a, double h, double[] b) {
    double[] out = a.clone();
    for (int k = 0; k < a.length; k++) {
      out[k] += h * b[k];
    }
    return out;
  }

  double[] eigenvalues(double[] theta) {
    return eigenvalues(x, theta);
  }

  /** Ascending eigenvalues of the symmetric matrix with coordinates theta. */
  static double[] eigenvalues(Variable v, double[] theta) {
    int size = v.shape().rows();
    double[][] m = new double[size][size];
    for (int k = 0; k < theta.length; k++) {
      int i = v.components().get(k).indices().get(0) - 1;
      int j = v.components().get(k).indices().get(1) - 1;
      m[i][j] = theta[k];
      m[j][i] = theta[k];
    }
    double[] ev = new EigenDecompositionSymmetric(new Array2DRowRealMatrix(m, false))
        .getEigenvalues();
    java.util.Arrays.sort(ev);
    return ev;
  }
}
