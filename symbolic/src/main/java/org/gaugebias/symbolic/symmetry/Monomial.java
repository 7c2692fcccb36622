package org.gaugebias.symbolic.symmetry;

import java.util.Arrays;

/**
 * A monomial θ_{i1} θ_{i2} ⋯ as the sorted multiset of its variable indices ({@code x₁²x₃} is
 * {@code [1, 1, 3]}): compact for the few-hundred-variable, low-degree polynomials of networks.
 */
final class Monomial implements Comparable<Monomial> {
  static final Monomial ONE = new Monomial(new int[0]);
  private final int[] vars;
  private final int hash;

  private Monomial(int[] sortedVars) {
    this.vars = sortedVars;
    this.hash = Arrays.hashCode(sortedVars);
  }

  static Monomial variable(int i) {
    return new Monomial(new int[] {i});
  }

  int degree() {
    return vars.length;
  }

  /** Sorted variable indices with repetition (do not modify). */
  int[] vars() {
    return vars;
  }

  Monomial times(Monomial o) {
    int[] out = new int[vars.length + o.vars.length];
    int i = 0;
    int j = 0;
    int k = 0;
    while (i < vars.length && j < o.vars.length) {
      out[k++] = vars[i] <= o.vars[j] ? vars[i++] : o.vars[j++];
    }
    while (i < vars.length) {
      out[k++] = vars[i++];
    }
    while (j < o.vars.length) {
      out[k++] = o.vars[j++];
    }
    return new Monomial(out);
  }

  Monomial timesVariable(int v) {
    return times(variable(v));
  }

  /** The exponent of variable {@code v}. */
  int exponent(int v) {
    int c = 0;
    for (int x : vars) {
      c += x == v ? 1 : 0;
    }
    return c;
  }

  /** This monomial with one factor θ_v removed (the caller multiplies by the exponent). */
  Monomial withoutOne(int v) {
    int[] out = new int[vars.length - 1];
    int k = 0;
    boolean removed = false;
    for (int x : vars) {
      if (x == v && !removed) {
        removed = true;
      } else {
        out[k++] = x;
      }
    }
    return new Monomial(out);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Monomial m && m.hash == hash && Arrays.equals(m.vars, vars);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  /** Graded order: lower degree first, then lexicographic in the indices. */
  @Override
  public int compareTo(Monomial o) {
    if (vars.length != o.vars.length) {
      return Integer.compare(vars.length, o.vars.length);
    }
    return Arrays.compare(vars, o.vars);
  }

  @Override
  public String toString() {
    return Arrays.toString(vars);
  }
}
