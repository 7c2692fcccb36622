package org.gaugebias.symbolic.inverse;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.gaugebias.symbolic.cas.Algebra;
import org.gaugebias.symbolic.cas.CasException;
import org.gaugebias.symbolic.design.Shape;
import org.gaugebias.symbolic.expr.Expr;
import org.gaugebias.symbolic.expr.TextPrinter;
import org.gaugebias.symbolic.expr.Exprs;
import org.gaugebias.symbolic.expr.NumericEvaluator;
import org.gaugebias.symbolic.trace.Formula;
import org.gaugebias.symbolic.trace.Step;
import org.gaugebias.symbolic.trace.StepKind;

/**
 * Family 2 of THEORY.md §4: {@code β = φ(u v)} per coordinate. With ψ = φ⁻¹ the induced bias is
 * {@code (T/2) log|ψ| − T log|ψ'|}, so a separable target {@code Σ_i r(β_i)} is reached by
 * {@code ψ' = |ψ|^{1/2} e^{−r/T}}. Symja cannot solve that nonlinear ODE (SYMJA-NOTES §5); for
 * {@code s = √ψ} it is linear, {@code s' = e^{−r/T}/2}, {@code s(0) = 0}, which {@code DSolve}
 * does. Then φ inverts {@code √q = s(β)} (principal branch, checked numerically), and the domain
 * is {@code √(uv) < s(∞)} when that limit is finite. The answer holds on the branch β > 0
 * (u, v > 0).
 */
final class OuterMapFamily {
  static final String B = "gbB";
  // q = u v, the product the outer map acts on; shown in the inverse derivation, so a plain name
  private static final String Q = "q";
  private static final String S = "gbS";
  private final Algebra cas;
  private final boolean bothSigns;

  OuterMapFamily(Algebra cas) {
    this(cas, true);
  }

  /** {@code bothSigns}: extend φ oddly when the target term is even (else β &gt; 0 only). */
  OuterMapFamily(Algebra cas, boolean bothSigns) {
    this.cas = cas;
    this.bothSigns = bothSigns;
  }

  Candidate solve(Target t) {
    return solve(t, "designed");
  }

  /**
   * The design for {@code t}; {@code id} names a table file ({@code ID-phi.csv}) when φ has no
   * closed form and is tabulated ({@link TabulatedOuterMap}).
   */
  Candidate solve(Target t, String id) {
    Expr r = separableTerm(t);
    Expr rPositive = Exprs.map(r, x -> x instanceof Expr.Fn f && f.head().equals("Abs")
        ? f.args().get(0) : x instanceof Expr.Fn g && g.head().equals("Sign") ? Expr.integer(1)
        : null);
    String temp = t.temperature();
    Expr rhs = Expr.mul(Expr.rational(1, 2), Expr.pow(new Expr.Sym("E"),
        Expr.mul(Expr.integer(-1), rPositive, Expr.pow(t.temperatureExpr(), Expr.integer(-1)))));
    Expr s;
    Expr phi;
    try {
      s = solveLinearOde(rhs, temp);
      phi = invert(s, temp);
    } catch (NoClosedForm e) {
      return tabulated(t, r, rPositive, e.getMessage(), id);
    }
    Optional<Expr> bound = limitAtInfinity(s, temp);
    boolean even = bothSigns && isEven(r, temp);
    OuterBlock block = new OuterBlock(phi, bound, even, r);
    DesignSpec design = design(t.dimension(), t.variable(), block, Optional.empty());
    List<Step> steps = new ArrayList<>();
    steps.add(separableStep(r, rPositive, even));
    steps.add(Step.done(StepKind.INVERSE_SOLVE, "For s = √ψ the ODE is linear: s' = e^{−r/T}/2,"
        + " s(0) = 0, solved by DSolve.", List.of(),
        List.of(new Formula("s", "s(\\beta)", sub(s)), new Formula("psi", "\\psi(\\beta)",
            sub(Expr.pow(s, Expr.integer(2))))), List.of()));
    steps.add(Step.done(StepKind.INVERSE_SOLVE, "φ = ψ⁻¹ from √q = s(β) (principal solution,"
        + " checked by substituting back)" + bound.map(b -> "; s(∞) = " + TextPrinter.print(sub(b))
        + " bounds the domain: √|uv| < s(∞)").orElse("") + (even ? "; r is even, so φ is"
        + " extended oddly, φ(q) = sign(q) φ₊(|q|), written with q/√(q²) and √(q²)" : "")
        + ".", List.of(), List.of(new Formula("phi", "\\varphi_{+}(q)", phi),
        new Formula("phi_design", "\\varphi(uv)", block.delivered())), List.of()));
    String domain = (even ? "both signs of every β_i: sign β_i = sign(u_i v_i), u_i v_i ≠ 0"
        : "β_i > 0 (u_i, v_i > 0)") + bound.map(b -> ", √|u_i v_i| < "
        + TextPrinter.print(sub(b)) + ", i.e. β_i ranges over all of " + (even ? "ℝ∖{0}"
        : "(0, ∞)")).orElse(even ? ", i.e. β_i ranges over all of ℝ∖{0}" : "");
    return new Candidate(Family.OUTER_MAP, design, scalarWords(domain, t), steps,
        Optional.empty(), Optional.of(block));
  }

  /** The domain of a scalar predictor says β, u, v (not β_i, u_i, v_i). */
  private static String scalarWords(String domain, Target t) {
    return t.dimension() == 1 ? domain.replace("every β_i", "β").replace("_i", "") : domain;
  }

  /** The first step: the target's term, and which branches the design covers. */
  private static Step separableStep(Expr r, Expr rPositive, boolean even) {
    return Step.done(StepKind.INVERSE_SOLVE, "The target is separable, Σ_i r(β_i); on the"
        + " branch β > 0 (u, v > 0) the outer map β = φ(uv) with ψ = φ⁻¹ induces"
        + " (T/2) log ψ − T log ψ', which equals r when ψ' = ψ^{1/2} e^{−r/T} (THEORY.md §4)."
        + (even ? " r is even, r(−β) = r(β): with S(β) = ½∫₀^β e^{−r/T}, ψ = S|S| is odd and"
        + " induces (T/2) log|ψ| − T log|ψ'| = −T log(2S') = r + const with the same constant"
        + " on both signs, so the odd extension of φ reaches β of either sign."
        : " r is not even: the design covers β > 0 only."),
        List.of(), List.of(new Formula("r", "r(\\beta)", sub(r)),
        new Formula("r_positive", "r(\\beta), \\beta > 0", sub(rPositive))), List.of());
  }

  /** r(−β) = r(β), symbolically, confirmed at sample points. */
  private boolean isEven(Expr r, String temp) {
    Expr mirrored = Exprs.substitute(r, Map.of(B, Expr.mul(Expr.integer(-1), new Expr.Sym(B))));
    try {
      if (!Exprs.isZero(cas.simplify(Expr.add(mirrored, Expr.mul(Expr.integer(-1), r))))) {
        return false;
      }
      for (double b : new double[] {0.3, 1.1, 2.7}) {
        Map<String, Double> env = Map.of(B, b, temp, 1.0);
        Map<String, Double> neg = Map.of(B, -b, temp, 1.0);
        double a = NumericEvaluator.eval(r, env);
        if (!(Math.abs(a - NumericEvaluator.eval(r, neg)) <= 1e-12 * Math.max(1, Math.abs(a)))) {
          return false;
        }
      }
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** r with its argument renamed to β, for display. */
  private static Expr sub(Expr e) {
    return Exprs.substitute(e, Map.of(B, new Expr.Sym("beta")));
  }

  /** The common one-variable term r of Σ_i r(β_i), as a function of {@link #B}. */
  private Expr separableTerm(Target t) {
    List<String> comps = t.components();
    if (comps.size() == 1) {
      return Exprs.substitute(t.expr(), Map.of(comps.get(0), new Expr.Sym(B)));
    }
    Expr expanded = cas.expand(t.expr());
    List<Expr> terms = expanded instanceof Expr.Add a ? a.terms() : List.of(expanded);
    Map<String, List<Expr>> byComponent = new HashMap<>();
    for (Expr term : terms) {
      Set<String> used = new LinkedHashSet<>(Exprs.symbols(term));
      used.retainAll(comps);
      if (used.size() > 1) {
        throw fail("the target is not separable: the term " + TextPrinter.print(sub(term)) + " couples "
            + used);
      }
      if (used.size() == 1) {
        byComponent.computeIfAbsent(used.iterator().next(), k -> new ArrayList<>()).add(term);
      }
    }
    Expr first = null;
    for (String c : comps) {
      List<Expr> mine = byComponent.getOrDefault(c, List.of());
      Expr ri = Exprs.substitute(mine.isEmpty() ? Expr.integer(0)
          : mine.size() == 1 ? mine.get(0) : new Expr.Add(mine), Map.of(c, new Expr.Sym(B)));
      if (first == null) {
        first = ri;
      } else if (!Exprs.isZero(cas.simplify(Expr.add(ri,
          Expr.mul(Expr.integer(-1), first))))) {
        throw fail("the target is separable but not the same function of every coordinate");
      }
    }
    return first;
  }

  private Expr solveLinearOde(Expr rhs, String temp) {
    Expr r;
    try {
      r = cas.solveInitialValue(S, B, rhs);
    } catch (CasException e) {
      throw fail("DSolve failed on s' = e^{−r/T}/2: " + e.getMessage());
    }
    if (r instanceof Expr.Vec v && !v.items().isEmpty() && v.items().get(0) instanceof Expr.Vec sol
        && !sol.items().isEmpty() && sol.items().get(0) instanceof Expr.Fn rule
        && rule.head().equals("Rule")) {
      Expr s = rule.args().get(1);
      if (contains(s, "Hypergeometric") || contains(s, "Integrate")) {
        throw new NoClosedForm("s(β) = ½∫₀^β e^{−r/T} has no elementary closed form here ("
            + TextPrinter.print(sub(s)) + "), so φ has no closed inverse");
      }
      checkOde(s, rhs, temp);
      return s;
    }
    throw new NoClosedForm("s' = e^{−r/T}/2 with s(0) = 0 has no solution DSolve finds ("
        + TextPrinter.print(sub(r)) + "): e^{−r/T} is not integrable at 0, or not integrable in closed form");
  }

  /** s' = rhs at sample points, and s(0⁺) = 0 (Symja's DSolve has wrong answers). */
  private void checkOde(Expr s, Expr rhs, String temp) {
    Expr ds = cas.derivative(s, B);
    for (double b : new double[] {0.3, 0.9, 1.7, 2.6}) {
      for (double tv : new double[] {0.7, 1.0}) {
        Map<String, Double> env = Map.of(B, b, temp, tv);
        double lhs;
        double want;
        try {
          lhs = NumericEvaluator.eval(ds, env);
          want = NumericEvaluator.eval(rhs, env);
        } catch (IllegalArgumentException e) {
          throw new NoClosedForm("DSolve's s(β) = " + TextPrinter.print(sub(s)) + " cannot be checked"
              + " numerically (" + e.getMessage() + "): no usable closed form");
        }
        if (!(Math.abs(lhs - want) <= 1e-9 * Math.max(1, Math.abs(want)))) {
          throw new NoClosedForm("DSolve's s(β) = " + TextPrinter.print(sub(s)) + " does not satisfy"
              + " s' = e^{−r/T}/2 numerically: no usable closed form");
        }
      }
    }
  }

  private Expr invert(Expr s, String temp) {
    Expr sol = cas.solve(Expr.fn("Sqrt", new Expr.Sym(Q)), s, B);
    List<Expr> candidates = new ArrayList<>();
    if (sol instanceof Expr.Vec v) {
      for (Expr one : v.items()) {
        for (Expr rule : Exprs.items(one)) {
          if (rule instanceof Expr.Fn f && f.head().equals("Rule")) {
            try {
              candidates.add(cas.simplify(Exprs.principal(f.args().get(1))));
            } catch (CasException e) {
              candidates.add(Exprs.principal(f.args().get(1)));
            }
          }
        }
      }
    }
    for (Expr phi : candidates) {
      if (invertsAtSamples(phi, s, temp)) {
        return phi;
      }
    }
    throw new NoClosedForm("no closed-form inverse of √q = s(β) = " + TextPrinter.print(sub(s))
        + " found (Solve gave " + TextPrinter.print(sub(sol)) + ")");
  }


  private static boolean invertsAtSamples(Expr phi, Expr s, String temp) {
    try {
      for (double b : new double[] {0.2, 0.8, 1.5}) {
        Map<String, Double> env = new HashMap<>(Map.of(B, b, temp, 1.0));
        double sv = NumericEvaluator.eval(s, env);
        env.put(Q, sv * sv);
        if (!(Math.abs(NumericEvaluator.eval(phi, env) - b) < 1e-9)) {
          return false;
        }
      }
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  /**
   * s(∞) if finite (it bounds √(uv)). Symja's {@code Limit} gives up on {@code e^{−β/T}} and
   * {@code Erf[β/√T]} with symbolic T, so the saturating functions are replaced by their limits
   * where their argument runs off to ±∞ (decided at T = 1), and the result is checked against
   * s at a far point.
   */
  private Optional<Expr> limitAtInfinity(Expr s, String temp) {
    Expr lim = cas.limit(s, B, new Expr.Sym("Infinity"));
    if (contains(lim, "Limit") || !lim.isFreeOf(Set.of(B))) {
      Expr saturated = Exprs.map(s, x -> saturate(x, temp));
      lim = cas.simplify(saturated);
    }
    if (!lim.isFreeOf(Set.of(B)) || contains(lim, "Infinity") || contains(lim, "Limit")) {
      return Optional.empty();
    }
    try {
      double far = NumericEvaluator.eval(s, Map.of(B, 1e9, temp, 1.0));
      double at = NumericEvaluator.eval(lim, Map.of(temp, 1.0));
      return Math.abs(far - at) < 1e-6 * Math.max(1, Math.abs(at)) ? Optional.of(lim)
          : Optional.empty();
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  private static Expr saturate(Expr x, String temp) {
    if (x instanceof Expr.Pow p && p.base().equals(new Expr.Sym("E"))
        && runsTo(p.exponent(), temp) < 0) {
      return Expr.integer(0);
    }
    if (x instanceof Expr.Fn f && f.args().size() == 1) {
      int dir = runsTo(f.args().get(0), temp);
      if (dir != 0) {
        switch (f.head()) {
          case "Erf":
          case "Tanh":
            return Expr.integer(dir);
          case "ArcTan":
            return Expr.mul(Expr.rational(dir, 2), new Expr.Sym("Pi"));
          default:
            return null;
        }
      }
    }
    return null;
  }

  /** +1 / −1 when {@code e} grows without bound up / down as β → ∞ (at T = 1), else 0. */
  private static int runsTo(Expr e, String temp) {
    try {
      double a = NumericEvaluator.eval(e, Map.of(B, 1e3, temp, 1.0));
      double b = NumericEvaluator.eval(e, Map.of(B, 1e4, temp, 1.0));
      if (Math.abs(b) > 20 && Math.abs(b) > 2 * Math.abs(a) && Math.signum(a) == Math.signum(b)) {
        return (int) Math.signum(b);
      }
    } catch (RuntimeException ignored) {
      // not a function of β alone
    }
    return 0;
  }

  /**
   * The design of {@code dimension} coordinates, each the block: β = φ(u v) with φ from
   * {@link OuterBlock#delivered()}; on u, v &gt; 0 unless φ is the odd extension; |u v| below
   * the block's bound squared. {@code table} is the tabulated φ₊ the predictor applies.
   */
  static DesignSpec design(int dimension, String variable, OuterBlock block,
      Optional<DesignSpec.Table> table) {
    Shape shape = dimension == 1 ? Shape.scalar() : Shape.vector(dimension);
    List<DesignSpec.Written> assumptions = new ArrayList<>();
    if (!block.bothSigns()) {
      assumptions.add(new DesignSpec.Written(positive("u"), false));
      assumptions.add(new DesignSpec.Written(positive("v"), false));
    }
    block.rootBound().ifPresent(b -> assumptions.add(new DesignSpec.Written(Expr.fn("Less",
        block.bothSigns() ? Expr.fn("Abs", OuterBlock.UV) : OuterBlock.UV, square(b)), true)));
    return new DesignSpec(table.map(List::of).orElse(List.of()),
        List.of(new DesignSpec.Parameter("u", shape), new DesignSpec.Parameter("v", shape)),
        List.of(), assumptions, variable, new DesignSpec.Written(block.delivered(), true),
        dimension == 1 ? List.of() : List.of(rescaling(dimension)));
  }

  /**
   * u_i ↦ e^t u_i, v_i ↦ e^{−t} v_i per coordinate, declared so that a written design at size
   * needs no symmetry discovery (which for 2n parameters would not fit in memory).
   */
  private static DesignSpec.Generator rescaling(int n) {
    Expr unit = Expr.fn("UnitVector", Expr.integer(n), new Expr.Sym("i"));
    Map<String, Expr> field = new java.util.LinkedHashMap<>();
    field.put("u", Expr.mul(new Expr.Sym("u"), unit));
    field.put("v", Expr.mul(Expr.integer(-1), new Expr.Sym("v"), unit));
    return new DesignSpec.Generator("rescaling", Optional.of("i"), n, field);
  }

  /** b², written plainly when b is a square root or a number. */
  private static Expr square(Expr b) {
    if (b instanceof Expr.Fn f && f.head().equals("Sqrt")) {
      return f.args().get(0);
    }
    if (b instanceof Expr.Num n) {
      return new Expr.Num(n.num().multiply(n.num()), n.den().multiply(n.den()));
    }
    return Expr.pow(b, Expr.integer(2));
  }

  private static Expr positive(String x) {
    return Expr.fn("Greater", new Expr.Sym(x), Expr.integer(0));
  }

  private static boolean contains(Expr e, String text) {
    return e.toWolfram().contains(text);
  }

  /** The closed-form route ends here; the table takes over (THEORY.md §4). */
  private static final class NoClosedForm extends RuntimeException {
    NoClosedForm(String why) {
      super(why, null, false, false);
    }
  }

  /**
   * φ tabulated at the target's fixed temperature: the design references the table
   * ({@code tables: phi: ID-phi.csv}), β = phi[u v] on u v &lt; 4 (the table's range).
   */
  private Candidate tabulated(Target t, Expr r, Expr rPositive, String why, String id) {
    if (t.temperatureValue().isEmpty()) {
      throw fail(why + ". A tabulated φ is computed at one numeric temperature: fix it with"
          + " --temperature-value X (e.g. --temperature-value 0.5); the design then holds at"
          + " " + t.temperature() + " = X only");
    }
    Set<String> free = new LinkedHashSet<>(Exprs.symbols(rPositive));
    free.remove(B);
    if (!free.isEmpty()) {
      throw fail(why + "; a tabulated φ needs a numeric r(β), but it contains " + free);
    }
    double temperature = t.temperatureValue().get().doubleValue();
    Expr dr = cas.derivative(rPositive, B);
    String name = t.variable().equals("phi") ? "varphi" : "phi";
    String file = id + "-" + name + ".csv";
    List<String> provenance = List.of("gaugebias tabulated outer map " + name + " = psi^-1"
        + " (THEORY.md section 4, family 2) of design " + id,
        "target R* = " + t.source().replace('\n', ' ') + ", separable term r(beta) = "
        + TextPrinter.print(sub(rPositive)) + ", at " + t.temperature() + " = "
        + TextPrinter.print(sub(t.temperatureValue().get())) + ", branch beta > 0 (u, v > 0)");
    TabulatedOuterMap.Result res;
    try {
      res = new TabulatedOuterMap(rPositive, dr, B, temperature)
          .tabulate(TabulatedOuterMap.BETA_MAX, provenance);
    } catch (IllegalArgumentException e) {
      throw fail(why + "; tabulating φ failed: " + e.getMessage());
    }
    String q = fmtQ(TabulatedOuterMap.Q_MAX);
    boolean even = bothSigns && isEven(r, t.temperature());
    OuterBlock block = new OuterBlock(Expr.fn(name, new Expr.Sym(OuterBlock.Q)),
        Optional.of(rootOfQMax()), even, r);
    DesignSpec design = design(t.dimension(), t.variable(), block,
        Optional.of(new DesignSpec.Table(name, file)));
    Expr integral = Expr.mul(Expr.rational(1, 2), new Expr.Fn("Integrate", List.of(
        Expr.pow(new Expr.Sym("E"), Expr.mul(Expr.integer(-1), Exprs.substitute(rPositive,
            Map.of(B, new Expr.Sym("b"))), Expr.pow(t.temperatureExpr(), Expr.integer(-1)))),
        new Expr.Vec(List.of(new Expr.Sym("b"), Expr.integer(0), new Expr.Sym("beta"))))));
    List<Step> steps = new ArrayList<>();
    steps.add(separableStep(r, rPositive, even));
    steps.add(Step.done(StepKind.INVERSE_SOLVE, "No closed form: " + why + ". So φ is tabulated"
        + " at " + t.temperature() + " = " + TextPrinter.print(sub(t.temperatureValue().get())) + ": s = √ψ"
        + " solves s' = e^{−r/T}/2, s(0) = 0, by Gauss–Legendre quadrature (8 points, checked on the halves) on "
        + res.intervals() + " intervals of [0, " + fmtQ(res.betaMax()) + "], rescaled by a"
        + " constant (which adds only a constant to the bias) so that the table ends at q = "
        + q + "; φ, φ' and ψ are piecewise cubic Hermite interpolants (in √q and β)"
        + (even ? "; the design applies the table to |q| and extends φ oddly,"
        + " φ(q) = sign(q) φ₊(|q|)" : "") + ". With the scale k = " + res.scale()
        + " the induced bias is r + (T/2) log 2 − T log k per coordinate.",
        List.of(), List.of(new Formula("s", "s(\\beta)", integral),
        new Formula("phi_design", "\\varphi(uv)", block.delivered())), List.of()));
    steps.add(Step.done(StepKind.NUMERIC_CHECK, "Table error bound: largest relative error at"
        + " all interval midpoints against Brent root finding of s(β) = s_mid and quadrature: φ "
        + TabulatedOuterMap.fmt(res.phiError()) + ", φ' " + TabulatedOuterMap.fmt(
        res.derivativeError()) + ", ψ " + TabulatedOuterMap.fmt(res.inverseError())
        + "; quadrature (s(β_max) summed over intervals vs one integral) "
        + TabulatedOuterMap.fmt(res.quadratureError())
        + "; bound " + TabulatedOuterMap.fmt(res.errorBound()) + " (target "
        + TabulatedOuterMap.fmt(TabulatedOuterMap.TARGET_ERROR) + "); the bias the table"
        + " induces, (T/2) log ψ − T log ψ', is within " + TabulatedOuterMap.fmt(res.biasError())
        + " of its direct value at the midpoints, so R_quot − R* may vary by up to "
        + TabulatedOuterMap.fmt(res.biasTolerance()) + ".", List.of(), List.of(),
        List.of()));
    String domain = (even ? "both signs of every β_i: |β_i| ≤ " + fmtQ(res.betaMax())
        + " (sign β_i = sign(u_i v_i), 0 < |u_i v_i| < " + q : "β_i ∈ (0, " + fmtQ(res.betaMax())
        + "] (u_i, v_i > 0, u_i v_i < " + q) + ": the table's range), at " + t.temperature() + " = "
        + TextPrinter.print(sub(t.temperatureValue().get())) + " only; tabulated φ with relative error ≤ "
        + TabulatedOuterMap.fmt(res.errorBound());
    return new Candidate(Family.OUTER_MAP, design, scalarWords(domain, t), steps,
        Optional.of(new Candidate.Tabulation(name, file, res)), Optional.of(block));
  }

  /** √ of the table's end q, the bound on √|u v| (an exact number: the end is a square). */
  private static Expr rootOfQMax() {
    double root = Math.sqrt(TabulatedOuterMap.Q_MAX);
    return root == Math.rint(root) ? Expr.integer((long) root) : new Expr.Real(root);
  }

  private static String fmtQ(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }

  private static InverseDesignException fail(String why) {
    return new InverseDesignException(InverseDesignException.Kind.UNREACHABLE, why);
  }
}
