package org.gaugebias.cli;

import org.gaugebias.symbolic.design.Design;
import org.gaugebias.symbolic.failure.Failure;

/**
 * Memory checks before work that scales with the input: the work is refused with the resources
 * exit code, naming what is too large, instead of running into an OutOfMemoryError minutes later.
 * Estimates are deliberately simple upper bounds of the dominant arrays.
 */
final class Resources {
  /** Part of the heap one unit of work may plan to use (the rest: CAS, printers, the JVM). */
  private static final double SHARE = 0.5;

  private Resources() {
  }

  /** Bytes the JVM may still allocate (max heap minus what is in use). */
  static long available() {
    Runtime r = Runtime.getRuntime();
    return r.maxMemory() - (r.totalMemory() - r.freeMemory());
  }

  /**
   * Refuses work that needs about {@code bytes} of heap when that is more than its share:
   * {@code what} says what is too large and {@code remedy} what to do.
   */
  static void requireHeap(double bytes, String position, String what, String remedy) {
    double budget = SHARE * Runtime.getRuntime().maxMemory();
    if (bytes > budget) {
      throw Failure.resources(position, what + " needs about " + mib(bytes) + " MiB, more than"
          + " the " + mib(budget) + " MiB this run can use; " + remedy);
    }
  }

  /**
   * Discovering the linear symmetries (no {@code symmetry:} declared) solves a dense system with
   * d² unknowns and about 2d² rows (THEORY.md §2; {@code LinearSymmetries}): its SVD holds a few
   * such matrices. Checked from the declared shapes, before the CAS starts.
   */
  static void requireDerivationFits(Design design) {
    if (design.generators().isPresent()) {
      return;
    }
    double d = design.parameters().stream().mapToDouble(p -> p.shape().size()).sum();
    double unknowns = d * d;
    double rows = 2 * unknowns + 4;
    requireHeap(8 * 3 * rows * unknowns, design.source().toString(), "discovering the symmetry"
        + " of " + (long) d + " parameters", "declare the symmetry (symmetry: generators) or"
        + " use fewer parameters");
  }

  private static long mib(double bytes) {
    return (long) Math.ceil(bytes / (1 << 20));
  }
}
