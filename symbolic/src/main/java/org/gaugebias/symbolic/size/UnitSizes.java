package org.gaugebias.symbolic.size;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.gaugebias.symbolic.compile.Parameterization;
import org.gaugebias.symbolic.compile.Variable;
import org.gaugebias.symbolic.derive.UnitForEveryN;
import org.gaugebias.symbolic.design.Design;
import org.gaugebias.symbolic.design.DesignReader;
import org.gaugebias.symbolic.design.Shape;
import org.gaugebias.symbolic.design.SymbolicSizes;
import org.gaugebias.symbolic.expr.Expr;
import org.gaugebias.symbolic.expr.NumericEvaluator;
import org.gaugebias.symbolic.failure.Failure;
import org.gaugebias.symbolic.sampling.Numerics;
import org.gaugebias.symbolic.trace.Derivation;
import org.gaugebias.symbolic.trace.Step;
import org.gaugebias.symbolic.trace.StepFacts;
import org.gaugebias.symbolic.trace.StepKind;
import org.gaugebias.symbolic.trace.Variant;
import org.gaugebias.symbolic.trace.VariantResult;
import org.hipparchus.linear.RealMatrix;

/**
 * A single unit for every n (THEORY.md §3, the ReLU unit; issue 9's closed forms):
 * {@code w: vector n}, {@code v: scalar}, β = v·w. Not one block per index (v is shared), so
 * not {@link IndexBlocks}: the design is derived at n = {@value SymbolicSizes#REFERENCE}, where
 * the engine recognises the unit (derive.RankOneUnit), and the steps after the gauge are computed
 * again with n a symbol ({@link UnitForEveryN}): log det P = (n/2) log Σ_{i=1}^n β_i² + log 2.
 * The closed forms are checked at sizes they were not derived from against dense numeric Gram
 * matrices at points of the balanced slice reached along each orbit.
 */
final class UnitSizes {
  private static final double TOLERANCE = 1e-6;

  private UnitSizes() {
  }

  /** Whether the design at two sizes is one scalar and one vector of n, predictor a vector of n. */
  static boolean applies(Parameterization pa, Parameterization pb) {
    return shape(pa) && shape(pb)
        && pb.predictorVariable().components().size() == pa.beta().size() + 1;
  }

  private static boolean shape(Parameterization p) {
    List<Variable> ps = p.parameters();
    if (ps.size() != 2 || p.predictorVariable().shape().kind() != Shape.Kind.VECTOR) {
      return false;
    }
    long scalars = ps.stream().filter(v -> v.shape().kind() == Shape.Kind.SCALAR).count();
    Optional<Variable> vector = ps.stream().filter(v -> v.shape().kind() == Shape.Kind.VECTOR)
        .findFirst();
    return scalars == 1 && vector.isPresent()
        && vector.get().symbols().size() == p.beta().size();
  }

  /** The derivation for every n, or a failure when the design is not a recognised unit. */
  static Derivation derive(Design design, String size, Parameterization pa,
      SizeRoute.Compiler compiler, SizeRoute.BlockDeriver deriver, long seed,
      Function<String, Failure> fail) {
    Derivation reference = deriver.derive(pa);
    UnitForEveryN.ClosedForms closed = UnitForEveryN.of(reference, size, SizeRoute.INDEX)
        .orElseThrow(() -> fail.apply("no closed form for every " + size + ": a parameter is"
            + " shared by every index and the design is not a single unit β = v·w (one scalar"
            + " times each component of a vector)"));
    List<Step> steps = new ArrayList<>();
    steps.add(Step.done(StepKind.SYMBOLIC_SIZE, new StepFacts.SymbolicSize(size,
        pa.predictorVariable().name(), SymbolicSizes.REFERENCE, "RANK_ONE_UNIT", 1, 1, 1, 0,
        java.util.Optional.empty()),
        List.of(), List.of(), List.of()));
    for (Step s : reference.steps()) {
      if (s.kind().ordinal() <= StepKind.ADMISSIBILITY.ordinal()) {
        steps.add(s);
      }
    }
    steps.addAll(closed.steps());
    String beta = IndexedSums.indexed(pa.predictorVariable().name(), SizeRoute.INDEX, 0,
        List.of());
    if (pa.loss().isPresent()) {
      steps.add(Step.done(StepKind.STATIONARY_LAW, "The stationary law of a single unit is not"
          + " written for every " + size + " (derive the design at a concrete size).", List.of(),
          List.of(), List.of()));
    }
    Derivation d = new Derivation(pa.id(), pa.title(), pa.source(), List.of(beta),
        pa.temperature(), pa.headline(), steps, closed.results(), closed.representationCost(),
        Optional.empty(), Map.of(), Optional.empty());
    steps.add(check(design, size, compiler, d, alpha(reference), seed, fail));
    return new Derivation(d.designId(), d.title(), d.source(), d.predictorSymbols(),
        d.temperature(), d.headline(), steps, d.results(), d.representationCost(),
        Optional.empty(), Map.of(), Optional.empty());
  }

  private static double alpha(Derivation reference) {
    return reference.steps().stream().map(Step::facts)
        .filter(f -> f instanceof StepFacts.RankOneUnit)
        .map(f -> NumericEvaluator.eval(((StepFacts.RankOneUnit) f).alpha(), Map.of()))
        .findFirst().orElseThrow();
  }

  /**
   * At each of {@link SizeRoute#CHECK_SIZES}: the design compiled there, a random θ (v &gt; 0),
   * β = f(θ), the balanced point of θ's orbit (λw, v/λ) with λ⁴ = v²/‖w‖² (confirmed to give
   * β back), and log det of P = J_f J_fᵀ (central differences of the compiled predictor), of
   * G = ‖ξ‖², ξ = α(w, −v), and of C = ‖∇χ‖², χ = ½α(‖w‖² − v²), against the sums written out.
   */
  private static Step check(Design design, String size, SizeRoute.Compiler compiler,
      Derivation closed, double alpha, long seed, Function<String, Failure> fail) {
    SplittableRandom rng = new SplittableRandom(seed ^ 0x5eed);
    double worst = 0;
    int points = 2;
    for (int m : SizeRoute.CHECK_SIZES) {
      Parameterization pm = compiler.compile(DesignReader.atSizes(design, Map.of(size, m)));
      if (!shape(pm)) {
        throw fail.apply("the design at " + size + " = " + m + " is not a single unit");
      }
      for (int t = 0; t < points; t++) {
        worst = Math.max(worst, compare(closed, pm, m, size, alpha, rng, fail));
      }
    }
    if (!(worst < TOLERANCE)) {
      throw fail.apply(String.format(java.util.Locale.ROOT, "the closed form for every %s"
          + " differs from dense numeric Gram matrices by %.2e at the sizes %s", size, worst,
          SizeRoute.CHECK_SIZES));
    }
    return Step.done(StepKind.NUMERIC_CHECK, new StepFacts.SizeCheck(SizeRoute.CHECK_SIZES,
        points, worst), List.of(), List.of(), List.of());
  }

  private static double compare(Derivation closed, Parameterization pm, int m, String size,
      double alpha, SplittableRandom rng, Function<String, Failure> fail) {
    Variable scale = pm.parameters().stream().filter(v -> v.shape().kind() == Shape.Kind.SCALAR)
        .findFirst().orElseThrow();
    Variable vector = pm.parameters().stream().filter(v -> v.shape().kind()
        == Shape.Kind.VECTOR).findFirst().orElseThrow();
    String v = scale.symbols().get(0);
    List<String> w = vector.symbols();
    Map<String, Double> env = new HashMap<>();
    env.put(pm.temperature(), 1.0);
    double normW = 0;
    for (String x : w) {
      double value = (rng.nextBoolean() ? 1 : -1) * (0.2 + 1.8 * rng.nextDouble());
      env.put(x, value);
      normW += value * value;
    }
    env.put(v, 0.4 + 1.2 * rng.nextDouble());
    double[] beta = Numerics.eval(pm.predictor(), env, pm.functions());
    // along the orbit (λw, v/λ) to the balanced slice ‖λw‖ = v/λ
    double lambda = Math.pow(env.get(v) * env.get(v) / normW, 0.25);
    List<String> theta = pm.theta();
    double[] rep = new double[theta.size()];
    for (int j = 0; j < theta.size(); j++) {
      String x = theta.get(j);
      rep[j] = x.equals(v) ? env.get(v) / lambda : lambda * env.get(x);
    }
    Map<String, Double> at = new HashMap<>(Numerics.env(theta, rep));
    at.put(pm.temperature(), 1.0);
    double[] again = Numerics.eval(pm.predictor(), at, pm.functions());
    for (int i = 0; i < beta.length; i++) {
      if (!Numerics.close(again[i], beta[i], 1e-9)) {
        throw fail.apply("the rescaling (λw, v/λ) does not leave the predictor invariant at "
            + size + " = " + m);
      }
    }
    List<Expr> squares = new ArrayList<>();
    for (String x : w) {
      squares.add(Expr.pow(new Expr.Sym(x), Expr.integer(2)));
    }
    Expr chi = Expr.mul(new Expr.Real(alpha / 2), Expr.add(new Expr.Add(
        squares), Expr.mul(Expr.integer(-1), Expr.pow(new Expr.Sym(v), Expr.integer(2)))));
    Map<Variant, Double> dense = new EnumMap<>(Variant.class);
    RealMatrix jf = DenseCheck.jacobian(pm.predictor(), theta, rep, pm);
    dense.put(Variant.QUOTIENT, Numerics.logPseudoDet(jf.multiply(jf.transpose()), m));
    double xi = 0;
    for (int j = 0; j < theta.size(); j++) {
      xi += alpha * alpha * rep[j] * rep[j];
    }
    dense.put(Variant.ORBIT, Math.log(xi));
    RealMatrix jc = DenseCheck.jacobian(List.of(chi), theta, rep, pm);
    dense.put(Variant.GAUGE, Numerics.logPseudoDet(jc.multiply(jc.transpose()), 1));
    Map<String, Double> point = new HashMap<>(Numerics.env(pm.beta(), beta));
    point.put(pm.temperature(), 1.0);
    double worst = 0;
    for (Map.Entry<Variant, VariantResult> r : closed.results().entrySet()) {
      double got = NumericEvaluator.eval(IndexedSums.expand(r.getValue().logDet(), size, m),
          point, pm.functions());
      double want = dense.get(r.getKey());
      worst = Math.max(worst, Math.abs(got - want) / Math.max(1, Math.abs(want)));
    }
    double cost = NumericEvaluator.eval(IndexedSums.expand(closed.representationCost(), size, m),
        point, pm.functions());
    double norm = 0;
    for (double x : rep) {
      norm += x * x;
    }
    return Math.max(worst, Math.abs(cost - norm / 2) / Math.max(1, norm / 2));
  }
}
