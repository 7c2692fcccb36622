package org.gaugebias.symbolic.derive.matrix;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.gaugebias.symbolic.cas.Algebra;
import org.gaugebias.symbolic.cas.SymjaSession;
import org.gaugebias.symbolic.compile.Component;
import org.gaugebias.symbolic.compile.Parameterization;
import org.gaugebias.symbolic.compile.Variable;
import org.gaugebias.symbolic.expr.Expr;
import org.gaugebias.symbolic.expr.Exprs;
import org.gaugebias.symbolic.expr.NumericEvaluator;
import org.gaugebias.symbolic.symmetry.Generator;
import org.gaugebias.symbolic.trace.Formula;
import org.gaugebias.symbolic.trace.Spectrum;
import org.gaugebias.symbolic.trace.Step;
import org.gaugebias.symbolic.trace.StepFacts;
import org.gaugebias.symbolic.trace.StepKind;
import org.gaugebias.symbolic.trace.Variant;
import org.gaugebias.symbolic.trace.VariantResult;
import org.hipparchus.fraction.BigFraction;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.EigenDecompositionSymmetric;

/**
 * The forward derivation's matrix route (THEORY.md §2–3, docs/matrix-families.md): for a design
 * whose parameters are matrices and whose predictor is their product, the representative is
 * taken diagonal ({@link DiagonalFrame}), the tangent vectors of the generators, the predictor's
 * Jacobian rows and the gauge conditions' gradients are sparse there, and each Gram matrix splits
 * into small blocks whose determinants the CAS takes once per pattern ({@link BlockLogs}). The
 * results are written in the singular values (or eigenvalues) σ_i, and folded into
 * {@code Σ_i f(σ_i) + Σ_{i<j} g(σ_i, σ_j)} ({@link ClosedForms}).
 */
public final class MatrixRoute {
  /** What the route derived, for the forward derivation to finish (bias, routes, structure). */
  public record Outcome(Map<Variant, VariantResult> results, Expr representationCost,
      Map<String, Expr> representative, Spectrum spectrum, List<Expr> conditions,
      Expr logDetPMinusG) { }

  /** Variable terms of each log-determinant (term → coefficient), for exact differences. */
  private final Map<Variant, Map<Expr, BigFraction>> variableTerms = new EnumMap<>(Variant.class);

  private final Parameterization p;
  private final Algebra cas;
  private final SymjaSession session;
  private final List<Step> steps;
  private final DiagonalFrame frame;
  private final BlockLogs logs;
  private final SplittableRandom rng;

  public MatrixRoute(Parameterization p, SymjaSession session, DiagonalFrame frame,
      List<Step> steps, long seed) {
    this.p = p;
    this.session = session;
    this.cas = new Algebra(session);
    this.frame = frame;
    this.steps = steps;
    this.logs = new BlockLogs(cas, new Algebra(session, java.time.Duration.ofSeconds(4)), frame);
    this.rng = new SplittableRandom(seed);
  }

  /** One Gram matrix's blocks at the representative. */
  record Blocked(Variant variant, SparseGram gram, List<BlockLogs.Block> blocks) { }

  /**
   * @param declared whether the design declared its gauge (used as written); otherwise the
   *     balance moment maps are replaced by the reduced row-echelon basis of their span, the raw
   *     entries of the balance matrices (UᵀU − VᵀV, i ≤ j), which changes C by a constant only
   */
  public Outcome derive(List<Generator> generators, List<Expr> declaredOrBalance,
      boolean declared, String origin) {
    List<Expr> conditions = declared || declaredOrBalance.isEmpty() ? declaredOrBalance
        : rawEntries(generators, declaredOrBalance, origin);
    Map<String, Expr> rep = representativeStep(conditions, origin);
    Map<Variant, Blocked> grams = new EnumMap<>(Variant.class);
    grams.put(Variant.ORBIT, blocked(Variant.ORBIT, SparseGram.of(fields(generators),
        new boolean[generators.size()])));
    if (!conditions.isEmpty()) {
      List<Map<Integer, Poly>> grads = new ArrayList<>();
      for (Expr chi : conditions) {
        grads.add(gradient(thetaPoly(chi, origin)));
      }
      grams.put(Variant.GAUGE, blocked(Variant.GAUGE, SparseGram.of(grads,
          new boolean[grads.size()])));
    }
    grams.put(Variant.QUOTIENT, predictorGram());
    Map<Variant, VariantResult> results = new EnumMap<>(Variant.class);
    String pseudoWhy = "";
    for (Blocked b : grams.values()) {
      VariantResult r = logDet(b);
      results.put(b.variant(), r);
      if (r.pseudoDeterminant() && b.variant() == Variant.QUOTIENT) {
        int zeros = b.blocks().stream().mapToInt(x -> x.pattern().zeros()).sum();
        pseudoWhy = "P has " + zeros + " zero eigenvalues of " + b.gram().size()
            + " at the representative (the predictor has rank " + frame.rank()
            + "): its pseudo-determinant (product of the non-zero eigenvalues) is used, the"
            + " Lebesgue measure of the rank-" + frame.rank() + " manifold (THEORY.md §3)";
      }
    }
    numericCheck(grams, results);
    Map<Variant, Spectrum.ClosedForm> closed = new ClosedForms(cas, frame, logs, steps, rng,
        p.source(), new LargerSizes(session, p.source(), declared)).fold(grams, results);
    Spectrum spectrum = new Spectrum(frame.values(), frame.symmetric(), frame.depth(),
        pseudoWhy, closed);
    Map<Expr, BigFraction> diff = new LinkedHashMap<>(variableTerms.get(Variant.QUOTIENT));
    variableTerms.get(Variant.ORBIT).forEach((t, c) -> diff.merge(t, c.negate(),
        BigFraction::add));
    diff.values().removeIf(c -> c.signum() == 0);
    return new Outcome(results, representationCost(), rep, spectrum, conditions,
        BlockLogs.sum(diff));
  }

  /**
   * The declared generators' basis of the conditions' span ({@link BalanceBasis}: local in the
   * frame), else its reduced row-echelon basis over the monomials.
   */
  private List<Expr> rawEntries(List<Generator> generators, List<Expr> conditions,
      String origin) {
    List<Poly> polys = conditions.stream().map(c -> thetaPoly(c, origin)).toList();
    java.util.Optional<List<Poly>> local = BalanceBasis.of(generators, polys,
        frame.theta().size());
    if (local.isPresent()) {
      List<Expr> out = BalanceBasis.expressions(local.get(), frame.theta());
      steps.add(Step.done(StepKind.GAUGE, BalanceBasis.STEP, List.of(), formulas(out),
          List.of()));
      return out;
    }
    List<Poly.Mono> monos = new ArrayList<>(new java.util.TreeSet<>(polys.stream()
        .flatMap(q -> q.terms().keySet().stream()).toList()));
    int rows = polys.size();
    BigFraction[][] a = new BigFraction[rows][monos.size()];
    for (int i = 0; i < rows; i++) {
      for (int k = 0; k < monos.size(); k++) {
        a[i][k] = polys.get(i).terms().getOrDefault(monos.get(k), BigFraction.ZERO);
      }
    }
    int rank = 0;
    for (int col = 0; col < monos.size() && rank < rows; col++) {
      int pivot = -1;
      for (int i = rank; i < rows; i++) {
        if (a[i][col].signum() != 0) {
          pivot = i;
          break;
        }
      }
      if (pivot < 0) {
        continue;
      }
      BigFraction[] t = a[pivot];
      a[pivot] = a[rank];
      a[rank] = t;
      BigFraction lead = a[rank][col];
      for (int k = 0; k < monos.size(); k++) {
        a[rank][k] = a[rank][k].divide(lead);
      }
      for (int i = 0; i < rows; i++) {
        if (i != rank && a[i][col].signum() != 0) {
          BigFraction f = a[i][col];
          for (int k = 0; k < monos.size(); k++) {
            a[i][k] = a[i][k].subtract(f.multiply(a[rank][k]));
          }
        }
      }
      rank++;
    }
    List<Expr> out = new ArrayList<>();
    for (int i = 0; i < rank; i++) {
      Map<Poly.Mono, BigFraction> terms = new HashMap<>();
      for (int k = 0; k < monos.size(); k++) {
        if (a[i][k].signum() != 0) {
          terms.put(monos.get(k), a[i][k]);
        }
      }
      out.add(new Poly(terms).toExpr((v, e) -> {
        Expr x = new Expr.Sym(frame.theta().get(v));
        return e == 1 ? x : new Expr.Pow(x, Expr.integer(e));
      }));
    }
    steps.add(Step.done(StepKind.GAUGE, "The balance conditions in the reduced row-echelon"
        + " basis of the moment maps' span (for one factorisation W = U Vᵀ the raw entries of"
        + " UᵀU − VᵀV, i ≤ j). The slice is the same; C = J_χ J_χᵀ changes by a constant"
        + " factor only.", List.of(),
        formulas(out), List.of()));
    return out;
  }

  private static List<Formula> formulas(List<Expr> xs) {
    List<Formula> out = new ArrayList<>();
    for (int i = 0; i < xs.size(); i++) {
      out.add(new Formula("chi_" + (i + 1), xs.get(i)));
    }
    return out;
  }

  // ------------------------------------------------------------------ representative

  private Map<String, Expr> representativeStep(List<Expr> conditions, String origin) {
    List<Poly> repList = frame.representativeList();
    for (Expr chi : conditions) {
      if (!thetaPoly(chi, origin).substitute(repList, frame.rank()).isZero()) {
        throw new MatrixRouteException(origin, "the gauge condition " + chi.toWolfram()
            + " does not vanish at the diagonal representative (every factor diag(σ_i^{1/"
            + frame.depth() + "})): the matrix route needs the balanced slice; remove the"
            + " declared gauge to use the balance conditions");
      }
    }
    Map<String, Expr> rep = new LinkedHashMap<>();
    frame.representative().forEach((k, v) -> rep.put(k, frame.inValues(v)));
    List<Formula> out = new ArrayList<>();
    for (Variable v : p.parameters()) {
      out.add(new Formula(v.name(), v.shaped(v.symbols().stream().map(rep::get).toList())));
    }
    String values = frame.symmetric() ? "eigenvalues λ_i" : "singular values σ_i";
    steps.add(Step.done(StepKind.REPRESENTATIVE, "In the frame where the predictor is diagonal"
        + " (every family here is orthogonally equivariant, so the Gram determinants are the same"
        + " in every frame), the balanced representative has every factor diag(" 
        + (frame.symmetric() ? "λ" : "σ") + "_i^{1/" + frame.depth() + "}) padded with zeros:"
        + " the predictor is diag(" + (frame.symmetric() ? "λ" : "σ") + "_i), rank "
        + frame.rank() + ", in its " + values + " (taken distinct and positive: the action is"
        + " free there)" + (conditions.isEmpty() ? "." : "; every gauge condition vanishes there."),
        List.of(), out, List.of()));
    return rep;
  }

  /** θ_k as polynomials, built once (d of them, each with d exponents). */
  private Map<String, Poly> thetaVariables;

  private Poly thetaPoly(Expr e, String origin) {
    int d = frame.theta().size();
    if (thetaVariables == null) {
      thetaVariables = new HashMap<>();
      for (int k = 0; k < d; k++) {
        thetaVariables.put(frame.theta().get(k), Poly.variable(k, d));
      }
    }
    return Poly.of(e, thetaVariables, d).orElseThrow(() -> new MatrixRouteException(origin,
        "the matrix route needs polynomial fields and conditions, not " + e.toWolfram()));
  }

  /** ∇e at the representative, sparse. */
  private Map<Integer, Poly> gradient(Poly e) {
    Map<Integer, Poly> out = new LinkedHashMap<>();
    List<Poly> rep = frame.representativeList();
    for (Poly.Mono m : e.terms().keySet()) {
      for (int k = 0; k < m.exps().length; k++) {
        if (m.exps()[k] != 0 && !out.containsKey(k)) {
          Poly g = e.derivative(k).substitute(rep, frame.rank());
          if (!g.isZero()) {
            out.put(k, g);
          }
        }
      }
    }
    return out;
  }

  private List<Map<Integer, Poly>> fields(List<Generator> generators) {
    List<Map<Integer, Poly>> out = new ArrayList<>();
    List<Poly> rep = frame.representativeList();
    for (Generator g : generators) {
      Map<Integer, Poly> v = new LinkedHashMap<>();
      for (int k = 0; k < g.field().size(); k++) {
        Poly q = thetaPoly(g.field().get(k), g.origin()).substitute(rep, frame.rank());
        if (!q.isZero()) {
          v.put(k, q);
        }
      }
      out.add(v);
    }
    return out;
  }

  /**
   * P = J Jᵀ on predictor space; for a symmetric predictor in the Frobenius metric of symmetric
   * matrices (coordinates w_ii and √2 w_ij, i &lt; j), which is rotation-invariant.
   */
  private Blocked predictorGram() {
    List<Map<Integer, Poly>> rows = new ArrayList<>();
    List<Boolean> scaled = new ArrayList<>();
    List<Component> wc = frame.predictorVariable().components();
    for (int k = 0; k < wc.size(); k++) {
      int a = wc.get(k).indices().get(0);
      int b = wc.get(k).indices().get(1);
      if (frame.symmetric() && a > b) {
        continue;
      }
      rows.add(gradient(frame.predictor().get(k)));
      scaled.add(frame.symmetric() && a != b);
    }
    boolean[] s = new boolean[scaled.size()];
    for (int k = 0; k < s.length; k++) {
      s[k] = scaled.get(k);
    }
    return blocked(Variant.QUOTIENT, SparseGram.of(rows, s));
  }

  private Blocked blocked(Variant v, SparseGram g) {
    return new Blocked(v, g, logs.blocks(g));
  }

  // ------------------------------------------------------------------ log-determinants

  private VariantResult logDet(Blocked b) {
    Map<Expr, BigFraction> terms = new LinkedHashMap<>();
    int zeros = 0;
    boolean pseudo = false;
    for (BlockLogs.Block block : b.blocks()) {
      logs.logOf(block).forEach((t, c) -> terms.merge(t, c, BigFraction::add));
      zeros += block.pattern().zeros();
      pseudo |= block.pattern().pseudo();
    }
    if (zeros == b.gram().size()) {
      throw new MatrixRouteException(p.source(), "the " + b.variant().gram()
          + " Gram matrix vanishes at the representative");
    }
    if (zeros > 0 && b.variant() != Variant.QUOTIENT) {
      throw new MatrixRouteException(p.source(), "the " + b.variant().gram()
          + " Gram matrix has " + zeros + " zero rows at the representative: "
          + (b.variant() == Variant.ORBIT ? "a generator vanishes there (the action is not free)"
              : "a gauge condition is stationary there"));
    }
    pseudo |= zeros > 0;
    Map<Expr, BigFraction> variable = new LinkedHashMap<>();
    Map<Expr, BigFraction> constant = new LinkedHashMap<>();
    java.util.Set<String> sigma = new java.util.HashSet<>(frame.values().symbols());
    terms.forEach((t, c) -> (t.isFreeOf(sigma) ? constant : variable).put(t, c));
    Map<Expr, BigFraction> merged = mergeConstants(constant);
    variableTerms.put(b.variant(), variable);
    Map<Expr, BigFraction> all = new LinkedHashMap<>(merged);
    all.putAll(variable);
    Expr logDet = BlockLogs.sum(all);
    gramStep(b, pseudo);
    steps.add(Step.done(StepKind.LOG_DET, new StepFacts.LogDet(b.variant(), pseudo), List.of(),
        List.of(new Formula("logdet_" + b.variant().gram(), logDet)), List.of()));
    return new VariantResult(b.variant(), logDet, BlockLogs.sum(variable),
        BlockLogs.sum(merged), pseudo);
  }

  /** Σ c_k log n_k with integer c_k as one log of Π n_k^{c_k} (2 log 2 + log 9 = log 36). */
  private static Map<Expr, BigFraction> mergeConstants(Map<Expr, BigFraction> constant) {
    BigFraction product = BigFraction.ONE;
    for (var e : constant.entrySet()) {
      if (!(e.getKey() instanceof Expr.Fn f && f.head().equals("Log")
          && f.args().get(0) instanceof Expr.Num n) || !e.getValue().getDenominator()
          .equals(java.math.BigInteger.ONE) || Math.abs(e.getValue().intValue()) > 64) {
        return constant;
      }
      product = product.multiply(new BigFraction(n.num(), n.den()).pow(e.getValue().intValue()));
    }
    if (product.equals(BigFraction.ONE)) {
      return Map.of();
    }
    return Map.of(Expr.log(new Expr.Num(product.getNumerator(), product.getDenominator())),
        BigFraction.ONE);
  }

  private void gramStep(Blocked b, boolean pseudo) {
    Map<BlockLogs.Pattern, Integer> count = new LinkedHashMap<>();
    Map<BlockLogs.Pattern, BlockLogs.Block> example = new LinkedHashMap<>();
    for (BlockLogs.Block block : b.blocks()) {
      count.merge(block.pattern(), 1, Integer::sum);
      example.putIfAbsent(block.pattern(), block);
    }
    List<Formula> out = new ArrayList<>();
    int k = 1;
    StringBuilder sizes = new StringBuilder();
    for (var e : example.entrySet()) {
      BlockLogs.Block block = e.getValue();
      List<List<Expr>> rows = new ArrayList<>();
      for (int a : block.rows()) {
        List<Expr> row = new ArrayList<>();
        for (int c : block.rows()) {
          Expr x = frame.inValues(b.gram().get(a, c));
          boolean both = b.gram().scale()[a] && b.gram().scale()[c];
          boolean one = b.gram().scale()[a] ^ b.gram().scale()[c];
          row.add(both ? Expr.mul(Expr.integer(2), x)
              : one ? Expr.mul(new Expr.Pow(Expr.integer(2), Expr.rational(1, 2)), x) : x);
        }
        rows.add(row);
      }
      out.add(new Formula(b.variant().gram() + "_block_" + k, b.variant().gram() + "^{(" + k + ")}",
          Exprs.matrix(rows)));
      sizes.append(k == 1 ? "" : ", ").append(count.get(e.getKey())).append(" × ")
          .append(block.rows().size()).append("×").append(block.rows().size())
          .append(e.getKey().zeros() > 0 ? " (zero)" : "");
      k++;
    }
    steps.add(Step.done(StepKind.GRAM, b.variant().gram() + " (" + b.gram().size() + "×"
        + b.gram().size() + ", " + b.gram().entries().size() + " non-zero entries) is"
        + " block-diagonal at the representative: " + b.blocks().size() + " blocks ("
        + sizes + "); one example block per pattern is shown, each pattern's determinant"
        + " taken once" + (pseudo ? "; zero blocks are left out (pseudo-determinant)" : ""),
        List.of(), out, List.of()));
  }

  // ------------------------------------------------------------------ checks

  /** The block sum against the dense matrix's eigenvalues, at random points. */
  private void numericCheck(Map<Variant, Blocked> grams, Map<Variant, VariantResult> results) {
    double worst = 0;
    int points = 3;
    for (int t = 0; t < points; t++) {
      double[] d = randomFrame(frame.rank());
      Map<String, Double> env = sigmaEnv(d);
      for (Blocked b : grams.values()) {
        double dense = logPseudoDet(b.gram().numeric(d));
        double derived = NumericEvaluator.eval(results.get(b.variant()).logDet(), env);
        worst = Math.max(worst, Math.abs(dense - derived) / Math.max(1, Math.abs(dense)));
      }
    }
    if (!(worst < 1e-9)) {
      throw new MatrixRouteException(p.source(), "the block log-determinants differ from the"
          + " dense matrices' eigenvalues by " + worst + " (relative): internal error");
    }
    steps.add(Step.done(StepKind.NUMERIC_CHECK, String.format(java.util.Locale.ROOT,
        "At %d random points of the frame (distinct positive values), each Gram matrix is"
        + " built densely in double precision and its log-(pseudo-)determinant taken from its"
        + " eigenvalues: the block sums above agree to %.1e (relative).", points, worst),
        List.of(), List.of(), List.of()));
  }

  double[] randomFrame(int r) {
    double[] d = new double[r];
    for (int i = 0; i < r; i++) {
      d[i] = 0.5 + 1.5 * rng.nextDouble();
    }
    return d;
  }

  Map<String, Double> sigmaEnv(double[] d) {
    Map<String, Double> env = new HashMap<>();
    for (int i = 0; i < d.length; i++) {
      env.put(frame.values().symbols().get(i), Math.pow(d[i], frame.depth()));
    }
    return env;
  }

  /** log of the product of the eigenvalues above 1e-10 of the largest. */
  static double logPseudoDet(double[][] m) {
    double[] ev = new EigenDecompositionSymmetric(new Array2DRowRealMatrix(m, false))
        .getEigenvalues();
    double max = 0;
    for (double v : ev) {
      max = Math.max(max, Math.abs(v));
    }
    double s = 0;
    for (double v : ev) {
      if (Math.abs(v) > 1e-10 * max) {
        s += Math.log(Math.abs(v));
      }
    }
    return s;
  }

  private Expr representationCost() {
    Poly s = Poly.ZERO;
    for (Poly q : frame.representativeList()) {
      s = s.plus(q.times(q));
    }
    return frame.inValues(s.scale(BigFraction.ONE_HALF));
  }
}
