package org.gaugebias.symbolic.cas;

import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Predicate;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.gaugebias.symbolic.expr.Expr;
import org.matheclipse.core.basic.ToggleFeature;
import org.matheclipse.core.eval.EvalEngine;
import org.matheclipse.core.eval.ExprEvaluator;
import org.matheclipse.core.expression.S;
import org.matheclipse.core.interfaces.IExpr;
import org.matheclipse.parser.client.ParserConfig;
import org.matheclipse.parser.client.SyntaxError;

/**
 * The one gateway to Symja. All symbolic work runs on one dedicated worker thread that owns the
 * evaluator (Symja's evaluator is not thread-safe: shared/DEPENDENCIES.md G7), with a large stack
 * (G10), a wall-clock limit per call and an optional overall deadline.
 *
 * <p><b>Containment.</b> A call that overruns its limit is abandoned for real: the worker thread
 * is stopped ({@link Thread#stop()}, still available on Java 17) and discarded together with its
 * {@link EvalEngine}; the next call starts a fresh thread with a fresh engine. Why not only
 * {@code EvalEngine.stopRequest()}: Symja polls it in some loops only, so a stuck call kept
 * spinning on the one thread every later call queued behind (issue 11, case 1). Why not a worker
 * process: a new JVM pays Symja's static initialisation (≈ 4 s) on every restart and every call
 * would cross a process boundary, while a fresh engine on a new thread costs a few milliseconds
 * (measured by {@code SymjaContainmentTest}). What stopping a thread cannot undo is shared static
 * state the stopped call was updating; the engine keeps its per-evaluation state in the
 * {@code EvalEngine} (discarded), and {@code SymjaContainmentTest} checks that results after an
 * abandoned call are identical to those of a fresh session.
 *
 * <p>Strict (Mathematica) syntax is switched on before any Symja class initialises, so that
 * multi-letter user names such as {@code beta} stay symbols (G1).
 */
public final class SymjaSession implements AutoCloseable {
  static {
    Locale.setDefault(Locale.US);
    ParserConfig.PARSER_USE_LOWERCASE_SYMBOLS = false;
    ToggleFeature.COMPILE = false;
  }

  /** Default limit for one CAS call. */
  public static final Duration DEFAULT_LIMIT = Duration.ofSeconds(30);
  private static final Duration START_LIMIT = Duration.ofSeconds(120);
  private static final long STACK_BYTES = 64L << 20;

  /** The current worker; replaced after an abandoned call. */
  private volatile Worker worker = new Worker();
  /** Calls after this instant fail at once with a time-out; null = no deadline. */
  private volatile Instant deadline;
  private volatile Predicate<String> stallWhen = code -> false;
  private volatile int abandoned;

  private SymjaSession() {
  }

  /** Starts a session (about 4 s the first time in a JVM: Symja's static initialisation). */
  public static SymjaSession start() {
    SymjaSession s = new SymjaSession();
    s.call(() -> {
      s.worker.evaluator();
      return null;
    }, START_LIMIT);
    return s;
  }

  private static ExprEvaluator newEvaluator() {
    EvalEngine engine = new EvalEngine(false);
    PrintStream sink = new PrintStream(OutputStream.nullOutputStream());
    engine.setOutPrintStream(sink);
    engine.setErrorPrintStream(sink);
    engine.setQuietMode(true);
    return new ExprEvaluator(engine, true, (short) 0);
  }

  /**
   * An overall deadline: calls still running at {@code at} are abandoned and later calls fail at
   * once with {@link CasException.Kind#TIMEOUT}; {@code null} removes it.
   */
  public void deadline(Instant at) {
    this.deadline = at;
  }

  /**
   * Stops the call in progress, if any, and discards its thread and engine (the overall budget
   * of a command ran out while the CAS was busy).
   */
  public void abandon() {
    Worker w = worker;
    worker = new Worker();
    w.retire();
    abandoned++;
  }

  /** How many workers were abandoned so far (for tests and diagnostics). */
  public int abandonedWorkers() {
    return abandoned;
  }

  /** The current worker thread, if started (for tests: liveness and CPU time). */
  public java.util.Optional<Thread> workerThread() {
    return java.util.Optional.ofNullable(worker.thread);
  }

  /**
   * Fault injection for tests: a call whose code satisfies {@code when} spins forever ignoring
   * interrupts and stop requests, as a runaway Symja loop does. {@code code -> false} turns it off.
   */
  public void injectStall(Predicate<String> when) {
    this.stallWhen = when;
  }

  private static void stall() {
    long spins = 0;
    while (spins >= 0) {
      spins++;
      Thread.onSpinWait();
    }
  }

  /** One thread that owns one evaluator; retired (stopped) when a call overruns. */
  private static final class Worker {
    private final LinkedBlockingQueue<FutureTask<?>> tasks = new LinkedBlockingQueue<>();
    private volatile Thread thread;
    private ExprEvaluator evaluator;
    private volatile boolean retired;

    /** The evaluator; created on first use, on the worker thread. */
    ExprEvaluator evaluator() {
      if (evaluator == null) {
        evaluator = newEvaluator();
      }
      return evaluator;
    }

    synchronized <T> FutureTask<T> submit(Callable<T> task) {
      FutureTask<T> f = new FutureTask<>(task);
      if (thread == null) {
        thread = new Thread(null, this::loop, "gaugebias-symja", STACK_BYTES);
        thread.setDaemon(true);
        // a stopped worker unwinds through whatever it was in; that is expected, not news
        thread.setUncaughtExceptionHandler((t, e) -> { });
        thread.start();
      }
      tasks.add(f);
      return f;
    }

    private void loop() {
      while (!retired) {
        FutureTask<?> next;
        try {
          next = tasks.take();
        } catch (InterruptedException e) {
          return;
        }
        next.run();
      }
    }

    /** Stops the thread whatever it is doing; pending tasks fail (they are cancelled). */
    @SuppressWarnings({"deprecation", "removal"})
    synchronized void retire() {
      retired = true;
      for (FutureTask<?> f : tasks) {
        f.cancel(false);
      }
      Thread t = thread;
      if (t != null && t.isAlive()) {
        t.stop();
        try {
          t.join(2000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      evaluator = null;
    }
  }

  /** Evaluates Wolfram-language code with the default time limit. */
  public Expr eval(String code) {
    return eval(code, DEFAULT_LIMIT);
  }

  /**
   * Evaluates Wolfram-language code and converts the result. A result that is still headed by
   * {@code Solve}, {@code DSolve}, {@code Integrate} etc. is returned as is: callers that need an
   * answer check with {@link #isUnevaluated}.
   */
  public Expr eval(String code, Duration limit) {
    return call(() -> SymjaConversion.toExpr(evalRaw(code)), limit);
  }

  /** Evaluates to a double (numeric evaluation of a closed expression). */
  public double evalDouble(String code) {
    return call(() -> worker.evaluator().evalf(code), DEFAULT_LIMIT);
  }

  private IExpr evalRaw(String code) {
    if (stallWhen.test(code)) {
      stall();
    }
    try {
      IExpr r = worker.evaluator().eval(code);
      if (r == S.$Aborted) {
        throw new CasException(CasException.Kind.TIMEOUT, "aborted: " + abbreviate(code));
      }
      return r;
    } catch (SyntaxError e) {
      throw new CasException(CasException.Kind.SYNTAX, e.getMessage(), e);
    } catch (StackOverflowError e) {
      throw new CasException(CasException.Kind.INTERNAL, "recursion too deep in " + abbreviate(code));
    } catch (CasException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new CasException(CasException.Kind.INTERNAL,
          "Symja failed on " + abbreviate(code) + ": " + e, e);
    }
  }

  /** Whether {@code e} is an unevaluated call of {@code head} (Symja's way of failing, G2). */
  public static boolean isUnevaluated(Expr e, String head) {
    return e instanceof Expr.Fn f && f.head().equals(head);
  }

  private <T> T call(Callable<T> task, Duration limit) {
    Duration wait = limit;
    Instant end = deadline;
    boolean byDeadline = false;
    if (end != null) {
      Duration left = Duration.between(Instant.now(), end);
      if (left.isNegative() || left.isZero()) {
        throw new CasException(CasException.Kind.TIMEOUT, "the time budget is used up");
      }
      if (left.compareTo(wait) < 0) {
        wait = left;
        byDeadline = true;
      }
    }
    Worker w = worker;
    FutureTask<T> f = w.submit(task);
    try {
      return f.get(wait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      if (worker == w) {
        abandon();
      }
      throw new CasException(CasException.Kind.TIMEOUT, byDeadline ? "the time budget is used up"
          : "no answer within " + limit.toSeconds() + " s");
    } catch (java.util.concurrent.CancellationException e) {
      throw new CasException(CasException.Kind.TIMEOUT, "abandoned: the time budget is used up");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof CasException c) {
        throw c;
      }
      if (cause instanceof OutOfMemoryError oom) {
        // the engine may hold a half-built giant expression: drop it with its thread
        if (worker == w) {
          abandon();
        }
        throw oom;
      }
      if (cause instanceof ThreadDeath) {
        throw new CasException(CasException.Kind.TIMEOUT, "abandoned: the time budget is used up");
      }
      throw new CasException(CasException.Kind.INTERNAL, String.valueOf(cause), cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CasException(CasException.Kind.INTERNAL, "interrupted");
    }
  }

  private static String abbreviate(String s) {
    return s.length() <= 200 ? s : s.substring(0, 200) + "…";
  }

  @Override
  public void close() {
    worker.retire();
  }
}
