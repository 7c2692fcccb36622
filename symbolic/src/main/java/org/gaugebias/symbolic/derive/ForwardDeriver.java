package org.gaugebias.symbolic.derive;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import org.gaugebias.symbolic.cas.Algebra;
import org.gaugebias.symbolic.cas.CasException;
import org.gaugebias.symbolic.cas.SymjaSession;
import org.gaugebias.symbolic.compile.Parameterization;
import org.gaugebias.symbolic.compile.Variable;
import org.gaugebias.symbolic.expr.Expr;
import org.gaugebias.symbolic.expr.Exprs;
import org.gaugebias.symbolic.expr.LatexPrinter;
import org.gaugebias.symbolic.expr.NumericEvaluator;
import org.gaugebias.symbolic.expr.NumericFunctions;
import org.gaugebias.symbolic.sampling.Numerics;
import org.gaugebias.symbolic.sampling.PointSampler;
import org.gaugebias.symbolic.symmetry.Generator;
import org.gaugebias.symbolic.symmetry.Invariance;
import org.gaugebias.symbolic.symmetry.LinearSymmetries;
import org.gaugebias.symbolic.symmetry.TransposeSplit;
import org.gaugebias.symbolic.expr.TextPrinter;
import org.gaugebias.symbolic.symmetry.NonlinearSymmetries;
import org.gaugebias.symbolic.symmetry.SymmetryDiscovery;
import org.gaugebias.symbolic.trace.Derivation;
import org.gaugebias.symbolic.trace.Formula;
import org.gaugebias.symbolic.trace.Step;
import org.gaugebias.symbolic.trace.StepFacts;
import org.gaugebias.symbolic.trace.StepKind;
import org.gaugebias.symbolic.trace.Structure;
import org.gaugebias.symbolic.trace.Variant;
import org.gaugebias.symbolic.trace.VariantResult;
import org.hipparchus.fraction.BigFraction;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.RealMatrix;

/**
 * The forward derivation of THEORY.md §1–3: from a parameterisation to its induced bias, as a
 * trace of steps. Symbolic work goes through Symja; every identity the result relies on is also
 * checked in double precision at random points (Symja has wrong answers: SYMJA-NOTES).
 *
 * <p>Not thread-safe: one deriver per {@link SymjaSession}. Randomness (sample points) comes from
 * a recorded seed, so the same design gives the same trace.
 */
public final class ForwardDeriver {
  /** Seed of the sample points used to guide and check the symbolic steps. */
  public static final long DEFAULT_SEED = 0x6761756765L;
  private static final int BRANCH_SAMPLES = 3;
  private static final int CHECK_POINTS = 8;
  private static final int INVARIANCE_POINTS = 5;
  /**
   * The temperature's value at numeric sample points. Formulas stay symbolic in T; designs whose
   * predictor involves T (inverse designs) are checked at this value.
   */
  static final double SAMPLE_TEMPERATURE = 1.0;

  private final Algebra cas;
  private final SymjaSession session;
  private final long seed;

  public ForwardDeriver(SymjaSession session) {
    this(session, DEFAULT_SEED);
  }

  public ForwardDeriver(SymjaSession session, long seed) {
    this.cas = new Algebra(session);
    this.session = session;
    this.seed = seed;
  }

  /** Runs every step; throws {@link DerivationException} when the design cannot be derived. */
  public Derivation derive(Parameterization p) {
    return new Run(p).derive();
  }

  /**
   * The symmetry of a parameterisation without the rest of the derivation: the checked
   * generators (declared, or discovered linear ones) and their matrices where linear. For
   * designs whose full derivation is not supported yet (matrix families), so that the numeric
   * verifier can still build projected noise and numeric Gram matrices from them.
   */
  public SymmetryAnalysis symmetry(Parameterization p) {
    return new Run(p).symmetry();
  }

  /**
   * The steps of the derivation up to and including the gauge (declaration, Jacobian,
   * generators, invariance, completeness, the symmetric/antisymmetric split where needed, the
   * gauge conditions): for designs whose later steps are not supported yet (matrix families),
   * so that their symmetry structure can still be shown.
   */
  public List<Step> throughGauge(Parameterization p) {
    return new Run(p).throughGauge();
  }

  /**
   * @param jacobian J_f, one row per predictor component
   * @param fields the generator fields ξ_a(θ), each of length d
   * @param matrices A_a with ξ_a = A_a θ, or empty when a field is not linear
   */
  public record SymmetryAnalysis(List<List<Expr>> jacobian, List<List<Expr>> fields,
      List<Optional<BigFraction[][]>> matrices) {
    public SymmetryAnalysis {
      jacobian = List.copyOf(jacobian);
      fields = List.copyOf(fields);
      matrices = List.copyOf(matrices);
    }
  }

  /** The state of one derivation. */
  private final class Run {
    private final Parameterization p;
    private final List<Step> steps = new ArrayList<>();
    private final SplittableRandom rng = new SplittableRandom(seed);
    private final PointSampler sampler;
    private final Set<String> betaNames;
    private final Expr temperature;
    /** Values of the symbols that are neither θ nor β (the temperature) at sample points. */
    private final Map<String, Double> fixed;
    /** The design's tabulated functions, for every numeric evaluation. */
    private final NumericFunctions fns;
    /** J_f ξ ≡ 0 checks and linear-field matrices. */
    private final Invariance invariance;

    Run(Parameterization p) {
      this.p = p;
      this.fns = p.functions();
      this.invariance = new Invariance(cas, fns);
      this.fixed = Map.of(p.temperature(), SAMPLE_TEMPERATURE);
      this.sampler = new PointSampler(p.theta(), p.assumptions(), fixed, fns);
      this.betaNames = new LinkedHashSet<>(p.beta());
      this.temperature = new Expr.Sym(p.temperature());
    }

    SymmetryAnalysis symmetry() {
      List<List<Expr>> jac = jacobian();
      requireNonConstant(jac);
      List<Generator> gens = generators(jac);
      checkInvariance(jac, gens);
      return new SymmetryAnalysis(jac, gens.stream().map(Generator::field).toList(),
          gens.stream().map(Generator::matrix).toList());
    }

    List<Step> throughGauge() {
      declare();
      List<List<Expr>> jac = jacobian();
      List<Generator> gens = generators(jac);
      checkInvariance(jac, gens);
      completeness(jac, gens);
      gauge(gens);
      return List.copyOf(steps);
    }

    Derivation derive() {
      declare();
      List<List<Expr>> jac = jacobian();
      requireNonConstant(jac);
      List<Generator> gens = generators(jac);
      checkInvariance(jac, gens);
      requireIndependent(gens);
      Completeness ranks = completeness(jac, gens);
      int rankJ = ranks.rankJ();
      Gauge gauge = gauge(gens);
      requireGenericallyAdmissible(gauge);
      int zeros = p.dimension() - rankJ - gauge.conditions().size();
      List<String> zeroed = zeroedCoordinates(gens, zeros);
      List<RepresentativeSolver.Sample> samples = branchSamples(gauge, zeroed);
      admissibility(gauge, gens, samples);
      RepresentativeSolver solver = new RepresentativeSolver(cas, samples, fns);
      Map<String, Expr> rep = representative(gauge, zeroed, solver);

      Map<Variant, VariantResult> results = new EnumMap<>(Variant.class);
      Map<Variant, Matrix> grams = new EnumMap<>(Variant.class);
      // discovered non-linear fields are defined up to functions of β: R_quot only (THEORY §3)
      boolean quotientOnly = p.generators().isEmpty()
          && gens.stream().anyMatch(g -> g.type() == Generator.Type.NONLINEAR);
      if (!quotientOnly) {
        grams.put(Variant.ORBIT, gram("G", "generator Gram G = Ξᵀ Ξ", fieldsAsColumns(gens)));
      }
      if (!gauge.conditions().isEmpty() && !quotientOnly) {
        grams.put(Variant.GAUGE, gram("C", "constraint Gram C = J_χ J_χᵀ",
            cas.jacobian(gauge.conditions(), p.theta())));
      }
      grams.put(Variant.QUOTIENT, gram("P", "predictor Gram P = J_f J_fᵀ", jac));
      for (Map.Entry<Variant, Matrix> g : grams.entrySet()) {
        results.put(g.getKey(), logDet(g.getKey(), g.getValue(), rep, solver, samples));
      }
      bias(results);
      if (!quotientOnly) {
        routes(results);
      }
      Optional<Expr> density = stationaryLaw(results.get(Variant.QUOTIENT));
      Expr repCost = representationCost(rep, solver);
      numericCheck(gauge, zeroed, gens, jac, results, repCost);
      Structure structure = new Structure(p.parameters(), p.predictorVariable(), jac, gens,
          ranks.rankXi(), gauge.conditions(), gauge.declared(), rep, zeroed);
      return new Derivation(p.id(), p.title(), p.source(), p.beta(), p.temperature(),
          p.headline(), steps, results, repCost, density, Map.of(), Optional.of(structure));
    }

    // ------------------------------------------------------------------ steps

    private void declare() {
      List<Formula> out = new ArrayList<>();
      for (int i = 0; i < p.beta().size(); i++) {
        out.add(new Formula(p.beta().get(i), LatexPrinter.standard().symbol(p.beta().get(i)),
            p.predictor().get(i)));
      }
      steps.add(Step.done(StepKind.DECLARE, new StepFacts.Declared(p.theta(), p.beta().size()),
          List.of(), out, p.assumptions()));
    }

    private List<List<Expr>> jacobian() {
      List<List<Expr>> j = cas.jacobian(p.predictor(), p.theta());
      steps.add(Step.done(StepKind.JACOBIAN, new StepFacts.Jacobian(),
          List.of(), List.of(new Formula("J_f", "J_f", Exprs.matrix(j))), List.of()));
      return j;
    }

    private List<Generator> generators(List<List<Expr>> jac) {
      List<Generator> gens = new ArrayList<>();
      StepFacts.Generators facts;
      if (p.generators().isPresent()) {
        for (Parameterization.GeneratorField g : p.generators().get()) {
          gens.add(new Generator(g.label(), g.field(),
              invariance.linearMatrix(g.field(), p.theta()), g.origin()));
        }
        facts = new StepFacts.Generators(StepFacts.GeneratorSource.DECLARED, false, 0);
      } else {
        Optional<List<BigFraction[][]>> exact = SymmetryDiscovery.exactLinearSymmetries(p);
        List<BigFraction[][]> found = exact.orElseGet(() -> LinearSymmetries.discover(jac,
            p.theta(), rng, sampler, fixed, fns));
        int k = 1;
        for (BigFraction[][] a : found) {
          gens.add(new Generator("X" + k++, LinearSymmetries.field(a, p.theta()), Optional.of(a),
              ""));
        }
        facts = new StepFacts.Generators(StepFacts.GeneratorSource.DISCOVERED_LINEAR,
            exact.isPresent(), found.size());
        Optional<List<Generator>> nonlinear = nonlinearIfIncomplete(jac, gens);
        if (nonlinear.isPresent()) {
          gens = nonlinear.get();
          facts = new StepFacts.Generators(StepFacts.GeneratorSource.DISCOVERED_NONLINEAR,
              exact.isPresent(), found.size());
        }
      }
      if (gens.isEmpty()) {
        throw new DerivationException(DerivationException.Kind.NO_SYMMETRY, p.source(),
            "the predictor has no continuous linear symmetry: the parameterisation is not"
                + " redundant, so there is no induced bias (declare the symmetry if it is nonlinear)");
      }
      List<Formula> out = new ArrayList<>();
      for (int a = 0; a < gens.size(); a++) {
        out.add(new Formula("xi_" + (a + 1), "\\xi_{" + (a + 1) + "}",
            new Expr.Vec(gens.get(a).field())));
      }
      steps.add(Step.done(StepKind.GENERATORS, facts, List.of(), out, List.of()));
      return gens;
    }

    /**
     * Non-linear kernel fields of J_f when the discovered linear generators do not fill the
     * fibres (THEORY.md §1, §6), if the design declares the gauge they need; without one, an
     * error that says which gauge would do.
     */
    private Optional<List<Generator>> nonlinearIfIncomplete(List<List<Expr>> jac,
        List<Generator> linear) {
      Map<String, Double> at = env(p.theta(), sampler.positivePoint(rng));
      int fibre = p.dimension() - Numerics.rank(Numerics.evalMatrix(jac, at, fns));
      int orbit = linear.isEmpty() ? 0
          : Numerics.rank(Numerics.evalMatrix(fieldsAsColumns(linear), at, fns));
      if (fibre == 0 || orbit >= fibre) {
        return Optional.empty();
      }
      List<List<Expr>> kernel = NonlinearSymmetries.kernelFields(session, jac, p.theta());
      if (p.gauge().isEmpty()) {
        List<String> gauge = NonlinearSymmetries.gaugeSuggestion(kernel, p.components(), fns);
        throw new DerivationException(DerivationException.Kind.GAUGE_MISSING, "",
            "the linear symmetries have orbits of dimension " + orbit + " in fibres of"
                + " dimension " + fibre + "; the fibres are spanned by the non-linear fields "
                + kernel.stream().map(f -> TextPrinter.print(new Expr.Vec(f))).toList() + ", which can be"
                + " rescaled by any function of β, so there is no default gauge: declare one"
                + " transverse to them" + (gauge.isEmpty() ? "" : ", e.g. 'gauge: ["
                + String.join(", ", gauge) + "]'") + " (then R_quot is derived on it)");
      }
      List<Generator> out = new ArrayList<>();
      for (int a = 0; a < kernel.size(); a++) {
        out.add(new Generator("Z" + (a + 1), kernel.get(a), Optional.empty(), ""));
      }
      return Optional.of(out);
    }

    private void checkInvariance(List<List<Expr>> jac, List<Generator> gens) {
      List<Formula> out = new ArrayList<>();
      for (int a = 0; a < gens.size(); a++) {
        Generator g = gens.get(a);
        List<Map<String, Double>> points = new ArrayList<>();
        for (int s = 0; s < INVARIANCE_POINTS; s++) {
          points.add(env(p.theta(), sampler.positivePoint(rng)));
        }
        Invariance.Verdict v = invariance.check(jac, g.field(), points);
        if (!v.holds()) {
          throw new DerivationException(DerivationException.Kind.NOT_INVARIANT, where(g.origin()),
              "generator " + g.label() + " does not leave the predictor invariant: J_f·ξ = "
                  + v.product().toWolfram() + " (numerically up to "
                  + String.format("%.3g", v.worstRelative()) + "), not 0");
        }
        out.add(new Formula("J_f_xi_" + (a + 1), "J_f \\xi_{" + (a + 1) + "}", v.product()));
      }
      steps.add(Step.done(StepKind.INVARIANCE, new StepFacts.Invariance(INVARIANCE_POINTS),
          List.of(), out, List.of()));
    }

    /** A predictor that does not depend on θ has no bias to derive (and every A is a symmetry). */
    private void requireNonConstant(List<List<Expr>> jac) {
      for (int s = 0; s < 3; s++) {
        Map<String, Double> env = env(p.theta(), sampler.positivePoint(rng));
        if (Numerics.rank(Numerics.evalMatrix(jac, env, fns)) > 0) {
          return;
        }
      }
      throw new DerivationException(DerivationException.Kind.INVALID_DESIGN, p.source(),
          "the predictor does not depend on the parameters (J_f = 0 at random points): there is"
              + " no fibre and no bias to derive; write the predictor as a function of "
              + String.join(", ", p.theta()));
    }

    /**
     * Declared generators must be linearly independent as fields (over constants): a zero
     * generator or two proportional ones make G = ΞᵀΞ singular everywhere, a fault of the
     * declaration, not of the action's freeness (so3-radius: independent fields, pointwise
     * dependent). Checked by stacking the fields at several random points.
     */
    private void requireIndependent(List<Generator> gens) {
      int k = gens.size();
      int points = 4;
      int d = p.dimension();
      double[][] stacked = new double[k][d * points];
      for (int s = 0; s < points; s++) {
        Map<String, Double> env = env(p.theta(), sampler.positivePoint(rng));
        for (int a = 0; a < k; a++) {
          for (int j = 0; j < d; j++) {
            stacked[a][s * d + j] = NumericEvaluator.eval(gens.get(a).field().get(j), env, fns);
          }
        }
      }
      for (int a = 0; a < k; a++) {
        double[][] upTo = java.util.Arrays.copyOf(stacked, a + 1);
        if (Numerics.rank(new Array2DRowRealMatrix(upTo, false)) <= a) {
          Generator g = gens.get(a);
          boolean zero = java.util.Arrays.stream(stacked[a]).allMatch(x -> x == 0);
          throw new DerivationException(DerivationException.Kind.SINGULAR_GRAM, where(g.origin()),
              "generator " + g.label() + (zero ? " is zero"
                  : " is a linear combination of the generators before it")
                  + ": the generator Gram matrix G = ΞᵀΞ is singular everywhere; remove it");
        }
      }
    }

    /**
     * A declared gauge whose M = ⟨∇χ_a, ξ_b⟩ is singular at generic points is singular on the
     * slice too (rank only drops on subsets), so it is refused here, before the slice is sought:
     * otherwise M ≡ 0 shows up later as "no representative" or "singular Gram".
     */
    private void requireGenericallyAdmissible(Gauge gauge) {
      if (!gauge.declared() || gauge.conditions().isEmpty()) {
        return;
      }
      List<List<Expr>> jchi = cas.jacobian(gauge.conditions(), p.theta());
      List<List<Expr>> xi = fieldsAsColumns(gauge.balanced());
      int best = 0;
      RealMatrix m = null;
      for (int s = 0; s < 3; s++) {
        Map<String, Double> env = env(p.theta(), sampler.positivePoint(rng));
        m = Numerics.evalMatrix(jchi, env, fns)
            .multiply(Numerics.evalMatrix(xi, env, fns).transpose());
        best = Math.max(best, Numerics.rank(m));
      }
      if (m.getRowDimension() != m.getColumnDimension() || best < m.getRowDimension()) {
        throw new DerivationException(DerivationException.Kind.INADMISSIBLE_GAUGE,
            where(originOfGauge()), "the gauge is not admissible: M = ⟨∇χ_a, ξ_b⟩ is "
                + m.getRowDimension() + "×" + m.getColumnDimension() + " of rank " + best
                + (best == 0 ? " (M ≡ 0: the gauge is constant along the orbits)" : "")
                + " at every point tried; choose conditions that vary along the orbits");
      }
    }

    /** rank J_f and rank Ξ at generic points. */
    private record Completeness(int rankJ, int rankXi) { }

    private Completeness completeness(List<List<Expr>> jac, List<Generator> gens) {
      int rankJ = 0;
      int rankXi = 0;
      for (int s = 0; s < 3; s++) {
        Map<String, Double> env = env(p.theta(), sampler.positivePoint(rng));
        rankJ = Math.max(rankJ, Numerics.rank(Numerics.evalMatrix(jac, env, fns)));
        rankXi = Math.max(rankXi, Numerics.rank(Numerics.evalMatrix(fieldsAsColumns(gens), env, fns)));
      }
      StepFacts.Completeness facts = new StepFacts.Completeness(rankXi, p.dimension(), rankJ,
          gens.size());
      // the printers state the verdict; an incomplete action leaves the step unresolved
      steps.add(new Step(StepKind.COMPLETENESS, facts, List.of(), List.of(), List.of(),
          facts.complete() ? Step.Status.DONE : Step.Status.UNRESOLVED, ""));
      return new Completeness(rankJ, rankXi);
    }

    /** Gauge conditions and which generators need none. */
    private record Gauge(List<Expr> conditions, List<Generator> balanced, boolean declared) { }

    private Gauge gauge(List<Generator> gens) {
      if (p.gauge().isPresent()) {
        List<Expr> conds = p.gauge().get().stream().map(Parameterization.GaugeCondition::expr)
            .toList();
        steps.add(Step.done(StepKind.GAUGE, new StepFacts.Gauge(true, List.of()), List.of(),
            formulas("chi", "\\chi", conds), List.of()));
        return new Gauge(conds, gens.stream().filter(g -> g.type() == Generator.Type.SYMMETRIC
            || g.type() == Generator.Type.NONLINEAR).toList(), true);
      }
      List<Expr> conds = new ArrayList<>();
      List<Generator> balanced = new ArrayList<>();
      List<String> compact = new ArrayList<>();
      for (Generator g : gaugeBasis(gens)) {
        switch (g.type()) {
          case SYMMETRIC -> {
            if (g.definite()) {
              throw new DerivationException(DerivationException.Kind.GAUGE_MISSING,
                  where(g.origin()),
                  "generator " + g.label() + " is a definite symmetric matrix (a scale"
                      + " symmetry): its moment map ½θᵀAθ vanishes only at θ = 0, so there is no"
                      + " balanced slice; declare a gauge, e.g. " + normGauge());
            }
            conds.add(momentMap(g.matrix().get()));
            balanced.add(g);
          }
          case ANTISYMMETRIC -> compact.add(g.label());
          default -> throw new DerivationException(DerivationException.Kind.GAUGE_MISSING,
              where(g.origin()), "generator " + g.label() + " is " + (g.type() == Generator.Type.MIXED
                  ? "neither symmetric nor antisymmetric" : "nonlinear")
                  + ": the default balance gauge is not defined for it; declare the gauge"
                  + " conditions");
        }
      }
      steps.add(Step.done(StepKind.GAUGE, new StepFacts.Gauge(false, compact), List.of(),
          formulas("chi", "\\chi", conds),
          List.of()));
      return new Gauge(conds, balanced, false);
    }

    /**
     * The basis the default gauge is built from: the generators themselves when each is
     * symmetric or antisymmetric, else the symmetric and antisymmetric parts of their algebra
     * when it is closed under transpose (THEORY.md §2), recorded as a step.
     */
    private List<Generator> gaugeBasis(List<Generator> gens) {
      boolean mixed = gens.stream().anyMatch(g -> g.type() == Generator.Type.MIXED);
      boolean linear = gens.stream().allMatch(g -> g.matrix().isPresent());
      if (!mixed || !linear) {
        return gens;
      }
      TransposeSplit split = TransposeSplit.of(gens.stream().map(g -> g.matrix().get()).toList());
      String origin = gens.stream().filter(g -> g.type() == Generator.Type.MIXED).findFirst()
          .map(Generator::origin).orElse("");
      if (!split.closed()) {
        steps.add(Step.unresolved(StepKind.ALGEBRA_SPLIT, new StepFacts.AlgebraSplit(false, 0, 0),
            "its symmetric and antisymmetric"
            + " parts are not symmetries: declare the gauge"));
        throw new DerivationException(DerivationException.Kind.GAUGE_MISSING, origin,
            "the generators' algebra is not closed under transpose (e.g. shears): its symmetric"
                + " and antisymmetric parts are not symmetries, so the default gauge is not"
                + " defined; declare the gauge conditions");
      }
      List<Generator> out = new ArrayList<>();
      List<Formula> formulas = new ArrayList<>();
      int k = 1;
      for (BigFraction[][] a : split.symmetric()) {
        Generator g = new Generator("sym" + k, LinearSymmetries.field(a, p.theta()),
            Optional.of(a), origin);
        out.add(g);
        formulas.add(new Formula("sym_" + k, "\\xi^{\\mathrm{sym}}_{" + k + "}",
            new Expr.Vec(g.field())));
        k++;
      }
      k = 1;
      for (BigFraction[][] a : split.antisymmetric()) {
        Generator g = new Generator("anti" + k, LinearSymmetries.field(a, p.theta()),
            Optional.of(a), origin);
        out.add(g);
        formulas.add(new Formula("anti_" + k, "\\xi^{\\mathrm{anti}}_{" + k + "}",
            new Expr.Vec(g.field())));
        k++;
      }
      steps.add(Step.done(StepKind.ALGEBRA_SPLIT, new StepFacts.AlgebraSplit(true,
          split.symmetric().size(), split.antisymmetric().size()), List.of(), formulas,
          List.of()));
      return out;
    }

    /** {@code gauge: [x.x - 1]}, quoted when brackets would end YAML's flow sequence. */
    private String normGauge() {
      String condition = normSquare() + " - 1";
      return "'gauge: [" + (condition.contains("[") ? "\"" + condition + "\"" : condition)
          + "]'";
    }

    /**
     * ‖θ‖² in the design's own parameter names, as the reader accepts it: {@code u^2} for a
     * scalar, {@code x.x} for a vector, {@code Total[Flatten[W^2]]} for a matrix (the internal
     * component names x$1 are not design symbols).
     */
    private String normSquare() {
      List<String> terms = new ArrayList<>();
      for (Variable v : p.parameters()) {
        String name = v.name();
        terms.add(switch (v.shape().kind()) {
          case SCALAR -> name + "^2";
          case VECTOR -> name + "." + name;
          case MATRIX -> "Total[Flatten[" + name + "^2]]";
        });
      }
      return String.join(" + ", terms);
    }


    private Expr momentMap(BigFraction[][] a) {
      List<Expr> terms = new ArrayList<>();
      int d = a.length;
      for (int i = 0; i < d; i++) {
        for (int j = 0; j < d; j++) {
          if (a[i][j].signum() != 0) {
            BigFraction c = a[i][j].multiply(new BigFraction(1, 2));
            terms.add(Expr.mul(LinearSymmetries.num(c), new Expr.Sym(p.theta().get(i)),
                new Expr.Sym(p.theta().get(j))));
          }
        }
      }
      return cas.expand(new Expr.Add(terms));
    }

    /** Coordinates set to 0 to fix the compact part of the orbit (canonical representative). */
    private List<String> zeroedCoordinates(List<Generator> gens, int zeros) {
      if (zeros <= 0) {
        return List.of();
      }
      double[] x = sampler.positivePoint(rng);
      RealMatrix xi = Numerics.evalMatrix(fieldsAsColumns(gens), env(p.theta(), x), fns)
          .transpose();
      int d = p.dimension();
      // prefer the last coordinates: x = (|x|, 0, …, 0) for rotations
      for (int[] set : Combinations.descending(d, zeros)) {
        if (Numerics.rank(xi.getSubMatrix(set, allColumns(xi))) == zeros) {
          List<String> out = new ArrayList<>();
          for (int i : set) {
            out.add(p.theta().get(i));
          }
          return out;
        }
      }
      throw new DerivationException(DerivationException.Kind.NO_REPRESENTATIVE, p.source(),
          "no set of " + zeros + " coordinates is transverse to the orbits: cannot fix a"
              + " canonical representative; declare a gauge");
    }

    private int[] allColumns(RealMatrix m) {
      int[] c = new int[m.getColumnDimension()];
      for (int i = 0; i < c.length; i++) {
        c[i] = i;
      }
      return c;
    }

    private List<Expr> residuals(Gauge gauge, List<String> zeroed) {
      List<Expr> out = new ArrayList<>();
      for (int i = 0; i < p.beta().size(); i++) {
        out.add(Expr.add(p.predictor().get(i),
            Expr.mul(Expr.integer(-1), new Expr.Sym(p.beta().get(i)))));
      }
      out.addAll(gauge.conditions());
      for (String z : zeroed) {
        out.add(new Expr.Sym(z));
      }
      return out;
    }

    /** Positive-branch predictor points and the numeric representative at each. */
    private List<RepresentativeSolver.Sample> branchSamples(Gauge gauge, List<String> zeroed) {
      List<RepresentativeSolver.Sample> out = new ArrayList<>();
      List<Expr> res = residuals(gauge, zeroed);
      int attempts = 0;
      while (out.size() < BRANCH_SAMPLES && attempts++ < 40) {
        double[] x = sampler.positivePoint(rng);
        Optional<RepresentativeSolver.Sample> s = numericRepresentative(res, x, true);
        s.ifPresent(out::add);
      }
      if (out.size() < BRANCH_SAMPLES) {
        throw new DerivationException(DerivationException.Kind.NO_REPRESENTATIVE, p.source(),
            "the system f(θ) = β, χ(θ) = 0 has no numeric solution near random points of the"
                + " positive branch: the gauge slice does not meet the fibres");
      }
      return out;
    }

    /** β = f(x) and the representative found from x, on x's sign branch. */
    private Optional<RepresentativeSolver.Sample> numericRepresentative(List<Expr> res, double[] x,
        boolean requireSameSigns) {
      Map<String, Double> thetaEnv = env(p.theta(), x);
      double[] b = Numerics.eval(p.predictor(), thetaEnv, fns);
      Map<String, Double> betaEnv = env(p.beta(), b);
      double[] sol = Numerics.solve(res, p.theta(), x, betaEnv, fns);
      if (sol == null) {
        return Optional.empty();
      }
      if (requireSameSigns) {
        for (int i = 0; i < sol.length; i++) {
          if (sol[i] * x[i] < 0) {
            return Optional.empty();
          }
        }
      }
      // θ values only in the θ map (the fixed symbols travel with β)
      return Optional.of(new RepresentativeSolver.Sample(betaEnv, Numerics.env(p.theta(), sol)));
    }

    private void admissibility(Gauge gauge, List<Generator> gens,
        List<RepresentativeSolver.Sample> samples) {
      if (gauge.conditions().isEmpty()) {
        steps.add(Step.done(StepKind.ADMISSIBILITY, new StepFacts.Admissibility(false, 0, 0, true),
            List.of(), List.of(), List.of()));
        return;
      }
      List<List<Expr>> jchi = cas.jacobian(gauge.conditions(), p.theta());
      List<List<Expr>> xi = fieldsAsColumns(gauge.balanced());
      double worstCond = 0;
      for (RepresentativeSolver.Sample s : samples) {
        RealMatrix jc = Numerics.evalMatrix(jchi, s.env(), fns);
        RealMatrix x = Numerics.evalMatrix(xi, s.env(), fns).transpose();
        RealMatrix m = jc.multiply(x);
        int r = Numerics.rank(m);
        if (m.getRowDimension() != m.getColumnDimension() || r < m.getRowDimension()) {
          throw new DerivationException(DerivationException.Kind.INADMISSIBLE_GAUGE,
              where(originOfGauge()), "the gauge is not admissible: M = ⟨∇χ_a, ξ_b⟩ is "
                  + m.getRowDimension() + "×" + m.getColumnDimension() + " of rank " + r
                  + " on the slice (it must be invertible)");
        }
        double[] sv = new org.hipparchus.linear.SingularValueDecomposition(m).getSingularValues();
        worstCond = Math.max(worstCond, sv[0] / sv[sv.length - 1]);
      }
      RealMatrix jc0 = Numerics.evalMatrix(jchi, samples.get(0).env(), fns);
      RealMatrix x0 = Numerics.evalMatrix(xi, samples.get(0).env(), fns).transpose();
      RealMatrix both = new Array2DRowRealMatrix(jc0.getRowDimension() + x0.getColumnDimension(),
          p.dimension());
      both.setSubMatrix(jc0.getData(), 0, 0);
      both.setSubMatrix(x0.transpose().getData(), jc0.getRowDimension(), 0);
      boolean orthogonal = Numerics.rank(both) == Numerics.rank(x0);
      steps.add(Step.done(StepKind.ADMISSIBILITY,
          new StepFacts.Admissibility(true, worstCond, samples.size(), orthogonal),
          List.of(), List.of(), List.of()));
    }

    /** The declaration's {@code file:line:col}, or at least the design file. */
    private String where(String origin) {
      return origin == null || origin.isEmpty() ? p.source() : origin;
    }

    private String originOfGauge() {
      return p.gauge().map(g -> g.isEmpty() ? "" : g.get(0).origin()).orElse("");
    }

    private Map<String, Expr> representative(Gauge gauge, List<String> zeroed,
        RepresentativeSolver solver) {
      RepresentativeSolver.Result r = solver.solve(residuals(gauge, zeroed), p.theta());
      if (!r.ok()) {
        throw new DerivationException(DerivationException.Kind.NO_REPRESENTATIVE,
            where(originOfGauge()),
            "step 'representative': " + r.failure());
      }
      List<Formula> out = new ArrayList<>();
      for (String t : p.theta()) {
        out.add(new Formula(t, "\\tilde{" + LatexPrinter.standard().symbol(t) + "}",
            r.solution().get(t)));
      }
      List<Expr> assumed = new ArrayList<>();
      for (String t : p.theta()) {
        if (!zeroed.contains(t)) {
          assumed.add(Expr.fn("Greater", new Expr.Sym(t), Expr.integer(0)));
        }
      }
      steps.add(Step.done(StepKind.REPRESENTATIVE,
          new StepFacts.Representative(zeroed, BRANCH_SAMPLES), List.of(), out, assumed));
      return r.solution();
    }

    // ------------------------------------------------------------------ Gram matrices

    /** A Gram matrix, given by the vectors (ξ_a, ∇χ_a or ∇f_i) whose inner products it holds. */
    private record Matrix(String name, String description, List<List<Expr>> vectors) { }

    private Matrix gram(String name, String description, List<List<Expr>> vectors) {
      return new Matrix(name, description, vectors);
    }

    private VariantResult logDet(Variant variant, Matrix g, Map<String, Expr> rep,
        RepresentativeSolver solver, List<RepresentativeSolver.Sample> samples) {
      List<List<Expr>> vectors = g.vectors();
      int k = vectors.size();
      List<List<Expr>> entries = new ArrayList<>();
      for (int a = 0; a < k; a++) {
        List<Expr> row = new ArrayList<>();
        for (int b = 0; b < k; b++) {
          List<Expr> terms = new ArrayList<>();
          for (int j = 0; j < vectors.get(a).size(); j++) {
            terms.add(Expr.mul(vectors.get(a).get(j), vectors.get(b).get(j)));
          }
          row.add(new Expr.Add(terms));
        }
        entries.add(row);
      }
      List<List<Expr>> inTheta = new ArrayList<>();
      List<List<Expr>> atRep = new ArrayList<>();
      for (List<Expr> row : entries) {
        List<Expr> r1 = new ArrayList<>();
        List<Expr> r2 = new ArrayList<>();
        for (Expr e : row) {
          r1.add(cas.simplify(e));
          r2.add(solver.tidy(Exprs.substitute(e, rep)));
        }
        inTheta.add(r1);
        atRep.add(r2);
      }
      int rank = Numerics.rank(Numerics.evalMatrix(atRep, samples.get(0).beta(), fns));
      boolean pseudo = rank < k;
      if (rank == 0 || (pseudo && variant != Variant.ORBIT)) {
        throw new DerivationException(DerivationException.Kind.SINGULAR_GRAM, p.source(),
            "the " + g.description() + " is singular on the slice (rank " + rank + " of " + k + ")"
                + (variant == Variant.QUOTIENT ? ": the predictor's components are dependent"
                : ": the gauge conditions are dependent"));
      }
      Expr logDet = GramDeterminants.logDet(cas, solver, atRep, rank, betaNames, signedBetas());
      steps.add(Step.done(StepKind.GRAM, new StepFacts.Gram(variant, rank, k),
          List.of(new Formula(g.name() + "_theta", g.name() + "(\\theta)", Exprs.matrix(inTheta))),
          List.of(new Formula(g.name(), g.name() + "(\\tilde\\theta(\\beta))",
              Exprs.matrix(atRep))), List.of()));
      Split split = split(logDet);
      steps.add(Step.done(StepKind.LOG_DET, new StepFacts.LogDet(variant, pseudo), List.of(),
          List.of(new Formula("logdet_" + g.name(), "\\log\\det " + g.name(), logDet)),
          List.of()));
      return new VariantResult(variant, logDet, split.variable(), split.constant(), pseudo);
    }

    /** The β-dependent and constant parts of a log-determinant. */
    private record Split(Expr variable, Expr constant) { }

    private Split split(Expr logDet) {
      List<Expr> terms = logDet instanceof Expr.Add a ? a.terms() : List.of(logDet);
      List<Expr> var = new ArrayList<>();
      List<Expr> con = new ArrayList<>();
      for (Expr t : terms) {
        (t.isFreeOf(betaNames) ? con : var).add(t);
      }
      return new Split(sum(var), sum(con));
    }

    private Expr sum(List<Expr> xs) {
      return xs.isEmpty() ? Expr.integer(0) : xs.size() == 1 ? xs.get(0) : new Expr.Add(xs);
    }

    // ------------------------------------------------------------------ results

    private Expr halfT() {
      return Expr.mul(Expr.rational(1, 2), temperature);
    }

    /** {@code (T/2)·e}, with a leading rational of e folded in ({@code (2/3) T log|β|}). */
    private Expr halfTimes(Expr e) {
      if (Exprs.isZero(e)) {
        return Expr.integer(0);
      }
      if (e instanceof Expr.Mul m && m.factors().get(0) instanceof Expr.Num c) {
        List<Expr> rest = new ArrayList<>();
        rest.add(new Expr.Num(c.num(), c.den().shiftLeft(1)));
        rest.add(temperature);
        rest.addAll(m.factors().subList(1, m.factors().size()));
        return new Expr.Mul(rest);
      }
      return Expr.mul(halfT(), e);
    }

    /** {@code T β/(4T) → β/4}; sums keep their factored {@code (T/2)(…)} form. */
    private Expr simplerIfSingleTerm(Expr bias) {
      if (bias instanceof Expr.Mul m && m.factors().stream().noneMatch(f -> f instanceof Expr.Add)) {
        try {
          Expr s = cas.simplify(bias);
          return Exprs.size(s) < Exprs.size(bias) ? s : bias;
        } catch (CasException ignored) {
          return bias;
        }
      }
      return bias;
    }

    private void bias(Map<Variant, VariantResult> results) {
      List<Formula> out = new ArrayList<>();
      for (Map.Entry<Variant, VariantResult> e : new ArrayList<>(results.entrySet())) {
        VariantResult r = e.getValue();
        Expr bias = simplerIfSingleTerm(halfTimes(r.bias()));
        Expr dropped = halfTimes(r.droppedConstant());
        results.put(e.getKey(), new VariantResult(r.variant(), r.logDet(), bias, dropped,
            r.pseudoDeterminant()));
        out.add(new Formula("R_" + r.variant().shortName(),
            "R_{\\mathrm{" + r.variant().shortName() + "}}", bias));
      }
      steps.add(Step.done(StepKind.BIAS, new StepFacts.Bias(p.headline()), List.of(), out,
          List.of()));
    }

    private void routes(Map<Variant, VariantResult> results) {
      VariantResult q = results.get(Variant.QUOTIENT);
      VariantResult o = results.get(Variant.ORBIT);
      Expr diff = cas.simplify(Expr.add(q.bias(), Expr.mul(Expr.integer(-1), o.bias())));
      boolean adapted = Exprs.isZero(diff);
      steps.add(Step.done(StepKind.ROUTES, new StepFacts.Routes(adapted),
          List.of(), List.of(new Formula("coordinate_term", "R_{\\mathrm{quot}} -"
              + " R_{\\mathrm{orbit}}", diff)), List.of()));
    }

    private Optional<Expr> stationaryLaw(VariantResult quot) {
      if (p.loss().isEmpty()) {
        return Optional.empty();
      }
      Expr phi = Expr.add(p.loss().get(), quot.bias());
      Expr density = Expr.pow(new Expr.Sym("E"),
          Expr.mul(Expr.integer(-1), Expr.pow(temperature, Expr.integer(-1)), phi));
      Expr simplified = density;
      try {
        Expr s = cas.powerExpand(cas.simplify(density));
        simplified = Exprs.size(s) <= Exprs.size(density) + 4 ? s : density;
      } catch (CasException ignored) {
        // keep the plain exponential form
      }
      steps.add(Step.done(StepKind.STATIONARY_LAW, new StepFacts.StationaryLaw(),
          List.of(new Formula("L", "L", p.loss().get())),
          List.of(new Formula("Phi", "\\Phi", phi), new Formula("p", "p(\\beta)", simplified)),
          List.of()));
      return Optional.of(simplified);
    }

    private Expr representationCost(Map<String, Expr> rep, RepresentativeSolver solver) {
      List<Expr> squares = new ArrayList<>();
      for (String t : p.theta()) {
        squares.add(Expr.pow(Branches.absoluteRepresentative(rep.get(t), betaNames,
            g -> GramDeterminants.positiveEverywhere(g, signedBetas(), fns)), Expr.integer(2)));
      }
      Expr cost = Expr.mul(Expr.rational(1, 2), new Expr.Add(squares));
      Expr best = solver.tidy(cost);
      steps.add(Step.done(StepKind.REPRESENTATION_COST, new StepFacts.RepresentationCost(),
          List.of(), List.of(new Formula("repcost", "\\tfrac{1}{2}\\|\\tilde\\theta\\|^2", best)),
          List.of()));
      return best;
    }

    // ------------------------------------------------------------------ numeric check

    private void numericCheck(Gauge gauge, List<String> zeroed, List<Generator> gens,
        List<List<Expr>> jac, Map<Variant, VariantResult> results, Expr repCost) {
      List<Expr> res = residuals(gauge, zeroed);
      List<List<Expr>> xi = fieldsAsColumns(gens);
      List<List<Expr>> jchi = gauge.conditions().isEmpty() ? List.of()
          : cas.jacobian(gauge.conditions(), p.theta());
      double worst = 0;
      int checked = 0;
      List<String> failures = new ArrayList<>();
      for (int attempt = 0; attempt < 4 * CHECK_POINTS && checked < CHECK_POINTS; attempt++) {
        double[] x = sampler.signedPoint(rng);
        Optional<RepresentativeSolver.Sample> s = numericRepresentative(res, x, false);
        if (s.isEmpty()) {
          continue;
        }
        checked++;
        Map<String, Double> thetaOnly = s.get().theta();
        Map<String, Double> theta = s.get().env();
        Map<String, Double> beta = s.get().beta();
        Map<Variant, Double> numeric = new EnumMap<>(Variant.class);
        RealMatrix xiNum = Numerics.evalMatrix(xi, theta, fns).transpose();
        RealMatrix g = xiNum.transpose().multiply(xiNum);
        numeric.put(Variant.ORBIT, Numerics.logPseudoDet(g, Numerics.rank(g)));
        RealMatrix jf = Numerics.evalMatrix(jac, theta, fns);
        numeric.put(Variant.QUOTIENT, Numerics.logPseudoDet(jf.multiply(jf.transpose()),
            jf.getRowDimension()));
        if (!jchi.isEmpty()) {
          RealMatrix jc = Numerics.evalMatrix(jchi, theta, fns);
          numeric.put(Variant.GAUGE, Numerics.logPseudoDet(jc.multiply(jc.transpose()),
              jc.getRowDimension()));
        }
        numeric.keySet().retainAll(results.keySet());
        for (Map.Entry<Variant, Double> e : numeric.entrySet()) {
          double symbolic = NumericEvaluator.eval(results.get(e.getKey()).logDet(), beta, fns);
          double err = Math.abs(symbolic - e.getValue());
          worst = Math.max(worst, err);
          if (err > 1e-7) {
            failures.add(e.getKey().gram() + " at β = " + beta + ": formula " + symbolic
                + ", numeric " + e.getValue());
          }
        }
        double normSq = 0;
        for (double v : thetaOnly.values()) {
          normSq += v * v;
        }
        double rc = NumericEvaluator.eval(repCost, beta, fns);
        if (Math.abs(rc - normSq / 2) > 1e-7 * Math.max(1, rc)) {
          failures.add("repcost at β = " + beta + ": formula " + rc + ", numeric " + normSq / 2);
        }
      }
      StepFacts rule = new StepFacts.NumericCheck(checked, worst);
      if (failures.isEmpty() && checked > 0) {
        steps.add(Step.done(StepKind.NUMERIC_CHECK, rule, List.of(), List.of(), List.of()));
      } else {
        steps.add(new Step(StepKind.NUMERIC_CHECK, rule, List.of(), List.of(), List.of(),
            Step.Status.UNRESOLVED, checked == 0 ? "no numeric representative found off the"
            + " positive branch" : "the formulas hold on the positive branch only: "
            + String.join("; ", failures.subList(0, Math.min(3, failures.size())))));
      }
    }

    // ------------------------------------------------------------------ helpers

    /** A numeric environment: the named values plus the fixed symbols (temperature). */
    private Map<String, Double> env(List<String> names, double[] values) {
      Map<String, Double> m = new java.util.HashMap<>(fixed);
      m.putAll(Numerics.env(names, values));
      return m;
    }

    private List<Map<String, Double>> signedBetas;

    /** Predictor values at random points of every sign branch (for the |·| extension). */
    private List<Map<String, Double>> signedBetas() {
      if (signedBetas == null) {
        signedBetas = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
          double[] x = sampler.signedPoint(rng);
          signedBetas.add(env(p.beta(),
              Numerics.eval(p.predictor(), env(p.theta(), x), fns)));
        }
      }
      return signedBetas;
    }

    /** Generator fields as rows (each row one field of length d), i.e. Ξ transposed. */
    private List<List<Expr>> fieldsAsColumns(List<Generator> gens) {
      List<List<Expr>> rows = new ArrayList<>();
      for (Generator g : gens) {
        rows.add(g.field());
      }
      return rows;
    }

    private List<Formula> formulas(String name, String lhs, List<Expr> xs) {
      List<Formula> out = new ArrayList<>();
      for (int i = 0; i < xs.size(); i++) {
        out.add(new Formula(name + "_" + (i + 1), lhs + "_{" + (i + 1) + "}", xs.get(i)));
      }
      return out;
    }
  }
}
