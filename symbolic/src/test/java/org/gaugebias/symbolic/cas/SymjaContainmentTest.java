package org.gaugebias.symbolic.cas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.gaugebias.symbolic.compile.DesignCompiler;
import org.gaugebias.symbolic.derive.ForwardDeriver;
import org.gaugebias.symbolic.design.DesignReader;
import org.gaugebias.symbolic.print.Format;
import org.junit.jupiter.api.Test;

/**
 * A stuck CAS call (injected: it spins ignoring interrupts and stop requests, so no design can
 * make it fast) is abandoned for real: its thread stops using the CPU, and later work gives
 * exactly what a fresh session gives (issue 11, case 1).
 */
class SymjaContainmentTest {
  private static String derivedJson(SymjaSession s, String design) {
    var p = new DesignCompiler(s).compile(DesignReader.read(Path.of("../designs", design)));
    return Format.JSON.printer().print(new ForwardDeriver(s).derive(p));
  }

  @Test
  void anAbandonedCallLeavesNoSpinningThreadAndNoTrace() throws Exception {
    String fresh;
    try (SymjaSession s = SymjaSession.start()) {
      fresh = derivedJson(s, "hadamard-uv.yaml");
    }
    try (SymjaSession s = SymjaSession.start()) {
      s.injectStall(code -> code.contains("stuckMarker"));
      Thread stuck = s.workerThread().orElseThrow();
      CasException e = catchThrowableOfType(
          () -> s.eval("Expand[(stuckMarker + 1)^2]", Duration.ofMillis(300)),
          CasException.class);
      assertThat(e.kind()).isEqualTo(CasException.Kind.TIMEOUT);
      assertThat(stuck.isAlive()).as("the stuck worker is stopped").isFalse();
      assertThat(s.abandonedWorkers()).isEqualTo(1);

      long t0 = System.nanoTime();
      assertThat(s.eval("1 + 1")).isEqualTo(org.gaugebias.symbolic.expr.Expr.integer(2));
      long restartMillis = (System.nanoTime() - t0) / 1_000_000;
      System.out.println("CAS restart (new thread + engine + first call): " + restartMillis + " ms");
      assertThat(restartMillis).isLessThan(2000);

      assertThat(derivedJson(s, "hadamard-uv.yaml")).isEqualTo(fresh);
      ThreadMXBean mx = ManagementFactory.getThreadMXBean();
      assertThat(mx.getThreadCpuTime(stuck.getId())).as("no CPU time: thread gone").isEqualTo(-1);
    }
  }

  @Test
  void aDeadlineAbandonsTheRunningCallAndRefusesLaterOnes() {
    try (SymjaSession s = SymjaSession.start()) {
      s.injectStall(code -> code.contains("stuckMarker"));
      s.deadline(Instant.now().plusMillis(400));
      long t0 = System.nanoTime();
      CasException e = catchThrowableOfType(() -> s.eval("stuckMarker"), CasException.class);
      assertThat(e.kind()).isEqualTo(CasException.Kind.TIMEOUT);
      assertThat((System.nanoTime() - t0) / 1e9).as("seconds, not the 30 s call limit")
          .isLessThan(5);
      CasException later = catchThrowableOfType(() -> s.eval("1 + 1"), CasException.class);
      assertThat(later.getMessage()).contains("budget");
      s.deadline(null);
      assertThat(s.eval("1 + 1")).isEqualTo(org.gaugebias.symbolic.expr.Expr.integer(2));
    }
  }
}
