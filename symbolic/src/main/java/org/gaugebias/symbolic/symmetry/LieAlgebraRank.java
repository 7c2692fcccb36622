package org.gaugebias.symbolic.symmetry;

/**
 * The rank of vector-field values at one random point of F_p^d, grown one vector at a time, with
 * the Schwartz–Zippel bookkeeping that turns it into a statement about generic points.
 *
 * <p>Genericity argument: the values are reductions mod p of exact rational values at an integer
 * point, so the rank found is never larger than the rank over Q at generic points (a certain
 * lower bound). It is smaller only if the point is a zero of a non-zero minor (a polynomial of
 * degree at most (r+1)·deg, r the rank so far, deg the largest field degree); for a uniform
 * point of F_p^d that has probability at most (r+1)·deg/p per rank test (Schwartz–Zippel), and
 * {@link #failureBound()} is the union bound over every test made.
 */
final class LieAlgebraRank {
  private final int d;
  private final long[][] pivotRows;
  private int rank;
  private int tests;
  private double failureBound;

  LieAlgebraRank(int d) {
    this.d = d;
    this.pivotRows = new long[d][];
  }

  int rank() {
    return rank;
  }

  int tests() {
    return tests;
  }

  /** Union bound on the probability that some test answered "dependent" wrongly. */
  double failureBound() {
    return failureBound;
  }

  /** Whether {@code v} is independent of the vectors added so far (counted as one test). */
  boolean increases(long[] v, int fieldDegree) {
    tests++;
    failureBound += (double) (rank + 1) * Math.max(1, fieldDegree) / Modular.P;
    return reduce(v.clone()) != null;
  }

  /** Adds {@code v} if it is independent; returns whether it was. */
  boolean add(long[] v) {
    long[] r = reduce(v.clone());
    if (r == null) {
      return false;
    }
    int lead = 0;
    while (r[lead] == 0) {
      lead++;
    }
    long s = Modular.inv(r[lead]);
    for (int k = lead; k < d; k++) {
      r[k] = Modular.mul(r[k], s);
    }
    pivotRows[lead] = r;
    rank++;
    return true;
  }

  private long[] reduce(long[] v) {
    boolean nonZero = false;
    for (int c = 0; c < d; c++) {
      if (v[c] == 0) {
        continue;
      }
      long[] p = pivotRows[c];
      if (p == null) {
        nonZero = true;
        continue;
      }
      long f = Modular.neg(v[c]);
      for (int k = c; k < d; k++) {
        if (p[k] != 0) {
          v[k] = Modular.add(v[k], Modular.mul(f, p[k]));
        }
      }
    }
    return nonZero ? v : null;
  }
}
