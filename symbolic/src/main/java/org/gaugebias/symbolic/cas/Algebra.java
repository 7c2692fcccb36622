package org.gaugebias.symbolic.cas;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.gaugebias.symbolic.expr.Expr;
import org.gaugebias.symbolic.expr.Exprs;

/**
 * Typed symbolic operations, the only door to the CAS for the rest of the engine: callers pass
 * our {@link Expr} values and symbol names, this class writes the Wolfram code and the
 * {@link SymjaSession} runs it. Every call has a time limit; a failure comes back as a
 * {@link CasException}, never as a silently unevaluated result where an answer is required.
 */
public final class Algebra {
  private static final Duration SHORT = Duration.ofSeconds(20);
  private final SymjaSession cas;
  private final Duration limit;

  /** Operations with the engine's short time limit (20 s each). */
  public Algebra(SymjaSession cas) {
    this(cas, SHORT);
  }

  /** Operations with the given time limit each. */
  public Algebra(SymjaSession cas, Duration limit) {
    this.cas = cas;
    this.limit = limit;
  }

  /**
   * Answers already given to this instance, by code: a derivation asks the same small questions
   * many times (the tidy rewrites of {@code 2*beta} for each Gram matrix and variant), and each
   * call crosses to the CAS thread. Symja's answer depends on the code alone (no definitions are
   * made through this class), so a repeated call is answered from here. Failures are not kept.
   */
  private final Map<String, Expr> answered = new java.util.HashMap<>();
  private static final int REMEMBERED = 4096;

  private Expr eval(String code) {
    Expr known = answered.get(code);
    if (known != null) {
      return known;
    }
    Expr r = cas.eval(code, limit);
    if (answered.size() < REMEMBERED) {
      answered.put(code, r);
    }
    return r;
  }

  private Expr apply(String head, Expr e) {
    return eval(head + "[" + e.toWolfram() + "]");
  }

  /** {@code Simplify[e, a_1 && a_2 && …]}: simplified under assumptions. */
  public Expr simplify(Expr e, List<Expr> assumptions) {
    if (assumptions.isEmpty()) {
      return simplify(e);
    }
    return eval("Simplify[" + e.toWolfram() + ", " + assumptions.stream().map(Expr::toWolfram)
        .collect(Collectors.joining(" && ")) + "]");
  }

  /** ∂f/∂x. */
  public Expr derivative(Expr f, String x) {
    return eval("D[" + f.toWolfram() + ", " + x + "]");
  }

  /** The gradient (∂f/∂x_1, …, ∂f/∂x_n), as the CAS returns it (a list when it succeeds). */
  public Expr gradient(Expr f, List<String> vars) {
    return eval("D[" + f.toWolfram() + ", {" + names(vars) + "}]");
  }

  /** The matrix of second derivatives ∂²f/∂x_i∂x_j, as the CAS returns it. */
  public Expr hessian(Expr f, List<String> vars) {
    return eval("D[" + f.toWolfram() + ", {" + names(vars) + ", 2}]");
  }

  /** The Jacobian of {@code fs} in {@code vars}, as the CAS returns it (no stray-symbol check). */
  public Expr jacobianOf(List<Expr> fs, List<String> vars) {
    return eval("D[" + list(fs) + ", {" + names(vars) + "}]");
  }

  /** {@code e} in double precision. */
  public double numeric(Expr e) {
    return cas.evalDouble("N[" + e.toWolfram() + "]");
  }

  /** {@code Limit[e, x -> to]}. */
  public Expr limit(Expr e, String x, Expr to) {
    return eval("Limit[" + e.toWolfram() + ", " + x + " -> " + to.toWolfram() + "]");
  }

  /** {@code Solve[lhs == rhs, x]}, the raw list of rule lists. */
  public Expr solve(Expr lhs, Expr rhs, String x) {
    return eval("Solve[" + lhs.toWolfram() + " == " + rhs.toWolfram() + ", " + x + "]");
  }

  /**
   * {@code DSolve[{y'[x] == rhs, y[0] == 0}, y[x], x]}: the first-order initial value problem,
   * the raw list of rule lists.
   */
  public Expr solveInitialValue(String y, String x, Expr rhs) {
    return eval("DSolve[{" + y + "'[" + x + "] == " + rhs.toWolfram() + ", " + y + "[0] == 0}, "
        + y + "[" + x + "], " + x + "]");
  }

  /** The sum of the principal minors of order k of a square matrix. */
  public Expr principalMinorSum(List<List<Expr>> m, int k) {
    return eval("Total[Diagonal[Minors[" + Exprs.matrix(m).toWolfram() + ", " + k + "]]]");
  }

  /** A basis of the null space of {@code m} over the rational functions, as the CAS returns it. */
  public Expr nullSpace(List<List<Expr>> m) {
    return eval("NullSpace[" + Exprs.matrix(m).toWolfram() + "]");
  }

  /**
   * The vector {@code v} of rational functions with its denominators cleared and its content
   * (the GCD of its entries) divided out: a primitive polynomial vector along v.
   */
  public Expr primitive(Expr v) {
    return eval("Module[{gbV = Together[" + v.toWolfram() + "], gbD, gbG}, gbD = Times @@"
        + " Union[Denominator[gbV]]; gbV = Together[gbV*gbD]; gbG = PolynomialGCD @@ gbV;"
        + " Expand[Together[gbV/gbG]]]");
  }

  /**
   * The Lie bracket [x, y] = (∂y/∂θ) x − (∂x/∂θ) y of two vector fields, over a common
   * denominator.
   */
  public Expr lieBracket(List<Expr> x, List<Expr> y, List<String> theta) {
    String vars = "{" + names(theta) + "}";
    String xs = new Expr.Vec(x).toWolfram();
    String ys = new Expr.Vec(y).toWolfram();
    return eval("Together[Expand[D[" + ys + ", " + vars + "]." + xs + " - D[" + xs + ", " + vars
        + "]." + ys + "]]");
  }

  /** The ways {@link #rewrite} may try to tidy an expression. */
  public enum Rewrite {
    SIMPLIFY("Simplify[#]"), POWER_EXPAND("PowerExpand[#]"), TOGETHER("Together[#]"),
    FACTOR("Factor[#]"), POWER_EXPAND_FACTORED("PowerExpand[MapAll[Factor, #]]"),
    SIMPLIFY_POWER_EXPAND_FACTORED("Simplify[PowerExpand[MapAll[Factor, #]]]");

    private final String template;

    Rewrite(String template) {
      this.template = template;
    }
  }

  /** {@code e} rewritten by {@code r}. */
  public Expr rewrite(Rewrite r, Expr e) {
    return eval(r.template.replace("#", e.toWolfram()));
  }

  /**
   * Asks for {@code e} rewritten by each of {@code ops} in one CAS call and remembers the
   * answers, so that the {@link #rewrite} calls that follow are answered without crossing to
   * the CAS thread again. A failure of the combined call is ignored: each rewrite is then asked
   * alone, with its own time limit.
   */
  public void prefetch(List<Rewrite> ops, Expr e) {
    String w = e.toWolfram();
    List<String> codes = ops.stream().map(r -> r.template.replace("#", w))
        .filter(c -> !answered.containsKey(c)).distinct().toList();
    if (codes.size() < 2 || answered.size() + codes.size() > REMEMBERED) {
      return;
    }
    try {
      List<Expr> results = Exprs.items(cas.eval("{" + String.join(", ", codes) + "}", limit));
      if (results.size() == codes.size()
          && results.stream().noneMatch(r -> Exprs.symbols(r).contains("$Aborted"))) {
        for (int i = 0; i < codes.size(); i++) {
          answered.put(codes.get(i), results.get(i));
        }
      }
    } catch (CasException | IllegalArgumentException ignored) {
      // asked one by one later
    }
  }

  private static String names(List<String> vars) {
    return "{" + String.join(", ", vars) + "}";
  }

  public Expr simplify(Expr e) {
    return apply("Simplify", e);
  }

  public Expr together(Expr e) {
    return apply("Together", e);
  }

  public Expr factor(Expr e) {
    return apply("Factor", e);
  }

  /** {@code Factor[Together[e]]}, in one call. */
  public Expr factorTogether(Expr e) {
    return eval("Factor[Together[" + e.toWolfram() + "]]");
  }

  public Expr expand(Expr e) {
    return apply("Expand", e);
  }

  public Expr powerExpand(Expr e) {
    return apply("PowerExpand", e);
  }

  /**
   * {@code d e/dx} at {@code x = at}, expanded: the linearisation of a map at a point, e.g. of a
   * group action at the identity.
   */
  public Expr derivativeAt(Expr e, String x, Expr at) {
    return expand(eval("D[" + e.toWolfram() + ", " + x + "] /. " + x + " -> " + at.toWolfram()));
  }

  /** {@code e} evaluated (matrix products, parts, elementwise arithmetic). */
  public Expr evaluate(Expr e) {
    return eval(e.toWolfram());
  }

  /** The m×d Jacobian of {@code f} with respect to {@code vars}. */
  public List<List<Expr>> jacobian(List<Expr> f, List<String> vars) {
    if (vars.size() >= MONOMIAL_JACOBIAN_FROM) {
      java.util.Optional<List<List<Expr>>> quick = monomialJacobian(f, vars);
      if (quick.isPresent()) {
        return quick.get();
      }
    }
    String fs = list(f);
    String code = "D[" + fs + ", {{" + String.join(", ", vars) + "}}]";
    if (fs.contains("InverseErf[")) {
      // Symja 3.0.0 differentiates InverseErf[g(u)] into an expression in a stray 'x'; go
      // through an undefined function and put the known derivative back
      code = "D[" + fs + " /. InverseErf -> gbIE, {{" + String.join(", ", vars) + "}}]"
          + " /. Derivative[1][gbIE] -> Function[{gbZ}, Sqrt[Pi]/2*E^(InverseErf[gbZ]^2)]"
          + " /. gbIE -> InverseErf";
    }
    Expr j = eval(code);
    java.util.Set<String> known = new java.util.HashSet<>(vars);
    f.forEach(e -> known.addAll(Exprs.symbols(e)));
    for (String s : Exprs.symbols(j)) {
      if (!known.contains(s)) {
        throw new CasException(CasException.Kind.INTERNAL, "Symja's derivative of " + fs
            + " contains the stray symbol '" + s + "' (a known Symja error): not trusted");
      }
    }
    return Exprs.rows(j);
  }

  /** Solutions of {@code e == 0} for {@code x}, as values of x (possibly none). */
  public List<Expr> solveFor(Expr e, String x) {
    Expr r = cas.eval("Solve[" + e.toWolfram() + " == 0, " + x + "]", SHORT);
    if (!(r instanceof Expr.Vec v)) {
      return List.of();
    }
    List<Expr> out = new ArrayList<>();
    for (Expr sol : v.items()) {
      for (Expr rule : Exprs.items(sol)) {
        if (rule instanceof Expr.Fn f && f.head().equals("Rule")
            && f.args().get(0).equals(new Expr.Sym(x))) {
          out.add(Exprs.principal(f.args().get(1)));
        }
      }
    }
    return out;
  }


  /** Determinant of a small square matrix (substitute values first: SYMJA-NOTES §2). */
  public Expr det(List<List<Expr>> m) {
    if (m.size() == 1) {
      return m.get(0).get(0);
    }
    return eval("Det[" + Exprs.matrix(m).toWolfram() + "]");
  }

  /** From this many variables, a Jacobian of monomials is differentiated without the CAS. */
  static final int MONOMIAL_JACOBIAN_FROM = 8;

  /**
   * The Jacobian of components that are each a sum of monomials {@code c·x·y²·…} in distinct
   * symbols (a depth-k product and its moment maps: Symja's D took 1.5 s at k = 32),
   * differentiated exactly term by term; empty for anything else.
   */
  static java.util.Optional<List<List<Expr>>> monomialJacobian(List<Expr> f, List<String> vars) {
    List<List<Expr>> out = new java.util.ArrayList<>();
    for (Expr e : f) {
      List<Expr> terms = e instanceof Expr.Add a ? a.terms() : List.of(e);
      List<List<Expr>> rows = new java.util.ArrayList<>();
      for (Expr t : terms) {
        java.util.Optional<List<Expr>> d = monomialGradient(t, vars);
        if (d.isEmpty()) {
          return java.util.Optional.empty();
        }
        rows.add(d.get());
      }
      List<Expr> row = new java.util.ArrayList<>();
      for (int j = 0; j < vars.size(); j++) {
        List<Expr> sum = new java.util.ArrayList<>();
        for (List<Expr> r : rows) {
          if (!org.gaugebias.symbolic.expr.Exprs.isZero(r.get(j))) {
            sum.add(r.get(j));
          }
        }
        row.add(sum.isEmpty() ? Expr.integer(0) : sum.size() == 1 ? sum.get(0)
            : new Expr.Add(sum));
      }
      out.add(row);
    }
    return java.util.Optional.of(out);
  }

  /** ∇ of {@code c·x·y²·…} (distinct symbols, one rational c), or empty for another form. */
  private static java.util.Optional<List<Expr>> monomialGradient(Expr e, List<String> vars) {
    List<Expr> factors = e instanceof Expr.Mul m ? m.factors() : List.of(e);
    java.math.BigInteger num = java.math.BigInteger.ONE;
    java.math.BigInteger den = java.math.BigInteger.ONE;
    List<Expr> symbolic = new java.util.ArrayList<>();
    java.util.Map<String, Integer> position = new java.util.HashMap<>();
    for (Expr x : factors) {
      if (x instanceof Expr.Num n) {
        num = num.multiply(n.num());
        den = den.multiply(n.den());
        continue;
      }
      String base = x instanceof Expr.Sym s ? s.name() : x instanceof Expr.Pow p
          && p.base() instanceof Expr.Sym s && p.exponent() instanceof Expr.Num k
          && k.isInteger() && k.num().signum() > 0 ? s.name() : null;
      if (base == null || position.put(base, symbolic.size()) != null) {
        return java.util.Optional.empty();
      }
      symbolic.add(x);
    }
    List<Expr> row = new java.util.ArrayList<>();
    for (String v : vars) {
      Integer at = position.get(v);
      if (at == null) {
        row.add(Expr.integer(0));
        continue;
      }
      List<Expr> rest = new java.util.ArrayList<>(symbolic);
      java.math.BigInteger k = java.math.BigInteger.ONE;
      if (symbolic.get(at) instanceof Expr.Pow p) {
        k = ((Expr.Num) p.exponent()).num();
        java.math.BigInteger lower = k.subtract(java.math.BigInteger.ONE);
        rest.set(at, lower.equals(java.math.BigInteger.ONE) ? p.base()
            : new Expr.Pow(p.base(), new Expr.Num(lower, java.math.BigInteger.ONE)));
      } else {
        rest.remove((int) at);
      }
      Expr.Num c = new Expr.Num(num.multiply(k), den);
      if (!(c.num().equals(c.den()))) {
        rest.add(0, c);
      }
      row.add(rest.isEmpty() ? Expr.integer(1) : rest.size() == 1 ? rest.get(0)
          : new Expr.Mul(rest));
    }
    return java.util.Optional.of(row);
  }

  public static String list(List<Expr> xs) {
    return xs.stream().map(Expr::toWolfram).collect(Collectors.joining(", ", "{", "}"));
  }

  public static Map<String, Expr> rules(List<String> names, List<Expr> values) {
    Map<String, Expr> m = new LinkedHashMap<>();
    for (int i = 0; i < names.size(); i++) {
      m.put(names.get(i), values.get(i));
    }
    return m;
  }
}
