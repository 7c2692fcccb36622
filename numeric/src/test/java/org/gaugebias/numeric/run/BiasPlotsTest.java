package org.gaugebias.numeric.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Optional;
import org.gaugebias.numeric.model.EngineModels;
import org.gaugebias.symbolic.compile.DesignCompiler;
import org.gaugebias.symbolic.compile.Parameterization;
import org.gaugebias.symbolic.derive.ForwardDeriver;
import org.gaugebias.symbolic.design.DesignReader;
import org.gaugebias.symbolic.inverse.InverseDesign;
import org.gaugebias.symbolic.inverse.InverseDesigner;
import org.gaugebias.symbolic.trace.Derivation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

/** The bias pictures of a scalar design and of an inverse design, from the engine's formulas. */
class BiasPlotsTest {

  @Test
  void scalarDesignShowsTheBiasAndTheLaw(@TempDir Path dir) throws Exception {
    Parameterization p = new DesignCompiler(EngineModels.session()).compile(
        DesignReader.read(EngineModels.ROOT.resolve("designs/hadamard-depth3.yaml")));
    Derivation d = new ForwardDeriver(EngineModels.session()).derive(p);
    XYChart c = BiasPlots.scalarDesign(d, 1.0, -2.5, 2.5).orElseThrow();
    ReportFiles.writeChart(dir, "depth3", c);
    ChartFiles.check(dir, "depth3", c);
    assertThat(c.getXAxisTitle()).isEqualTo("β (predictor, dimensionless)");
    XYSeries bias = c.getSeriesMap().values().stream()
        .filter(s -> s.getName().startsWith("R_quot")).findFirst().orElseThrow();
    // THEORY §3, depth 3: R = T(1 − 1/3) log|β|; at T = 1 the curve rises by (2/3) log 2
    // between |β| and 2|β|
    double[] x = bias.getXData();
    double[] y = bias.getYData();
    int i = nearest(x, 0.6);
    int j = nearest(x, 1.2);
    assertThat(y[j] - y[i]).isCloseTo((2.0 / 3) * Math.log(x[j] / x[i]),
        org.assertj.core.api.Assertions.within(1e-9));
    assertThat(c.getSeriesMap().keySet()).anyMatch(k -> k.contains("law"));
  }

  @Test
  void inverseDesignOverlaysTheTargetExactly(@TempDir Path dir) throws Exception {
    InverseDesigner designer = new InverseDesigner(EngineModels.session());
    InverseDesign d = designer.design(designer.target("2*T/3*Log[Abs[beta]]", "beta", 1, "T",
        Optional.empty()), Optional.empty(), "designed-test");
    XYChart c = BiasPlots.inverseDesign(d.forward(), d.target().expr(), d.constant(), 1.0, 0, 3)
        .orElseThrow();
    ReportFiles.writeChart(dir, "inverse", c);
    ChartFiles.check(dir, "inverse", c);
    XYSeries[] s = c.getSeriesMap().values().toArray(XYSeries[]::new);
    double[] target = s[0].getYData();
    double[] designed = s[1].getYData();
    int finite = 0;
    for (int k = 0; k < target.length; k++) {
      if (Double.isFinite(target[k]) && Double.isFinite(designed[k])) {
        assertThat(designed[k]).isCloseTo(target[k],
            org.assertj.core.api.Assertions.within(1e-9));
        finite++;
      }
    }
    assertThat(finite).isGreaterThan(300);
  }

  private static int nearest(double[] x, double v) {
    int best = 0;
    for (int i = 1; i < x.length; i++) {
      if (Math.abs(x[i] - v) < Math.abs(x[best] - v)) {
        best = i;
      }
    }
    return best;
  }
}
