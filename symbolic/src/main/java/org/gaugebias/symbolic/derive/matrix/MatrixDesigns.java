package org.gaugebias.symbolic.derive.matrix;

/**
 * Design files of the matrix families at any size, as YAML text (for {@code bench --matrix} and
 * the golden tests at sizes the catalogue does not ship).
 */
public final class MatrixDesigns {
  private MatrixDesigns() { }

  /** W = U Vᵀ, U m×r, V n×r, GL(r) declared. */
  public static String uv(int m, int n, int r) {
    return "id: uv-" + m + "x" + n + "-r" + r + "\ntitle: W = U V^T\nparameters:\n  U: matrix " + m
        + " x " + r + "\n  V: matrix " + n + " x " + r + "\npredictor:\n  W: U.Transpose[V]\n"
        + "symmetry:\n  actions:\n    - group: GL " + r + "\n      element: A\n      acts:\n"
        + "        U: U.A\n        V: V.Transpose[Inverse[A]]\n";
  }

  /** W = W_L ⋯ W_1 with r×r factors, GL(r) at each inner layer. */
  public static String deep(int layers, int r) {
    StringBuilder s = new StringBuilder("id: deep-l" + layers + "-r" + r
        + "\ntitle: deep linear\nparameters:\n");
    for (int l = 1; l <= layers; l++) {
      s.append("  W").append(l).append(": matrix ").append(r).append(" x ").append(r).append('\n');
    }
    s.append("predictor:\n  W: ");
    for (int l = layers; l >= 1; l--) {
      s.append("W").append(l).append(l > 1 ? "." : "\n");
    }
    s.append("symmetry:\n  actions:\n");
    for (int l = 1; l < layers; l++) {
      s.append("    - group: GL ").append(r).append("\n      element: A").append(l)
          .append("\n      acts:\n        W").append(l).append(": A").append(l).append(".W")
          .append(l).append("\n        W").append(l + 1).append(": W").append(l + 1)
          .append(".Inverse[A").append(l).append("]\n");
    }
    return s.toString();
  }

  /** W = U Uᵀ, U m×r, O(r) declared. */
  public static String uut(int m, int r) {
    return "id: uut-" + m + "-r" + r + "\ntitle: W = U U^T\nparameters:\n  U: matrix " + m + " x "
        + r + "\npredictor:\n  W: U.Transpose[U]\nsymmetry:\n  actions:\n    - group: O " + r
        + "\n      element: R\n      acts:\n        U: U.R\n";
  }

  /** Conjugation X ↦ R X Rᵀ on a symmetric n×n X, predictor its eigenvalues, O(n) declared. */
  public static String conjugation(int n) {
    return "id: conjugation-" + n + "\ntitle: conjugation\nparameters:\n  X: symmetric " + n
        + "\npredictor:\n  lambda: Eigenvalues[X]\nsymmetry:\n  actions:\n    - group: O " + n
        + "\n      element: R\n      acts:\n        X: R.X.Transpose[R]\n";
  }

  /**
   * A two-layer bias-free ReLU layer of h units on n inputs, β_k = v_k w_k (v &gt; 0), one
   * rescaling per unit declared as an action.
   */
  public static String relu(int h, int n) {
    return "id: relu-h" + h + "-n" + n + "\ntitle: relu layer\nparameters:\n  W: matrix " + h
        + " x " + n + "\n  v: vector " + h + "\nassumptions:\n  - v > 0\npredictor:\n"
        + "  beta: v*W\nsymmetry:\n  actions:\n    - name: unit\n      group: scale\n"
        + "      for: k in 1.." + h + "\n      element: c\n      acts:\n"
        + "        W[[k]]: c*W[[k]]\n        v[[k]]: v[[k]]/c\n";
  }
}
