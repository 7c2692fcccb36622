package org.gaugebias.symbolic.derive;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gaugebias.symbolic.cas.SymjaSession;
import org.gaugebias.symbolic.compile.Parameterization;
import org.gaugebias.symbolic.derive.matrix.ConjugationRoute;
import org.gaugebias.symbolic.derive.matrix.DiagonalFrame;
import org.gaugebias.symbolic.derive.matrix.MatrixRoute;
import org.gaugebias.symbolic.expr.Expr;
import org.gaugebias.symbolic.expr.Exprs;
import org.gaugebias.symbolic.symmetry.Generator;
import org.gaugebias.symbolic.trace.Derivation;
import org.gaugebias.symbolic.trace.Formula;
import org.gaugebias.symbolic.trace.WorkProgress;
import org.gaugebias.symbolic.trace.Step;
import org.gaugebias.symbolic.trace.StepFacts;
import org.gaugebias.symbolic.trace.StepKind;
import org.gaugebias.symbolic.trace.Structure;
import org.gaugebias.symbolic.trace.Variant;
import org.gaugebias.symbolic.trace.VariantResult;
import org.hipparchus.fraction.BigFraction;

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
  /**
   * The temperature's value at numeric sample points. Formulas stay symbolic in T; designs whose
   * predictor involves T (inverse designs) are checked at this value.
   */
  static final double SAMPLE_TEMPERATURE = 1.0;

  private final SymjaSession session;
  private final long seed;

  public ForwardDeriver(SymjaSession session) {
    this(session, DEFAULT_SEED);
  }

  public ForwardDeriver(SymjaSession session, long seed) {
    this.session = session;
    this.seed = seed;
  }

  /** Runs every step; throws {@link DerivationException} when the design cannot be derived. */
  public Derivation derive(Parameterization p) {
    WorkProgress progress = WorkProgress.current();
    return progress.deriving(p, "deriving", () -> {
      if (ConjugationRoute.applies(p)) {
        return new Run(p).conjugation();
      }
      // structure before algebra: independent blocks are derived once each and assembled
      progress.step("structure before algebra (independent blocks)");
      Optional<Derivation> structured = org.gaugebias.symbolic.derive.structure.BlockRoute
          .derive(p, block -> progress.deriving(block, "deriving block",
              () -> new Run(block).derive()), seed, session);
      return structured.orElseGet(() -> new Run(p).derive());
    });
  }

  /**
   * Whether {@link #derive} discovers the linear symmetries of the whole design: it declares
   * none and neither the conjugation route nor the structure route (one block at a time)
   * applies. Then {@link org.gaugebias.symbolic.symmetry.SymmetryDiscovery#linearDiscoveryCost}
   * says what that costs.
   */
  public static boolean discoversWholeSymmetry(Parameterization p) {
    return p.generators().isEmpty() && !ConjugationRoute.applies(p)
        && !org.gaugebias.symbolic.derive.structure.BlockRoute.applies(p);
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

  /** One derivation: the steps in order, sharing one {@link DerivationContext}. */
  private final class Run {
    private final Parameterization p;
    private final DerivationContext c;
    private final SymmetrySteps symmetry;
    private final GaugeSteps gauge;

    Run(Parameterization p) {
      this.p = p;
      this.c = new DerivationContext(p, session, seed);
      this.symmetry = new SymmetrySteps(c);
      this.gauge = new GaugeSteps(c);
    }

    /** Records that the derivation has reached the next step of its trace. */
    private void reach(StepKind kind, String detail) {
      WorkProgress.current().step("step " + (c.steps.size() + 1) + ", " + kind.title()
          + (detail.isEmpty() ? "" : " " + detail));
    }

    SymmetryAnalysis symmetry() {
      List<List<Expr>> jac = symmetry.jacobian();
      symmetry.requireNonConstant(jac);
      List<Generator> gens = symmetry.generators(jac);
      symmetry.checkInvariance(jac, gens);
      return new SymmetryAnalysis(jac, gens.stream().map(Generator::field).toList(),
          gens.stream().map(Generator::matrix).toList());
    }

    List<Step> throughGauge() {
      symmetry.declare();
      List<List<Expr>> jac = symmetry.jacobian();
      List<Generator> gens = symmetry.generators(jac);
      symmetry.checkInvariance(jac, gens);
      symmetry.completeness(jac, gens);
      gauge.gauge(gens);
      return List.copyOf(c.steps);
    }

    Derivation derive() {
      reach(StepKind.DECLARE, "");
      symmetry.declare();
      reach(StepKind.JACOBIAN, "");
      List<List<Expr>> jac = symmetry.jacobian();
      symmetry.requireNonConstant(jac);
      reach(StepKind.GENERATORS, p.generators().isPresent() ? "(declared)"
          : "(discovering the linear symmetries of " + p.dimension() + " parameters)");
      List<Generator> gens = symmetry.generators(jac);
      reach(StepKind.INVARIANCE, "of " + gens.size() + " generators");
      symmetry.checkInvariance(jac, gens);
      symmetry.requireIndependent(gens);
      reach(StepKind.COMPLETENESS, "");
      SymmetrySteps.Completeness ranks = symmetry.completeness(jac, gens);
      reach(StepKind.GAUGE, "");
      DerivationContext.Gauge chosen = gauge.gauge(gens);
      Optional<DiagonalFrame> frame = c.matrixFrame();
      if (frame.isPresent()) {
        return matrix(frame.get(), jac, gens, ranks, chosen);
      }
      Optional<RankOneUnit> unit = RankOneUnit.of(p, jac, gens, chosen);
      if (unit.isPresent()) {
        return unit(unit.get(), jac, gens, ranks, chosen);
      }
      gauge.requireGenericallyAdmissible(chosen);
      int zeros = p.dimension() - ranks.rankJ() - chosen.conditions().size();
      List<String> zeroed = gauge.zeroedCoordinates(gens, zeros);
      RepresentativeStep representative = new RepresentativeStep(c);
      reach(StepKind.ADMISSIBILITY, "");
      List<RepresentativeSolver.Sample> samples = representative.branchSamples(chosen, zeroed);
      gauge.admissibility(chosen, gens, samples);
      RepresentativeSolver solver = new RepresentativeSolver(c.cas, samples, c.fns);
      reach(StepKind.REPRESENTATIVE, "");
      Map<String, Expr> rep = representative.representative(chosen, zeroed, solver);
      // an odd predictor (φ(u v) with φ odd): its results are even, whatever the branch
      EvenExtension branches = EvenExtension.find(c, gens, chosen.conditions());

      // discovered non-linear fields are defined up to functions of β: R_quot only (THEORY §3)
      boolean quotientOnly = p.generators().isEmpty()
          && gens.stream().anyMatch(g -> g.type() == Generator.Type.NONLINEAR);
      GramSteps grams = new GramSteps(c);
      Map<Variant, GramSteps.Matrix> matrices = new EnumMap<>(Variant.class);
      if (!quotientOnly) {
        matrices.put(Variant.ORBIT, grams.gram("G", "generator Gram G = Ξᵀ Ξ",
            c.fieldsAsColumns(gens)));
      }
      if (!chosen.conditions().isEmpty() && !quotientOnly) {
        matrices.put(Variant.GAUGE, grams.gram("C", "constraint Gram C = J_χ J_χᵀ",
            c.cas.jacobian(chosen.conditions(), p.theta())));
      }
      matrices.put(Variant.QUOTIENT, grams.gram("P", "predictor Gram P = J_f J_fᵀ", jac));
      Map<Variant, VariantResult> results = new EnumMap<>(Variant.class);
      for (Map.Entry<Variant, GramSteps.Matrix> g : matrices.entrySet()) {
        int k = g.getValue().vectors().size();
        reach(StepKind.GRAM, g.getValue().name() + " (" + k + " × " + k + ") and its"
            + " log-determinant");
        results.put(g.getKey(), grams.logDet(g.getKey(), g.getValue(), rep, solver, samples));
      }
      results = new EnumMap<>(branches.extend(results, samples));
      BiasSteps bias = new BiasSteps(c);
      reach(StepKind.BIAS, "");
      bias.bias(results);
      if (!quotientOnly) {
        bias.routes(results);
      }
      reach(StepKind.STATIONARY_LAW, "");
      Optional<Expr> density = new StationaryLawStep(c).stationaryLaw(
          results.get(Variant.QUOTIENT));
      reach(StepKind.REPRESENTATION_COST, "");
      Expr repCost = new RepresentationCostStep(c).representationCost(rep, solver,
          cost -> branches.extend(cost, samples));
      reach(StepKind.NUMERIC_CHECK, "");
      new NumericCheckStep(c).numericCheck(chosen, zeroed, gens, jac, results, repCost);
      Structure structure = new Structure(p.parameters(), p.predictorVariable(), jac, gens,
          ranks.rankXi(), chosen.conditions(), chosen.declared(), rep, zeroed);
      return new Derivation(p.id(), p.title(), p.source(), p.beta(), p.temperature(),
          p.headline(), c.steps, results, repCost, density, Map.of(), Optional.of(structure));
    }

    /**
     * A single unit β = v·w (THEORY.md §3): the steps after the gauge computed from the
     * recognised structure ({@link RankOneUnitSteps}), then the same bias, stationary-law and
     * numeric-check steps as the generic route.
     */
    private Derivation unit(RankOneUnit unit, List<List<Expr>> jac, List<Generator> gens,
        SymmetrySteps.Completeness ranks, DerivationContext.Gauge chosen) {
      RankOneUnitSteps steps = new RankOneUnitSteps(c, unit);
      steps.structure();
      // the slice's equations f(θ) − β, χ: Jacobian J_f and ∇χ = Aθ = ξ, exactly
      List<List<Expr>> slice = new java.util.ArrayList<>(jac);
      slice.add(gens.get(0).field());
      c.residualJacobian(slice);
      RepresentativeStep representative = new RepresentativeStep(c);
      gauge.admissibility(chosen, gens, representative.branchSamples(chosen, List.of()));
      Map<String, Expr> rep = steps.representative();
      Map<Variant, VariantResult> results = steps.logDets(true);
      steps.bias(results, p.headline());
      steps.routes();
      Optional<Expr> density = new StationaryLawStep(c).stationaryLaw(
          results.get(Variant.QUOTIENT));
      Expr repCost = steps.representationCost();
      new NumericCheckStep(c).numericCheck(chosen, List.of(), gens, jac, results, repCost);
      Structure structure = new Structure(p.parameters(), p.predictorVariable(), jac, gens,
          ranks.rankXi(), chosen.conditions(), false, rep, List.of());
      return new Derivation(p.id(), p.title(), p.source(), p.beta(), p.temperature(),
          p.headline(), c.steps, results, repCost, density, Map.of(), Optional.of(structure));
    }

    /**
     * Conjugation of a symmetric matrix with the spectrum as predictor (derive.matrix), then
     * the same bias steps as the matrix route.
     */
    Derivation conjugation() {
      reach(StepKind.DECLARE, "");
      symmetry.declare();
      reach(StepKind.STRUCTURE, "(conjugation route)");
      ConjugationRoute.Outcome o = new ConjugationRoute(p, c.session, c.steps, seed).derive();
      Map<Variant, VariantResult> results = new EnumMap<>(o.results());
      new BiasSteps(c).bias(results);
      Expr coordinate = Exprs.isZero(o.logDetPMinusG()) ? Expr.integer(0)
          : Expr.mul(Expr.rational(1, 2), c.temperature, o.logDetPMinusG());
      c.steps.add(Step.done(StepKind.ROUTES, new StepFacts.Routes(Exprs.isZero(coordinate)),
          List.of(), List.of(new Formula("coordinate_term", coordinate)), List.of()));
      c.steps.add(Step.done(StepKind.REPRESENTATION_COST, new StepFacts.RepresentationCost(),
          List.of(), List.of(new Formula("repcost", o.representationCost())), List.of()));
      Structure structure = new Structure(p.parameters(), p.predictorVariable(),
          o.jacobianAtRepresentative(), o.generators(), o.orbitDimension(), List.of(), false,
          o.representative(), List.of(), Optional.of(o.spectrum()));
      return new Derivation(p.id(), p.title(), p.source(), p.beta(), p.temperature(),
          p.headline(), c.steps, results, o.representationCost(), Optional.empty(), Map.of(),
          Optional.of(structure));
    }

    /** Matrix designs: the diagonal-frame route (derive.matrix), then the same bias steps. */
    private Derivation matrix(DiagonalFrame frame, List<List<Expr>> jac, List<Generator> gens,
        SymmetrySteps.Completeness ranks, DerivationContext.Gauge chosen) {
      reach(StepKind.STRUCTURE, "(diagonal-frame route of the matrix family)");
      MatrixRoute.Outcome o = new MatrixRoute(p, c.session, frame, c.steps, seed)
          .derive(gens, chosen.conditions(), chosen.declared(), c.originOfGauge());
      Map<Variant, VariantResult> results = new EnumMap<>(o.results());
      BiasSteps bias = new BiasSteps(c);
      bias.bias(results);
      // the coordinate term exactly, from the block terms (Simplify of the difference of two
      // long sums of fractional powers can exceed the CAS's time limit)
      Expr coordinate = Exprs.isZero(o.logDetPMinusG()) ? Expr.integer(0)
          : Expr.mul(Expr.rational(1, 2), c.temperature, o.logDetPMinusG());
      c.steps.add(Step.done(StepKind.ROUTES, new StepFacts.Routes(Exprs.isZero(coordinate)),
          List.of(), List.of(new Formula("coordinate_term", coordinate)), List.of()));
      c.steps.add(Step.done(StepKind.REPRESENTATION_COST, new StepFacts.RepresentationCost(),
          List.of(), List.of(new Formula("repcost", o.representationCost())), List.of()));
      Structure structure = new Structure(p.parameters(), p.predictorVariable(), jac, gens,
          ranks.rankXi(), o.conditions(), chosen.declared(), o.representative(), List.of(),
          Optional.of(o.spectrum()));
      return new Derivation(p.id(), p.title(), p.source(), p.beta(), p.temperature(),
          p.headline(), c.steps, results, o.representationCost(), Optional.empty(), Map.of(),
          Optional.of(structure));
    }
  }
}
