package org.gaugebias.symbolic.derive;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.gaugebias.symbolic.cas.Algebra;
import org.gaugebias.symbolic.compile.Parameterization;
import org.gaugebias.symbolic.compile.Variable;
import org.gaugebias.symbolic.expr.Expr;
import org.gaugebias.symbolic.expr.NumericFunctions;
import org.gaugebias.symbolic.sampling.Numerics;
import org.gaugebias.symbolic.sampling.PointSampler;
import org.gaugebias.symbolic.symmetry.Generator;
import org.gaugebias.symbolic.symmetry.LinearSymmetries;
import org.gaugebias.symbolic.symmetry.TransposeSplit;
import org.gaugebias.symbolic.trace.Formula;
import org.gaugebias.symbolic.trace.Step;
import org.gaugebias.symbolic.trace.StepFacts;
import org.gaugebias.symbolic.trace.StepKind;
import org.hipparchus.fraction.BigFraction;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.RealMatrix;

/**
 * The gauge steps (THEORY.md §2): the declared gauge or the default moment maps of the
 * symmetric generators (with the symmetric/antisymmetric split of the algebra where needed),
 * the coordinates fixed for compact orbits, and the admissibility of the slice.
 */
final class GaugeSteps {
  private final DerivationContext c;
  private final Parameterization p;
  private final Algebra cas;
  private final SplittableRandom rng;
  private final PointSampler sampler;
  private final NumericFunctions fns;
  private final List<Step> steps;

  GaugeSteps(DerivationContext c) {
    this.c = c;
    this.p = c.p;
    this.cas = c.cas;
    this.rng = c.rng;
    this.sampler = c.sampler;
    this.fns = c.fns;
    this.steps = c.steps;
  }

  /**
   * A declared gauge whose M = ⟨∇χ_a, ξ_b⟩ is singular at generic points is singular on the
   * slice too (rank only drops on subsets), so it is refused here, before the slice is sought:
   * otherwise M ≡ 0 shows up later as "no representative" or "singular Gram".
   */
  void requireGenericallyAdmissible(DerivationContext.Gauge gauge) {
    if (!gauge.declared() || gauge.conditions().isEmpty()) {
      return;
    }
    List<List<Expr>> jchi = cas.jacobian(gauge.conditions(), p.theta());
    List<List<Expr>> xi = c.fieldsAsColumns(gauge.balanced());
    int best = 0;
    RealMatrix m = null;
    for (int s = 0; s < 3; s++) {
      Map<String, Double> env = c.env(p.theta(), sampler.positivePoint(rng));
      m = Numerics.evalMatrix(jchi, env, fns)
          .multiply(Numerics.evalMatrix(xi, env, fns).transpose());
      best = Math.max(best, Numerics.rank(m));
    }
    if (m.getRowDimension() != m.getColumnDimension() || best < m.getRowDimension()) {
      throw new DerivationException(DerivationException.Kind.INADMISSIBLE_GAUGE,
          c.where(c.originOfGauge()), "the gauge is not admissible: M = ⟨∇χ_a, ξ_b⟩ is "
              + m.getRowDimension() + "×" + m.getColumnDimension() + " of rank " + best
              + (best == 0 ? " (M ≡ 0: the gauge is constant along the orbits)" : "")
              + " at every point tried; choose conditions that vary along the orbits");
    }
  }

  DerivationContext.Gauge gauge(List<Generator> gens) {
    if (p.gauge().isPresent()) {
      List<Expr> conds = p.gauge().get().stream().map(Parameterization.GaugeCondition::expr)
          .toList();
      steps.add(Step.done(StepKind.GAUGE, new StepFacts.Gauge(true, List.of()), List.of(),
          c.formulas("chi", conds), List.of()));
      return new DerivationContext.Gauge(conds, gens.stream().filter(g -> g.type() == Generator.Type.SYMMETRIC
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
                c.where(g.origin()),
                "generator " + g.label() + " is a definite symmetric matrix (a scale"
                    + " symmetry): its moment map ½θᵀAθ vanishes only at θ = 0, so there is no"
                    + " balanced slice; declare a gauge, e.g. " + normGauge());
          }
          conds.add(momentMap(g.matrix().get()));
          balanced.add(g);
        }
        case ANTISYMMETRIC -> compact.add(g.label());
        default -> throw new DerivationException(DerivationException.Kind.GAUGE_MISSING,
            c.where(g.origin()), "generator " + g.label() + " is " + (g.type() == Generator.Type.MIXED
                ? "neither symmetric nor antisymmetric" : "nonlinear")
                + ": the default balance gauge is not defined for it; declare the gauge"
                + " conditions");
      }
    }
    steps.add(Step.done(StepKind.GAUGE, new StepFacts.Gauge(false, compact), List.of(),
        c.formulas("chi", conds),
        List.of()));
    return new DerivationContext.Gauge(conds, balanced, false);
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
      formulas.add(new Formula("sym_" + k, new Expr.Vec(g.field())));
      k++;
    }
    k = 1;
    for (BigFraction[][] a : split.antisymmetric()) {
      Generator g = new Generator("anti" + k, LinearSymmetries.field(a, p.theta()),
          Optional.of(a), origin);
      out.add(g);
      formulas.add(new Formula("anti_" + k, new Expr.Vec(g.field())));
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
        case MATRIX, SYMMETRIC -> "Total[Flatten[" + name + "^2]]";
      });
    }
    return String.join(" + ", terms);
  }

  /**
   * ½θᵀAθ: exactly for matrix designs (their route rewrites the conditions in its own basis;
   * a CAS Expand per generator costs seconds at 75 generators), otherwise in the CAS's
   * canonical form, which the shipped documents show.
   */
  private Expr momentMap(BigFraction[][] a) {
    if (c.matrixFrame().isPresent()) {
      return LinearSymmetries.momentMap(a, p.theta());
    }
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
  List<String> zeroedCoordinates(List<Generator> gens, int zeros) {
    if (zeros <= 0) {
      return List.of();
    }
    double[] x = sampler.positivePoint(rng);
    RealMatrix xi = Numerics.evalMatrix(c.fieldsAsColumns(gens), c.env(p.theta(), x), fns)
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

  void admissibility(DerivationContext.Gauge gauge, List<Generator> gens,
      List<RepresentativeSolver.Sample> samples) {
    if (gauge.conditions().isEmpty()) {
      steps.add(Step.done(StepKind.ADMISSIBILITY, new StepFacts.Admissibility(false, 0, 0, true),
          List.of(), List.of(), List.of()));
      return;
    }
    List<List<Expr>> jchi = cas.jacobian(gauge.conditions(), p.theta());
    List<List<Expr>> xi = c.fieldsAsColumns(gauge.balanced());
    double worstCond = 0;
    for (RepresentativeSolver.Sample s : samples) {
      RealMatrix jc = Numerics.evalMatrix(jchi, s.env(), fns);
      RealMatrix x = Numerics.evalMatrix(xi, s.env(), fns).transpose();
      RealMatrix m = jc.multiply(x);
      int r = Numerics.rank(m);
      if (m.getRowDimension() != m.getColumnDimension() || r < m.getRowDimension()) {
        throw new DerivationException(DerivationException.Kind.INADMISSIBLE_GAUGE,
            c.where(c.originOfGauge()), "the gauge is not admissible: M = ⟨∇χ_a, ξ_b⟩ is "
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
}
