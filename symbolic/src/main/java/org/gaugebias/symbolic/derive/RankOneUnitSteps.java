package org.gaugebias.symbolic.derive;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gaugebias.symbolic.expr.Expr;
import org.gaugebias.symbolic.expr.Exprs;
import org.gaugebias.symbolic.expr.LatexPrinter;
import org.gaugebias.symbolic.symmetry.LinearSymmetries;
import org.gaugebias.symbolic.trace.Formula;
import org.gaugebias.symbolic.trace.Step;
import org.gaugebias.symbolic.trace.StepFacts;
import org.gaugebias.symbolic.trace.StepKind;
import org.gaugebias.symbolic.trace.Variant;
import org.gaugebias.symbolic.trace.VariantResult;
import org.hipparchus.fraction.BigFraction;

/**
 * The steps after the gauge for a recognised {@link RankOneUnit} (THEORY.md §2–3, the ReLU unit
 * row), every one computed from the structure, in S = ‖β‖²: on the fibre w = β/v the moment map
 * ½α(S/v² − v²) is a binomial in v, so θ̃ is v = S^{1/4}, w = β S^{−1/4}; P = D I + a aᵀ with
 * D = v² and a = w gives, by the determinant lemma, log det P = m log D + log(1 + ‖a‖²/D);
 * G = C = ‖Aθ‖² = α²(‖w‖² + v²); ½‖θ̃‖² likewise. Every quantity at θ̃ is a monomial c·S^e, so
 * nothing is simplified or solved by the CAS and the cost does not grow with m beyond writing
 * the formulas. The numeric cross-check that follows compares them with dense Gram matrices.
 */
final class RankOneUnitSteps {
  private final List<Step> steps;
  private final Expr temperature;
  private final RankOneUnit unit;
  private final List<String> beta;
  private final List<String> theta;
  private final Expr count;
  private final Expr normSquared;
  private final Expr scale;
  private NormPower scaleAtRep;
  private NormPower vectorNormAtRep;

  /** For the unit of {@code c}'s design at its concrete size m: S = Σ_i β_i². */
  RankOneUnitSteps(DerivationContext c, RankOneUnit unit) {
    this(c.steps, c.temperature, unit, c.p.beta(), c.p.theta(),
        Expr.integer(unit.components()), sumOfSquares(c.p.beta()));
  }

  /**
   * @param beta the predictor symbols, one per component of the unit's vector (for every n:
   *     the generic component, e.g. {@code beta$i})
   * @param theta θ's symbols in flattening order (the vector's components and the scale)
   * @param count m, or the size symbol
   * @param normSquared S = ‖β‖², a sum or an indexed sum
   */
  RankOneUnitSteps(List<Step> steps, Expr temperature, RankOneUnit unit, List<String> beta,
      List<String> theta, Expr count, Expr normSquared) {
    this.steps = steps;
    this.temperature = temperature;
    this.unit = unit;
    this.beta = List.copyOf(beta);
    this.theta = List.copyOf(theta);
    this.count = count;
    this.normSquared = normSquared;
    this.scale = new Expr.Sym(unit.scale());
  }

  private static Expr sumOfSquares(List<String> beta) {
    List<Expr> squares = new ArrayList<>();
    for (String b : beta) {
      squares.add(Expr.pow(new Expr.Sym(b), Expr.integer(2)));
    }
    return new Expr.Add(squares);
  }

  /** {@code a_k}, or {@code a_i} for the generic component of every n. */
  private String updateName(int k) {
    return count instanceof Expr.Num ? "a_" + (k + 1) : "a_i";
  }

  /** The recognised structure, as a step: J_f = [v I | w], P = v² I + w wᵀ, A = α diag(I, −1). */
  void structure() {
    List<Formula> out = new ArrayList<>();
    out.add(new Formula("D", square(scale)));
    for (int i = 0; i < unit.components(); i++) {
      out.add(new Formula(updateName(i), new Expr.Sym(unit.vector().get(i))));
    }
    steps.add(Step.done(StepKind.STRUCTURE, new StepFacts.RankOneUnit(unit.scale(),
        unit.vector(), LinearSymmetries.num(unit.alpha())), List.of(), out, List.of()));
  }

  /**
   * θ̃(β): on the fibre w = β/v the moment map is ½α S v⁻² − ½α v², zero where v⁴ = S; the
   * branch v &gt; 0 (the representative's, as in the generic steps) gives v = S^{1/4}.
   */
  Map<String, Expr> representative() {
    BigFraction half = unit.alpha().multiply(BigFraction.ONE_HALF);
    Expr onFibre = Expr.add(Expr.mul(LinearSymmetries.num(half), normSquared,
        Expr.pow(scale, Expr.integer(-2))), Expr.mul(LinearSymmetries.num(half.negate()),
        square(scale)));
    // c₁ S v^−2 + c₂ v² = 0  ⇔  v⁴ = (−c₁/c₂) S: a root of a monomial equation
    BigFraction ratio = half.divide(half.negate()).negate();
    scaleAtRep = new NormPower(ratio, BigFraction.ONE).power(new BigFraction(1, 4));
    vectorNormAtRep = scaleAtRep.power(new BigFraction(-2)).times(NormPower.S);
    Map<String, Expr> rep = new LinkedHashMap<>();
    List<Formula> out = new ArrayList<>();
    NormPower perComponent = scaleAtRep.power(BigFraction.MINUS_ONE);
    for (int i = 0; i < unit.components(); i++) {
      Expr w = product(new Expr.Sym(beta.get(i)), perComponent.expr(normSquared));
      rep.put(unit.vector().get(i), w);
    }
    rep.put(unit.scale(), scaleAtRep.expr(normSquared));
    // written compactly: v = c‖β‖^{…} stated once, then w_i = β_i / v (not ‖β‖² per component)
    out.add(new Formula(unit.scale(), rep.get(unit.scale())));
    for (int i = 0; i < unit.components(); i++) {
      out.add(new Formula(unit.vector().get(i), perScale(beta.get(i))));
    }
    String v = LatexPrinter.standard().symbol(unit.scale());
    steps.add(Step.done(StepKind.REPRESENTATIVE, new StepFacts.FibreRepresentative(
        unit.scale(), unit.vector()), List.of(new Formula("chi_on_fibre",
        "\\chi\\rvert_{w = \\beta/" + v + "}", onFibre)), out,
        List.of(Expr.fn("Greater", scale, Expr.integer(0)))));
    return rep;
  }

  /** log det P, G, C at θ̃, each with its Gram step, in {@link Variant} order. */
  Map<Variant, VariantResult> logDets(boolean gauge) {
    Map<Variant, VariantResult> out = new EnumMap<>(Variant.class);
    out.put(Variant.QUOTIENT, predictorGram());
    out.put(Variant.ORBIT, orbitGram(Variant.ORBIT, "G"));
    if (gauge) {
      out.put(Variant.GAUGE, orbitGram(Variant.GAUGE, "C"));
    }
    return out;
  }

  /** P = D I + a aᵀ: log det P = m log D + log(1 + ‖a‖²/D) (matrix determinant lemma). */
  private VariantResult predictorGram() {
    NormPower d = scaleAtRep.power(new BigFraction(2));
    List<Formula> at = new ArrayList<>();
    at.add(new Formula("D", d.expr(normSquared)));
    for (int i = 0; i < unit.components(); i++) {
      at.add(new Formula(updateName(i), perScale(beta.get(i))));
    }
    int m = unit.components();
    steps.add(Step.done(StepKind.GRAM, new StepFacts.Gram(Variant.QUOTIENT, m, m), List.of(),
        at, List.of()));
    NormPower quadratic = vectorNormAtRep.times(d.power(BigFraction.MINUS_ONE));
    if (quadratic.exponent().signum() != 0) {
      throw new IllegalStateException("aᵀD⁻¹a depends on β: " + quadratic);
    }
    // m log D + log(1 + aᵀD⁻¹a), D = c_D S^e_D
    Expr sCoefficient = times(count, d.exponent());
    List<Expr> constants = new ArrayList<>();
    if (!d.coefficient().equals(BigFraction.ONE)) {
      constants.add(Expr.mul(count, Expr.log(LinearSymmetries.num(d.coefficient()))));
    }
    constants.add(Expr.log(LinearSymmetries.num(quadratic.coefficient().add(1))));
    VariantResult r = result(Variant.QUOTIENT, sCoefficient, constants);
    Formula lemma = new Formula("aT_Dinv_a", "a^{\\top} D^{-1} a",
        LinearSymmetries.num(quadratic.coefficient()));
    steps.add(Step.done(StepKind.LOG_DET,
        new StepFacts.LogDet(Variant.QUOTIENT, false, true, true), List.of(lemma),
        List.of(new Formula("logdet_P", r.logDet())), List.of()));
    return r;
  }

  /** G = ΞᵀΞ and C = J_χ J_χᵀ, both ‖Aθ‖² = α²(‖w‖² + v²) (∇χ = Aθ = ξ): 1×1. */
  private VariantResult orbitGram(Variant variant, String name) {
    BigFraction a2 = unit.alpha().multiply(unit.alpha());
    List<Expr> terms = new ArrayList<>();
    for (String w : unit.vector()) {
      Expr square = square(new Expr.Sym(w));
      terms.add(Expr.mul(LinearSymmetries.num(a2), count instanceof Expr.Num ? square
          : Expr.fn("Sum", square, ((Expr.Fn) normSquared).args().get(1))));
    }
    terms.add(Expr.mul(LinearSymmetries.num(a2), square(scale)));
    NormPower g = vectorNormAtRep.plus(scaleAtRep.power(new BigFraction(2))).scaled(a2);
    steps.add(Step.done(StepKind.GRAM, new StepFacts.Gram(variant, 1, 1),
        List.of(new Formula(name + "_theta", matrix(tidyOnes(terms)))),
        List.of(new Formula(name, matrix(g.expr(normSquared)))), List.of()));
    List<Expr> constants = new ArrayList<>();
    if (!g.coefficient().equals(BigFraction.ONE)) {
      constants.add(Expr.log(LinearSymmetries.num(g.coefficient())));
    }
    VariantResult r = result(variant, LinearSymmetries.num(g.exponent()), constants);
    steps.add(Step.done(StepKind.LOG_DET, new StepFacts.LogDet(variant, false, false, true),
        List.of(), List.of(new Formula("logdet_" + name, r.logDet())), List.of()));
    return r;
  }

  /**
   * R = (T/2)·(k log S) per variant, the constants dropped (BiasSteps' form; nothing for the
   * CAS to simplify: the log-determinants are closed forms already).
   */
  void bias(Map<Variant, VariantResult> results, Variant headline) {
    List<Formula> out = new ArrayList<>();
    for (Map.Entry<Variant, VariantResult> e : new ArrayList<>(results.entrySet())) {
      VariantResult r = e.getValue();
      Expr bias = BiasSteps.halfTimes(r.bias(), temperature);
      results.put(e.getKey(), new VariantResult(r.variant(), r.logDet(), bias,
          BiasSteps.halfTimes(r.droppedConstant(), temperature), r.pseudoDeterminant()));
      out.add(new Formula("R_" + r.variant().shortName(), bias));
    }
    steps.add(Step.done(StepKind.BIAS, new StepFacts.Bias(headline), List.of(), out,
        List.of()));
  }

  /** R_quot − R_orbit = (T/2)(k_P − k_G) log S, from the coefficients k of log S. */
  void routes() {
    Expr kp = logCoefficient.get(Variant.QUOTIENT);
    Expr kg = logCoefficient.get(Variant.ORBIT);
    Expr term;
    if (kp instanceof Expr.Num p && kg instanceof Expr.Num g) {
      BigFraction k = fraction(p).subtract(fraction(g));
      term = k.signum() == 0 ? Expr.integer(0) : product(LinearSymmetries.num(
          k.multiply(BigFraction.ONE_HALF)), temperature, Expr.log(normSquared));
    } else {
      term = Expr.mul(Expr.rational(1, 2), temperature, Expr.add(kp,
          Expr.mul(Expr.integer(-1), kg)), Expr.log(normSquared));
    }
    steps.add(Step.done(StepKind.ROUTES, new StepFacts.Routes(Exprs.isZero(term)), List.of(),
        List.of(new Formula("coordinate_term", term)), List.of()));
  }

  /** ½‖θ̃‖² = ½(‖w̃‖² + ṽ²). */
  Expr representationCost() {
    Expr cost = vectorNormAtRep.plus(scaleAtRep.power(new BigFraction(2)))
        .scaled(BigFraction.ONE_HALF).expr(normSquared);
    steps.add(Step.done(StepKind.REPRESENTATION_COST, new StepFacts.RepresentationCost(),
        List.of(), List.of(new Formula("repcost", cost)), List.of()));
    return cost;
  }

  private final Map<Variant, Expr> logCoefficient = new EnumMap<>(Variant.class);

  /** k log S + constants, split as the generic steps split it (bias part, dropped constant). */
  private VariantResult result(Variant v, Expr k, List<Expr> constants) {
    logCoefficient.put(v, k);
    Expr variable = product(k, Expr.log(normSquared));
    Expr constant = constants.isEmpty() ? Expr.integer(0) : constants.size() == 1
        ? constants.get(0) : new Expr.Add(constants);
    List<Expr> all = new ArrayList<>(constants);
    all.add(variable);
    return new VariantResult(v, all.size() == 1 ? variable : new Expr.Add(all), variable,
        constant, false);
  }

  private static BigFraction fraction(Expr.Num n) {
    return new BigFraction(n.num(), n.den());
  }

  /** count·x, a number when the count is one. */
  private static Expr times(Expr count, BigFraction x) {
    if (count instanceof Expr.Num n) {
      return LinearSymmetries.num(x.multiply(fraction(n)));
    }
    return product(LinearSymmetries.num(x), count);
  }

  /** A flat product without factors 1 (a single factor as itself). */
  /**
   * β_i / v with v the representative's scale (stated once in the representative step): how
   * the printed formulas write w_i and a_i at θ̃ without ‖β‖² once per component.
   */
  private Expr perScale(String betaComponent) {
    return Expr.mul(new Expr.Sym(betaComponent), Expr.pow(new Expr.Sym(unit.scale()),
        Expr.integer(-1)));
  }

  private static Expr product(Expr... factors) {
    List<Expr> kept = new ArrayList<>();
    for (Expr f : factors) {
      if (f instanceof Expr.Mul m) {
        kept.addAll(m.factors());
      } else if (!f.equals(Expr.integer(1))) {
        kept.add(f);
      }
    }
    return kept.isEmpty() ? Expr.integer(1) : kept.size() == 1 ? kept.get(0)
        : new Expr.Mul(kept);
  }

  private static List<Expr> tidyOnes(List<Expr> terms) {
    List<Expr> out = new ArrayList<>();
    for (Expr t : terms) {
      out.add(t instanceof Expr.Mul m && m.factors().get(0).equals(Expr.integer(1))
          ? m.factors().get(1) : t);
    }
    return out;
  }

  private static Expr matrix(Expr entry) {
    return new Expr.Vec(List.of(new Expr.Vec(List.of(entry))));
  }

  private static Expr matrix(List<Expr> sum) {
    return matrix(new Expr.Add(sum));
  }

  private static Expr square(Expr x) {
    return Expr.pow(x, Expr.integer(2));
  }

  /**
   * c·S^e with c &gt; 0 rational and e rational: what every quantity of the unit is at θ̃,
   * S = ‖β‖². Powers with a fractional exponent are taken only of c = 1 (exact).
   */
  record NormPower(BigFraction coefficient, BigFraction exponent) {
    static final NormPower S = new NormPower(BigFraction.ONE, BigFraction.ONE);

    NormPower times(NormPower o) {
      return new NormPower(coefficient.multiply(o.coefficient), exponent.add(o.exponent));
    }

    NormPower scaled(BigFraction k) {
      return new NormPower(coefficient.multiply(k), exponent);
    }

    NormPower power(BigFraction k) {
      if (k.getDenominatorAsInt() != 1 && !coefficient.equals(BigFraction.ONE)) {
        throw new IllegalStateException("no exact root of " + coefficient);
      }
      BigFraction c = k.getDenominatorAsInt() != 1 ? BigFraction.ONE
          : k.signum() >= 0 ? coefficient.pow(k.getNumeratorAsInt())
          : BigFraction.ONE.divide(coefficient.pow(-k.getNumeratorAsInt()));
      return new NormPower(c, exponent.multiply(k));
    }

    /** The sum of two monomials of the same power of S. */
    NormPower plus(NormPower o) {
      if (!exponent.equals(o.exponent)) {
        throw new IllegalStateException("different powers of S: " + this + ", " + o);
      }
      return new NormPower(coefficient.add(o.coefficient), exponent);
    }

    Expr expr(Expr s) {
      Expr power = exponent.signum() == 0 ? Expr.integer(1) : exponent.equals(BigFraction.ONE)
          ? s : Expr.pow(s, LinearSymmetries.num(exponent));
      return product(LinearSymmetries.num(coefficient), power);
    }
  }
}
