package org.gaugebias.symbolic.print;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.gaugebias.symbolic.expr.Expr;
import org.gaugebias.symbolic.expr.Exprs;
import org.gaugebias.symbolic.trace.Derivation;
import org.gaugebias.symbolic.trace.Formula;
import org.gaugebias.symbolic.trace.Step;
import org.gaugebias.symbolic.trace.StepKind;
import org.gaugebias.symbolic.trace.VariantResult;

/**
 * Formulas rewritten for people to read, the same for the text and LaTeX printers: logarithms of
 * numbers collected into one constant per coefficient ({@code Log[16]} beside {@code 4 Log[2]}
 * becomes one {@code 8 Log[2]}), powers of one base merged, separable sums and products folded
 * ({@link SumFolding}), and the stationary density in THEORY.md §5's product form
 * {@code e^{−L/T} Π|β_i|^{−1/2}}. Display only: the derivation keeps the engine's forms, which
 * evaluation and JSON use; every rewrite here is an identity.
 */
public final class DisplayForm {
  private DisplayForm() { }

  /** {@code e} as displayed in the derivation {@code d}: constants collected, sums folded. */
  public static Expr of(Expr e, Derivation d) {
    return SumFolding.foldAtSize(SumFolding.fold(simplify(OperatorDisplay.apply(e, d)), d), d);
  }

  /** The display rewrites that need no derivation: logs of numbers collected, powers merged. */
  public static Expr simplify(Expr e) {
    return Exprs.map(e, DisplayForm::rewrite);
  }

  private static Expr rewrite(Expr e) {
    if (e instanceof Expr.Add a) {
      List<Expr> terms = new ArrayList<>();
      a.terms().forEach(t -> terms.add(simplify(t)));
      return collectLogs(terms);
    }
    if (e instanceof Expr.Mul m) {
      List<Expr> fs = new ArrayList<>();
      m.factors().forEach(f -> fs.add(simplify(f)));
      return mergePowers(fs);
    }
    if (e instanceof Expr.Fn f && f.head().equals("Log") && f.args().size() == 1) {
      Optional<Expr> quotient = logOfQuotient(simplify(f.args().get(0)));
      if (quotient.isPresent()) {
        return quotient.get();
      }
    }
    if (e instanceof Expr.Fn f && f.head().equals("Log") && f.args().size() == 1
        && positive(f.args().get(0)) != null) {
      Expr.Num n = positive(f.args().get(0));
      return logOf(Primes.of(n));
    }
    return null;
  }

  // ------------------------------------------------------------------ log of a quotient

  /**
   * {@code log(m / s)} for a monomial m and a sum s as {@code −log(s/m)} with s/m divided out
   * term by term and its constant first: {@code log(−2T/(√(uv) − 2T))} is
   * {@code −log(1 − √(uv)/(2T))}; {@code log(1/x)} is {@code −log x}. Empty for other forms.
   */
  private static Optional<Expr> logOfQuotient(Expr x) {
    if (x instanceof Expr.Pow p && p.exponent() instanceof Expr.Num n && n.isInteger()
        && n.num().equals(BigInteger.ONE.negate())) {
      return Optional.of(times(Expr.integer(-1), Expr.log(p.base())));
    }
    if (!(x instanceof Expr.Mul m)) {
      return Optional.empty();
    }
    Expr.Add sum = null;
    Monomial mono = Monomial.ONE;
    for (Expr f : flat(m.factors())) {
      if (f instanceof Expr.Pow p && p.base() instanceof Expr.Add a && p.exponent()
          instanceof Expr.Num n && n.isInteger() && n.num().equals(BigInteger.ONE.negate())
          && sum == null) {
        sum = a;
        continue;
      }
      Optional<Monomial> mf = Monomial.of(f);
      if (mf.isEmpty()) {
        return Optional.empty();
      }
      mono = mono.times(mf.get());
    }
    if (sum == null) {
      return Optional.empty();
    }
    Monomial inverse = mono.inverse();
    List<Expr> constants = new ArrayList<>();
    List<Expr> rest = new ArrayList<>();
    for (Expr t : sum.terms()) {
      Optional<Monomial> mt = Monomial.of(t);
      Expr q = mt.isPresent() ? mt.get().times(inverse).expr() : times(inverse.expr(), t);
      (q instanceof Expr.Num ? constants : rest).add(q);
    }
    constants.addAll(rest);
    return Optional.of(times(Expr.integer(-1), Expr.log(new Expr.Add(constants))));
  }

  /** {@code c · Π b^k}: a rational coefficient times powers of symbols and of other atoms. */
  private record Monomial(Expr.Num coefficient, Map<Expr, Expr.Num> powers) {
    static final Monomial ONE = new Monomial(Expr.integer(1), Map.of());

    static Optional<Monomial> of(Expr e) {
      if (e instanceof Expr.Num n) {
        return Optional.of(new Monomial(n, Map.of()));
      }
      if (e instanceof Expr.Sym || e instanceof Expr.Fn) {
        return Optional.of(new Monomial(Expr.integer(1), Map.of(e, Expr.integer(1))));
      }
      if (e instanceof Expr.Pow p && p.exponent() instanceof Expr.Num n
          && !(p.base() instanceof Expr.Add)) {
        return Optional.of(new Monomial(Expr.integer(1), Map.of(p.base(), n)));
      }
      if (e instanceof Expr.Mul m) {
        Monomial out = ONE;
        for (Expr f : flat(m.factors())) {
          Optional<Monomial> mf = of(f);
          if (mf.isEmpty()) {
            return Optional.empty();
          }
          out = out.times(mf.get());
        }
        return Optional.of(out);
      }
      return Optional.empty();
    }

    Monomial times(Monomial o) {
      Map<Expr, Expr.Num> p = new LinkedHashMap<>(powers);
      o.powers.forEach((b, k) -> p.merge(b, k, DisplayForm::add));
      p.values().removeIf(k -> k.num().signum() == 0);
      return new Monomial(multiply(coefficient, o.coefficient), p);
    }

    Monomial inverse() {
      Map<Expr, Expr.Num> p = new LinkedHashMap<>();
      powers.forEach((b, k) -> p.put(b, new Expr.Num(k.num().negate(), k.den())));
      return new Monomial(new Expr.Num(coefficient.den(), coefficient.num()), p);
    }

    Expr expr() {
      List<Expr> fs = new ArrayList<>();
      if (!isOne(coefficient) || powers.isEmpty()) {
        fs.add(coefficient);
      }
      powers.forEach((b, k) -> fs.add(isOne(k) ? b : new Expr.Pow(b, k)));
      return fs.size() == 1 ? fs.get(0) : new Expr.Mul(fs);
    }
  }

  // ------------------------------------------------------------------ logs of numbers

  /**
   * A sum with its terms {@code c · Log[n]} (n a positive rational, c any coefficient) merged per
   * coefficient into one logarithm.
   */
  private static Expr collectLogs(List<Expr> terms) {
    Map<Expr, Primes> byCoefficient = new LinkedHashMap<>();
    Map<Expr, Integer> position = new LinkedHashMap<>();
    List<Expr> out = new ArrayList<>();
    for (Expr t : terms) {
      Optional<LogTerm> lt = LogTerm.of(t);
      if (lt.isEmpty()) {
        out.add(t);
        continue;
      }
      LogTerm l = lt.get();
      if (!byCoefficient.containsKey(l.coefficient())) {
        position.put(l.coefficient(), out.size());
        out.add(null);
        byCoefficient.put(l.coefficient(), Primes.ONE);
      }
      byCoefficient.put(l.coefficient(), byCoefficient.get(l.coefficient()).plus(l.primes()));
    }
    for (Map.Entry<Expr, Primes> g : byCoefficient.entrySet()) {
      Expr log = logOf(g.getValue());
      Expr coeff = g.getKey();
      out.set(position.get(coeff), isOne(coeff) ? log : times(coeff, log));
    }
    out.removeIf(x -> x == null || Exprs.isZero(x));
    return out.isEmpty() ? Expr.integer(0) : out.size() == 1 ? out.get(0) : new Expr.Add(out);
  }

  /** A term {@code coefficient · Σ_p e_p log p}. */
  private record LogTerm(Expr coefficient, Primes primes) {
    static Optional<LogTerm> of(Expr t) {
      List<Expr> fs = t instanceof Expr.Mul m ? flat(m.factors()) : List.of(t);
      int at = -1;
      for (int i = 0; i < fs.size(); i++) {
        if (fs.get(i) instanceof Expr.Fn f && f.head().equals("Log") && f.args().size() == 1
            && positive(f.args().get(0)) != null) {
          at = i;
          break;
        }
      }
      if (at < 0) {
        return Optional.empty();
      }
      Primes p = Primes.of(positive(((Expr.Fn) fs.get(at)).args().get(0)));
      List<Expr> rest = new ArrayList<>(fs);
      rest.remove(at);
      Expr.Num number = Expr.integer(1);
      List<Expr> symbolic = new ArrayList<>();
      for (Expr f : rest) {
        if (f instanceof Expr.Num n) {
          number = multiply(number, n);
        } else {
          symbolic.add(f);
        }
      }
      Expr coeff = symbolic.isEmpty() ? Expr.integer(1)
          : symbolic.size() == 1 ? symbolic.get(0) : new Expr.Mul(symbolic);
      return Optional.of(new LogTerm(coeff, p.times(number)));
    }
  }

  /** Σ e_p log p as one term: {@code e log p}, {@code e log(p q)}, or {@code log N}. */
  private static Expr logOf(Primes p) {
    if (p.exponents().isEmpty()) {
      return Expr.integer(0);
    }
    List<Expr.Num> es = new ArrayList<>(p.exponents().values());
    boolean same = es.stream().allMatch(e -> e.equals(es.get(0)));
    if (same) {
      BigInteger base = BigInteger.ONE;
      for (BigInteger q : p.exponents().keySet()) {
        base = base.multiply(q);
      }
      Expr log = Expr.log(new Expr.Num(base, BigInteger.ONE));
      return isOne(es.get(0)) ? log : times(es.get(0), log);
    }
    if (es.stream().allMatch(Expr.Num::isInteger)) {
      BigInteger num = BigInteger.ONE;
      BigInteger den = BigInteger.ONE;
      for (Map.Entry<BigInteger, Expr.Num> e : p.exponents().entrySet()) {
        int k = e.getValue().num().intValueExact();
        if (k > 0) {
          num = num.multiply(e.getKey().pow(k));
        } else {
          den = den.multiply(e.getKey().pow(-k));
        }
      }
      return Expr.log(new Expr.Num(num, den));
    }
    List<Expr> terms = new ArrayList<>();
    p.exponents().forEach((q, e) -> {
      Expr log = Expr.log(new Expr.Num(q, BigInteger.ONE));
      terms.add(isOne(e) ? log : times(e, log));
    });
    return new Expr.Add(terms);
  }

  /**
   * The prime factorisation of a positive rational with rational exponents (primes as keys,
   * smallest first); only numbers whose factors are below 10^6 are factored, others keep
   * themselves as one "prime".
   */
  private record Primes(TreeMap<BigInteger, Expr.Num> exponents) {
    static final Primes ONE = new Primes(new TreeMap<>());

    static Primes of(Expr.Num n) {
      TreeMap<BigInteger, Expr.Num> out = new TreeMap<>();
      factor(n.num(), 1, out);
      factor(n.den(), -1, out);
      return new Primes(out);
    }

    private static void factor(BigInteger x, int sign, TreeMap<BigInteger, Expr.Num> out) {
      BigInteger rest = x;
      for (long p = 2; p < 1_000_000 && rest.compareTo(BigInteger.ONE) > 0; p++) {
        BigInteger bp = BigInteger.valueOf(p);
        if (bp.multiply(bp).compareTo(rest) > 0) {
          break;
        }
        while (rest.mod(bp).signum() == 0) {
          rest = rest.divide(bp);
          out.merge(bp, Expr.integer(sign), DisplayForm::add);
        }
      }
      if (rest.compareTo(BigInteger.ONE) > 0) {
        out.merge(rest, Expr.integer(sign), DisplayForm::add);
      }
      out.values().removeIf(e -> e.num().signum() == 0);
    }

    Primes plus(Primes o) {
      TreeMap<BigInteger, Expr.Num> out = new TreeMap<>(exponents);
      o.exponents.forEach((q, e) -> out.merge(q, e, DisplayForm::add));
      out.values().removeIf(e -> e.num().signum() == 0);
      return new Primes(out);
    }

    Primes times(Expr.Num k) {
      TreeMap<BigInteger, Expr.Num> out = new TreeMap<>();
      exponents.forEach((q, e) -> out.put(q, multiply(e, k)));
      out.values().removeIf(e -> e.num().signum() == 0);
      return new Primes(out);
    }
  }

  // ------------------------------------------------------------------ powers

  /** A product with powers of one base merged: {@code x^a x^b} is {@code x^(a+b)}. */
  private static Expr mergePowers(List<Expr> factors) {
    Map<Expr, Expr.Num> exponent = new LinkedHashMap<>();
    List<Expr> order = new ArrayList<>();
    List<Expr> out = new ArrayList<>();
    for (Expr f : factors) {
      Expr base = f instanceof Expr.Pow p && p.exponent() instanceof Expr.Num ? p.base() : f;
      Expr.Num k = f instanceof Expr.Pow p && p.exponent() instanceof Expr.Num n ? n
          : Expr.integer(1);
      if (f instanceof Expr.Num || (base instanceof Expr.Sym s && s.name().equals("E"))) {
        out.add(f);
        continue;
      }
      if (!exponent.containsKey(base)) {
        order.add(base);
        out.add(base);
      }
      exponent.merge(base, k, DisplayForm::add);
    }
    List<Expr> merged = new ArrayList<>();
    for (Expr f : out) {
      if (!exponent.containsKey(f) || !order.contains(f)) {
        merged.add(f);
        continue;
      }
      Expr.Num k = exponent.get(f);
      if (k.num().signum() == 0) {
        continue;
      }
      merged.add(isOne(k) ? f : new Expr.Pow(f, k));
    }
    return merged.isEmpty() ? Expr.integer(1) : merged.size() == 1 ? merged.get(0)
        : new Expr.Mul(merged);
  }

  // ------------------------------------------------------------------ the stationary density

  /**
   * The headline stationary density in product form, {@code e^{−L/T} Π_k |f_k|^{−c_k}} for a
   * bias {@code R = T Σ_k c_k log|f_k|}; a bias of another form stays as {@code e^{−R/T}}.
   * Empty when the design declares no loss.
   */
  public static Optional<Expr> density(Derivation d) {
    if (d.stationaryDensity() == null || d.stationaryDensity().isEmpty()) {
      return Optional.empty();
    }
    Optional<Expr> loss = d.steps().stream().filter(s -> s.kind() == StepKind.STATIONARY_LAW)
        .flatMap(s -> s.inputs().stream()).filter(f -> f.name().equals("L"))
        .map(Formula::expr).findFirst();
    VariantResult r = d.results().get(d.headline());
    String temperature = d.temperature() == null ? "T" : d.temperature();
    if (loss.isEmpty() || r == null) {
      return Optional.of(of(d.stationaryDensity().get(), d));
    }
    Expr t = new Expr.Sym(temperature);
    List<Expr> factors = new ArrayList<>();
    factors.add(new Expr.Pow(new Expr.Sym("E"), times(Expr.integer(-1),
        times(simplify(loss.get()), new Expr.Pow(t, Expr.integer(-1))))));
    Optional<List<Expr[]>> logs = logTerms(OperatorDisplay.apply(r.bias(), d), temperature);
    if (logs.isPresent()) {
      for (Expr[] term : logs.get()) {
        Expr.Num c = (Expr.Num) term[0];
        factors.add(Expr.fn("Power", term[1], new Expr.Num(c.num().negate(), c.den())));
      }
    } else if (!Exprs.isZero(r.bias())) {
      factors.add(new Expr.Pow(new Expr.Sym("E"), times(Expr.integer(-1),
          overT(OperatorDisplay.apply(r.bias(), d), t))));
    }
    Expr product = factors.size() == 1 ? factors.get(0) : new Expr.Mul(factors);
    return Optional.of(SumFolding.foldProducts(SumFolding.fold(product, d), d));
  }

  /** {@code R/T}, cancelling a factor T of R ({@code (T/2) Σ_i …} is {@code ½ Σ_i …}). */
  private static Expr overT(Expr r, Expr t) {
    if (r instanceof Expr.Mul m && m.factors().contains(t)) {
      List<Expr> rest = new ArrayList<>(m.factors());
      rest.remove(t);
      return rest.isEmpty() ? Expr.integer(1) : rest.size() == 1 ? rest.get(0)
          : new Expr.Mul(rest);
    }
    return times(r, new Expr.Pow(t, Expr.integer(-1)));
  }

  /**
   * {@code R} as {@code T Σ_k c_k log f_k} (c_k rational): the pairs {c_k, f_k}, or empty when R
   * has another form (no factor T, a non-logarithmic term).
   */
  static Optional<List<Expr[]>> logTerms(Expr r, String temperature) {
    List<Expr[]> out = new ArrayList<>();
    if (Exprs.isZero(r)) {
      return Optional.of(out);
    }
    return collect(r, Expr.integer(1), 0, temperature, out) ? Optional.of(out) : Optional.empty();
  }

  private static boolean collect(Expr e, Expr.Num k, int tPower, String temperature,
      List<Expr[]> out) {
    if (e instanceof Expr.Add a) {
      for (Expr t : a.terms()) {
        if (!collect(t, k, tPower, temperature, out)) {
          return false;
        }
      }
      return true;
    }
    if (e instanceof Expr.Fn f && f.head().equals("Log") && f.args().size() == 1) {
      if (tPower != 1) {
        return false;
      }
      out.add(new Expr[] {k, f.args().get(0)});
      return true;
    }
    if (e instanceof Expr.Mul m) {
      Expr.Num kk = k;
      int tp = tPower;
      Expr inner = null;
      for (Expr f : flat(m.factors())) {
        if (f instanceof Expr.Num n) {
          kk = multiply(kk, n);
        } else if (f instanceof Expr.Sym s && s.name().equals(temperature)) {
          tp++;
        } else if (inner == null) {
          inner = f;
        } else {
          return false;
        }
      }
      return inner != null && collect(inner, kk, tp, temperature, out);
    }
    return false;
  }

  // ------------------------------------------------------------------ arithmetic

  /** The factors of nested products, in order. */
  private static List<Expr> flat(List<Expr> factors) {
    List<Expr> out = new ArrayList<>();
    for (Expr f : factors) {
      if (f instanceof Expr.Mul m) {
        out.addAll(flat(m.factors()));
      } else {
        out.add(f);
      }
    }
    return out;
  }

  private static Expr.Num positive(Expr e) {
    return e instanceof Expr.Num n && n.num().signum() > 0 && !(n.isInteger()
        && n.num().equals(BigInteger.ONE)) ? n : null;
  }

  private static boolean isOne(Expr e) {
    return e instanceof Expr.Num n && n.isInteger() && n.num().equals(BigInteger.ONE);
  }

  private static Expr times(Expr a, Expr b) {
    List<Expr> fs = new ArrayList<>();
    for (Expr x : List.of(a, b)) {
      if (x instanceof Expr.Mul m) {
        fs.addAll(m.factors());
      } else {
        fs.add(x);
      }
    }
    return new Expr.Mul(fs);
  }

  static Expr.Num add(Expr.Num a, Expr.Num b) {
    return new Expr.Num(a.num().multiply(b.den()).add(b.num().multiply(a.den())),
        a.den().multiply(b.den()));
  }

  static Expr.Num multiply(Expr.Num a, Expr.Num b) {
    return new Expr.Num(a.num().multiply(b.num()), a.den().multiply(b.den()));
  }

  /** Every formula of a step, as displayed (used by the document printers). */
  static List<Formula> formulas(List<Formula> fs, Derivation d) {
    List<Formula> out = new ArrayList<>();
    fs.forEach(f -> out.add(new Formula(f.name(), f.lhs(), of(f.expr(), d))));
    return out;
  }

  /** The step with its formulas as displayed. */
  static Step step(Step s, Derivation d) {
    return new Step(s.kind(), s.facts(), formulas(s.inputs(), d), formulas(s.outputs(), d),
        s.assumptions(), s.status(), s.note());
  }
}
