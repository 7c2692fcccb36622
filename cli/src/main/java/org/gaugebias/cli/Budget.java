package org.gaugebias.cli;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.gaugebias.symbolic.cas.CasException;
import org.gaugebias.symbolic.failure.Failure;
import org.gaugebias.symbolic.failure.FailureKind;
import org.gaugebias.symbolic.failure.GaugebiasException;
import org.gaugebias.symbolic.trace.WorkProgress;

/**
 * Runs one unit of work (a command, or one design of a catalogue) within a time budget and turns
 * running out of memory into a failure of its own kind, so that no input can hang a run or end it
 * in a stack trace.
 *
 * <p>The work runs on its own thread. The CAS gets the deadline too (its calls are cut at it and
 * a running one is abandoned, see {@code SymjaSession}); work stuck outside the CAS (a numeric
 * loop) is stopped with the thread after a short grace. A stopped unit holds nothing shared but
 * the CAS session, which is reset; the next unit starts clean.
 */
final class Budget {
  /** Default budget of a command, and of each design of a catalogue (stated in --help). */
  static final String DEFAULT_TIMEOUT = "300";
  private static final Duration GRACE = Duration.ofSeconds(3);
  private static final long STACK_BYTES = 256L << 20;

  private Budget() {
  }

  /** Seconds from {@code --timeout}; refused unless positive. */
  static Duration seconds(double value) {
    if (!(value > 0) || Double.isInfinite(value)) {
      throw new UserInputException("--timeout must be a positive number of seconds");
    }
    return Duration.ofMillis((long) Math.ceil(value * 1000));
  }

  /**
   * The result of {@code work}, or a {@link Failure}: TIMEOUT when {@code limit} passed,
   * RESOURCES when memory ran out; {@code position} (a file) is named in both.
   */
  static <T> T run(String position, Duration limit, Callable<T> work) {
    Object[] result = new Object[1];
    Throwable[] thrown = new Throwable[1];
    WorkProgress progress = new WorkProgress();
    Thread t = new Thread(null, () -> {
      WorkProgress.install(progress);
      try {
        result[0] = work.call();
      } catch (Throwable e) {
        thrown[0] = e;
      }
    }, "gaugebias-work", STACK_BYTES);
    t.setDaemon(true);
    t.setUncaughtExceptionHandler((th, e) -> { }); // a stopped unit unwinds silently
    Instant end = Instant.now().plus(limit);
    Engine.deadline(end);
    try {
      t.start();
      t.join(limit.plus(GRACE).toMillis());
      if (t.isAlive()) {
        String reached = progress.describe(); // before stopping unwinds the work
        stop(t);
        throw timeout(position, limit, reached);
      }
    } catch (InterruptedException e) {
      stop(t);
      Thread.currentThread().interrupt();
      throw new Failure(FailureKind.INTERNAL, position, "interrupted");
    } finally {
      Engine.deadline(null);
    }
    Throwable e = thrown[0];
    if (e == null) {
      @SuppressWarnings("unchecked")
      T out = (T) result[0];
      return out;
    }
    boolean locatedTimeout = e instanceof GaugebiasException g
        && g.failure() == FailureKind.TIMEOUT && !g.position().isEmpty();
    if (!Instant.now().isBefore(end) && !(e instanceof UserInputException) && !locatedTimeout) {
      // a step that gave up because the CAS refused further calls says "no representative"
      // or the like: the true cause is the budget
      throw timeout(position, limit, progress.describe());
    }
    throw translate(e, position, limit, progress.describe());
  }

  @SuppressWarnings({"deprecation", "removal"})
  private static void stop(Thread t) {
    Engine.abandonCas();
    t.stop();
    try {
      t.join(2000);
    } catch (InterruptedException ignored) {
      Thread.currentThread().interrupt();
    }
  }

  private static Failure timeout(String position, Duration limit, String reached) {
    return Failure.timeout(position, "no result within the time budget of "
        + seconds(limit) + " s" + reachedClause(reached)
        + "; give more with --timeout SECONDS, or simplify the design");
  }

  /** {@code ; reached step 9, Gram matrix G, of deriving 'uv' at …}, or nothing. */
  private static String reachedClause(String reached) {
    return reached.isEmpty() ? "" : "; reached " + reached;
  }

  /** Whole seconds, or the fraction when under one (a budget of 0.2 s is not "0 s"). */
  private static String seconds(Duration limit) {
    return limit.toMillis() % 1000 == 0 ? Long.toString(limit.toSeconds())
        : java.math.BigDecimal.valueOf(limit.toMillis(), 3).stripTrailingZeros().toPlainString();
  }

  /**
   * The failure to report for what the work threw; {@code reached} is what the work had
   * reached ({@link WorkProgress#describe()}), named in a time-out.
   */
  static RuntimeException translate(Throwable e, String position, Duration limit,
      String reached) {
    if (e instanceof CasException c && c.kind() == CasException.Kind.TIMEOUT) {
      return Failure.timeout(position, "a symbolic step ran out of time (" + c.getMessage()
          + ")" + reachedClause(reached) + "; the budget is " + seconds(limit)
          + " s: give more with --timeout SECONDS");
    }
    if (e instanceof GaugebiasException g && g.failure() == FailureKind.TIMEOUT
        && !g.position().isEmpty() && !reached.isEmpty()) {
      // a step that stopped at the budget and named its own line:col (the loss, a table)
      return new Failure(FailureKind.TIMEOUT, g.position(), g.getMessage()
          + reachedClause(reached), g);
    }
    if (e instanceof GaugebiasException g && g.position().isEmpty()
        && g.failure() != FailureKind.USAGE) {
      return new Failure(g.failure(), position, g.getMessage(), g);
    }
    if (e instanceof RuntimeException r) {
      return r;
    }
    if (e instanceof OutOfMemoryError) {
      Engine.abandonCas(); // its engine may hold the half-built giant expression
      return Failure.resources(position, "out of memory (heap limit "
          + (Runtime.getRuntime().maxMemory() >> 20) + " MiB): the design is too large for"
          + " this machine; make it smaller or raise the heap (JAVA_OPTS=-Xmx…)");
    }
    if (e instanceof StackOverflowError) {
      return Failure.resources(position, "an expression nests too deeply to process;"
          + " simplify it");
    }
    return new Failure(FailureKind.INTERNAL, position, "internal error: " + e
        + " (rerun with --verbose for the stack trace)", e);
  }
}
