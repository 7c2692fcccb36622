package org.gaugebias.symbolic.derive;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.gaugebias.symbolic.expr.Expr;
import org.gaugebias.symbolic.expr.Exprs;

/**
 * A Gram matrix M = V Vᵀ recognised from the columns of V as a rank-one update of a diagonal
 * matrix, M = D + a aᵀ (THEORY.md §3: the ReLU unit's P = v²I + wwᵀ at the balanced point).
 * Columns with one non-zero entry c_i add c_i² to D_ii; exactly one column a has several.
 * Read off the structure of V, so no entry of M is compared or simplified by the CAS. Then
 * log det M = Σ log D_ii + log(1 + Σ a_i²/D_ii) (matrix determinant lemma).
 */
record RankOneGram(List<Expr> diagonal, List<Expr> update) {
  RankOneGram {
    diagonal = List.copyOf(diagonal);
    update = List.copyOf(update);
  }

  /** D and a with {@code rules} substituted (at the representative θ̃(β)). */
  RankOneGram at(java.util.Map<String, ? extends Expr> rules) {
    return new RankOneGram(diagonal.stream().map(e -> Exprs.substitute(e, rules)).toList(),
        update.stream().map(e -> Exprs.substitute(e, rules)).toList());
  }

  /** The structure of Σ_j c_j c_jᵀ over the columns c_j of {@code vectors}, if it has it. */
  static Optional<RankOneGram> of(List<List<Expr>> vectors) {
    int k = vectors.size();
    if (k < 2) {
      return Optional.empty();
    }
    List<List<Expr>> squares = new ArrayList<>();
    for (int i = 0; i < k; i++) {
      squares.add(new ArrayList<>());
    }
    List<Expr> update = null;
    for (int j = 0; j < vectors.get(0).size(); j++) {
      List<Integer> nonZero = new ArrayList<>();
      for (int i = 0; i < k; i++) {
        if (!Exprs.isZero(vectors.get(i).get(j))) {
          nonZero.add(i);
        }
      }
      if (nonZero.size() == 1) {
        Expr c = vectors.get(nonZero.get(0)).get(j);
        squares.get(nonZero.get(0)).add(Expr.pow(c, Expr.integer(2)));
      } else if (nonZero.size() > 1) {
        if (update != null) {
          return Optional.empty(); // two dense columns: rank two or more
        }
        List<Expr> a = new ArrayList<>();
        for (List<Expr> v : vectors) {
          a.add(v.get(j));
        }
        update = a;
      }
    }
    if (update == null || squares.stream().anyMatch(List::isEmpty)) {
      return Optional.empty(); // purely diagonal (the block split handles it) or D singular
    }
    List<Expr> diagonal = new ArrayList<>();
    for (List<Expr> s : squares) {
      diagonal.add(s.size() == 1 ? s.get(0) : new Expr.Add(s));
    }
    return Optional.of(new RankOneGram(diagonal, update));
  }
}
