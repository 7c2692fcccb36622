package org.gaugebias.symbolic.inverse;

import java.util.ArrayList;
import java.util.List;
import org.gaugebias.symbolic.design.Shape;
import org.gaugebias.symbolic.expr.Expr;

/**
 * One matrix family of the family-3 search (THEORY.md §3–4, docs/matrix-families.md): a product
 * of {@code depth} factors with r columns, W = W_L ⋯ W_1 (square, r×r) for depth ≥ 3, or
 * W = U Vᵀ with U (r + extraRows)×r and V r×r for depth 2, or the symmetric W = U Uᵀ with U
 * (r + extraRows)×r. The search does not know what each induces: it derives it.
 *
 * @param id short name, used in messages and in the probe designs' ids
 * @param depth number of factors L
 * @param extraRows rows of the first factor beyond r (a tall factor: W has r + extraRows rows)
 * @param symmetric W = U Uᵀ
 */
record MatrixFamily(String id, int depth, int extraRows, boolean symmetric) {

  /** The families searched, in order: square products by depth, then the other shapes. */
  static List<MatrixFamily> searched() {
    return List.of(
        new MatrixFamily("uv", 2, 0, false),
        new MatrixFamily("deep-3", 3, 0, false),
        new MatrixFamily("deep-4", 4, 0, false),
        new MatrixFamily("uv-tall-1", 2, 1, false),
        new MatrixFamily("uv-tall-2", 2, 2, false),
        new MatrixFamily("uu", 2, 0, true),
        new MatrixFamily("uu-tall-1", 2, 1, true));
  }

  /** What the family is, for people. */
  String describe() {
    String rows = extraRows == 0 ? "r" : "(r+" + extraRows + ")";
    if (symmetric) {
      return "W = U Uᵀ, U " + rows + "×r (symmetric W)";
    }
    if (depth == 2) {
      return "W = U Vᵀ, U " + rows + "×r, V r×r" + (extraRows == 0 ? " (square factors)" : "");
    }
    StringBuilder w = new StringBuilder("W =");
    for (int l = depth; l >= 1; l--) {
      w.append(" W").append(l);
    }
    return w + ", " + depth + " square r×r factors";
  }

  private List<String> factorNames() {
    if (symmetric) {
      return List.of("U");
    }
    if (depth == 2) {
      return List.of("V", "U");
    }
    List<String> names = new ArrayList<>();
    for (int l = 1; l <= depth; l++) {
      names.add("W" + l);
    }
    return names;
  }

  /** The design at rank r: parameters, then the predictor W as their product. */
  DesignSpec spec(int r) {
    List<DesignSpec.Parameter> params = new ArrayList<>();
    Expr predictor;
    if (symmetric || depth == 2) {
      params.add(new DesignSpec.Parameter("U", Shape.matrix(r + extraRows, r)));
      if (!symmetric) {
        params.add(new DesignSpec.Parameter("V", Shape.matrix(r, r)));
      }
      Expr u = new Expr.Sym("U");
      Expr other = symmetric ? u : new Expr.Sym("V");
      predictor = Expr.fn("Dot", u, Expr.fn("Transpose", other));
    } else {
      List<String> names = factorNames();
      for (int l = depth; l >= 1; l--) {
        params.add(new DesignSpec.Parameter(names.get(l - 1), Shape.matrix(r, r)));
      }
      predictor = new Expr.Sym(names.get(0));
      for (int l = 2; l <= depth; l++) {
        predictor = Expr.fn("Dot", new Expr.Sym(names.get(l - 1)), predictor);
      }
    }
    return new DesignSpec(List.of(), params, List.of(), List.of(), "W",
        new DesignSpec.Written(predictor, false));
  }
}
