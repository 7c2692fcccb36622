package org.gaugebias.symbolic.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The progress record a time-out reports: nested pieces of work, innermost first, read from
 * another thread while the work runs, and kept where a failure left the work.
 */
class WorkProgressTest {
  @Test
  void anotherThreadReadsTheStepReachedInnermostFirst() throws Exception {
    WorkProgress progress = new WorkProgress();
    CountDownLatch reached = new CountDownLatch(1);
    CountDownLatch read = new CountDownLatch(1);
    Thread worker = new Thread(() -> {
      WorkProgress.install(progress);
      WorkProgress.current().within("designing for the target 0", () -> {
        WorkProgress.current().step("step 2, searching the families");
        return WorkProgress.current().within("deriving 'uv' at 6 parameters", () -> {
          WorkProgress.current().step("step 9, Gram matrix P");
          reached.countDown();
          try {
            read.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return 0;
        });
      });
    });
    worker.start();
    reached.await();
    String seen = progress.describe();
    read.countDown();
    worker.join();
    assertThat(seen).isEqualTo("step 9, Gram matrix P, of deriving 'uv' at 6 parameters, within"
        + " step 2, searching the families, of designing for the target 0");
    assertThat(progress.frames()).as("every piece ended").isEmpty();
  }

  @Test
  void aFailureKeepsWhereItLeftTheInnermostPieceEvenWhenWrapped() {
    WorkProgress progress = new WorkProgress();
    AtomicReference<RuntimeException> inner = new AtomicReference<>();
    assertThatThrownBy(() -> progress.within("trying family 'analysis'", () -> {
      progress.step("step 2, proving its candidate design");
      try {
        return progress.within("deriving 'x' at 2 parameters", () -> {
          progress.step("step 8, Representative on the slice");
          inner.set(new IllegalStateException("out of time"));
          throw inner.get();
        });
      } catch (IllegalStateException e) {
        throw new IllegalArgumentException("proof failed", e);
      }
    })).isInstanceOf(IllegalArgumentException.class);
    assertThat(progress.frames()).isEmpty();
    assertThat(progress.describe()).isEqualTo("step 8, Representative on the slice, of deriving"
        + " 'x' at 2 parameters, within step 2, proving its candidate design, of trying family"
        + " 'analysis'");
  }
}
