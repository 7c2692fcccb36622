package org.gaugebias.symbolic.trace;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.gaugebias.symbolic.compile.Parameterization;
import org.gaugebias.symbolic.design.Shape;
import org.gaugebias.symbolic.expr.TextPrinter;

/**
 * How far one unit of work (a command, or one design of a catalogue) has got: the nested pieces
 * of work under way (a design candidate, a derivation, one of its blocks) and the step each has
 * reached. The worker thread writes it as it goes; the thread that enforces the time budget
 * reads it when the budget runs out, to say what was reached and at which size.
 *
 * <p>Thread-safe: the state is one immutable list of {@link Frame}s, replaced atomically. The
 * unit's record is found through the worker thread that installed it; work with
 * no record installed writes to a detached one nobody reads.
 */
public final class WorkProgress {
  private static final ThreadLocal<WorkProgress> CURRENT = new ThreadLocal<>();

  /**
   * One piece of work under way.
   *
   * @param label what it is ({@code deriving 'uv' at 128 parameters (u: vector 64, v: vector 64)})
   * @param step the step it has reached ({@code step 9, Gram matrix G}), or empty
   */
  public record Frame(String label, String step) { }

  private final AtomicReference<List<Frame>> frames = new AtomicReference<>(List.of());
  /** The last failure that left a piece of work, and what was under way when it did. */
  private Throwable failure;
  private List<Frame> atFailure;

  /** The record of the current thread's unit of work (a detached one if none is installed). */
  public static WorkProgress current() {
    WorkProgress p = CURRENT.get();
    return p != null ? p : new WorkProgress();
  }

  /**
   * Makes {@code p} the record of the current thread's work. Not inherited: a thread started
   * by the work (the CAS's, a pool's) may outlive it and serve the next unit.
   */
  public static void install(WorkProgress p) {
    CURRENT.set(p);
  }

  /**
   * Runs {@code work} as a piece of work inside the innermost one. If it fails, what was
   * reached when the failure left the innermost piece is kept for {@link #describe()}.
   */
  public <T> T within(String label, Supplier<T> work) {
    List<Frame> outer = frames.get();
    frames.set(append(outer, new Frame(label, "")));
    try {
      return work.get();
    } catch (RuntimeException | Error e) {
      synchronized (this) {
        // the innermost piece that saw the failure keeps its record: outer pieces see it
        // again, or wrapped (a proof that failed because its derivation did)
        if (!causedBy(e, failure)) {
          failure = e;
          atFailure = frames.get();
        }
      }
      throw e;
    } finally {
      frames.set(outer);
    }
  }

  /** As {@link #within(String, Supplier)}, for the derivation of {@code p}, named with its size. */
  public <T> T deriving(Parameterization p, String role, Supplier<T> work) {
    return within(role + " '" + p.id() + "' at " + size(p), work);
  }

  /** The innermost piece of work has reached {@code step}. */
  public void step(String step) {
    frames.updateAndGet(fs -> {
      if (fs.isEmpty()) {
        return List.of(new Frame("work", step));
      }
      List<Frame> out = new ArrayList<>(fs);
      Frame last = out.remove(out.size() - 1);
      out.add(new Frame(last.label(), step));
      return List.copyOf(out);
    });
  }

  /** The pieces of work under way, outermost first. */
  public List<Frame> frames() {
    return frames.get();
  }

  /**
   * What was reached, innermost first ({@code step 9, Gram matrix G, of deriving 'uv' at …}):
   * the work under way, or, once it has unwound, where the last failure left it; empty when
   * nothing was recorded.
   */
  public String describe() {
    List<Frame> now = frames.get();
    List<Frame> fs;
    synchronized (this) {
      fs = new ArrayList<>(now.isEmpty() && atFailure != null ? atFailure : now);
    }
    java.util.Collections.reverse(fs);
    return fs.stream().map(f -> f.step().isEmpty() ? f.label() : f.step() + ", of " + f.label())
        .collect(Collectors.joining(", within "));
  }

  /**
   * The size of a design as its parameters declare it: {@code 128 parameters (u: vector 64,
   * v: vector 64)}.
   */
  public static String size(Parameterization p) {
    return size(p.parameters().stream().map(v -> Map.entry(v.name(), v.shape())).toList());
  }

  /** As {@link #size(Parameterization)}, from the declared names and shapes. */
  public static String size(List<Map.Entry<String, Shape>> parameters) {
    int d = parameters.stream().mapToInt(e -> e.getValue().size()).sum();
    return d + (d == 1 ? " parameter" : " parameters") + " (" + parameters.stream()
        .map(e -> TextPrinter.symbol(e.getKey()) + ": " + e.getValue())
        .collect(Collectors.joining(", ")) + ")";
  }

  private static boolean causedBy(Throwable e, Throwable earlier) {
    for (Throwable t = e; t != null && earlier != null; t = t.getCause()) {
      if (t == earlier) {
        return true;
      }
    }
    return false;
  }

  private static List<Frame> append(List<Frame> fs, Frame f) {
    List<Frame> out = new ArrayList<>(fs);
    out.add(f);
    return List.copyOf(out);
  }
}
