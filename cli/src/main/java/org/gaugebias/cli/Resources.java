package org.gaugebias.cli;

import org.gaugebias.symbolic.compile.Parameterization;
import org.gaugebias.symbolic.derive.ForwardDeriver;
import org.gaugebias.symbolic.design.Design;
import org.gaugebias.symbolic.failure.Failure;
import org.gaugebias.symbolic.symmetry.SymmetryDiscovery;

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
   * Discovering the linear symmetries of a whole design (no {@code symmetry:} declared, no
   * structure route: THEORY.md §2) is sized for the method that will run: exactly, on sparse
   * coefficient equations, for a polynomial predictor; numerically, on a dense system with d²
   * unknowns, otherwise ({@link SymmetryDiscovery#linearDiscoveryCost}). Checked on the compiled
   * design, before the derivation starts.
   */
  static void requireDerivationFits(Design design, Parameterization p) {
    if (design.generators().isPresent() || !ForwardDeriver.discoversWholeSymmetry(p)) {
      return;
    }
    requireDiscoveryFits(design, p);
  }

  /** Discovering the linear symmetries of the whole design ({@code symmetries}) fits. */
  static void requireDiscoveryFits(Design design, Parameterization p) {
    SymmetryDiscovery.Cost cost = SymmetryDiscovery.linearDiscoveryCost(p);
    requireHeap(cost.bytes(), design.source().toString(), "discovering the symmetry of "
        + p.dimension() + " parameters " + cost.method(), "declare the symmetry (symmetry:"
        + " generators) or use fewer parameters");
  }

  private static long mib(double bytes) {
    return (long) Math.ceil(bytes / (1 << 20));
  }
}
