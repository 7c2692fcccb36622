package org.gaugebias.symbolic.derive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.gaugebias.symbolic.EngineFixture;
import org.gaugebias.symbolic.cas.SymjaSession;
import org.gaugebias.symbolic.compile.DesignCompiler;
import org.gaugebias.symbolic.compile.Parameterization;
import org.gaugebias.symbolic.design.DesignReader;
import org.gaugebias.symbolic.expr.Expr;
import org.gaugebias.symbolic.expr.NumericEvaluator;
import org.gaugebias.symbolic.trace.Derivation;
import org.gaugebias.symbolic.trace.Formula;
import org.gaugebias.symbolic.trace.PointEvaluation;
import org.gaugebias.symbolic.trace.Step;
import org.gaugebias.symbolic.trace.StepKind;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.EigenDecompositionSymmetric;
import org.hipparchus.linear.RealMatrix;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every shipped design against the closed forms of THEORY.md §3: the differences of the values
 * {@code eval} prints between two predictor points (constants cancel) must match the golden
 * differences in {@code test-data/theory-differences.tsv} (generated from THEORY.md by
 * {@code test-data/theory_values.py}, never from gaugebias), and the log-determinants must match
 * an independent numeric computation (finite-difference Jacobians, a representative found by
 * Newton's method, eigenvalue log-determinants) at random points.
 */
class CatalogueGoldenTest {
  private static final Path ROOT = EngineFixture.ROOT;
  @RegisterExtension
  static final EngineFixture ENGINE = new EngineFixture();
  private static final Map<String, Derivation> DERIVED = new HashMap<>();

  static synchronized Derivation derive(String id) {
    return DERIVED.computeIfAbsent(id, k -> ENGINE.deriveShipped(k));
  }

  static Stream<Arguments> golden() throws IOException {
    List<Arguments> out = new ArrayList<>();
    for (String line : Files.readAllLines(ROOT.resolve("test-data/theory-differences.tsv"))) {
      if (line.startsWith("#") || line.startsWith("design\t")) {
        continue;
      }
      String[] c = line.split("\t");
      out.add(Arguments.of(c[0], c[1], numbers(c[2]), numbers(c[3]), Double.parseDouble(c[4]),
          c[5], c[6], c[7], c[8]));
    }
    return out.stream();
  }

  private static double[] numbers(String s) {
    String[] parts = s.replace("{", "").replace("}", "").split(",");
    double[] out = new double[parts.length];
    for (int i = 0; i < parts.length; i++) {
      out[i] = Double.parseDouble(parts[i].trim());
    }
    return out;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("golden")
  void evalDifferencesMatchTheory(String id, String predictor, double[] a, double[] b, double t,
      String dQuot, String dOrbit, String dGauge, String dRep) {
    Derivation d = derive(id);
    assertThat(d.complete()).as("every step of %s completed", id).isTrue();
    PointEvaluation ea = PointEvaluation.at(d, point(d, a), t);
    PointEvaluation eb = PointEvaluation.at(d, point(d, b), t);
    assertThat(eb.rQuot() - ea.rQuot()).as("ΔR_quot").isCloseTo(Double.parseDouble(dQuot),
        within(1e-9));
    assertThat(eb.rOrbit() - ea.rOrbit()).as("ΔR_orbit").isCloseTo(Double.parseDouble(dOrbit),
        within(1e-9));
    if (dGauge.equals("none")) {
      assertThat(ea.rGauge()).as("no gauge condition").isEmpty();
    } else {
      assertThat(eb.rGauge().orElseThrow() - ea.rGauge().orElseThrow()).as("ΔR_gauge")
          .isCloseTo(Double.parseDouble(dGauge), within(1e-9));
    }
    assertThat(eb.repCost() - ea.repCost()).as("Δrepcost").isCloseTo(Double.parseDouble(dRep),
        within(1e-9));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("golden")
  void logDetsMatchIndependentNumerics(String id, String predictor, double[] a, double[] b,
      double t, String dQuot, String dOrbit, String dGauge, String dRep) {
    Derivation d = derive(id);
    IndependentModel m = IndependentModel.of(d, ENGINE.session(),
        ROOT.resolve("designs/" + id + ".yaml"));
    SplittableRandom rng = new SplittableRandom(id.hashCode());
    int checked = 0;
    for (int attempt = 0; attempt < 60 && checked < 5; attempt++) {
      double[] theta = m.randomPoint(rng);
      double[] beta = m.predictor(theta);
      double[] rep = m.representative(theta, beta);
      if (rep == null) {
        continue;
      }
      checked++;
      Map<String, Double> point = new HashMap<>();
      for (int i = 0; i < beta.length; i++) {
        point.put(d.predictorSymbols().get(i), beta[i]);
      }
      PointEvaluation e = PointEvaluation.at(d, point, 1.0);
      assertThat(e.logDetP()).as("log det P at %s", point)
          .isCloseTo(logPdet(gram(m.predictorJacobian(rep)), beta.length), within(1e-8));
      RealMatrix xi = m.generators(rep);
      RealMatrix g = xi.transpose().multiply(xi);
      assertThat(e.logDetG()).as("log det G at %s", point)
          .isCloseTo(logPdet(g, rank(g)), within(1e-8));
      if (m.hasGauge()) {
        RealMatrix jc = m.gaugeJacobian(rep);
        assertThat(e.logDetC().orElseThrow()).as("log det C at %s", point)
            .isCloseTo(logPdet(gram(jc), jc.getRowDimension()), within(1e-8));
      }
    }
    assertThat(checked).as("numeric representatives found").isGreaterThanOrEqualTo(3);
  }

  private static RealMatrix gram(RealMatrix rows) {
    return rows.multiply(rows.transpose());
  }

  private static int rank(RealMatrix m) {
    double[] ev = new EigenDecompositionSymmetric(m).getEigenvalues();
    double max = java.util.Arrays.stream(ev).max().orElse(0);
    return (int) java.util.Arrays.stream(ev).filter(x -> x > 1e-9 * max).count();
  }

  private static double logPdet(RealMatrix m, int rank) {
    double[] ev = new EigenDecompositionSymmetric(m).getEigenvalues();
    java.util.Arrays.sort(ev);
    double s = 0;
    for (int i = ev.length - rank; i < ev.length; i++) {
      s += Math.log(ev[i]);
    }
    return s;
  }

  private static Map<String, Double> point(Derivation d, double[] v) {
    Map<String, Double> out = new HashMap<>();
    for (int i = 0; i < v.length; i++) {
      out.put(d.predictorSymbols().get(i), v[i]);
    }
    return out;
  }

  /**
   * The design's predictor, generator fields and gauge conditions as plain functions, with
   * Jacobians by central differences and the representative by Newton's method: nothing from
   * the engine's Gram, determinant or representative code.
   */
  record IndependentModel(Parameterization p, List<List<Expr>> fields, List<Expr> gauge,
      List<Integer> zeroed) {
    static IndependentModel of(Derivation d, SymjaSession s, Path design) {
      Parameterization p = new DesignCompiler(s).compile(DesignReader.read(design));
      List<List<Expr>> fields = new ArrayList<>();
      List<Expr> gauge = new ArrayList<>();
      List<Integer> zeroed = new ArrayList<>();
      for (Step st : d.steps()) {
        if (st.kind() == StepKind.GENERATORS) {
          for (Formula f : st.outputs()) {
            fields.add(((Expr.Vec) f.expr()).items());
          }
        } else if (st.kind() == StepKind.GAUGE) {
          st.outputs().forEach(f -> gauge.add(f.expr()));
        } else if (st.kind() == StepKind.REPRESENTATIVE) {
          for (Formula f : st.outputs()) {
            if (f.expr() instanceof Expr.Num n && n.num().signum() == 0) {
              zeroed.add(p.theta().indexOf(f.name()));
            }
          }
        }
      }
      return new IndependentModel(p, fields, gauge, zeroed);
    }

    boolean hasGauge() {
      return !gauge.isEmpty();
    }

    double[] randomPoint(SplittableRandom rng) {
      double[] x = new double[p.dimension()];
      for (int i = 0; i < x.length; i++) {
        String positiveForm = "Greater[" + p.theta().get(i) + ", 0]";
        boolean positive = p.assumptions().stream()
            .anyMatch(a -> a.toWolfram().equals(positiveForm));
        x[i] = (positive || rng.nextBoolean() ? 1 : -1) * rng.nextDouble(0.5, 1.5);
      }
      return x;
    }

    double[] predictor(double[] theta) {
      return values(p.predictor(), theta, Map.of());
    }

    private double[] values(List<Expr> xs, double[] theta, Map<String, Double> extra) {
      Map<String, Double> env = new HashMap<>(extra);
      env.put(p.temperature(), 1.0); // the temperature of PointEvaluation.at(d, point, 1.0)
      for (int i = 0; i < theta.length; i++) {
        env.put(p.theta().get(i), theta[i]);
      }
      double[] out = new double[xs.size()];
      for (int i = 0; i < out.length; i++) {
        out[i] = NumericEvaluator.eval(xs.get(i), env);
      }
      return out;
    }

    RealMatrix predictorJacobian(double[] theta) {
      return jacobian(p.predictor(), theta);
    }

    RealMatrix gaugeJacobian(double[] theta) {
      return jacobian(gauge, theta);
    }

    RealMatrix generators(double[] theta) {
      double[][] xi = new double[theta.length][fields.size()];
      for (int a = 0; a < fields.size(); a++) {
        double[] v = values(fields.get(a), theta, Map.of());
        for (int i = 0; i < theta.length; i++) {
          xi[i][a] = v[i];
        }
      }
      return new Array2DRowRealMatrix(xi, false);
    }

    private RealMatrix jacobian(List<Expr> fs, double[] x) {
      double[][] j = new double[fs.size()][x.length];
      for (int k = 0; k < x.length; k++) {
        double h = 1e-5;
        double[] xp = x.clone();
        double[] xm = x.clone();
        xp[k] += h;
        xm[k] -= h;
        double[] fp = values(fs, xp, Map.of());
        double[] fm = values(fs, xm, Map.of());
        double[] fp2 = values(fs, shift(x, k, 2 * h), Map.of());
        double[] fm2 = values(fs, shift(x, k, -2 * h), Map.of());
        for (int i = 0; i < fs.size(); i++) {
          j[i][k] = (8 * (fp[i] - fm[i]) - (fp2[i] - fm2[i])) / (12 * h);
        }
      }
      return new Array2DRowRealMatrix(j, false);
    }

    private static double[] shift(double[] x, int k, double h) {
      double[] y = x.clone();
      y[k] += h;
      return y;
    }

    /** Newton's method on f(θ) = β, χ(θ) = 0, zeroed coordinates = 0 (least squares steps). */
    double[] representative(double[] start, double[] beta) {
      double[] x = start.clone();
      for (int it = 0; it < 200; it++) {
        double[] r = residual(x, beta);
        double norm = java.util.Arrays.stream(r).map(Math::abs).max().orElse(0);
        if (norm < 1e-13) {
          return x;
        }
        RealMatrix j = residualJacobian(x, beta);
        double[] step = new org.hipparchus.linear.QRDecomposition(j).getSolver()
            .solve(new org.hipparchus.linear.ArrayRealVector(r)).toArray();
        double damping = 1;
        for (int k = 0; k < x.length; k++) {
          x[k] -= damping * step[k];
        }
      }
      return null;
    }

    private double[] residual(double[] x, double[] beta) {
      double[] f = predictor(x);
      double[] c = values(gauge, x, Map.of());
      double[] r = new double[f.length + c.length + zeroed.size()];
      for (int i = 0; i < f.length; i++) {
        r[i] = f[i] - beta[i];
      }
      System.arraycopy(c, 0, r, f.length, c.length);
      for (int z = 0; z < zeroed.size(); z++) {
        r[f.length + c.length + z] = x[zeroed.get(z)];
      }
      return r;
    }

    private RealMatrix residualJacobian(double[] x, double[] beta) {
      int n = residual(x, beta).length;
      double[][] j = new double[n][x.length];
      for (int k = 0; k < x.length; k++) {
        double h = 1e-7;
        double[] rp = residual(shift(x, k, h), beta);
        double[] rm = residual(shift(x, k, -h), beta);
        for (int i = 0; i < n; i++) {
          j[i][k] = (rp[i] - rm[i]) / (2 * h);
        }
      }
      return new Array2DRowRealMatrix(j, false);
    }
  }
}
