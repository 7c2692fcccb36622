package org.gaugebias.symbolic.symmetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.gaugebias.symbolic.cas.SymjaSession;
import org.gaugebias.symbolic.compile.DesignCompiler;
import org.gaugebias.symbolic.compile.Parameterization;
import org.gaugebias.symbolic.derive.ForwardDeriver;
import org.gaugebias.symbolic.design.DesignError;
import org.gaugebias.symbolic.design.DesignException;
import org.gaugebias.symbolic.design.DesignReader;
import org.gaugebias.symbolic.expr.Expr;
import org.gaugebias.symbolic.expr.NumericEvaluator;
import org.gaugebias.symbolic.trace.Formula;
import org.gaugebias.symbolic.trace.Step;
import org.gaugebias.symbolic.trace.StepKind;
import org.gaugebias.symbolic.print.StepProse;
import org.gaugebias.symbolic.trace.StepFacts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Declared group actions: the fundamental fields the engine differentiates out of them are
 * compared, at random points, with the fields written out by hand from THEORY.md §1–2
 * (X ↦ (UX, −VXᵀ) for GL(2) on UVᵀ; (W_j, −v_j) per ReLU unit); the GL(2) design reaches the
 * gauge step with its algebra split into symmetric and antisymmetric parts.
 */
class GroupActionsTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static SymjaSession session;

  @BeforeAll
  static void start() {
    session = SymjaSession.start();
  }

  @AfterAll
  static void stop() {
    session.close();
  }

  private static Parameterization compile(String file) {
    return new DesignCompiler(session).compile(DesignReader.read(
        ROOT.resolve("test-data/designs/actions").resolve(file)));
  }

  private static Map<String, Double> randomPoint(Parameterization p, SplittableRandom rng) {
    Map<String, Double> env = new HashMap<>();
    p.theta().forEach(t -> env.put(t, rng.nextDouble(0.5, 1.5)));
    return env;
  }

  private static double[][] matrix(Parameterization p, String name, Map<String, Double> env) {
    var v = p.parameter(name).orElseThrow();
    double[][] m = new double[v.shape().rows()][v.shape().cols()];
    v.components().forEach(c -> m[c.indices().get(0) - 1][c.indices().get(1) - 1] =
        env.get(c.symbol()));
    return m;
  }

  @Test
  void gl2OnUVtGivesFourFieldsUXAndMinusVXt() {
    Parameterization p = compile("matrix-uv-gl2.yaml");
    List<Parameterization.GeneratorField> fields = p.generators().orElseThrow();
    assertThat(fields).hasSize(4);
    SplittableRandom rng = new SplittableRandom(7);
    for (int s = 0; s < 3; s++) {
      Map<String, Double> env = randomPoint(p, rng);
      double[][] u = matrix(p, "U", env);
      double[][] v = matrix(p, "V", env);
      for (int a = 0; a < 4; a++) {
        int[][] x = new int[2][2];
        x[a / 2][a % 2] = 1; // E_ij in row-major order
        List<Double> expected = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
          for (int k = 0; k < 2; k++) {
            expected.add(u[i][0] * x[0][k] + u[i][1] * x[1][k]); // (U X)_ik
          }
        }
        for (int i = 0; i < 2; i++) {
          for (int k = 0; k < 2; k++) {
            expected.add(-(v[i][0] * x[k][0] + v[i][1] * x[k][1])); // (−V Xᵀ)_ik
          }
        }
        List<Expr> field = fields.get(a).field();
        for (int c = 0; c < field.size(); c++) {
          assertThat(NumericEvaluator.eval(field.get(c), env))
              .as("field %s, component %s", fields.get(a).label(), p.theta().get(c))
              .isEqualTo(expected.get(c), org.assertj.core.api.Assertions.within(1e-12));
        }
      }
    }
    assertThat(fields.get(1).label()).isEqualTo("gl[E12]");
  }

  @Test
  void reluLayerGivesOneCheckedFieldPerUnit() {
    Parameterization p = compile("relu-layer.yaml");
    List<Parameterization.GeneratorField> fields = p.generators().orElseThrow();
    assertThat(fields).hasSize(16);
    Map<String, Double> env = randomPoint(p, new SplittableRandom(11));
    for (int j = 1; j <= 16; j++) {
      List<Expr> field = fields.get(j - 1).field();
      for (int c = 0; c < field.size(); c++) {
        var comp = p.component(p.theta().get(c)).orElseThrow();
        boolean mine = comp.indices().get(0) == j;
        double expected = !mine ? 0 : comp.variable().equals("W") ? env.get(comp.symbol())
            : -env.get(comp.symbol());
        assertThat(NumericEvaluator.eval(field.get(c), env)).as("unit %d, %s", j, comp.symbol())
            .isEqualTo(expected);
      }
    }
    // every field leaves the predictor invariant (the engine's check throws otherwise)
    var symmetry = new ForwardDeriver(session).symmetry(p);
    assertThat(symmetry.fields()).hasSize(16);
  }

  @Test
  void gl2DesignReachesTheGaugeWithItsAlgebraSplit() {
    Parameterization p = compile("matrix-uv-gl2.yaml");
    List<Step> steps = new ForwardDeriver(session).throughGauge(p);
    Step split = steps.stream().filter(s -> s.kind() == StepKind.ALGEBRA_SPLIT).findFirst()
        .orElseThrow();
    assertThat(split.status()).isEqualTo(Step.Status.DONE);
    assertThat(split.outputs().stream().map(Formula::name))
        .containsExactly("sym_1", "sym_2", "sym_3", "anti_1");
    assertThat(split.facts()).isEqualTo(new StepFacts.AlgebraSplit(true, 3, 1));
    assertThat(StepProse.sentence(split)).contains("symmetric part of dimension 3",
        "antisymmetric part of dimension 1");
    Step gauge = steps.get(steps.size() - 1);
    assertThat(gauge.kind()).isEqualTo(StepKind.GAUGE);
    assertThat(gauge.outputs()).hasSize(3); // one moment map per symmetric direction
    // the antisymmetric direction (E12 − E21) acts by isometries: (UX, −VXᵀ) = (UX, VX)
    Map<String, Double> env = randomPoint(p, new SplittableRandom(3));
    List<Expr> anti = ((Expr.Vec) split.outputs().get(3).expr()).items();
    double[][] u = matrix(p, "U", env);
    double[][] v = matrix(p, "V", env);
    double[] expected = {-u[0][1], u[0][0], -u[1][1], u[1][0], -v[0][1], v[0][0], -v[1][1],
        v[1][0]};
    double scale = NumericEvaluator.eval(anti.get(1), env) / expected[1];
    for (int c = 0; c < anti.size(); c++) {
      assertThat(NumericEvaluator.eval(anti.get(c), env)).as(p.theta().get(c))
          .isCloseTo(scale * expected[c], org.assertj.core.api.Assertions.within(1e-12));
    }
  }

  @Test
  void actionErrorsArePositioned() {
    String yaml = """
        id: t
        title: t
        parameters:
          U: matrix 2 x 2
        predictor:
          W: U.Transpose[U]
        symmetry:
          actions:
            - group: GL two
              element: A
              acts:
                U: U.A
            - group: O 2
              element: U
              acts:
                X: X.A
            - group: scale
              element: c
              acts:
                U[[k]]: c*U[[k]]
        """;
    DesignException e = (DesignException) catchThrowable(() -> DesignReader.read("t.yaml", yaml));
    assertThat(e.errors()).extracting(DesignError::kind).containsExactly(
        DesignError.Kind.BAD_GROUP, DesignError.Kind.NAME_CLASH, DesignError.Kind.BAD_ACTED);
    assertThat(e.errors()).extracting(x -> x.pos().toString())
        .containsExactly("t.yaml:9:14", "t.yaml:14:16", "t.yaml:20:9");
  }
}
