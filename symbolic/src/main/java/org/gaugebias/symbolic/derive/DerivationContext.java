package org.gaugebias.symbolic.derive;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import org.gaugebias.symbolic.cas.Algebra;
import org.gaugebias.symbolic.cas.SymjaSession;
import org.gaugebias.symbolic.compile.Parameterization;
import org.gaugebias.symbolic.derive.matrix.DiagonalFrame;
import org.gaugebias.symbolic.expr.Expr;
import org.gaugebias.symbolic.expr.NumericFunctions;
import org.gaugebias.symbolic.sampling.Numerics;
import org.gaugebias.symbolic.sampling.PointSampler;
import org.gaugebias.symbolic.symmetry.ExactInvariance;
import org.gaugebias.symbolic.symmetry.Generator;
import org.gaugebias.symbolic.symmetry.Invariance;
import org.gaugebias.symbolic.trace.Formula;
import org.gaugebias.symbolic.trace.Step;

/**
 * The state one derivation's steps share: the design, the CAS, the random sample points (one
 * seeded stream, so the same design gives the same trace) and the steps recorded so far, with
 * the numeric helpers several steps use.
 */
final class DerivationContext {
  final Parameterization p;
  final Algebra cas;
  final SymjaSession session;
  final List<Step> steps = new ArrayList<>();
  final SplittableRandom rng;
  final PointSampler sampler;
  final Set<String> betaNames;
  final Expr temperature;
  /** Values of the symbols that are neither θ nor β (the temperature) at sample points. */
  final Map<String, Double> fixed;
  /** The design's tabulated functions, for every numeric evaluation. */
  final NumericFunctions fns;
  /** J_f ξ ≡ 0 checks and linear-field matrices. */
  final Invariance invariance;

  DerivationContext(Parameterization p, SymjaSession session, long seed) {
    this.p = p;
    this.session = session;
    this.cas = new Algebra(session);
    this.rng = new SplittableRandom(seed);
    this.fns = p.functions();
    this.invariance = new Invariance(cas, fns);
    this.fixed = Map.of(p.temperature(), ForwardDeriver.SAMPLE_TEMPERATURE);
    this.sampler = new PointSampler(p.theta(), p.assumptions(), fixed, fns);
    this.betaNames = new LinkedHashSet<>(p.beta());
    this.temperature = new Expr.Sym(p.temperature());
  }

  /** Gauge conditions and which generators need none. */
  record Gauge(List<Expr> conditions, List<Generator> balanced, boolean declared) { }

  /** f(θ) − β, the gauge conditions and the zeroed coordinates: the slice's equations. */
  List<Expr> residuals(Gauge gauge, List<String> zeroed) {
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

  private List<List<Expr>> residualJacobian;

  /**
   * The Jacobian of the slice's equations in θ, when a route knows it exactly (J_f, and ∇χ = ξ
   * for a moment map): the numeric representatives then need no finite differences.
   */
  void residualJacobian(List<List<Expr>> jacobian) {
    this.residualJacobian = List.copyOf(jacobian);
  }

  /** β = f(x) and the representative found from x, on x's sign branch. */
  Optional<RepresentativeSolver.Sample> numericRepresentative(List<Expr> res, double[] x,
      boolean requireSameSigns) {
    Map<String, Double> thetaEnv = env(p.theta(), x);
    double[] b = Numerics.eval(p.predictor(), thetaEnv, fns);
    Map<String, Double> betaEnv = env(p.beta(), b);
    List<List<Expr>> exact = residualJacobian != null && residualJacobian.size() == res.size()
        ? residualJacobian : null;
    double[] sol = Numerics.solve(res, exact, p.theta(), x, betaEnv, fns);
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

  /** The declaration's {@code file:line:col}, or at least the design file. */
  String where(String origin) {
    return origin == null || origin.isEmpty() ? p.source() : origin;
  }

  String originOfGauge() {
    return p.gauge().map(g -> g.isEmpty() ? "" : g.get(0).origin()).orElse("");
  }

  /** A numeric environment: the named values plus the fixed symbols (temperature). */
  Map<String, Double> env(List<String> names, double[] values) {
    Map<String, Double> m = new java.util.HashMap<>(fixed);
    m.putAll(Numerics.env(names, values));
    return m;
  }

  private Optional<ExactInvariance> exactInvariance;
  private Optional<DiagonalFrame> matrixFrame;

  /** The diagonal frame of a matrix design (derive.matrix), empty for other designs. */
  Optional<DiagonalFrame> matrixFrame() {
    if (matrixFrame == null) {
      matrixFrame = DiagonalFrame.of(p);
    }
    return matrixFrame;
  }

  /** The exact check J_f ξ ≡ 0 in Q[θ], if the predictor is polynomial (built once). */
  Optional<ExactInvariance> exactInvariance() {
    if (exactInvariance == null) {
      exactInvariance = ExactInvariance.of(p);
    }
    return exactInvariance;
  }

  private List<Map<String, Double>> signedBetas;

  /** Predictor values at random points of every sign branch (for the |·| extension). */
  List<Map<String, Double>> signedBetas() {
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
  List<List<Expr>> fieldsAsColumns(List<Generator> gens) {
    List<List<Expr>> rows = new ArrayList<>();
    for (Generator g : gens) {
      rows.add(g.field());
    }
    return rows;
  }

  /** {@code name_1 = xs[0]}, {@code name_2 = xs[1]}, … (typeset by the printers). */
  List<Formula> formulas(String name, List<Expr> xs) {
    List<Formula> out = new ArrayList<>();
    for (int i = 0; i < xs.size(); i++) {
      out.add(new Formula(name + "_" + (i + 1), xs.get(i)));
    }
    return out;
  }
}
