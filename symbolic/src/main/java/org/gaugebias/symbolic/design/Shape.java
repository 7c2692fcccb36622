package org.gaugebias.symbolic.design;

import java.util.List;
import java.util.Objects;

/**
 * The shape of a declared parameter: a scalar, a vector of n entries, an m×n matrix or a
 * symmetric n×n matrix (its n(n+1)/2 entries on and above the diagonal, Frobenius metric:
 * THEORY.md §3, conjugation). It fixes
 * how many coordinates the parameter adds to θ and how the engine names them ({@code u$1..u$n},
 * {@code U$i$j}).
 *
 * @param kind scalar, vector, matrix or symmetric matrix
 * @param rows 1 for a scalar, n for a vector, m for a matrix, n for a symmetric one
 * @param cols 1 for a scalar or a vector, n for a matrix or a symmetric one
 */
public record Shape(Kind kind, int rows, int cols) {
  /** The shapes a parameter can have. */
  public enum Kind { SCALAR, VECTOR, MATRIX, SYMMETRIC }

  public Shape {
    Objects.requireNonNull(kind, "kind");
    if (!(rows >= 1 && cols >= 1)) {
      throw new IllegalArgumentException("dimensions must be positive: " + rows + " x " + cols);
    }
    if (kind == Kind.SCALAR && (rows != 1 || cols != 1)
        || kind == Kind.VECTOR && cols != 1 || kind == Kind.SYMMETRIC && rows != cols) {
      throw new IllegalArgumentException(kind + " cannot be " + rows + " x " + cols);
    }
  }

  public static Shape scalar() {
    return new Shape(Kind.SCALAR, 1, 1);
  }

  public static Shape vector(int n) {
    return new Shape(Kind.VECTOR, n, 1);
  }

  public static Shape matrix(int m, int n) {
    return new Shape(Kind.MATRIX, m, n);
  }

  /** A symmetric n×n matrix (coordinates x_ij, i ≤ j). */
  public static Shape symmetric(int n) {
    return new Shape(Kind.SYMMETRIC, n, n);
  }

  /** Number of coordinates of θ this parameter contributes. */
  public int size() {
    return kind == Kind.SYMMETRIC ? rows * (rows + 1) / 2 : rows * cols;
  }

  /** The dimensions as Wolfram's {@code Dimensions} would give them: [], [n] or [m, n]. */
  public List<Integer> dims() {
    if (kind == Kind.SCALAR) {
      return List.of();
    }
    return kind == Kind.VECTOR ? List.of(rows) : List.of(rows, cols);
  }

  /** The design-file spelling: {@code scalar}, {@code vector 3}, {@code matrix 2 x 3}. */
  @Override
  public String toString() {
    if (kind == Kind.SCALAR) {
      return "scalar";
    }
    if (kind == Kind.SYMMETRIC) {
      return "symmetric " + rows;
    }
    return kind == Kind.VECTOR ? "vector " + rows : "matrix " + rows + " x " + cols;
  }
}
