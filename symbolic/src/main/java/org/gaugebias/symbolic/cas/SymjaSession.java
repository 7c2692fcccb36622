package org.gaugebias.symbolic.cas;

import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
 * The one gateway to Symja. All symbolic work runs on a single dedicated thread that owns the
 * evaluator (Symja's evaluator is not thread-safe: shared/DEPENDENCIES.md G7), with a large stack
 * (G10) and a wall-clock limit per call; a call that times out gets the engine stopped and
 * replaced, and surfaces as {@link CasException.Kind#TIMEOUT}.
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

  private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(null, r, "gaugebias-symja", 64L << 20);
    t.setDaemon(true);
    return t;
  });
  private ExprEvaluator evaluator;

  private SymjaSession() {
  }

  /** Starts a session (about 4 s the first time in a JVM: Symja's static initialisation). */
  public static SymjaSession start() {
    SymjaSession s = new SymjaSession();
    s.call(() -> {
      s.evaluator = newEvaluator();
      return null;
    }, Duration.ofSeconds(120));
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
    return call(() -> evaluator.evalf(code), DEFAULT_LIMIT);
  }

  private IExpr evalRaw(String code) {
    try {
      IExpr r = evaluator.eval(code);
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

  private <T> T call(java.util.concurrent.Callable<T> task, Duration limit) {
    Future<T> f = thread.submit(task);
    try {
      return f.get(limit.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      f.cancel(true);
      stopAndReplaceEngine();
      throw new CasException(CasException.Kind.TIMEOUT,
          "no answer within " + limit.toSeconds() + " s");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof CasException c) {
        throw c;
      }
      throw new CasException(CasException.Kind.INTERNAL, String.valueOf(e.getCause()), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CasException(CasException.Kind.INTERNAL, "interrupted");
    }
  }

  private void stopAndReplaceEngine() {
    ExprEvaluator old = evaluator;
    if (old != null) {
      old.getEvalEngine().stopRequest();
    }
    // the next task on the (serial) thread gets a fresh engine
    thread.submit(() -> {
      evaluator = newEvaluator();
      return null;
    });
  }

  private static String abbreviate(String s) {
    return s.length() <= 200 ? s : s.substring(0, 200) + "…";
  }

  @Override
  public void close() {
    thread.shutdownNow();
  }
}
