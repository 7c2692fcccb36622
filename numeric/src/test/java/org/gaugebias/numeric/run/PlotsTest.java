package org.gaugebias.numeric.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;

/** Labels in real symbols, error bands, and PNG + SVG written completely. */
class PlotsTest {

  @Test
  void asciiFormulasBecomeSymbols() {
    assertThat(Plots.math("|beta|^(-1/2) e^(-L/T) (quotient)"))
        .isEqualTo("|β|⁻¹ᐟ² e⁻ᴸᐟᵀ (quotient)");
    assertThat(Plots.math("(beta-1)^2/2")).isEqualTo("(β−1)²/2");
    assertThat(Plots.symbol("beta$2")).isEqualTo("β₂");
    assertThat(Plots.symbol("beta[3]")).isEqualTo("β₃");
    assertThat(Plots.math("E[sigma_max] +- 2 s.e.")).isEqualTo("E[σₘₐₓ] ± 2 s.e.");
    assertThat(Plots.math("(W2^T W2 - W1 W1^T)_11")).isEqualTo("(W2ᵀ W2 − W1 W1ᵀ)₁₁");
    assertThat(Plots.math("u*v")).isEqualTo("u·v");
    assertThat(Plots.math("deep-linear-3: beta-1")).isEqualTo("deep-linear-3: β−1");
    assertThat(Plots.math("log|beta| ^(q+z)")).as("no superscript form: kept readable")
        .isEqualTo("log|β| ^(q+z)");
    assertThat(Plots.math("R_quot = (T/2) log det(J_f J_f^T)"))
        .isEqualTo("R_quot = (T/2) log det(J_f J_fᵀ)");
  }

  @Test
  void aBandWithoutFiniteBoundsIsNotDrawn() {
    XYChart c = Plots.lines("t", "beta", "density");
    double nan = Double.NaN;
    assertThat(Plots.band(c, "none", new double[] {0, 1}, new double[] {nan, nan},
        new double[] {nan, nan}, Color.BLUE)).isEmpty();
    assertThat(c.getSeriesMap()).isEmpty();
  }

  @Test
  void bandAndLinesAreWrittenAsPngAndSvg(@TempDir Path dir) throws Exception {
    XYChart c = Plots.lines("beta = u*v: density", "beta (observable)", "density of beta");
    double[] x = {0, 1, 2, 3};
    Plots.band(c, "simulation +- 2 s.e.", x, new double[] {0, 0.5, 1.5, 2},
        new double[] {1, 1.5, 2.5, 3}, Color.BLUE);
    Plots.line(c, "|beta|^(-1/2) e^(-L/T)", x, new double[] {0.5, 1, 2, 2.5});
    ReportFiles.writeChart(dir, "c", c);
    ChartFiles.check(dir, "c", c);
    assertThat(ChartFiles.labels(c)).contains("β (observable)", "|β|⁻¹ᐟ² e⁻ᴸᐟᵀ",
        "simulation ± 2 s.e.");
  }
}
