package org.gaugebias.symbolic.design;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.gaugebias.symbolic.expr.Expr;

/**
 * A declared group action, or a family of them: how an element of a matrix group (or a positive
 * scale) moves the parameters. The engine differentiates it at the identity to get one
 * fundamental vector field per basis element of the Lie algebra (THEORY.md §1–2).
 *
 * @param label optional name shown in the derivation (e.g. {@code gl})
 * @param group the group and its size
 * @param element the symbol standing for the group element in {@link #acts()}
 * @param indices the index ranges of a family (one action per value), in the order written
 * @param acts what each moved parameter, or part of one ({@code W[[j]]}), becomes, in file order
 * @param pos where the action's entry starts
 */
public record ActionDecl(Optional<String> label, Group group, String element,
    List<IndexRange> indices, List<Acted> acts, SourcePos pos) {

  /** The groups an action may declare. */
  public enum GroupKind {
    /** Invertible k×k matrices; basis E_ij. */
    GL,
    /** Determinant one; basis E_ij (i ≠ j) and E_ii − E_{i+1,i+1}. */
    SL,
    /** Orthogonal matrices; basis E_ij − E_ji (i &lt; j). */
    O,
    /** Rotations; the same algebra as O. */
    SO,
    /** Positive scalars R_{&gt;0}; one generator. */
    SCALE
  }

  /**
   * A group: its kind and matrix size (1 for {@code scale}).
   *
   * @param kind which group
   * @param size k for GL k, SL k, O k, SO k; 1 for scale
   */
  public record Group(GroupKind kind, int size) {
    public Group {
      Objects.requireNonNull(kind, "kind");
      if (size < 1 || kind == GroupKind.SCALE && size != 1) {
        throw new IllegalArgumentException("bad group size " + size + " for " + kind);
      }
    }

    /** The design-file spelling: {@code GL 2}, {@code scale}. */
    @Override
    public String toString() {
      return kind == GroupKind.SCALE ? "scale" : kind + " " + size;
    }
  }

  /**
   * One entry of {@code acts}: a parameter, or a part of one, and its image under the element.
   *
   * @param parameter the parameter moved
   * @param part the part's indices as written ({@code [[j]]}: one index expression); empty for
   *     the whole parameter
   * @param image the new value, in the parameters, constants, element and indices
   * @param pos where the entry's key is
   */
  public record Acted(String parameter, List<Expr> part, Located<Expr> image, SourcePos pos) {
    public Acted {
      Objects.requireNonNull(parameter, "parameter");
      part = List.copyOf(part);
      Objects.requireNonNull(image, "image");
      Objects.requireNonNull(pos, "pos");
    }
  }

  public ActionDecl {
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(element, "element");
    indices = List.copyOf(indices);
    acts = List.copyOf(acts);
    Objects.requireNonNull(pos, "pos");
  }

  /**
   * Every assignment of the indices, the first index varying slowest (the order in which the
   * actions' generators enter Ξ). One empty assignment when there are no indices.
   */
  public List<Map<String, Integer>> indexValues() {
    return IndexRange.assignments(indices);
  }
}
