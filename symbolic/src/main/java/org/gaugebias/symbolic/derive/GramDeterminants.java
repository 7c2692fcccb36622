package org.gaugebias.symbolic.derive;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gaugebias.symbolic.cas.Algebra;
import org.gaugebias.symbolic.cas.CasException;
import org.gaugebias.symbolic.expr.Expr;
import org.gaugebias.symbolic.expr.Exprs;
import org.gaugebias.symbolic.expr.NumericEvaluator;
import org.gaugebias.symbolic.expr.NumericFunctions;

/**
 * The simplified log-(pseudo-)determinant of a Gram matrix at the representative.
 *
 * <p>The matrix is split into the blocks of its zero pattern (diagonal designs give 1×1 blocks,
 * so nothing big is ever expanded: SYMJA-NOTES §2 shows Symja's 4×4 symbolic {@code Det} going
 * wrong); each block's determinant (or, for a rank-deficient block, the sum of its principal
 * minors of the rank's order: the pseudo-determinant) is factored, its logarithm expanded, and
 * each logarithm of a sign-changing expression of β gets an absolute value (see
 * {@link Branches}). Every rewrite is accepted only if it agrees numerically on the samples.
 */
final class GramDeterminants {
  private GramDeterminants() {
  }

  static Expr logDet(Algebra cas, RepresentativeSolver solver, List<List<Expr>> m, int rank,
      Set<String> beta, List<Map<String, Double>> signedBetas) {
    List<List<Integer>> blocks = blocks(m);
    List<Expr> logs = new ArrayList<>();
    int remaining = rank;
    for (List<Integer> block : blocks) {
      List<List<Expr>> sub = subMatrix(m, block);
      if (sub.stream().allMatch(r -> r.stream().allMatch(Exprs::isZero))) {
        continue; // a zero block contributes only zero eigenvalues
      }
      int blockRank = Math.min(remaining, blockRank(sub, solver));
      remaining -= blockRank;
      Expr det = blockRank == block.size() ? commonFactorDet(sub).orElseGet(() -> cas.det(sub))
          : cas.principalMinorSum(sub, blockRank);
      logs.add(logOf(cas, solver, det));
    }
    return finish(cas, solver, logs, beta, signedBetas);
  }

  /**
   * log det(D + a aᵀ) = Σ log D_ii + log(1 + Σ a_i²/D_ii) (matrix determinant lemma, THEORY.md
   * §3), with {@code m} at the representative: equal diagonal entries are logged once, and only
   * the scalar 1 + aᵀD⁻¹a is simplified, never an entry of the matrix.
   */
  static Expr rankOneLogDet(Algebra cas, RepresentativeSolver solver, RankOneGram m,
      Set<String> beta, List<Map<String, Double>> signedBetas) {
    Map<Expr, Integer> counts = new java.util.LinkedHashMap<>();
    List<Expr> d = new ArrayList<>();
    Map<Expr, Expr> tidied = new java.util.HashMap<>();
    for (Expr e : m.diagonal()) {
      Expr t = tidied.computeIfAbsent(e, solver::tidy);
      d.add(t);
      counts.merge(t, 1, Integer::sum);
    }
    List<Expr> logs = new ArrayList<>();
    counts.forEach((entry, n) -> logs.add(n == 1 ? logOf(cas, solver, entry)
        : Expr.mul(Expr.integer(n), logOf(cas, solver, entry))));
    List<Expr> squares = new ArrayList<>();
    for (Expr a : m.update()) {
      squares.add(Expr.pow(a, Expr.integer(2)));
    }
    Expr quadratic;
    if (counts.size() == 1) { // aᵀD⁻¹a = |a|²/d
      Expr collected = QuadraticForm.overScalar(m.update(), d.get(0));
      quadratic = solver.agrees(collected, Expr.mul(new Expr.Add(squares),
          Expr.pow(d.get(0), Expr.integer(-1)))) ? collected
          : Expr.mul(solver.tidy(new Expr.Add(squares)), Expr.pow(d.get(0), Expr.integer(-1)));
    } else {
      List<Expr> ratios = new ArrayList<>();
      for (int i = 0; i < d.size(); i++) {
        ratios.add(Expr.mul(squares.get(i), Expr.pow(d.get(i), Expr.integer(-1))));
      }
      quadratic = new Expr.Add(ratios);
    }
    logs.add(logOf(cas, solver, Expr.add(Expr.integer(1), quadratic)));
    return finish(cas, solver, logs, beta, signedBetas);
  }

  /** The sum of the blocks' logarithms, expanded, with absolute values where β changes sign. */
  private static Expr finish(Algebra cas, RepresentativeSolver solver, List<Expr> logs,
      Set<String> beta, List<Map<String, Double>> signedBetas) {
    Expr sum = logs.size() == 1 ? logs.get(0) : new Expr.Add(logs);
    Expr expanded = cas.expand(sum);
    if (!solver.agrees(expanded, sum)) {
      expanded = sum;
    }
    return logOfExp(extendToAllBranches(expanded, beta, signedBetas, solver.functions()));
  }

  /**
   * det M without the CAS when every non-zero entry is a rational times one common factor s
   * (a depth-k product's Gram at θ̃: entries c_ab·|β|^{2/k}): det M = s^n det C, with det C
   * exact (fraction-free elimination). Empty for other matrices, or when det C = 0.
   */
  static java.util.Optional<Expr> commonFactorDet(List<List<Expr>> m) {
    int n = m.size();
    if (n < 2) {
      return java.util.Optional.empty();
    }
    Expr common = null;
    org.hipparchus.fraction.BigFraction[][] c = new org.hipparchus.fraction.BigFraction[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        Expr e = m.get(i).get(j);
        if (Exprs.isZero(e)) {
          c[i][j] = org.hipparchus.fraction.BigFraction.ZERO;
          continue;
        }
        Expr.Num coefficient = Expr.rational(1, 1);
        Expr rest = e;
        if (e instanceof Expr.Mul mul && mul.factors().get(0) instanceof Expr.Num k) {
          coefficient = k;
          List<Expr> others = mul.factors().subList(1, mul.factors().size());
          rest = others.size() == 1 ? others.get(0) : new Expr.Mul(others);
        } else if (e instanceof Expr.Num k) {
          coefficient = k;
          rest = Expr.integer(1);
        }
        if (Exprs.symbols(rest).isEmpty() && !(rest instanceof Expr.Num)) {
          return java.util.Optional.empty(); // a constant like Sqrt[2]: not a rational
        }
        if (common == null) {
          common = rest;
        } else if (!common.equals(rest)) {
          return java.util.Optional.empty();
        }
        c[i][j] = new org.hipparchus.fraction.BigFraction(coefficient.num(), coefficient.den());
      }
    }
    if (common == null) {
      return java.util.Optional.empty();
    }
    org.hipparchus.fraction.BigFraction det = org.gaugebias.symbolic.derive.structure
        .ConstantOperator.exactDeterminant(c);
    if (det.signum() == 0) {
      return java.util.Optional.empty();
    }
    Expr d = new Expr.Num(det.getNumerator(), det.getDenominator());
    return java.util.Optional.of(common.equals(Expr.integer(1)) ? d
        : Expr.mul(d, Expr.pow(common, Expr.integer(n))));
  }

  /** {@code log e^x = log|e^x| = x} for real x. */
  private static Expr logOfExp(Expr e) {
    return Exprs.map(e, x -> {
      if (x instanceof Expr.Fn f && f.head().equals("Log") && f.args().size() == 1) {
        Expr arg = Branches.isAbs(f.args().get(0)) ? ((Expr.Fn) f.args().get(0)).args().get(0)
            : f.args().get(0);
        if (arg instanceof Expr.Pow p && p.base().equals(new Expr.Sym("E"))) {
          return p.exponent();
        }
      }
      return null;
    });
  }

  private static Expr logOf(Algebra cas, RepresentativeSolver solver, Expr det) {
    Expr d = solver.tidy(det);
    try {
      Expr f = cas.factor(d);
      if (solver.agrees(f, d)) {
        d = f;
      }
    } catch (CasException ignored) {
      // keep the tidied form
    }
    if (d instanceof Expr.Mul m) {
      Expr split = logOfProduct(m);
      if (solver.agrees(split, Expr.log(d))) {
        return split;
      }
    }
    Expr log = Expr.log(d);
    try {
      Expr expanded = cas.powerExpand(log);
      if (solver.agrees(expanded, log)) {
        return expanded;
      }
    } catch (CasException ignored) {
      // keep Log[det]
    }
    return log;
  }

  /**
   * {@code log Π c f_i^k_i = log|c| + Σ k_i log|f_i|}: valid wherever the product is positive,
   * as a Gram determinant is; the absolute values that are not needed are removed later.
   */
  private static Expr logOfProduct(Expr.Mul m) {
    List<Expr> terms = new ArrayList<>();
    for (Expr f : m.factors()) {
      if (f instanceof Expr.Num n) {
        terms.add(Expr.log(new Expr.Num(n.num().abs(), n.den())));
      } else if (f instanceof Expr.Pow p && p.exponent() instanceof Expr.Num k) {
        terms.add(Expr.mul(k, Expr.log(Expr.fn("Abs", p.base()))));
      } else {
        terms.add(Expr.log(Expr.fn("Abs", f)));
      }
    }
    return new Expr.Add(terms);
  }

  /** {@code Log[g] → Log[Abs[g]]} for every g that changes sign over the predictor's range. */
  private static Expr extendToAllBranches(Expr e, Set<String> beta,
      List<Map<String, Double>> points, NumericFunctions fns) {
    return Exprs.map(e, x -> {
      if (!(x instanceof Expr.Fn f && f.head().equals("Log") && f.args().size() == 1)) {
        return null;
      }
      Expr arg = f.args().get(0);
      Expr inner = Branches.isAbs(arg) ? ((Expr.Fn) arg).args().get(0) : arg;
      if (inner.isFreeOf(beta)) {
        return Branches.isAbs(arg) ? Expr.log(inner) : null;
      }
      return positiveEverywhere(inner, points, fns) ? Expr.log(inner)
          : Expr.log(Expr.fn("Abs", Branches.leadingPositive(inner)));
    });
  }

  static boolean positiveEverywhere(Expr g, List<Map<String, Double>> points) {
    return positiveEverywhere(g, points, NumericFunctions.NONE);
  }

  static boolean positiveEverywhere(Expr g, List<Map<String, Double>> points,
      NumericFunctions fns) {
    for (Map<String, Double> pt : points) {
      try {
        if (!(NumericEvaluator.eval(g, pt, fns) > 0)) {
          return false;
        }
      } catch (RuntimeException e) {
        return false;
      }
    }
    return true;
  }

  private static int blockRank(List<List<Expr>> sub, RepresentativeSolver solver) {
    return solver.numericRank(sub);
  }

  /** Connected components of the non-zero pattern (symmetric matrix). */
  static List<List<Integer>> blocks(List<List<Expr>> m) {
    int n = m.size();
    int[] comp = new int[n];
    java.util.Arrays.fill(comp, -1);
    List<List<Integer>> out = new ArrayList<>();
    for (int s = 0; s < n; s++) {
      if (comp[s] >= 0) {
        continue;
      }
      List<Integer> block = new ArrayList<>();
      java.util.ArrayDeque<Integer> todo = new java.util.ArrayDeque<>();
      todo.add(s);
      comp[s] = out.size();
      while (!todo.isEmpty()) {
        int i = todo.poll();
        block.add(i);
        for (int j = 0; j < n; j++) {
          if (comp[j] < 0 && (!Exprs.isZero(m.get(i).get(j)) || !Exprs.isZero(m.get(j).get(i)))) {
            comp[j] = out.size();
            todo.add(j);
          }
        }
      }
      java.util.Collections.sort(block);
      out.add(block);
    }
    return out;
  }

  private static List<List<Expr>> subMatrix(List<List<Expr>> m, List<Integer> idx) {
    List<List<Expr>> out = new ArrayList<>();
    for (int i : idx) {
      List<Expr> row = new ArrayList<>();
      for (int j : idx) {
        row.add(m.get(i).get(j));
      }
      out.add(row);
    }
    return out;
  }
}
