package org.gaugebias.numeric.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** The progress bar: rate and time left when shown, nothing at all when not. */
class ProgressMeterTest {

  @Test
  void showsPercentageRateAndTimeLeft() throws Exception {
    StringWriter out = new StringWriter();
    try (ProgressMeter m = new ProgressMeter(new PrintWriter(out), "verify", "chain-steps", true,
        0)) {
      for (int i = 1; i <= 4; i++) {
        m.progress(i * 25_000_000L, 100_000_000L);
        Thread.sleep(300);
      }
    }
    String text = out.toString();
    System.out.println(text.replace('\r', '\n'));
    String last = text.substring(text.lastIndexOf('\r') + 1).strip();
    assertThat(last).startsWith("verify").contains("100%").contains("100/100 M chain-steps")
        .contains("M chain-steps/s");
    assertThat(text).as("a time left is shown while running").containsPattern(
        "\\d+% \\[[=> ]*\\] \\d+/100 M chain-steps \\(\\d+:\\d\\d:\\d\\d / \\d+:\\d\\d:\\d\\d\\)");
    assertThat(text).endsWith(System.lineSeparator());
  }

  @Test
  void countsDesignsOneByOne() {
    StringWriter out = new StringWriter();
    try (ProgressMeter m = new ProgressMeter(new PrintWriter(out), "catalogue", "designs", true,
        3)) {
      m.message("hadamard-uv.yaml");
      m.step();
      m.step();
      m.step();
    }
    String last = out.toString().substring(out.toString().lastIndexOf('\r') + 1);
    assertThat(last).contains("3/3 designs").contains("designs/s");
  }

  @Test
  void printsNothingWhenNotShown() {
    StringWriter out = new StringWriter();
    try (ProgressMeter m = new ProgressMeter(new PrintWriter(out), "verify", "chain-steps", false,
        0)) {
      m.progress(5, 10);
      m.step();
      assertThat(m.active()).isFalse();
    }
    assertThat(out.toString()).isEmpty();
    assertThat(ProgressMeter.shown(true)).as("--quiet always wins").isFalse();
  }
}
