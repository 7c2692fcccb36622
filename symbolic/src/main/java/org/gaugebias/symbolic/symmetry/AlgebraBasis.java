package org.gaugebias.symbolic.symmetry;

import java.util.ArrayList;
import java.util.List;
import org.gaugebias.symbolic.design.ActionDecl;

/**
 * The unnormalised Lie algebra bases of THEORY.md §2 for the groups an action may declare, as
 * integer k×k matrices with a label each: {@code E_ij} (row-major) for gl(k); {@code E_ij} (i ≠ j)
 * and {@code E_ii − E_{i+1,i+1}} for sl(k); {@code E_ij − E_ji} (i &lt; j) for o(k) and so(k); the
 * 1×1 matrix (1) for a scale.
 */
public final class AlgebraBasis {
  private AlgebraBasis() {
  }

  /**
   * One basis element.
   *
   * @param label e.g. {@code E12}, {@code E12-E21}, {@code E11-E22}, or empty for a scale
   * @param matrix k×k integer entries
   */
  public record Element(String label, int[][] matrix) { }

  /** The basis of the algebra of {@code group}, in a fixed order. */
  public static List<Element> of(ActionDecl.Group group) {
    int k = group.size();
    List<Element> out = new ArrayList<>();
    switch (group.kind()) {
      case SCALE -> out.add(new Element("", new int[][] {{1}}));
      case GL -> {
        for (int i = 0; i < k; i++) {
          for (int j = 0; j < k; j++) {
            out.add(unit(k, i, j, e(i, j)));
          }
        }
      }
      case SL -> {
        for (int i = 0; i < k; i++) {
          for (int j = 0; j < k; j++) {
            if (i != j) {
              out.add(unit(k, i, j, e(i, j)));
            }
          }
        }
        for (int i = 0; i + 1 < k; i++) {
          int[][] m = new int[k][k];
          m[i][i] = 1;
          m[i + 1][i + 1] = -1;
          out.add(new Element(e(i, i) + "-" + e(i + 1, i + 1), m));
        }
      }
      case O, SO -> {
        for (int i = 0; i < k; i++) {
          for (int j = i + 1; j < k; j++) {
            int[][] m = new int[k][k];
            m[i][j] = 1;
            m[j][i] = -1;
            out.add(new Element(e(i, j) + "-E" + (j + 1) + (i + 1), m));
          }
        }
      }
      default -> throw new IllegalStateException(group.toString());
    }
    return out;
  }

  /** {@code E12} for 0-based (0, 1); {@code E(10,11)} once an index has two digits. */
  private static String e(int i, int j) {
    return i < 9 && j < 9 ? "E" + (i + 1) + (j + 1) : "E(" + (i + 1) + "," + (j + 1) + ")";
  }

  private static Element unit(int k, int i, int j, String label) {
    int[][] m = new int[k][k];
    m[i][j] = 1;
    return new Element(label, m);
  }
}
