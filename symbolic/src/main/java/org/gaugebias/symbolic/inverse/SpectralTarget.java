package org.gaugebias.symbolic.inverse;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import org.gaugebias.symbolic.cas.Algebra;
import org.gaugebias.symbolic.cas.CasException;
import org.gaugebias.symbolic.cas.WolframSyntax;
import org.gaugebias.symbolic.compile.Variable;
import org.gaugebias.symbolic.design.Shape;
import org.gaugebias.symbolic.expr.Expr;
import org.gaugebias.symbolic.expr.Exprs;
import org.gaugebias.symbolic.expr.NumericEvaluator;

/**
 * A family-3 target (THEORY.md §4): a function of the singular values {@code sigma} of a matrix
 * predictor W, meaning the bias of the law of W in its entries (quotient variant), written for a
 * symbolic rank {@code r} or for the given one. Every matrix family induces
 * {@code Σ_i f(σ_i) + Σ_{i<j} g(σ_i, σ_j)} (docs/matrix-families.md), so the target is split the
 * same way: {@code f*} is the target at rank 1, {@code g*(x, y)} the target at rank 2 minus
 * {@code f*(x) + f*(y)}; the split is then checked at the requested rank.
 *
 * @param concrete the target at the requested rank, in {@code sigma$1 … sigma$r} and T
 * @param single f* in {@code sigma$i}
 * @param pair g* in {@code sigma$i}, {@code sigma$j}
 */
public record SpectralTarget(Target concrete, Expr single, Expr pair) {
  /** The name of the singular values in a target. */
  public static final String SIGMA = "sigma";
  /** The rank's name in a target written for every size. */
  public static final String RANK = "r";
  static final String I = "i";
  static final String J = "j";

  /** Whether a target is written in the singular values (and not in {@code variable}). */
  public static boolean isSpectral(String source, String variable) {
    if (variable.equals(SIGMA)) {
      return true;
    }
    try {
      Set<String> s = Exprs.symbols(WolframSyntax.parse(source));
      return s.contains(SIGMA) && !s.contains(variable);
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** The rank r: number of singular values. */
  public int rank() {
    return concrete.dimension();
  }

  /** The symbol standing for σ_i (index {@code i}) in f* and g*. */
  static String indexed(String index) {
    return Variable.of(SIGMA, Shape.vector(2)).indexedBy(index);
  }

  /** Parses and splits a target for rank {@code rank} (at least 2). */
  static SpectralTarget of(Algebra cas, String source, int rank, String temperature) {
    if (rank < 2) {
      throw new InverseDesignException(InverseDesignException.Kind.NOT_A_FUNCTION, "a"
          + " singular-value target needs rank r ≥ 2 (--dimension), so that its pair terms"
          + " g(σ_i, σ_j) are seen");
    }
    Expr parsed = WolframSyntax.parse(source);
    Expr atRank = atRank(cas, parsed, rank, temperature, true);
    Variable one = Variable.of(SIGMA, Shape.vector(1));
    Variable two = Variable.of(SIGMA, Shape.vector(2));
    String si = indexed(I);
    String sj = indexed(J);
    Expr f;
    Expr g;
    try {
      f = Exprs.substitute(atRank(cas, parsed, 1, temperature, false),
          Map.of(one.symbols().get(0), new Expr.Sym(si)));
      Expr two0 = Exprs.substitute(atRank(cas, parsed, 2, temperature, false),
          Map.of(two.symbols().get(0), new Expr.Sym(si), two.symbols().get(1), new Expr.Sym(sj)));
      g = cas.simplify(Expr.add(two0, Expr.mul(Expr.integer(-1), f),
          Expr.mul(Expr.integer(-1), Exprs.substitute(f, Map.of(si, new Expr.Sym(sj))))));
    } catch (InverseDesignException | CasException e) {
      throw notAFold(source, "it cannot be evaluated at ranks 1 and 2 (" + e.getMessage()
          + "); write it for a symbolic rank r, e.g. with Total[...] and Sum[..., {i, 1, r},"
          + " {j, i + 1, r}]");
    }
    Target t = new Target(atRank, SIGMA, rank, temperature, Optional.empty(), source);
    SpectralTarget st = new SpectralTarget(t, f, g);
    double off = st.foldError();
    if (!(off < 1e-9)) {
      throw notAFold(source, "at rank " + rank + " it differs from Σ_i f*(σ_i) + Σ_{i<j}"
          + " g*(σ_i, σ_j) (f* the target at rank 1, g* the rest at rank 2) by up to " + off
          + ", so no matrix family reaches it");
    }
    return st;
  }

  private static InverseDesignException notAFold(String source, String why) {
    return new InverseDesignException(InverseDesignException.Kind.UNREACHABLE, "the"
        + " singular-value target " + source + " is not of the form Σ_i f(σ_i) + Σ_{i<j}"
        + " g(σ_i, σ_j) that every matrix family induces: " + why);
  }

  /** The target with {@code sigma} the list of k symbols and {@code r} = k, evaluated. */
  private static Expr atRank(Algebra cas, Expr parsed, int k, String temperature,
      boolean userRank) {
    Variable v = Variable.of(SIGMA, Shape.vector(k));
    Expr value = cas.evaluate(Exprs.substitute(parsed, Map.of(SIGMA, v.value(), RANK,
        Expr.integer(k))));
    if (value instanceof Expr.Vec) {
      throw new InverseDesignException(InverseDesignException.Kind.NOT_A_FUNCTION, "the target"
          + " must be a scalar (a regulariser), but evaluates to a list; use Total[...]");
    }
    Set<String> allowed = new LinkedHashSet<>(v.symbols());
    allowed.add(temperature);
    for (String s : Exprs.symbols(value)) {
      if (!allowed.contains(s)) {
        throw new InverseDesignException(InverseDesignException.Kind.NOT_A_FUNCTION,
            "the target is not a function of the singular values '" + SIGMA + "' (and "
                + temperature + ") at rank " + k + ": it contains '" + s + "'"
                + (userRank ? "; give other constants numeric values" : ""));
      }
    }
    return value;
  }

  /** Largest |R*(σ) − Σ f* − Σ g*| at random points of the requested rank, T = 1 and 0.7. */
  double foldError() {
    SplittableRandom rng = new SplittableRandom(0x73766cL);
    double worst = 0;
    for (double temp : new double[] {1.0, 0.7}) {
      for (int k = 0; k < 4; k++) {
        double[] s = randomValues(rng, rank());
        Map<String, Double> env = env(s, temp);
        double direct = NumericEvaluator.eval(concrete.expr(), env);
        worst = Math.max(worst, Math.abs(direct - fold(single, pair, s, temp)));
      }
    }
    return worst;
  }

  /** Σ_i f(s_i) + Σ_{i<j} g(s_i, s_j) for f, g in {@code sigma$i}, {@code sigma$j} and T. */
  double fold(Expr f, Expr g, double[] s, double temp) {
    double total = 0;
    for (int i = 0; i < s.length; i++) {
      total += NumericEvaluator.eval(f, Map.of(indexed(I), s[i], concrete.temperature(), temp));
      for (int j = i + 1; j < s.length; j++) {
        total += NumericEvaluator.eval(g, Map.of(indexed(I), s[i], indexed(J), s[j],
            concrete.temperature(), temp));
      }
    }
    return total;
  }

  /** σ_1 … σ_r and T as an evaluation environment. */
  Map<String, Double> env(double[] s, double temp) {
    Map<String, Double> env = new HashMap<>();
    List<String> names = concrete.components();
    for (int i = 0; i < s.length; i++) {
      env.put(names.get(i), s[i]);
    }
    env.put(concrete.temperature(), temp);
    return env;
  }

  /** Distinct positive values in (0.3, 2.8): where every family's action is free. */
  static double[] randomValues(SplittableRandom rng, int r) {
    double[] s = new double[r];
    for (int i = 0; i < r; i++) {
      s[i] = 0.3 + 2.5 * rng.nextDouble();
    }
    return s;
  }
}
