package org.gaugebias.symbolic.derive;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.gaugebias.symbolic.cas.Algebra;
import org.gaugebias.symbolic.cas.CasException;
import org.gaugebias.symbolic.expr.Expr;
import org.gaugebias.symbolic.expr.Exprs;
import org.gaugebias.symbolic.expr.NumericEvaluator;
import org.gaugebias.symbolic.expr.NumericFunctions;
import org.gaugebias.symbolic.sampling.Numerics;

/**
 * Solves {@code f(θ) = β, χ(θ) = 0} (plus canonical zeros for compact generators) for θ in terms
 * of β on one branch, by elimination one unknown at a time.
 *
 * <p>Symja's {@code Solve} misses branches on these systems and returns complex roots first
 * (SYMJA-NOTES §1, §2), so the solver is guided by a numeric solution of the same system at
 * sample predictor points of the branch: a factor of an equation is kept only if it vanishes
 * there ({@code u² − v² = (u − v)(u + v)} keeps {@code u − v} on the branch u = v), and of the
 * roots Symja returns for one unknown, the one that reproduces the numeric value is taken.
 * Every rewrite that is valid only on the branch ({@code PowerExpand}) is accepted only if it
 * agrees numerically at all samples.
 */
final class RepresentativeSolver {
  /** A predictor point of the branch and the numeric representative there. */
  record Sample(Map<String, Double> beta, Map<String, Double> theta) {
    Map<String, Double> env() {
      Map<String, Double> m = new HashMap<>(beta);
      m.putAll(theta);
      return m;
    }
  }

  /** The solution, or why none was found. */
  record Result(Map<String, Expr> solution, String failure) {
    boolean ok() {
      return failure == null;
    }
  }

  private final Algebra cas;
  private final List<Sample> samples;
  private final NumericFunctions fns;

  RepresentativeSolver(Algebra cas, List<Sample> samples) {
    this(cas, samples, NumericFunctions.NONE);
  }

  /** With the design's tabulated functions, for the numeric checks and their inverses. */
  RepresentativeSolver(Algebra cas, List<Sample> samples, NumericFunctions fns) {
    this.cas = cas;
    this.samples = List.copyOf(samples);
    this.fns = fns;
  }

  /** The tabulated functions the samples are evaluated with. */
  NumericFunctions functions() {
    return fns;
  }

  Result solve(List<Expr> equations, List<String> unknowns) {
    List<Expr> eqs = new ArrayList<>(equations);
    Set<String> open = new LinkedHashSet<>(unknowns);
    Map<String, Expr> solved = new LinkedHashMap<>();
    int guard = 4 * unknowns.size() + 4;
    while (!open.isEmpty() && guard-- > 0) {
      List<Expr> prepared = new ArrayList<>();
      for (Expr e : eqs) {
        if (!Exprs.symbols(e).stream().anyMatch(open::contains)) {
          continue;
        }
        Expr ready = prepare(invertTabulated(e, open));
        // a table applied to an odd extension's |q|, sign(q) φ(|q|), is f[a] only once the
        // branch's power rules have made sign(q) 1 and |q| a monomial: invert it then
        Expr inverted = invertTabulated(ready, open);
        Expr equation = inverted.equals(ready) ? ready : prepare(inverted);
        if (!Exprs.isZero(equation)) { // an equation the earlier steps already satisfied
          prepared.add(equation);
        }
      }
      Optional<Map.Entry<String, Expr>> step = eliminateOne(prepared, open);
      if (step.isEmpty()) {
        String left = prepared.stream().map(Expr::toWolfram).toList().toString();
        return new Result(Map.of(), "could not isolate any of " + open + " in the "
            + prepared.size() + " remaining equations" + (left.length() <= 400 ? " " + left
            : " (" + left.length() + " characters; e.g. " + left.substring(0, 200) + " …)"));
      }
      String x = step.get().getKey();
      Expr value = step.get().getValue();
      Map<String, Expr> rule = Map.of(x, value);
      solved.replaceAll((k, v) -> Exprs.substitute(v, rule));
      solved.put(x, value);
      open.remove(x);
      List<Expr> next = new ArrayList<>();
      for (Expr e : eqs) {
        next.add(Exprs.substitute(e, rule));
      }
      eqs = next;
    }
    if (!open.isEmpty()) {
      return new Result(Map.of(), "unknowns left unsolved: " + open);
    }
    Map<String, Expr> simplified = new LinkedHashMap<>();
    for (String t : unknowns) {
      simplified.put(t, tidy(solved.get(t)));
    }
    return new Result(simplified, null);
  }

  /**
   * Rewrites tried by {@link #tidy}, in order (simplify, power-expand, together, factor, and
   * power-expand and simplify of the fully factored form). The factored forms
   * matter under roots: {@code Sqrt[(1 - e^-a)^2 T^2]} only becomes {@code (1 - e^-a) T} once the
   * square is visible.
   */
  private static final List<Algebra.Rewrite> TIDY = List.of(Algebra.Rewrite.values());

  /** Simplest of the forms Symja offers that still agrees with the samples. */
  Expr tidy(Expr e) {
    if (e instanceof Expr.Num || e instanceof Expr.Sym) {
      return e; // nothing to rewrite
    }
    Expr best = e;
    for (int pass = 0; pass < 2; pass++) {
      Expr before = best;
      Expr powers = PowerRules.expand(best);
      if (!powers.equals(best) && agrees(powers, best)) {
        try {
          Expr s = cas.simplify(powers);
          best = agrees(s, best) && Exprs.size(s) <= Exprs.size(powers) ? s : powers;
        } catch (CasException ignored) {
          best = powers;
        }
      }
      Expr prefetched = null;
      for (int i = 0; i < TIDY.size(); i++) {
        Algebra.Rewrite op = TIDY.get(i);
        // Simplify alone first: it often turns a long entry into a short one, and the other
        // rewrites of the long form (MapAll[Factor, …]) would be asked for nothing
        if (i > 0 && !best.equals(prefetched)) {
          cas.prefetch(TIDY.subList(i, TIDY.size()), best);
          prefetched = best;
        }
        try {
          Expr t = cas.rewrite(op, best);
          if (Exprs.size(t) <= Exprs.size(best) && agrees(t, best)) {
            best = t;
          }
        } catch (CasException ignored) {
          // keep the previous form
        }
      }
      if (best.equals(before)) {
        break; // a second pass would ask the same questions and get the same answers
      }
    }
    return best;
  }

  /**
   * {@code c·f[a] + r = 0} with f a tabulated function and c, r free of the unknowns becomes
   * {@code a − InverseFunction[f][−r/c] = 0}: Symja's {@code Solve} leaves equations in an
   * opaque f unevaluated, and the table gives f⁻¹ (checked at the samples like every root).
   */
  private Expr invertTabulated(Expr e, Set<String> open) {
    if (fns.isEmpty()) {
      return e;
    }
    List<Expr> terms = e instanceof Expr.Add a ? a.terms() : List.of(e);
    List<Expr> withUnknowns = new ArrayList<>();
    List<Expr> rest = new ArrayList<>();
    for (Expr t : terms) {
      (Exprs.symbols(t).stream().anyMatch(open::contains) ? withUnknowns : rest).add(t);
    }
    if (withUnknowns.size() != 1) {
      return e;
    }
    Expr t = withUnknowns.get(0);
    List<Expr> factors = t instanceof Expr.Mul m ? m.factors() : List.of(t);
    Expr.Fn table = null;
    List<Expr> coefficient = new ArrayList<>();
    for (Expr f : factors) {
      if (f instanceof Expr.Fn fn && fn.args().size() == 1 && fns.names().contains(fn.head())
          && table == null) {
        table = fn;
      } else if (Exprs.symbols(f).stream().noneMatch(open::contains)) {
        coefficient.add(f);
      } else {
        return e;
      }
    }
    if (table == null) {
      return e;
    }
    Expr c = coefficient.isEmpty() ? Expr.integer(1) : new Expr.Mul(coefficient);
    Expr value = Expr.mul(Expr.integer(-1), rest.isEmpty() ? Expr.integer(0)
        : new Expr.Add(rest), Expr.pow(c, Expr.integer(-1)));
    try {
      value = cas.simplify(value);
    } catch (CasException ignored) {
      // keep the plain quotient
    }
    return Expr.add(table.args().get(0), Expr.mul(Expr.integer(-1), new Expr.Fn(
        NumericFunctions.inverseHead(table.head()), List.of(value))));
  }

  private Expr prepare(Expr e) {
    Expr eq = rewriteAngle(e);
    try {
      if (!Polynomials.isPolynomial(eq)) { // on a polynomial both rewrites are the identity
        Expr expanded = cas.powerExpand(eq);
        if (agrees(expanded, eq)) {
          eq = expanded;
        }
        // Symja leaves (v^4)^(1/4) alone; on a branch where it is v the engine's rules apply
        Expr powers = PowerRules.expand(eq);
        if (!powers.equals(eq) && agrees(powers, eq)) {
          eq = powers;
        }
      }
      Expr factored = cas.factorTogether(eq);
      eq = Exprs.isZero(factored) ? factored : vanishingFactor(factored).orElse(eq);
    } catch (CasException ignored) {
      // work with the equation as it is
    }
    return eq;
  }

  /** {@code ArcTan[x, y] == c} is the line {@code y cos c − x sin c = 0} (the branch picks the ray). */
  private static Expr rewriteAngle(Expr e) {
    if (e instanceof Expr.Add a) {
      List<Expr> angle = a.terms().stream()
          .filter(t -> t instanceof Expr.Fn f && f.head().equals("ArcTan") && f.args().size() == 2)
          .toList();
      if (angle.size() == 1) {
        Expr.Fn f = (Expr.Fn) angle.get(0);
        List<Expr> rest = new ArrayList<>(a.terms());
        rest.remove(f);
        Expr c = new Expr.Mul(List.of(Expr.integer(-1), new Expr.Add(rest)));
        return Expr.add(Expr.mul(f.args().get(1), Expr.fn("Cos", c)),
            Expr.mul(Expr.integer(-1), f.args().get(0), Expr.fn("Sin", c)));
      }
    }
    return e;
  }

  /** Of a product, the one factor (with unknowns) that vanishes at the samples. */
  private Optional<Expr> vanishingFactor(Expr factored) {
    if (!(factored instanceof Expr.Mul m)) {
      return Optional.empty();
    }
    List<Expr> vanishing = new ArrayList<>();
    for (Expr f : m.factors()) {
      Expr base = f instanceof Expr.Pow p && p.exponent() instanceof Expr.Num n && n.isInteger()
          && n.num().signum() > 0 ? p.base() : f;
      if (vanishesAtSamples(base)) {
        vanishing.add(base);
      }
    }
    return vanishing.size() == 1 ? Optional.of(vanishing.get(0)) : Optional.empty();
  }

  private boolean vanishesAtSamples(Expr e) {
    for (Sample s : samples) {
      try {
        if (Math.abs(NumericEvaluator.eval(e, s.env(), fns)) > 1e-8) {
          return false;
        }
      } catch (RuntimeException ex) {
        return false;
      }
    }
    return true;
  }

  private Optional<Map.Entry<String, Expr>> eliminateOne(List<Expr> eqs, Set<String> open) {
    record Candidate(Expr eq, String x, int score) { }
    List<Candidate> candidates = new ArrayList<>();
    for (Expr e : eqs) {
      for (String x : Exprs.symbols(e)) {
        if (open.contains(x)) {
          int deg = Polynomials.degreeIn(e, x);
          int score = (deg == 1 ? 0 : deg == Integer.MAX_VALUE ? 1000 : 10 * deg) + Exprs.size(e);
          candidates.add(new Candidate(e, x, score));
        }
      }
    }
    candidates.sort(Comparator.comparingInt(Candidate::score));
    for (Candidate c : candidates) {
      List<Expr> roots;
      Optional<Expr> linear = linearRoot(c.eq(), c.x());
      if (linear.isPresent() && matchesSamples(linear.get(), c.x())) {
        return Optional.of(Map.entry(c.x(), linear.get()));
      }
      try {
        roots = cas.solveFor(c.eq(), c.x());
      } catch (CasException e) {
        continue;
      }
      for (Expr root : roots) {
        for (Expr form : List.of(root, realForm(root))) {
          if (matchesSamples(form, c.x())) {
            return Optional.of(Map.entry(c.x(), form));
          }
        }
      }
    }
    return Optional.empty();
  }

  /**
   * The root of {@code c·x + Σ_j c_j·m_j = 0} with rational c ≠ 0 and terms m_j free of x
   * ({@code u1 - u8} after a balance condition is factored): {@code x = Σ_j (−c_j/c)·m_j}, without
   * asking the CAS to solve a linear equation. Empty for any other form.
   */
  static Optional<Expr> linearRoot(Expr eq, String x) {
    List<Expr> terms = eq instanceof Expr.Add a ? a.terms() : List.of(eq);
    Expr.Num c = null;
    List<Expr> rest = new ArrayList<>();
    for (Expr t : terms) {
      Expr.Num k = coefficient(t);
      Expr m = monomialPart(t);
      if (m.equals(new Expr.Sym(x))) {
        if (c != null) {
          return Optional.empty();
        }
        c = k;
      } else if (Exprs.symbols(t).contains(x)) {
        return Optional.empty();
      } else {
        rest.add(t);
      }
    }
    if (c == null || c.num().signum() == 0) {
      return Optional.empty();
    }
    List<Expr> out = new ArrayList<>();
    for (Expr t : rest) {
      Expr.Num k = coefficient(t);
      Expr m = monomialPart(t);
      Expr.Num q = new Expr.Num(k.num().multiply(c.den()).negate(), k.den().multiply(c.num()));
      out.add(m.equals(Expr.integer(1)) ? q : q.equals(Expr.integer(1)) ? m
          : new Expr.Mul(prepend(q, m)));
    }
    return Optional.of(out.isEmpty() ? Expr.integer(0) : out.size() == 1 ? out.get(0)
        : new Expr.Add(out));
  }

  private static Expr.Num coefficient(Expr t) {
    if (t instanceof Expr.Num n) {
      return n;
    }
    return t instanceof Expr.Mul m && m.factors().get(0) instanceof Expr.Num n ? n
        : (Expr.Num) Expr.integer(1);
  }

  /** {@code t} without its leading rational coefficient (1 for a number). */
  private static Expr monomialPart(Expr t) {
    if (t instanceof Expr.Num) {
      return Expr.integer(1);
    }
    if (t instanceof Expr.Mul m && m.factors().get(0) instanceof Expr.Num) {
      List<Expr> f = m.factors().subList(1, m.factors().size());
      return f.size() == 1 ? f.get(0) : new Expr.Mul(f);
    }
    return t;
  }

  private static List<Expr> prepend(Expr.Num q, Expr m) {
    List<Expr> f = new ArrayList<>();
    f.add(q);
    if (m instanceof Expr.Mul mm) {
      f.addAll(mm.factors());
    } else {
      f.add(m);
    }
    return f;
  }

  /**
   * Symja writes the real root of {@code x² = −X} as {@code I·Sqrt[X]}; for X &lt; 0 that is
   * {@code −Sqrt[−X]}, so {@code c·I·X^(1/2)} becomes {@code −c·(−X)^(1/2)}. Whether the rewrite
   * is valid on the branch is decided by the sample check that follows.
   */
  static Expr realForm(Expr root) {
    return Exprs.map(root, e -> {
      if (!(e instanceof Expr.Mul m)) {
        return null;
      }
      Expr.Num imag = null;
      Expr.Pow sqrt = null;
      List<Expr> rest = new ArrayList<>();
      for (Expr f : m.factors()) {
        if (imag == null && f instanceof Expr.Fn c && c.head().equals("Complex")
            && Exprs.isZero(c.args().get(0)) && c.args().get(1) instanceof Expr.Num n) {
          imag = n;
        } else if (sqrt == null && f instanceof Expr.Pow p && p.exponent().equals(HALF)) {
          sqrt = p;
        } else {
          rest.add(f);
        }
      }
      if (imag == null || sqrt == null) {
        return null;
      }
      rest.add(new Expr.Num(imag.num().negate(), imag.den()));
      rest.add(new Expr.Pow(Expr.mul(Expr.integer(-1), sqrt.base()), HALF));
      return new Expr.Mul(rest);
    });
  }

  private static final Expr HALF = Expr.rational(1, 2);

  private boolean matchesSamples(Expr root, String x) {
    for (Sample s : samples) {
      try {
        double v = NumericEvaluator.eval(root, s.env(), fns);
        if (!Numerics.close(v, s.theta().get(x), 1e-7)) {
          return false;
        }
      } catch (RuntimeException e) {
        return false;
      }
    }
    return true;
  }

  /** Numeric rank of a matrix of predictor expressions at the first sample. */
  int numericRank(List<List<Expr>> m) {
    return Numerics.rank(Numerics.evalMatrix(m, samples.get(0).env(), fns));
  }

  /** Whether two expressions agree at every sample (the branch-validity test for rewrites). */
  boolean agrees(Expr a, Expr b) {
    for (Sample s : samples) {
      try {
        double va = NumericEvaluator.eval(a, s.env(), fns);
        double vb = NumericEvaluator.eval(b, s.env(), fns);
        if (!Numerics.close(va, vb, 1e-9)) {
          return false;
        }
      } catch (RuntimeException e) {
        return false;
      }
    }
    return true;
  }
}
