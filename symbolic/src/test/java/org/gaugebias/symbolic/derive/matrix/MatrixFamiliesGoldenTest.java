package org.gaugebias.symbolic.derive.matrix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.gaugebias.symbolic.EngineFixture;
import org.gaugebias.symbolic.compile.DesignCompiler;
import org.gaugebias.symbolic.derive.ForwardDeriver;
import org.gaugebias.symbolic.design.DesignReader;
import org.gaugebias.symbolic.expr.NumericEvaluator;
import org.gaugebias.symbolic.trace.Derivation;
import org.gaugebias.symbolic.trace.PointEvaluation;
import org.gaugebias.symbolic.trace.Spectrum;
import org.gaugebias.symbolic.trace.Variant;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.EigenDecompositionSymmetric;
import org.hipparchus.linear.QRDecomposition;
import org.hipparchus.linear.RealMatrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The matrix route against an independent numeric computation written here (not the engine's):
 * the balanced representative at a random orthogonal frame (W = P Σ Qᵀ, U = P Σ^{1/2}, …), the
 * tangent vectors of the group action written out as matrices (U E_ij, −V E_ji), the predictor's
 * Jacobian and the raw balance conditions' gradients by central differences (exact for these
 * polynomials of degree ≤ 2 in each coordinate), log-determinants from eigenvalues. It must agree
 * with {@code eval}'s values ({@link PointEvaluation}) to 1e-8 at random points, for sizes and
 * depths the catalogue does not ship (UVᵀ with m = 4, n = 5, r = 3; depth L = 4; UUᵀ with
 * m = 4, r = 3; deep L = 3, r = 3 with the gauge variant's closed forms at r = 5 and L = 5). The
 * same numbers, for the shipped sizes, are the rows of
 * test-data/matrix-families.tsv (test-data/matrix_families.py, NumPy).
 */
class MatrixFamiliesGoldenTest {
  @RegisterExtension
  static final EngineFixture ENGINE = new EngineFixture();

  private static Derivation derive(String yaml) {
    return ENGINE.deriveFromFile(yaml);
  }

  static String uv(int m, int n, int r) {
    return MatrixDesigns.uv(m, n, r);
  }

  static String deep(int layers, int r) {
    return MatrixDesigns.deep(layers, r);
  }

  static String uut(int m, int r) {
    return MatrixDesigns.uut(m, r);
  }

  @Test
  void rectangularUvAtRankThree() throws IOException {
    Derivation d = derive(uv(4, 5, 3));
    check(d, new UvModel(4, 5, 3), 4);
    // the quotient variant's pseudo-determinant and its excess over the orbit variant
    assertThat(d.results().get(Variant.QUOTIENT).pseudoDeterminant()).isTrue();
    assertThat(d.structure().orElseThrow().spectrum().orElseThrow().pseudoDeterminant())
        .contains("2 zero eigenvalues of 20");
  }

  /**
   * Deep linear at L = 3, r = 3 (the rank where the closed form of C used to be refused): G, P
   * and C at random points, then C's closed forms — for every r at r = 5, and with L a symbol
   * at L = 5, r = 3 — against the independent Grams (raw balance entries W_{l+1}ᵀW_{l+1} −
   * W_l W_lᵀ, i ≤ j, constants included).
   */
  @Test
  void deepLinearGaugeVariantAtDepthThreeRankThreeAndItsClosedForms() throws IOException {
    Derivation d = derive(deep(3, 3));
    check(d, new DeepModel(3, 3), 3);
    Spectrum.ClosedForm c = d.structure().orElseThrow().spectrum().orElseThrow().closedForms()
        .get(Variant.GAUGE);
    assertThat(c).as("closed form of C").isNotNull();
    assertThat(c.depthSingle()).isPresent();
    SplittableRandom rng = new SplittableRandom(33);
    for (int t = 0; t < 2; t++) {
      double[] five = sigmas(rng, 5);
      assertThat(fold(c.single(), c.pair(), five, 3)).as("C for every r at r = 5")
          .isCloseTo(new DeepModel(3, 5).logDets(five, rng)[2], within(1e-8));
      double[] three = sigmas(rng, 3);
      assertThat(fold(c.depthSingle().get(), c.depthPair().get(), three, 5))
          .as("C for every L at L = 5, r = 3")
          .isCloseTo(new DeepModel(5, 3).logDets(three, rng)[2], within(1e-8));
    }
  }

  /**
   * Depth 4 at rank 3 (36 parameters, 27 generators): before the exact invariance check and the
   * CAS-free block determinants it ran out of time; now it derives, and every variant agrees
   * with the independent Gram at random points. Its trace says the invariance was exact.
   */
  @Test
  void deepLinearAtDepthFourRankThree() throws IOException {
    Derivation d = derive(deep(4, 3));
    check(d, new DeepModel(4, 3), 3);
    assertThat(d.steps()).anySatisfy(s -> assertThat(s.facts())
        .isEqualTo(new org.gaugebias.symbolic.trace.StepFacts.Invariance(0, true)));
  }

  @Test
  void deepLinearAtDepthFourAndItsClosedFormAtDepthFive() throws IOException {
    Derivation d = derive(deep(4, 2));
    check(d, new DeepModel(4, 2), 4);
    Spectrum s = d.structure().orElseThrow().spectrum().orElseThrow();
    Spectrum.ClosedForm g = s.closedForms().get(Variant.ORBIT);
    assertThat(g.depthPair()).isPresent();
    // the gauge variant's closed forms, derived at L = 4, r = 2: at r = 4 and at L = 5, r = 3
    Spectrum.ClosedForm c = s.closedForms().get(Variant.GAUGE);
    SplittableRandom crng = new SplittableRandom(42);
    double[] four = sigmas(crng, 4);
    assertThat(fold(c.single(), c.pair(), four, 4)).as("C for every r at r = 4")
        .isCloseTo(new DeepModel(4, 4).logDets(four, crng)[2], within(1e-8));
    double[] three = sigmas(crng, 3);
    assertThat(fold(c.depthSingle().get(), c.depthPair().get(), three, 5))
        .as("C for every L at L = 5, r = 3")
        .isCloseTo(new DeepModel(5, 3).logDets(three, crng)[2], within(1e-8));
    // the L-form, derived at depth 4, against the independent Gram of a depth-5, rank-3 network
    DeepModel five = new DeepModel(5, 3);
    SplittableRandom rng = new SplittableRandom(5);
    for (int t = 0; t < 3; t++) {
      double[] sigma = sigmas(rng, 3);
      double closed = 0;
      for (int i = 0; i < 3; i++) {
        closed += NumericEvaluator.eval(g.depthSingle().get(), Map.of("sigma$i", sigma[i],
            "L", 5.0));
        for (int j = i + 1; j < 3; j++) {
          closed += NumericEvaluator.eval(g.depthPair().get(), Map.of("sigma$i", sigma[i],
              "sigma$j", sigma[j], "L", 5.0));
        }
      }
      assertThat(closed).isCloseTo(five.logDets(sigma, rng)[0],
          org.assertj.core.api.Assertions.within(1e-8));
    }
  }

  /**
   * The shipped designs at the rows of test-data/matrix-families.tsv (NumPy Grams at random
   * orthogonal frames, test-data/matrix_families.py): concrete values, and the deep-linear closed
   * forms (derived at r = 2, L = 3) at r = 5 and at L = 5.
   */
  @Test
  void shippedDesignsMatchTheNumpyRows() {
    Derivation uv = shipped("matrix-uv");
    PointEvaluation e = PointEvaluation.at(uv, Map.of("sigma$1", 1.7, "sigma$2", 0.6), 1.0);
    assertThat(e.logDetG()).isCloseTo(3.071915234286281, within(1e-12));
    assertThat(e.logDetP()).isCloseTo(3.07191523428628, within(1e-12));
    assertThat(e.logDetC().orElseThrow()).isCloseTo(5.704742014150902, within(1e-12));
    Derivation deep = shipped("deep-linear-3");
    e = PointEvaluation.at(deep, Map.of("sigma$1", 1.7, "sigma$2", 0.6), 1.0);
    assertThat(e.logDetG()).isCloseTo(4.756548573758965, within(1e-12));
    assertThat(e.logDetP()).isCloseTo(4.756548573758965, within(1e-12));
    assertThat(e.logDetC().orElseThrow()).isCloseTo(10.421560132677829, within(1e-12));
    Spectrum.ClosedForm c = deep.structure().orElseThrow().spectrum().orElseThrow()
        .closedForms().get(Variant.GAUGE);
    assertThat(fold(c.depthSingle().get(), c.depthPair().get(), new double[] {1.4, 0.5}, 5))
        .isCloseTo(17.999011902835647, within(1e-11));
    assertThat(fold(c.single(), c.pair(), new double[] {3.0, 2.2, 1.5, 0.9, 0.3}, 3))
        .isCloseTo(50.31231933510267, within(1e-11));
    Spectrum.ClosedForm g = deep.structure().orElseThrow().spectrum().orElseThrow()
        .closedForms().get(Variant.ORBIT);
    assertThat(fold(g.depthSingle().get(), g.depthPair().get(), new double[] {1.4, 0.5}, 5))
        .isCloseTo(5.623940668707243, within(1e-12));
    assertThat(fold(g.single(), g.pair(), new double[] {3.0, 2.2, 1.5, 0.9, 0.3}, 3))
        .isCloseTo(38.36886753252681, within(1e-11));
    Derivation uut = shipped("matrix-uut");
    e = PointEvaluation.at(uut, Map.of("lambda$1", 1.9, "lambda$2", 0.7), 1.0);
    assertThat(e.logDetG()).isCloseTo(0.9555114450274362, within(1e-12));
  }

  private static double fold(org.gaugebias.symbolic.expr.Expr f,
      org.gaugebias.symbolic.expr.Expr g, double[] sigma, int depth) {
    double s = 0;
    for (int i = 0; i < sigma.length; i++) {
      s += NumericEvaluator.eval(f, Map.of("sigma$i", sigma[i], "L", (double) depth));
      for (int j = i + 1; j < sigma.length; j++) {
        s += NumericEvaluator.eval(g, Map.of("sigma$i", sigma[i], "sigma$j", sigma[j], "L",
            (double) depth));
      }
    }
    return s;
  }

  private static Derivation shipped(String id) {
    Path root = Path.of("..").toAbsolutePath().normalize();
    return new ForwardDeriver(ENGINE.session()).derive(new DesignCompiler(ENGINE.session()).compile(
        DesignReader.read(root.resolve("designs").resolve(id + ".yaml"))));
  }

  @Test
  void symmetricFactorisationAtRankThree() throws IOException {
    Derivation d = derive(uut(4, 3));
    check(d, new UutModel(4, 3), 4);
  }

  /**
   * eval's log det G, log det P and log det C equal the independent ones (C's constant depends
   * on the basis of the balance conditions: the engine's default, the declared generators'
   * basis, is the raw entries these models use).
   */
  private static void check(Derivation d, Model model, int points) {
    SplittableRandom rng = new SplittableRandom(20261130);
    Spectrum s = d.structure().orElseThrow().spectrum().orElseThrow();
    for (int t = 0; t < points; t++) {
      double[] sigma = sigmas(rng, s.rank());
      Map<String, Double> point = new HashMap<>();
      for (int i = 0; i < sigma.length; i++) {
        point.put(s.values().symbols().get(i), sigma[i]);
      }
      PointEvaluation e = PointEvaluation.at(d, point, 0.7);
      double[] ref = model.logDets(sigma, rng);
      assertThat(e.logDetG()).as("log det G at %s", point).isCloseTo(ref[0],
          org.assertj.core.api.Assertions.within(1e-8));
      assertThat(e.logDetP()).as("log det P at %s", point).isCloseTo(ref[1],
          org.assertj.core.api.Assertions.within(1e-8));
      if (!Double.isNaN(ref[2])) {
        assertThat(e.logDetC().orElseThrow()).as("log det C at %s", point)
            .isCloseTo(ref[2], org.assertj.core.api.Assertions.within(1e-8));
      }
    }
  }

  private static double[] sigmas(SplittableRandom rng, int r) {
    double[] s = new double[r];
    for (int i = 0; i < r; i++) {
      s[i] = 0.3 + 2.5 * rng.nextDouble();
    }
    return s;
  }

  // ------------------------------------------------------------------ independent numerics

  /** A family's balanced representative at a random frame and its three log-determinants. */
  interface Model {
    /** {log det G, log pdet P, log det C (NaN when none)}. */
    double[] logDets(double[] sigma, SplittableRandom rng);
  }

  static RealMatrix orthogonal(SplittableRandom rng, int n) {
    double[][] a = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        a[i][j] = rng.nextDouble() * 2 - 1;
      }
    }
    return new QRDecomposition(new Array2DRowRealMatrix(a)).getQ();
  }

  static RealMatrix unit(int rows, int cols, int i, int j) {
    RealMatrix e = new Array2DRowRealMatrix(rows, cols);
    e.setEntry(i, j, 1);
    return e;
  }

  static RealMatrix diagPower(double[] sigma, double p, int rows, int cols) {
    RealMatrix m = new Array2DRowRealMatrix(rows, cols);
    for (int i = 0; i < sigma.length; i++) {
      m.setEntry(i, i, Math.pow(sigma[i], p));
    }
    return m;
  }

  static double[] flat(RealMatrix... ms) {
    List<Double> out = new ArrayList<>();
    for (RealMatrix m : ms) {
      for (double[] row : m.getData()) {
        for (double x : row) {
          out.add(x);
        }
      }
    }
    return out.stream().mapToDouble(Double::doubleValue).toArray();
  }

  static double logPdet(List<double[]> vectors) {
    int n = vectors.size();
    double[][] g = new double[n][n];
    for (int a = 0; a < n; a++) {
      for (int b = 0; b < n; b++) {
        double s = 0;
        for (int k = 0; k < vectors.get(a).length; k++) {
          s += vectors.get(a)[k] * vectors.get(b)[k];
        }
        g[a][b] = s;
      }
    }
    double[] ev = new EigenDecompositionSymmetric(new Array2DRowRealMatrix(g)).getEigenvalues();
    double max = 0;
    for (double v : ev) {
      max = Math.max(max, Math.abs(v));
    }
    double out = 0;
    for (double v : ev) {
      if (Math.abs(v) > 1e-9 * max) {
        out += Math.log(v);
      }
    }
    return out;
  }

  /** Rows ∂F_k/∂θ by central differences (exact for degree ≤ 2 in each coordinate). */
  static List<double[]> jacobianRows(java.util.function.Function<double[], double[]> f,
      double[] theta) {
    double h = 1e-3;
    int m = f.apply(theta).length;
    double[][] rows = new double[m][theta.length];
    for (int k = 0; k < theta.length; k++) {
      double[] plus = theta.clone();
      double[] minus = theta.clone();
      plus[k] += h;
      minus[k] -= h;
      double[] fp = f.apply(plus);
      double[] fm = f.apply(minus);
      for (int i = 0; i < m; i++) {
        rows[i][k] = (fp[i] - fm[i]) / (2 * h);
      }
    }
    return List.of(rows);
  }

  static RealMatrix block(double[] theta, int offset, int rows, int cols) {
    RealMatrix m = new Array2DRowRealMatrix(rows, cols);
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        m.setEntry(i, j, theta[offset + i * cols + j]);
      }
    }
    return m;
  }

  /** Entries i ≤ j of a symmetric matrix. */
  static double[] upper(RealMatrix b) {
    List<Double> out = new ArrayList<>();
    for (int i = 0; i < b.getRowDimension(); i++) {
      for (int j = i; j < b.getColumnDimension(); j++) {
        out.add(b.getEntry(i, j));
      }
    }
    return out.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /** W = U Vᵀ, GL(r): ξ_ij = (U E_ij, −V E_ji); balance UᵀU − VᵀV. */
  record UvModel(int m, int n, int r) implements Model {
    @Override
    public double[] logDets(double[] sigma, SplittableRandom rng) {
      RealMatrix p = orthogonal(rng, m).getSubMatrix(0, m - 1, 0, r - 1);
      RealMatrix q = orthogonal(rng, n).getSubMatrix(0, n - 1, 0, r - 1);
      RealMatrix half = diagPower(sigma, 0.5, r, r);
      RealMatrix u = p.multiply(half);
      RealMatrix v = q.multiply(half);
      List<double[]> xi = new ArrayList<>();
      for (int i = 0; i < r; i++) {
        for (int j = 0; j < r; j++) {
          xi.add(flat(u.multiply(unit(r, r, i, j)), v.multiply(unit(r, r, j, i)).scalarMultiply(-1)));
        }
      }
      double[] theta = flat(u, v);
      List<double[]> jf = jacobianRows(t -> flat(block(t, 0, m, r).multiply(
          block(t, m * r, n, r).transpose())), theta);
      List<double[]> jc = jacobianRows(t -> upper(block(t, 0, m, r).transpose()
          .multiply(block(t, 0, m, r)).subtract(block(t, m * r, n, r).transpose()
          .multiply(block(t, m * r, n, r)))), theta);
      return new double[] {logPdet(xi), logPdet(jf), logPdet(jc)};
    }
  }

  /** W = U Uᵀ, O(r): ξ_ij = U(E_ij − E_ji); P in coordinates w_ii, √2 w_ij. */
  record UutModel(int m, int r) implements Model {
    @Override
    public double[] logDets(double[] sigma, SplittableRandom rng) {
      RealMatrix u = orthogonal(rng, m).getSubMatrix(0, m - 1, 0, r - 1)
          .multiply(diagPower(sigma, 0.5, r, r));
      List<double[]> xi = new ArrayList<>();
      for (int i = 0; i < r; i++) {
        for (int j = i + 1; j < r; j++) {
          xi.add(flat(u.multiply(unit(r, r, i, j).subtract(unit(r, r, j, i)))));
        }
      }
      List<double[]> jf = jacobianRows(t -> {
        RealMatrix w = block(t, 0, m, r).multiply(block(t, 0, m, r).transpose());
        List<Double> c = new ArrayList<>();
        for (int i = 0; i < m; i++) {
          for (int j = i; j < m; j++) {
            c.add((i == j ? 1 : Math.sqrt(2)) * w.getEntry(i, j));
          }
        }
        return c.stream().mapToDouble(Double::doubleValue).toArray();
      }, flat(u));
      return new double[] {logPdet(xi), logPdet(jf), Double.NaN};
    }
  }

  /**
   * W = W_L ⋯ W_1, GL(r) at each inner layer: W_l → A W_l, W_{l+1} → W_{l+1} A^{-1}, so
   * ξ = (E_ij W_l, −W_{l+1} E_ij); balance W_{l+1}ᵀ W_{l+1} − W_l W_lᵀ.
   */
  record DeepModel(int layers, int r) implements Model {
    @Override
    public double[] logDets(double[] sigma, SplittableRandom rng) {
      RealMatrix[] frames = new RealMatrix[layers + 1];
      for (int l = 0; l <= layers; l++) {
        frames[l] = orthogonal(rng, r);
      }
      RealMatrix d = diagPower(sigma, 1.0 / layers, r, r);
      RealMatrix[] w = new RealMatrix[layers];
      for (int l = 0; l < layers; l++) {
        w[l] = frames[l + 1].multiply(d).multiply(frames[l].transpose());
      }
      int size = r * r;
      List<double[]> xi = new ArrayList<>();
      for (int l = 0; l < layers - 1; l++) {
        for (int i = 0; i < r; i++) {
          for (int j = 0; j < r; j++) {
            RealMatrix[] v = new RealMatrix[layers];
            for (int k = 0; k < layers; k++) {
              v[k] = new Array2DRowRealMatrix(r, r);
            }
            v[l] = unit(r, r, i, j).multiply(w[l]);
            v[l + 1] = w[l + 1].multiply(unit(r, r, i, j)).scalarMultiply(-1);
            xi.add(flat(v));
          }
        }
      }
      double[] theta = flat(w);
      List<double[]> jf = jacobianRows(t -> {
        RealMatrix prod = block(t, 0, r, r);
        for (int l = 1; l < layers; l++) {
          prod = block(t, l * size, r, r).multiply(prod);
        }
        return flat(prod);
      }, theta);
      List<double[]> jc = jacobianRows(t -> {
        List<Double> c = new ArrayList<>();
        for (int l = 0; l < layers - 1; l++) {
          RealMatrix a = block(t, l * size, r, r);
          RealMatrix b = block(t, (l + 1) * size, r, r);
          for (double x : upper(b.transpose().multiply(b).subtract(a.multiply(a.transpose())))) {
            c.add(x);
          }
        }
        return c.stream().mapToDouble(Double::doubleValue).toArray();
      }, theta);
      return new double[] {logPdet(xi), logPdet(jf), logPdet(jc)};
    }
  }
}
