package org.gaugebias.numeric.reproduce;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The attribution rule and MATCH of issue 10 on hand-made arm summaries. */
class AttributionTest {
  private static ArmSummary arm(String id, ArmRole role, boolean noise, Boolean reproduces) {
    return new ArmSummary(new Arm(id, role, id, noise), 5, 0, 0, List.of(), reproduces, 0);
  }

  @Test
  void noiseWhenTheNoiseArmsReproduceAndGdDoesNot() {
    String[] a = Attribution.attribute(List.of(arm("published", ArmRole.PUBLISHED, true, true),
        arm("gd", ArmRole.GD, false, false), arm("large-init", ArmRole.LARGE_INIT, false, true),
        arm("noise-4b", ArmRole.NOISE, false, true)));
    assertThat(a[0]).isEqualTo(ExperimentReport.NOISE);
  }

  @Test
  void initialisationWhenGdReproducesAndLargeInitDoesNot() {
    String[] a = Attribution.attribute(List.of(arm("published", ArmRole.PUBLISHED, true, true),
        arm("gd", ArmRole.GD, false, true), arm("large-init", ArmRole.LARGE_INIT, false, false),
        arm("noise-4b", ArmRole.NOISE, false, true)));
    assertThat(a[0]).isEqualTo(ExperimentReport.INITIALISATION);
  }

  @Test
  void fullBatchExperimentsUseThePublishedArmAsGd() {
    String[] a = Attribution.attribute(List.of(arm("published", ArmRole.PUBLISHED, false, true),
        arm("large-init", ArmRole.LARGE_INIT, false, true),
        arm("noise-sgd8", ArmRole.NOISE, false, true)));
    assertThat(a[0]).isEqualTo(ExperimentReport.NOT_SEPARATED);
    assertThat(a[1]).contains("large-init: yes");
  }

  @Test
  void notSeparatedWhenNothingReproduces() {
    String[] a = Attribution.attribute(List.of(arm("published", ArmRole.PUBLISHED, true, false),
        arm("gd", ArmRole.GD, false, false), arm("large-init", ArmRole.LARGE_INIT, false, false)));
    assertThat(a[0]).isEqualTo(ExperimentReport.NOT_SEPARATED);
  }

  @Test
  void matchIsThePublishedValueWithinTwoStandardDeviations() {
    Stat s = Stat.of("x", new double[] {1.0, 1.1, 0.9, 1.05, 0.95});
    ArmSummary a = new ArmSummary(new Arm("published", ArmRole.PUBLISHED, "", false), 5, 0, 0,
        List.of(s), true, 0);
    assertThat(Attribution.compare(new Published("q", "published", "x", 1.1), List.of(a))
        .match()).isEqualTo("yes");
    Comparison no = Attribution.compare(new Published("q", "published", "x", 1.3), List.of(a));
    assertThat(no.match()).isEqualTo("no");
    assertThat(no.evidence()).contains("above our mean");
    assertThat(Attribution.compare(new Published("q", "published", "x", 1.0),
        List.of(new ArmSummary(a.arm(), 1, 0, 0, List.of(Stat.of("x", new double[] {1})), true,
            0))).match()).isEqualTo("n/a");
  }
}
