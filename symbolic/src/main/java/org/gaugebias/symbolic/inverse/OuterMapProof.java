package org.gaugebias.symbolic.inverse;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import org.gaugebias.symbolic.cas.Algebra;
import org.gaugebias.symbolic.cas.CasException;
import org.gaugebias.symbolic.cas.SymjaSession;
import org.gaugebias.symbolic.compile.DesignCompiler;
import org.gaugebias.symbolic.compile.Parameterization;
import org.gaugebias.symbolic.derive.ForwardDeriver;
import org.gaugebias.symbolic.expr.Expr;
import org.gaugebias.symbolic.expr.Exprs;
import org.gaugebias.symbolic.expr.NumericEvaluator;
import org.gaugebias.symbolic.expr.NumericFunctions;
import org.gaugebias.symbolic.expr.Relations;
import org.gaugebias.symbolic.expr.TabulatedFunction;
import org.gaugebias.symbolic.expr.TextPrinter;
import org.gaugebias.symbolic.symmetry.Generator;
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
import org.hipparchus.linear.LUDecomposition;
import org.hipparchus.linear.RealMatrix;

/**
 * The proof of an outer-map design (THEORY.md §4, family 2) block by block and branch by
 * branch. Coordinate i of the design is the scalar block β_i = φ(u_i v_i) in its own (u_i, v_i)
 * (checked exactly), so J_f is block diagonal, P = diag(P_i) and log det P = Σ_i log P_i: the
 * n-coordinate design induces Σ_i R_block(β_i). The block is derived by the forward engine on
 * each sign branch of q = u v the design covers (u &gt; 0, v ≷ 0; the branch formula σφ₊(σuv)
 * has no sign function), R_quot − r is shown constant on each, and the constants are shown equal,
 * so the law is right across β = 0 too. Finally the design file itself, at its full size, is
 * checked in double precision: at random points with random signs in every coordinate inside
 * the stated domain, (T/2) log det(J Jᵀ), J the full n × 2n Jacobian and the determinant taken
 * by LU, minus R*(β) is constant.
 */
final class OuterMapProof {
  private static final int POINTS = 12;
  private final SymjaSession session;
  private final Algebra cas;
  private final ConstantChecks checks;

  OuterMapProof(SymjaSession session, Algebra cas) {
    this.session = session;
    this.cas = cas;
    this.checks = new ConstantChecks(cas);
  }

  /** What the forward derivation proved on one sign branch of the block. */
  private record Branch(int sign, Parameterization block, Derivation derivation, Expr constant,
      boolean symbolic, ConstantChecks.Spread spread) { }

  InverseDesign prove(Target t, Candidate c, String id, List<String> tried) {
    OuterBlock block = c.outer().orElseThrow();
    String title = DesignSpec.title(t.source());
    String yaml = c.design().yaml(id, title);
    Map<String, TabulatedFunction> byName = new HashMap<>();
    Map<String, TabulatedFunction> byFile = new HashMap<>();
    c.tabulation().ifPresent(tab -> {
      byName.put(tab.name(), tab.result().table());
      byFile.put(tab.file(), tab.result().table());
    });
    NumericFunctions fns = NumericFunctions.of(byName);
    double tolerance = c.tabulation().map(tab -> tab.result().biasTolerance()).orElse(1e-8);
    List<Branch> branches = new ArrayList<>();
    for (int sign : block.branches()) {
      branches.add(branch(t, c, block, sign, id, title, yaml, fns, tolerance));
    }
    Branch positive = branches.get(0);
    List<Step> proof = new ArrayList<>();
    for (Branch b : branches) {
      proof.add(Step.done(StepKind.INVERSE_SOLVE, "Block on the branch " + branchName(b.sign())
          + ": the forward derivation of β = " + TextPrinter.print(b.block().predictor().get(0))
          + " follows.", List.of(), List.of(), List.of()));
      b.derivation().steps().forEach(proof::add);
      proof.add(Step.done(StepKind.NUMERIC_CHECK, "On the branch " + branchName(b.sign())
          + ", R_quot − r(β) " + (b.symbolic() ? "simplifies symbolically to a constant"
          : "is constant numerically") + " and is constant at random points (spread "
          + fmt(b.spread().spread()) + ").", List.of(), List.of(new Formula("constant_"
          + (b.sign() > 0 ? "positive" : "negative"), "R_{\\mathrm{quot}} - r", b.constant())),
          List.of()));
    }
    if (branches.size() == 2) {
      proof.add(sameConstant(branches.get(0), branches.get(1), tolerance, c, yaml));
    }
    AtSize size = atSize(t, c, block, positive, id, title, fns, yaml);
    if (!(size.spread() < tolerance)) {
      throw new InverseDesignException(InverseDesignException.Kind.PROOF_FAILED, "the outer"
          + " family proposed\n" + yaml + "but at its full size R_quot − R* is not constant"
          + " (spread " + size.spread() + " at random points of the domain, allowed "
          + tolerance + ")");
    }
    proof.add(size.step());
    Expr constant = constant(t, c, positive, size);
    Derivation forward = forward(size.design(), size.one(), positive, block, size.exact());
    List<Step> steps = new ArrayList<>(c.steps());
    steps.add(Step.done(StepKind.INVERSE_SOLVE, "Proposed design (outer family), valid on: "
        + c.domain() + ".", List.of(), forward.steps().get(0).outputs(), List.of()));
    steps.addAll(proof);
    steps.add(Step.done(StepKind.NUMERIC_CHECK, "Proof: the forward derivation of the block on "
        + (branches.size() == 2 ? "both sign branches" : "its branch") + " gives R_quot − r"
        + " constant" + (branches.size() == 2 ? ", the same on both" : "") + "; the "
        + t.dimension() + "-coordinate design is " + t.dimension() + " independent copies of the"
        + " block, and R_quot − R* is constant at random points of its domain "
        + (t.temperatureValue().isPresent() ? "at " + t.temperature() + " = "
        + TextPrinter.print(t.temperatureValue().get()) : "at T = 1 and T = 0.7")
        + " (largest spread " + fmt(size.spread()) + (c.tabulation().isPresent() ? ", within "
        + fmt(tolerance) + ", the bound the table's interpolation error implies" : "") + ").",
        List.of(new Formula("target", "R^{*}", t.expr())), List.of(new Formula("difference",
        "R_{\\mathrm{quot}} - R^{*}", constant)), List.of()));
    Derivation doc = new Derivation(id, "Inverse design for R* = " + t.source(), "target",
        forward.predictorSymbols(), forward.temperature(), Variant.QUOTIENT, steps,
        forward.results(), forward.representationCost(), forward.stationaryDensity(),
        forward.notation(), forward.structure());
    return new InverseDesign(t, Family.OUTER_MAP, yaml, c.domain(), constant, forward, doc,
        size.spread(), tried, byFile, tolerance);
  }

  private static String branchName(int sign) {
    return sign > 0 ? "β > 0 (u > 0, v > 0)" : "β < 0 (u > 0, v < 0; derived after the"
        + " isometry v ↦ −v, which leaves P = J Jᵀ unchanged)";
  }

  /** The block on one branch, derived forward, and R_quot − r shown constant there. */
  private Branch branch(Target t, Candidate c, OuterBlock block, int sign, String id,
      String title, String yaml, NumericFunctions fns, double tolerance) {
    DesignSpec spec = branchDesign(block, sign, t.variable(), c.design().tables());
    Parameterization p;
    Derivation d;
    try {
      p = new DesignCompiler(session).compile(spec.toDesign(id + "-block", title), fns);
      d = new ForwardDeriver(session).derive(p);
    } catch (RuntimeException e) {
      throw failed(yaml, "the forward derivation of its block on the branch " + branchName(sign)
          + " failed: " + e.getMessage());
    }
    Expr beta = new Expr.Sym(p.beta().get(0));
    Expr relation = Expr.fn(sign > 0 ? "Greater" : "Less", beta, Expr.integer(0));
    Expr induced = Expr.mul(Expr.rational(1, 2), new Expr.Sym(t.temperature()),
        d.results().get(Variant.QUOTIENT).logDet());
    Expr r = onBranch(Exprs.substitute(block.r(), Map.of(OuterMapFamily.B, beta)), sign);
    Expr diff = Expr.add(induced, Expr.mul(Expr.integer(-1), r));
    if (t.temperatureValue().isPresent()) {
      diff = Exprs.substitute(diff, Map.of(t.temperature(), t.temperatureValue().get()));
    }
    diff = AbsForms.canonical(cas, diff);
    Set<String> comps = Set.of(p.beta().get(0));
    Expr simplified = diff;
    if (c.tabulation().isEmpty()) {
      // a table's φ⁻¹ and φ' have no symbolic relation: its constant is numeric, not simplified
      try {
        simplified = cas.simplify(diff, List.of(relation));
      } catch (CasException e) {
        simplified = diff;
      }
    }
    boolean symbolic = simplified.isFreeOf(comps)
        || c.tabulation().isEmpty() && checks.gradientVanishes(diff, List.copyOf(comps));
    ConstantChecks.Spread spread = checks.numericSpread(p, diff, t);
    if (!(spread.spread() < tolerance)) {
      throw failed(yaml, "on the branch " + branchName(sign) + " R_quot − R* is not constant"
          + " (spread " + spread.spread() + " over random points, allowed " + tolerance + ")");
    }
    Expr constant = symbolic && simplified.isFreeOf(comps) ? simplified
        : symbolic ? atAPoint(diff, p, sign) : new Expr.Real(spread.middle());
    return new Branch(sign, p, d, constant, symbolic, spread);
  }

  /** {@code |x|} and {@code sign x} of the branch variable β on the branch σβ &gt; 0. */
  private Expr onBranch(Expr r, int sign) {
    return Exprs.map(r, x -> x instanceof Expr.Fn f && f.args().size() == 1
        && f.args().get(0) instanceof Expr.Sym ? switch (f.head()) {
          case "Abs" -> sign > 0 ? f.args().get(0) : Expr.mul(Expr.integer(-1), f.args().get(0));
          case "Sign" -> Expr.integer(sign);
          default -> null;
        } : null);
  }

  /**
   * The scalar block on branch σ, in coordinates where it is on u, v &gt; 0: on σ = −1 the
   * isometry v ↦ −v of parameter space (it leaves P = J Jᵀ unchanged) carries β = −φ₊(−uv) on
   * v &lt; 0 to β = −φ₊(uv) on v &gt; 0, whose representative the engine solves like the
   * positive one.
   */
  private static DesignSpec branchDesign(OuterBlock block, int sign, String variable,
      List<DesignSpec.Table> tables) {
    List<DesignSpec.Written> assumptions = new ArrayList<>();
    assumptions.add(new DesignSpec.Written(Expr.fn("Greater", new Expr.Sym("u"),
        Expr.integer(0)), false));
    assumptions.add(new DesignSpec.Written(Expr.fn("Greater", new Expr.Sym("v"),
        Expr.integer(0)), false));
    block.rootBound().ifPresent(b -> assumptions.add(new DesignSpec.Written(Expr.fn("Less",
        Expr.fn("Sqrt", OuterBlock.UV), b), true)));
    Expr phi = block.onBranch(1);
    return new DesignSpec(tables, List.of(new DesignSpec.Parameter("u",
        org.gaugebias.symbolic.design.Shape.scalar()), new DesignSpec.Parameter("v",
        org.gaugebias.symbolic.design.Shape.scalar())), List.of(), assumptions, variable,
        new DesignSpec.Written(sign > 0 ? phi : Expr.mul(Expr.integer(-1), phi), true));
  }

  /** The exact constant at an exact point of the branch (u = 2/5, v = ±3/7). */
  private Expr atAPoint(Expr diff, Parameterization p, int sign) {
    Map<String, Expr> at = new HashMap<>();
    at.put("u", Expr.rational(2, 5));
    at.put("v", Expr.rational(3, 7));
    at.put(p.beta().get(0), cas.evaluate(Exprs.substitute(p.predictor().get(0), at)));
    return cas.simplify(Exprs.substitute(diff, at));
  }

  /** The two branches' constants agree: the law has no jump in weight across β = 0. */
  private Step sameConstant(Branch plus, Branch minus, double tolerance, Candidate c,
      String yaml) {
    boolean exact = false;
    if (plus.symbolic() && minus.symbolic()) {
      try {
        exact = Exprs.isZero(cas.simplify(Expr.add(plus.constant(),
            Expr.mul(Expr.integer(-1), minus.constant()))));
      } catch (CasException e) {
        exact = false;
      }
    }
    double gap = Math.abs(plus.spread().middle() - minus.spread().middle());
    if (!exact && !(gap < tolerance)) {
      throw failed(yaml, "R_quot − R* is constant on each sign branch, but the constants differ"
          + " by " + gap + ": the two signs would not have the target's relative weight");
    }
    return Step.done(StepKind.NUMERIC_CHECK, "Both branches give the same constant R_quot − r"
        + (exact ? " (their difference simplifies to 0)" : " (difference " + fmt(gap)
        + " at random points, within " + fmt(tolerance) + ")") + ": β < 0 and β > 0 carry the"
        + " target's relative weight.", List.of(), List.of(), List.of());
  }

  /** The design at its full size, compiled, and the double-precision check of it. */
  private record AtSize(Parameterization design, Parameterization one, double spread,
      double middle, boolean exact, Step step) { }

  private AtSize atSize(Target t, Candidate c, OuterBlock block, Branch positive, String id,
      String title, NumericFunctions fns, String yaml) {
    DesignCompiler compiler = new DesignCompiler(session);
    Parameterization full;
    Parameterization one;
    try {
      full = compiler.compile(c.design().toDesign(id, title), fns);
      one = t.dimension() == 1 ? full : compiler.compile(OuterMapFamily.design(1, t.variable(),
          block, c.design().tables().stream().findFirst()).toDesign(id, title), fns);
    } catch (RuntimeException e) {
      throw failed(yaml, "the design does not compile: " + e.getMessage());
    }
    int n = t.dimension();
    List<String> us = full.parameter("u").orElseThrow().symbols();
    List<String> vs = full.parameter("v").orElseThrow().symbols();
    Expr blockFormula = one.predictor().get(0);
    boolean exact = true;
    for (int i = 0; i < n; i++) {
      Expr renamed = Exprs.substitute(blockFormula, Map.of("u", new Expr.Sym(us.get(i)), "v",
          new Expr.Sym(vs.get(i))));
      Set<String> own = new LinkedHashSet<>(Exprs.symbols(full.predictor().get(i)));
      own.removeAll(List.of(us.get(i), vs.get(i), t.temperature()));
      if (!own.isEmpty()) {
        throw failed(yaml, "coordinate " + (i + 1) + " of the design depends on " + own
            + ": the coordinates are not independent blocks");
      }
      exact &= renamed.equals(full.predictor().get(i));
    }
    // the Jacobian route: it works around Symja's derivative of InverseErf (SYMJA-NOTES)
    List<Expr> grad = cas.jacobian(List.of(blockFormula), List.of("u", "v")).get(0);
    Expr du = grad.get(0);
    Expr dv = grad.get(1);
    SplittableRandom rng = new SplittableRandom(ConstantChecks.SEED);
    double[] temps = t.temperatureValue().isPresent()
        ? new double[] {t.temperatureValue().get().doubleValue()} : new double[] {1.0, 0.7};
    double worst = 0;
    double middle = Double.NaN;
    double mismatch = 0;
    int negatives = 0;
    for (double temp : temps) {
      double bound = block.rootBound().map(b -> NumericEvaluator.eval(b,
          Map.of(t.temperature(), temp))).orElse(2.0);
      double lo = Double.POSITIVE_INFINITY;
      double hi = Double.NEGATIVE_INFINITY;
      for (int point = 0; point < POINTS; point++) {
        Map<String, Double> env = new HashMap<>();
        env.put(t.temperature(), temp);
        double[][] jac = new double[n][2 * n];
        for (int i = 0; i < n; i++) {
          // the balanced representative |u| = |v| (R_quot is P there), √|u v| inside
          // (0, bound), the sign of u v random on both-sign designs
          double root = bound * rng.nextDouble(0.05, 0.95);
          int sign = block.bothSigns() && rng.nextBoolean() ? -1 : 1;
          int flip = block.bothSigns() && rng.nextBoolean() ? -1 : 1;
          double u = flip * root;
          double v = flip * sign * root;
          env.put(us.get(i), u);
          env.put(vs.get(i), v);
          Map<String, Double> local = Map.of("u", u, "v", v, t.temperature(), temp);
          double bi = NumericEvaluator.eval(full.predictor().get(i), env, fns);
          mismatch = Math.max(mismatch, Math.abs(bi - NumericEvaluator.eval(blockFormula, local,
              fns)));
          env.put(full.beta().get(i), bi);
          negatives += bi < 0 ? 1 : 0;
          jac[i][i] = NumericEvaluator.eval(du, local, fns);
          jac[i][n + i] = NumericEvaluator.eval(dv, local, fns);
        }
        for (Expr a : full.assumptions()) {
          if (!Relations.holds(a, env, fns).orElse(true)) {
            throw failed(yaml, "a sample point of the stated domain violates the design's"
                + " assumption " + TextPrinter.print(a));
          }
        }
        RealMatrix j = new Array2DRowRealMatrix(jac, false);
        LUDecomposition lu = new LUDecomposition(j.multiplyTransposed(j), 1e-300);
        double logDet = 0;
        for (int i = 0; i < n; i++) {
          logDet += Math.log(Math.abs(lu.getU().getEntry(i, i)));
        }
        Map<String, Double> targetEnv = new HashMap<>(env);
        double value = temp / 2 * logDet - NumericEvaluator.eval(t.expr(), targetEnv);
        lo = Math.min(lo, value);
        hi = Math.max(hi, value);
      }
      worst = Math.max(worst, hi - lo);
      if (Double.isNaN(middle)) {
        middle = (lo + hi) / 2;
      }
    }
    if (!(mismatch <= 1e-12)) {
      throw failed(yaml, "a coordinate of the design differs from the block at a sample point"
          + " (by " + mismatch + ")");
    }
    String unit = n == 1 ? "the design" : "each coordinate i of the design is the block in"
        + " (u_i, v_i) " + (exact ? "exactly" : "(at every sample point)") + ", so J_f is block"
        + " diagonal and P = diag(P_i); the design";
    Step step = Step.done(StepKind.NUMERIC_CHECK, "At size: " + unit + " file itself, compiled,"
        + " at " + POINTS + " random points of its domain per temperature, at the balanced"
        + " representative |u_i| = |v_i| (every coordinate's √|u_i v_i| inside its bound" + (block.bothSigns() ? ", signs random: " + negatives
        + " of " + (POINTS * temps.length * n) + " sampled β_i were negative" : "") + "):"
        + " (T/2) log det(J Jᵀ), with the full " + n + " × " + 2 * n + " Jacobian and the"
        + " determinant by LU, minus R*(β) has spread " + fmt(worst) + ".", List.of(),
        List.of(), List.of());
    return new AtSize(full, one, worst, middle, exact, step);
  }

  /**
   * R_quot − R* for the whole design: n times the block's constant when it is exact, else the
   * value at size with its error bound (a tabulated φ).
   */
  private Expr constant(Target t, Candidate c, Branch positive, AtSize size) {
    if (positive.symbolic() && c.tabulation().isEmpty()) {
      try {
        return cas.simplify(Expr.mul(Expr.integer(t.dimension()), positive.constant()));
      } catch (CasException e) {
        return Expr.mul(Expr.integer(t.dimension()), positive.constant());
      }
    }
    return new Expr.Real(size.middle());
  }

  /**
   * The forward derivation of the whole design, assembled from the positive block: the declared
   * predictor, and the block's results summed over the coordinates (with |β_i| for a
   * both-sign design: its bias is even in each β_i).
   */
  private Derivation forward(Parameterization full, Parameterization one, Branch positive,
      OuterBlock block, boolean exact) {
    Derivation d = positive.derivation();
    String b = one.beta().get(0);
    List<String> beta = full.beta();
    List<String> us = full.parameter("u").orElseThrow().symbols();
    List<String> vs = full.parameter("v").orElseThrow().symbols();
    int n = beta.size();
    List<Step> steps = new ArrayList<>();
    List<Formula> declared = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      declared.add(new Formula(beta.get(i), full.predictor().get(i)));
    }
    steps.add(Step.done(StepKind.DECLARE, new StepFacts.Declared(full.theta(), n), List.of(),
        declared, full.assumptions()));
    Map<Variant, VariantResult> results = new LinkedHashMap<>();
    for (VariantResult r : d.results().values()) {
      List<Expr> logDets = new ArrayList<>();
      List<Expr> biases = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        Map<String, Expr> rename = Map.of(b, coordinate(beta.get(i), block));
        logDets.add(Exprs.substitute(r.logDet(), rename));
        biases.add(Exprs.substitute(r.bias(), rename));
      }
      Expr dropped = n == 1 ? r.droppedConstant() : Expr.mul(Expr.integer(n),
          r.droppedConstant());
      results.put(r.variant(), new VariantResult(r.variant(), sum(logDets), sum(biases),
          dropped, r.pseudoDeterminant()));
      steps.add(Step.done(StepKind.LOG_DET, new StepFacts.LogDet(r.variant(),
          r.pseudoDeterminant()), List.of(), List.of(new Formula("logdet_" + r.variant().gram(),
          sum(logDets))), List.of()));
    }
    List<Expr> costs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      costs.add(Exprs.substitute(d.representationCost(), Map.of(b, coordinate(beta.get(i),
          block))));
    }
    Structure structure = structure(full, one, positive, block, us, vs);
    return new Derivation(full.id(), full.title(), full.source(), beta, d.temperature(),
        Variant.QUOTIENT, steps, results, sum(costs), Optional.empty(), Map.of(),
        Optional.of(structure));
  }

  /** β_i, or |β_i| where the bias is even (both signs). */
  private static Expr coordinate(String beta, OuterBlock block) {
    return block.bothSigns() ? Expr.fn("Abs", new Expr.Sym(beta)) : new Expr.Sym(beta);
  }

  private static Expr sum(List<Expr> terms) {
    return terms.size() == 1 ? terms.get(0) : new Expr.Add(terms);
  }

  /** The block's structure placed at every coordinate (generators, gauge, representative). */
  private Structure structure(Parameterization full, Parameterization one, Branch positive,
      OuterBlock block, List<String> us, List<String> vs) {
    Structure s = positive.derivation().structure().orElseThrow();
    int n = us.size();
    int d = 2 * n;
    List<Expr> grad = cas.jacobian(List.of(one.predictor().get(0)), List.of("u", "v")).get(0);
    Expr du = grad.get(0);
    Expr dv = grad.get(1);
    List<List<Expr>> jacobian = new ArrayList<>();
    List<Generator> gens = new ArrayList<>();
    List<Expr> gauge = new ArrayList<>();
    Map<String, Expr> rep = new LinkedHashMap<>();
    BigFraction[] zeroRow = new BigFraction[d];
    java.util.Arrays.fill(zeroRow, BigFraction.ZERO);
    for (int i = 0; i < n; i++) {
      Map<String, Expr> names = Map.of("u", new Expr.Sym(us.get(i)), "v",
          new Expr.Sym(vs.get(i)));
      List<Expr> row = new ArrayList<>(java.util.Collections.nCopies(d, Expr.integer(0)));
      row.set(i, Exprs.substitute(du, names));
      row.set(n + i, Exprs.substitute(dv, names));
      jacobian.add(row);
      for (Generator g : s.generators()) {
        List<Expr> field = new ArrayList<>(java.util.Collections.nCopies(d, Expr.integer(0)));
        field.set(i, Exprs.substitute(g.field().get(0), names));
        field.set(n + i, Exprs.substitute(g.field().get(1), names));
        final int at = i;
        Optional<BigFraction[][]> matrix = g.matrix().map(a -> {
          BigFraction[][] m = new BigFraction[d][];
          java.util.Arrays.fill(m, zeroRow);
          int[] position = {at, n + at};
          for (int r = 0; r < 2; r++) {
            BigFraction[] placed = zeroRow.clone();
            for (int k = 0; k < 2; k++) {
              placed[position[k]] = a[r][k];
            }
            m[position[r]] = placed;
          }
          return m;
        });
        gens.add(new Generator(n == 1 ? g.label() : g.label() + "@" + (i + 1), field, matrix,
            g.origin()));
      }
      s.gauge().forEach(x -> gauge.add(Exprs.substitute(x, names)));
      Map<String, Expr> toBeta = Map.of(one.beta().get(0), coordinate(full.beta().get(i),
          block));
      rep.put(us.get(i), Exprs.substitute(s.representative().get("u"), toBeta));
      rep.put(vs.get(i), Exprs.substitute(s.representative().get("v"), toBeta));
    }
    Map<String, Expr> ordered = new LinkedHashMap<>();
    full.theta().forEach(x -> ordered.put(x, rep.get(x)));
    return new Structure(full.parameters(), full.predictorVariable(), jacobian, gens,
        n * s.orbitDimension(), gauge, s.gaugeDeclared(), ordered, List.of());
  }

  private static InverseDesignException failed(String yaml, String why) {
    return new InverseDesignException(InverseDesignException.Kind.PROOF_FAILED, "the outer"
        + " family proposed\n" + yaml + "but " + why);
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.1e", v);
  }
}
