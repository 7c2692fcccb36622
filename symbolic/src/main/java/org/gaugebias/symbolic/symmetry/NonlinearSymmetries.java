package org.gaugebias.symbolic.symmetry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.gaugebias.symbolic.cas.Algebra;
import org.gaugebias.symbolic.cas.SymjaSession;
import org.gaugebias.symbolic.compile.Component;
import org.gaugebias.symbolic.expr.Expr;
import org.gaugebias.symbolic.expr.Exprs;
import org.gaugebias.symbolic.expr.NumericEvaluator;
import org.gaugebias.symbolic.expr.NumericFunctions;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.SingularValueDecomposition;

/**
 * Non-linear symmetries (THEORY.md §1, §6): vector fields spanning ker J_f at generic points,
 * for predictors whose linear symmetries do not fill the fibres (β = u + v³ has none; its
 * fibres are the curves u = β − v³, spanned by ξ = (3v², −1)). The kernel is computed over the
 * rational functions in θ (Symja's NullSpace), each field is cleared of denominators and common
 * factors, and the brackets between fields are reported.
 *
 * <p>A field can be rescaled by any function of β, which changes the orbit variant by more than
 * a constant: only the quotient variant, on a declared slice, is meaningful with them
 * (THEORY.md §3); {@link #gaugeSuggestion} proposes a coordinate slice transverse to them.
 */
public final class NonlinearSymmetries {
  private static final Duration LIMIT = Duration.ofSeconds(30);

  /** A bracket [ξ_a, ξ_b] (indices from 1). */
  public record Bracket(int a, int b, List<Expr> value) {
    public Bracket {
      value = List.copyOf(value);
    }
  }

  /**
   * @param fields the kernel fields ξ_a(θ), polynomial or rational, one entry per θ
   * @param brackets their pairwise brackets
   * @param gauge a gauge that is transverse to them, in design-file syntax
   */
  public record Result(List<List<Expr>> fields, List<Bracket> brackets, List<String> gauge) {
    public Result {
      fields = List.copyOf(fields);
      brackets = List.copyOf(brackets);
      gauge = List.copyOf(gauge);
    }
  }

  private NonlinearSymmetries() {
  }

  /** Kernel fields, their brackets and a transverse coordinate gauge. */
  public static Result of(SymjaSession cas, List<List<Expr>> jacobian,
      List<Component> components, NumericFunctions fns) {
    List<String> theta = components.stream().map(Component::symbol).toList();
    List<List<Expr>> fields = kernelFields(cas, jacobian, theta);
    List<Bracket> brackets = new ArrayList<>();
    for (int a = 0; a < fields.size(); a++) {
      for (int b = a + 1; b < fields.size(); b++) {
        brackets.add(new Bracket(a + 1, b + 1, bracket(cas, fields.get(a), fields.get(b),
            theta)));
      }
    }
    return new Result(fields, brackets, gaugeSuggestion(fields, components, fns));
  }

  /** A basis of ker J_f over Q(θ), each field polynomial where the kernel allows. */
  public static List<List<Expr>> kernelFields(SymjaSession cas, List<List<Expr>> jacobian,
      List<String> theta) {
    Algebra algebra = new Algebra(cas, LIMIT);
    Expr kernel = algebra.nullSpace(jacobian);
    List<List<Expr>> out = new ArrayList<>();
    for (Expr v : Exprs.items(kernel)) {
      // clear denominators, then divide by the content
      Expr cleared = algebra.primitive(v);
      List<Expr> field = Exprs.items(cleared);
      if (field.size() != theta.size()) {
        field = Exprs.items(v);
      }
      out.add(field);
    }
    return out;
  }

  static List<Expr> bracket(SymjaSession cas, List<Expr> x, List<Expr> y, List<String> theta) {
    return Exprs.items(new Algebra(cas, LIMIT).lieBracket(x, y, theta));
  }

  /**
   * Coordinates θ_S, as many as there are fields, whose block of the fields is invertible at a
   * random point with θ_S = 0 (then 'θ_S = 0' is a transverse slice); θ_S = 1 otherwise.
   */
  public static List<String> gaugeSuggestion(List<List<Expr>> fields,
      List<Component> theta, NumericFunctions fns) {
    int k = fields.size();
    int d = theta.size();
    SplittableRandom rng = new SplittableRandom(17);
    for (double at : new double[] {0, 1}) {
      Map<String, Double> env = new HashMap<>();
      for (Component t : theta) {
        env.put(t.symbol(), 0.5 + rng.nextDouble());
      }
      for (int[] set : subsets(d, k)) {
        Map<String, Double> e = new HashMap<>(env);
        for (int i : set) {
          e.put(theta.get(i).symbol(), at);
        }
        RealMatrix block = new Array2DRowRealMatrix(k, k);
        boolean finite = true;
        for (int a = 0; a < k; a++) {
          for (int i = 0; i < k; i++) {
            double v = NumericEvaluator.eval(fields.get(a).get(set[i]), e, fns);
            finite &= Double.isFinite(v);
            block.setEntry(a, i, finite ? v : 0);
          }
        }
        double[] sv = new SingularValueDecomposition(block).getSingularValues();
        if (finite && sv[sv.length - 1] > 1e-8 * Math.max(1, sv[0])) {
          List<String> out = new ArrayList<>();
          for (int i : set) {
            out.add(theta.get(i).designSyntax() + (at == 0 ? "" : " - 1"));
          }
          return out;
        }
      }
    }
    return List.of();
  }

  /** k-subsets of {0..d−1}, the last coordinates first (as the canonical representative does). */
  private static List<int[]> subsets(int d, int k) {
    List<int[]> out = new ArrayList<>();
    collect(d - 1, k, new int[k], 0, out);
    return out;
  }

  private static void collect(int from, int k, int[] cur, int n, List<int[]> out) {
    if (n == k) {
      out.add(cur.clone());
      return;
    }
    for (int i = from; i >= k - n - 1 && out.size() < 2000; i--) {
      cur[n] = i;
      collect(i - 1, k, cur, n + 1, out);
    }
  }
}
