package org.gaugebias.symbolic.expr;

import java.util.List;
import java.util.Map;
import org.hipparchus.special.Erf;

/**
 * Evaluates an {@link Expr} in double precision by walking the tree. Used for the engine's
 * numeric cross-checks and for {@code eval}; hot simulation loops compile expressions instead
 * (numeric module). Unknown functions and unbound symbols are errors, never silent zeros.
 */
public final class NumericEvaluator {
  private NumericEvaluator() {
  }

  /** The entries of a constant matrix in double precision (exact zeros kept as 0). */
  public static double[][] matrix(List<List<Expr>> m) {
    double[][] v = new double[m.size()][];
    for (int i = 0; i < m.size(); i++) {
      v[i] = new double[m.get(i).size()];
      for (int j = 0; j < v[i].length; j++) {
        Expr e = m.get(i).get(j);
        v[i][j] = Exprs.isZero(e) ? 0 : eval(e, Map.of());
      }
    }
    return v;
  }

  /** Evaluates {@code e} with the symbol values in {@code env}. */
  public static double eval(Expr e, Map<String, Double> env) {
    return eval(e, env, NumericFunctions.NONE);
  }

  /**
   * Evaluates {@code e} with the symbol values in {@code env} and the functions in {@code fns}
   * (tabulated functions, their derivatives and inverses) besides the built-ins.
   */
  public static double eval(Expr e, Map<String, Double> env, NumericFunctions fns) {
    if (e instanceof Expr.Num n) {
      return n.doubleValue();
    } else if (e instanceof Expr.Real r) {
      return r.value();
    } else if (e instanceof Expr.Sym s) {
      return symbol(s.name(), env);
    } else if (e instanceof Expr.Add a) {
      double sum = 0;
      for (Expr t : a.terms()) {
        sum += eval(t, env, fns);
      }
      return sum;
    } else if (e instanceof Expr.Mul m) {
      double prod = 1;
      for (Expr t : m.factors()) {
        prod *= eval(t, env, fns);
      }
      return prod;
    } else if (e instanceof Expr.Pow p) {
      return power(p, env, fns);
    } else if (e instanceof Expr.Fn f) {
      return function(f, env, fns);
    }
    throw new IllegalArgumentException("a list has no single numeric value: " + e.toWolfram());
  }

  private static double symbol(String name, Map<String, Double> env) {
    Double v = env.get(name);
    if (v != null) {
      return v;
    }
    if (name.equals("Pi")) {
      return Math.PI;
    }
    if (name.equals("E")) {
      return Math.E;
    }
    throw new IllegalArgumentException("no value for symbol " + name);
  }

  private static double power(Expr.Pow p, Map<String, Double> env, NumericFunctions fns) {
    if (p.base() instanceof Expr.Sym s && s.name().equals("E") && !env.containsKey("E")) {
      return Math.exp(eval(p.exponent(), env, fns));
    }
    double b = eval(p.base(), env, fns);
    if (p.exponent() instanceof Expr.Num n) {
      if (n.isInteger() && n.num().bitLength() < 31) {
        // the intrinsic (< 1 ulp): FastMath's exact products took a third of the caller's time
        // in a depth-8 derivation (its numeric representative and checks)
        return Math.pow(b, n.num().intValue());
      }
      if (n.den().intValue() == 2 && n.num().intValue() == 1) {
        return Math.sqrt(b);
      }
      // odd roots of negative numbers: Wolfram's principal root is complex, so refuse
      return Math.pow(b, n.doubleValue());
    }
    return Math.pow(b, eval(p.exponent(), env, fns));
  }

  private static double function(Expr.Fn f, Map<String, Double> env,
      NumericFunctions fns) {
    List<Expr> a = f.args();
    double x = a.isEmpty() ? Double.NaN : eval(a.get(0), env, fns);
    if (a.size() == 1 && fns.handles(f.head())) {
      return fns.apply(f.head(), x);
    }
    switch (f.head()) {
      case "Log":
        return a.size() == 2 ? Math.log(eval(a.get(1), env, fns)) / Math.log(x) : Math.log(x);
      case "Abs":
        return Math.abs(x);
      case "Sign":
        return Math.signum(x);
      case "Sqrt":
        return Math.sqrt(x);
      case "Exp":
        return Math.exp(x);
      case "Sin":
        return Math.sin(x);
      case "Cos":
        return Math.cos(x);
      case "Tan":
        return Math.tan(x);
      case "Cot":
        return 1 / Math.tan(x);
      case "Sec":
        return 1 / Math.cos(x);
      case "Csc":
        return 1 / Math.sin(x);
      case "Tanh":
        return Math.tanh(x);
      case "Sinh":
        return Math.sinh(x);
      case "Cosh":
        return Math.cosh(x);
      case "ArcSin":
        return Math.asin(x);
      case "ArcCos":
        return Math.acos(x);
      case "ArcTan":
        return a.size() == 2 ? Math.atan2(eval(a.get(1), env, fns), x) : Math.atan(x);
      case "Erf":
        return Erf.erf(x);
      case "InverseErf":
        return Erf.erfInv(x);
      case "Max":
        return a.stream().mapToDouble(t -> eval(t, env, fns)).max().orElseThrow();
      case "Min":
        return a.stream().mapToDouble(t -> eval(t, env, fns)).min().orElseThrow();
      default:
        throw new IllegalArgumentException("no numeric rule for " + f.head());
    }
  }
}
