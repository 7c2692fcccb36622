package org.gaugebias.numeric.compile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.gaugebias.numeric.model.SimulationModel;
import org.gaugebias.numeric.model.ReferenceModels;
import org.gaugebias.symbolic.expr.Expr;
import org.junit.jupiter.api.Test;

class FusedKernelTest {
  private static CompiledKernel kernel(SimulationModel m, DiffusionForm form) {
    return FusedKernelGenerator.compile(m.parameters(), m.gradient(), m.generators(),
        List.of("beta"), List.of(m.observable()), Map.of("T", 0.1), form);
  }

  @Test
  void projectedStepOfUvMatchesTheReferenceFormula() {
    CompiledKernel k = kernel(ReferenceModels.uv(), DiffusionForm.ORBIT_NORMAL);
    assertThat(k.noiseDimension()).isEqualTo(1);
    double u = 1.3;
    double v = 0.6;
    double z = 0.7;
    double h = 1e-3;
    double s = Math.sqrt(2 * 0.1 * h);
    double[][] x = {{u}, {v}};
    k.kernel().advance(x, new double[2][1], new double[][] {{z}}, new double[1], 1, 1, h, s);
    // reference (shared/bench/projected_noise_uv.py): n = (v, u)/|(u, v)|, up to the sign of n
    double g = u * v - 1;
    double nrm = Math.sqrt(u * u + v * v);
    double du = -g * v * h - v / nrm * s * z;
    double dv = -g * u * h - u / nrm * s * z;
    assertThat(x[0][0]).isCloseTo(u + du, within(1e-15));
    assertThat(x[1][0]).isCloseTo(v + dv, within(1e-15));
  }

  @Test
  void generalProjectorAgreesWithTheNormalForm() {
    // For k = d − 1 both realisations give noise along the unit normal; with z ∈ R^d the
    // projector gives (n·z) n, the normal form with z₁ = n·z gives the same vector.
    SimulationModel m = ReferenceModels.depth3();
    CompiledKernel normal = kernel(m, DiffusionForm.ORBIT_NORMAL);
    CompiledKernel proj = kernel(m, DiffusionForm.ORBIT_PROJECTOR);
    double[] p = {1.1, 0.8, 1.3};
    double[] z = {0.3, -1.1, 0.5};
    List<Expr> nExpr = new FusedKernelGeneratorProbe(m).normal();
    double[] n = new double[3];
    double norm = 0;
    for (int i = 0; i < 3; i++) {
      n[i] = ExprCompiler.scalar(nExpr.get(i), m.parameters()).value(p);
      norm += n[i] * n[i];
    }
    norm = Math.sqrt(norm);
    double nz = 0;
    for (int i = 0; i < 3; i++) {
      n[i] /= norm;
      nz += n[i] * z[i];
    }
    double h = 1e-2;
    double s = 0.5;
    double[][] a = {{p[0]}, {p[1]}, {p[2]}};
    double[][] b = {{p[0]}, {p[1]}, {p[2]}};
    proj.kernel().advance(a, new double[3][1], new double[][] {{z[0]}, {z[1]}, {z[2]}},
        new double[1], 1, 1, h, s);
    normal.kernel().advance(b, new double[3][1], new double[][] {{nz}}, new double[1], 1, 1, h,
        s);
    for (int i = 0; i < 3; i++) {
      assertThat(a[i][0]).isCloseTo(b[i][0], within(1e-12));
    }
    // the noise is orthogonal to both generator fields
    double[] xi1 = {p[0], -p[1], 0};
    double[] xi2 = {0, p[1], -p[2]};
    double d1 = 0;
    double d2 = 0;
    for (int i = 0; i < 3; i++) {
      d1 += n[i] * xi1[i];
      d2 += n[i] * xi2[i];
    }
    assertThat(d1).isCloseTo(0, within(1e-14));
    assertThat(d2).isCloseTo(0, within(1e-14));
  }

  @Test
  void isotropicAndGradientDescentSteps() {
    SimulationModel m = ReferenceModels.uv();
    CompiledKernel iso = kernel(m, DiffusionForm.IDENTITY);
    CompiledKernel gd = kernel(m, DiffusionForm.NONE);
    assertThat(iso.noiseDimension()).isEqualTo(2);
    assertThat(gd.noiseDimension()).isZero();
    // two chains, two steps: exercises the buffer swap and the layout z[s*q + j][c]
    double h = 0.01;
    double s = 0.2;
    double[][] x = {{1.0, 2.0}, {0.5, -1.0}};
    double[][] z = {{0.1, 0.2}, {0.3, 0.4}, {-0.1, -0.2}, {-0.3, -0.4}};
    iso.kernel().advance(x, new double[2][2], z, new double[2], 2, 2, h, s);
    double[][] ref = {{1.0, 2.0}, {0.5, -1.0}};
    for (int step = 0; step < 2; step++) {
      for (int c = 0; c < 2; c++) {
        double u = ref[0][c];
        double v = ref[1][c];
        double g = u * v - 1;
        ref[0][c] = u - h * g * v + s * z[step * 2][c];
        ref[1][c] = v - h * g * u + s * z[step * 2 + 1][c];
      }
    }
    for (int c = 0; c < 2; c++) {
      assertThat(x[0][c]).isCloseTo(ref[0][c], within(1e-15));
      assertThat(x[1][c]).isCloseTo(ref[1][c], within(1e-15));
    }
    double[][] y = {{1.0}, {0.5}};
    gd.kernel().advance(y, new double[2][1], new double[0][], new double[1], 3, 1, h, 0);
    double u = 1.0;
    double v = 0.5;
    for (int i = 0; i < 3; i++) {
      double g = u * v - 1;
      double un = u - h * g * v;
      v = v - h * g * u;
      u = un;
    }
    assertThat(y[0][0]).isCloseTo(u, within(1e-15));
    assertThat(y[1][0]).isCloseTo(v, within(1e-15));
  }

  @Test
  void observeEvaluatesTheObservations() {
    CompiledKernel k = kernel(ReferenceModels.uv(), DiffusionForm.ORBIT_NORMAL);
    double[] out = new double[1];
    k.kernel().observe(new double[][] {{0, 1.5}, {0, -2}}, 1, out);
    assertThat(out[0]).isEqualTo(-3.0);
    assertThat(k.source()).contains("advance").doesNotContain("matheclipse");
  }

  /** Access to the package-private normal construction. */
  private static final class FusedKernelGeneratorProbe {
    private final SimulationModel m;

    FusedKernelGeneratorProbe(SimulationModel m) {
      this.m = m;
    }

    List<Expr> normal() {
      return FusedKernelGenerator.normalOf(m.parameters(), m.gradient(), m.generators());
    }
  }
}
