package org.gaugebias.symbolic.size;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import org.gaugebias.symbolic.compile.Parameterization;
import org.gaugebias.symbolic.compile.Variable;
import org.gaugebias.symbolic.design.Design;
import org.gaugebias.symbolic.design.DesignReader;
import org.gaugebias.symbolic.design.Shape;
import org.gaugebias.symbolic.design.SymbolicSizes;
import org.gaugebias.symbolic.expr.Expr;
import org.gaugebias.symbolic.expr.Exprs;
import org.gaugebias.symbolic.expr.NumericEvaluator;
import org.gaugebias.symbolic.expr.SymbolNames;
import org.gaugebias.symbolic.failure.Failure;
import org.gaugebias.symbolic.failure.FailureKind;
import org.gaugebias.symbolic.trace.Derivation;
import org.gaugebias.symbolic.trace.Formula;
import org.gaugebias.symbolic.trace.Step;
import org.gaugebias.symbolic.trace.StepFacts;
import org.gaugebias.symbolic.trace.StepKind;
import org.gaugebias.symbolic.trace.Variant;
import org.gaugebias.symbolic.trace.VariantResult;

/**
 * The symbolic-size route (issue 9, "closed forms for every n"; THEORY.md §2–3): a design with
 * {@code sizes: [n]} is read at n = {@value SymbolicSizes#REFERENCE} and one more, cut into one
 * block per index ({@link IndexBlocks}: elementwise, or β = A ω with A triangular and a banded
 * inverse), and the generic block, its coordinates named with the index i ({@code u_i, v_i}), is
 * derived once by the generic steps. G and C are block diagonal and P = A diag(P_i) Aᵀ with
 * |det A| = 1, so each log-determinant is the block's summed over i:
 * {@code Σ_{i=1}^n f(β_i)}, or {@code f(ω_1) + Σ_{i=2}^n f(β_i − β_{i−1})} when the first block's
 * ω differs (a first difference). The representation cost sums the same way, a separable loss is
 * folded into {@code Σ_i ℓ(β_i)}, and the closed forms are checked against dense numeric Gram
 * matrices at sizes they were not derived from ({@link DenseCheck}).
 */
public final class SizeRoute {
  /** Compiles a design read at concrete sizes. */
  public interface Compiler {
    Parameterization compile(Design design);
  }

  /** Derives the generic block with the generic steps. */
  public interface BlockDeriver {
    Derivation derive(Parameterization block);
  }

  /** The summation index of the closed forms. */
  public static final String INDEX = "i";
  /** Sizes the closed forms are checked at (they are derived at 4 and 5). */
  static final List<Integer> CHECK_SIZES = List.of(3, 7, 64);

  private final Design design;
  private final String size;
  private final String where;
  private IndexBlocks blocks;
  private Parameterization block;
  private Derivation derived;
  private int first;
  private Compiler compiler;

  private SizeRoute(Design design) {
    this.design = design;
    this.where = design.predictor().exprPos().toString();
    SymbolicSizes sizes = design.sizes().orElseThrow(() -> new IllegalArgumentException(
        "the design declares no symbolic size"));
    if (sizes.names().size() != 1) {
      throw fail("the design declares " + sizes.names().size() + " size symbols ("
          + String.join(", ", sizes.names()) + "); the closed form for every size takes one");
    }
    this.size = sizes.names().get(0);
  }

  /** The derivation for every value of the design's size symbol. */
  public static Derivation derive(Design design, Compiler compiler, BlockDeriver deriver,
      long seed) {
    return new SizeRoute(design).run(compiler, deriver, seed);
  }

  private Derivation run(Compiler compiler, BlockDeriver deriver, long seed) {
    int n0 = SymbolicSizes.REFERENCE;
    Parameterization pa = compiler.compile(DesignReader.atSizes(design, Map.of(size, n0)));
    Parameterization pb = compiler.compile(DesignReader.atSizes(design, Map.of(size, n0 + 1)));
    if (UnitSizes.applies(pa, pb)) { // v shared by every index: a single unit, not blocks
      return UnitSizes.derive(design, size, pa, compiler, deriver, seed, this::fail);
    }
    requireRowsScale(pa, pb);
    IndexBlocks b;
    try {
      blocks = IndexBlocks.of(pa, n0);
      b = IndexBlocks.of(pb, n0 + 1);
    } catch (IndexBlocks.NotBlocked e) {
      throw fail("no closed form for every " + size + ": " + e.getMessage());
    }
    first = blocks.firstDiffering();
    if (first < 0 || first != b.firstDiffering() || blocks.inverse().isPresent()
        && !blocks.genericOmega(INDEX).equals(b.genericOmega(INDEX))) {
      throw fail("no closed form for every " + size + ": the inverse of the predictor's"
          + " linear map has no row shared by every index after the first ones");
    }
    BlockParts parts = BlockParts.of(blocks, this::fail);
    BlockParts partsB = BlockParts.of(b, this::fail);
    if (!parts.key(n0 - 1).equals(partsB.key(n0))) {
      throw fail("no closed form for every " + size + ": the blocks at " + size + " = " + n0
          + " and " + (n0 + 1) + " differ");
    }
    block = parts.generic(n0 - 1, INDEX);
    org.gaugebias.symbolic.trace.WorkProgress.current().step("closed form for every " + size
        + ": the generic block " + INDEX + ", from the design at " + size + " = " + n0 + " ("
        + pa.dimension() + " parameters)");
    derived = deriver.derive(block);
    this.compiler = compiler;
    return assemble(pa, pb, seed);
  }

  /** Every parameter and the predictor have n rows (their first dimension scales with n). */
  private void requireRowsScale(Parameterization pa, Parameterization pb) {
    List<Variable> as = new ArrayList<>(pa.parameters());
    as.add(pa.predictorVariable());
    List<Variable> bs = new ArrayList<>(pb.parameters());
    bs.add(pb.predictorVariable());
    for (int k = 0; k < as.size(); k++) {
      Shape x = as.get(k).shape();
      Shape y = bs.get(k).shape();
      String what = (k == as.size() - 1 ? "predictor '" : "parameter '") + as.get(k).name()
          + "'";
      if (x.equals(y)) {
        throw fail("no closed form for every " + size + ": " + what + " (" + x + ") does not"
            + " depend on " + size + ", so it is shared by every index; give each index its"
            + " own parameters (e.g. 'vector " + size + "')");
      }
      if (x.kind() == Shape.Kind.SCALAR || y.rows() != x.rows() + 1 || y.cols() != x.cols()) {
        throw fail("no closed form for every " + size + ": " + what + " has " + size
            + " elsewhere than as its number of rows (" + x + " at " + size + " = "
            + SymbolicSizes.REFERENCE + "); write 'vector " + size + "' or 'matrix " + size
            + " x 3'");
      }
    }
  }

  private Failure fail(String message) {
    return new Failure(FailureKind.INVALID_DESIGN, where, message);
  }

  // ====================================================================== assembly

  private Derivation assemble(Parameterization pa, Parameterization pb, long seed) {
    String t = pa.temperature();
    List<Step> steps = new ArrayList<>();
    steps.add(Step.done(StepKind.SYMBOLIC_SIZE, new StepFacts.SymbolicSize(size,
        pa.predictorVariable().name(), SymbolicSizes.REFERENCE, blocks.inverse().isPresent()
        ? "TRIANGULAR" : "ELEMENTWISE", blocks.coordinates().get(0).size(),
        blocks.outputs().get(0).size(), derived.structure().map(x -> x.generators().size())
        .orElse(0), first, sizedBlock(pa)), List.of(), sizeFormulas(), List.of()));
    for (Step s : derived.steps()) {
      if (s.kind() != StepKind.BIAS && s.kind() != StepKind.ROUTES
          && s.kind() != StepKind.STATIONARY_LAW && s.kind() != StepKind.REPRESENTATION_COST
          && s.kind() != StepKind.NUMERIC_CHECK) {
        steps.add(s);
      }
    }
    Map<Variant, VariantResult> results = new EnumMap<>(Variant.class);
    derived.results().forEach((v, r) -> results.put(v, result(r, t)));
    for (VariantResult r : results.values()) {
      steps.add(Step.done(StepKind.LOG_DET, new StepFacts.LogDet(r.variant(),
          r.pseudoDeterminant()), List.of(), List.of(new Formula("logdet_" + r.variant().gram(),
          r.logDet())), List.of()));
    }
    List<Formula> biasFormulas = new ArrayList<>();
    results.values().forEach(r -> biasFormulas.add(new Formula("R_" + r.variant().shortName(),
        r.bias())));
    steps.add(Step.done(StepKind.BIAS, new StepFacts.Bias(pa.headline()), List.of(),
        biasFormulas, List.of()));
    if (results.containsKey(Variant.ORBIT) && results.containsKey(Variant.QUOTIENT)) {
      boolean adapted = derived.steps().stream()
          .anyMatch(s -> s.facts() instanceof StepFacts.Routes r && r.haarAdapted());
      Expr diff = adapted ? Expr.integer(0) : Expr.add(results.get(Variant.QUOTIENT).bias(),
          Expr.mul(Expr.integer(-1), results.get(Variant.ORBIT).bias()));
      steps.add(Step.done(StepKind.ROUTES, new StepFacts.Routes(adapted), List.of(),
          List.of(new Formula("coordinate_term", diff)), List.of()));
    }
    Optional<Expr> density = Optional.empty();
    Optional<Expr> loss = pa.loss().flatMap(l -> foldLoss(l, pa, pb));
    if (pa.loss().isPresent() && loss.isEmpty()) {
      steps.add(Step.done(StepKind.STATIONARY_LAW, "The loss is not a sum of one term per index"
          + " (Σ_i ℓ(β_i)): the stationary law is not written for every " + size + ".",
          List.of(), List.of(), List.of()));
    }
    if (loss.isPresent() && results.containsKey(Variant.QUOTIENT)) {
      Expr phi = Expr.add(loss.get(), results.get(Variant.QUOTIENT).bias());
      // −Φ/T written as −L/T − ½ Σ_i …: the bias's T/2 cancels against 1/T
      Expr sum = summed(derived.results().get(Variant.QUOTIENT).logDet(), false);
      Expr exponent = Expr.mul(Expr.integer(-1), Expr.pow(new Expr.Sym(t), Expr.integer(-1)),
          loss.get());
      if (!Exprs.isZero(sum)) {
        exponent = Expr.add(exponent, Expr.mul(Expr.rational(-1, 2), sum));
      }
      Expr law = Expr.pow(new Expr.Sym("E"), exponent);
      steps.add(Step.done(StepKind.STATIONARY_LAW, new StepFacts.StationaryLaw(),
          List.of(new Formula("L", loss.get())), List.of(new Formula("Phi", phi),
          new Formula("p", law)), List.of()));
      density = Optional.of(law);
    }
    Expr repCost = summed(derived.representationCost(), true);
    steps.add(Step.done(StepKind.REPRESENTATION_COST, new StepFacts.RepresentationCost(),
        List.of(), List.of(new Formula("repcost", repCost)), List.of()));
    Derivation d = new Derivation(pa.id(), pa.title(), pa.source(),
        List.of(IndexedSums.indexed(pa.predictorVariable().name(), INDEX, 0, List.of())), t,
        pa.headline(), steps, results, repCost, density, Map.of(), Optional.empty());
    steps.add(new DenseCheck(design, size, compiler, derived, seed).step(d, this::fail));
    return new Derivation(d.designId(), d.title(), d.source(), d.predictorSymbols(), t,
        d.headline(), steps, results, repCost, density, Map.of(), Optional.empty());
  }

  /**
   * The generic block as typed data for the exports: each parameter's block coordinates (by
   * column), ω_i(θ_i), ω read off β, and the block's structure (empty when the block derivation
   * has none).
   */
  private Optional<org.gaugebias.symbolic.trace.SizedBlock> sizedBlock(Parameterization pa) {
    if (derived.structure().isEmpty()) {
      return Optional.empty();
    }
    int last = blocks.size() - 1;
    Map<String, Expr> generic = blocks.toGeneric(last, INDEX);
    Set<String> mine = new HashSet<>(blocks.coordinates().get(last));
    List<org.gaugebias.symbolic.trace.SizedBlock.Indexed> params = new ArrayList<>();
    for (Variable v : pa.parameters()) {
      List<String> cols = new ArrayList<>();
      v.components().stream().filter(c -> mine.contains(c.symbol()))
          .forEach(c -> cols.add(((Expr.Sym) generic.get(c.symbol())).name()));
      params.add(new org.gaugebias.symbolic.trace.SizedBlock.Indexed(v.name(),
          v.shape().kind() == Shape.Kind.MATRIX, cols.size(), cols));
    }
    Variable beta = pa.predictorVariable();
    List<Expr> omega = new ArrayList<>();
    List<List<Expr>> firstOmega = new ArrayList<>();
    List<String> outputs = new ArrayList<>();
    if (blocks.inverse().isPresent()) {
      outputs.add(IndexedSums.indexed(beta.name(), INDEX, 0, List.of()));
      omega.add(blocks.genericOmega(INDEX));
      for (int k = 0; k < first; k++) {
        firstOmega.add(List.of(blocks.omega(k)));
      }
    } else {
      outputs.addAll(block.predictorVariable().symbols());
      outputs.forEach(x -> omega.add(new Expr.Sym(x)));
    }
    if (omega.size() != block.predictor().size()) {
      return Optional.empty(); // several outputs per block under a triangular map: not exported
    }
    var predictor = new org.gaugebias.symbolic.trace.SizedBlock.Indexed(beta.name(),
        beta.shape().kind() == Shape.Kind.MATRIX, outputs.size(), outputs);
    return Optional.of(new org.gaugebias.symbolic.trace.SizedBlock(size, INDEX, params,
        predictor, block.predictor(), omega, firstOmega, derived.structure().get()));
  }

  /** ω of the generic block (and of the first blocks when they differ), and the block map. */
  private List<Formula> sizeFormulas() {
    List<Formula> out = new ArrayList<>();
    List<String> omega = block.predictorVariable().symbols();
    for (int j = 0; j < omega.size(); j++) {
      out.add(new Formula(omega.get(j), block.predictor().get(j)));
    }
    if (blocks.inverse().isPresent()) {
      for (int k = 0; k < first; k++) {
        out.add(new Formula(IndexedSums.indexed(SymbolNames.base(omega.get(0)),
            String.valueOf(k + 1), 0, List.of()), blocks.omega(k)));
      }
      out.add(new Formula(omega.get(0), blocks.genericOmega(INDEX)));
    }
    return out;
  }

  private VariantResult result(VariantResult r, String t) {
    Expr halfT = Expr.mul(Expr.rational(1, 2), new Expr.Sym(t));
    Expr variable = summed(r.logDet(), false);
    Expr constant = constantPart(r.logDet());
    Expr perSize = Exprs.isZero(constant) ? Expr.integer(0)
        : Expr.mul(new Expr.Sym(size), constant);
    Expr logDet = Exprs.isZero(perSize) ? variable : Exprs.isZero(variable) ? perSize
        : Expr.add(variable, perSize);
    return new VariantResult(r.variant(), logDet, Exprs.isZero(variable) ? Expr.integer(0)
        : Expr.mul(halfT, variable), Exprs.isZero(perSize) ? Expr.integer(0)
        : Expr.mul(halfT, perSize), r.pseudoDeterminant());
  }

  private Set<String> blockPredictor() {
    return new HashSet<>(block.predictorVariable().symbols());
  }

  private Expr constantPart(Expr e) {
    Set<String> omega = blockPredictor();
    List<Expr> out = new ArrayList<>();
    for (Expr x : terms(e)) {
      if (x.isFreeOf(omega)) {
        out.add(x);
      }
    }
    return out.isEmpty() ? Expr.integer(0) : out.size() == 1 ? out.get(0) : new Expr.Add(out);
  }

  private static List<Expr> terms(Expr e) {
    return e instanceof Expr.Add a ? a.terms() : List.of(e);
  }

  /**
   * Σ over the index of a block quantity in the block's ω: the first blocks written apart
   * when their ω differs. {@code withConstants}: constant terms are summed too (n·c);
   * otherwise they are left out (the caller counts them).
   */
  private Expr summed(Expr perBlock, boolean withConstants) {
    Set<String> omega = blockPredictor();
    List<Expr> variable = new ArrayList<>();
    for (Expr x : terms(perBlock)) {
      if (!x.isFreeOf(omega)) {
        variable.add(x);
      }
    }
    List<Expr> out = new ArrayList<>();
    if (!variable.isEmpty()) {
      Expr body = variable.size() == 1 ? variable.get(0) : new Expr.Add(variable);
      if (blocks.inverse().isPresent()) {
        String w = block.predictorVariable().symbols().get(0);
        for (int k = 0; k < first; k++) {
          out.add(Exprs.substitute(body, Map.of(w, blocks.omega(k))));
        }
        body = Exprs.substitute(body, Map.of(w, blocks.genericOmega(INDEX)));
      }
      out.add(Expr.fn("Sum", body, new Expr.Vec(List.of(new Expr.Sym(INDEX),
          Expr.integer(first + 1), new Expr.Sym(size)))));
    }
    if (withConstants) {
      Expr c = constantPart(perBlock);
      if (!Exprs.isZero(c)) {
        out.add(Expr.mul(new Expr.Sym(size), c));
      }
    }
    return out.isEmpty() ? Expr.integer(0) : out.size() == 1 ? out.get(0) : new Expr.Add(out);
  }

  /**
   * The loss as {@code Σ_{i=1}^n ℓ(β_i)} (plus terms free of β): sums whose terms are one
   * term per index, equal after renaming the index to i, fold; the fold is checked against the
   * loss compiled at n0 + 1 at random points. Empty when the loss does not fold.
   */
  private Optional<Expr> foldLoss(Expr loss, Parameterization pa, Parameterization pb) {
    Expr folded = Exprs.map(loss, x -> x instanceof Expr.Add a ? foldSum(a.terms()) : null);
    if (!folded.isFreeOf(new HashSet<>(pa.beta()))) {
      return Optional.empty();
    }
    SplittableRandom rng = new SplittableRandom(17);
    Expr wide = IndexedSums.expand(folded, size, pb.beta().size() / blocks.outputs().get(0)
        .size());
    for (int t = 0; t < 3; t++) {
      Map<String, Double> env = new HashMap<>();
      pb.beta().forEach(x -> env.put(x, -2 + 4 * rng.nextDouble()));
      env.put(pa.temperature(), 1.0);
      double want = NumericEvaluator.eval(pb.loss().orElseThrow(), env);
      double got = NumericEvaluator.eval(wide, env);
      if (!(Math.abs(want - got) <= 1e-9 * Math.max(1, Math.abs(want)))) {
        return Optional.empty();
      }
    }
    return Optional.of(folded);
  }

  private Expr foldSum(List<Expr> terms) {
    Map<String, Integer> outputBlock = new HashMap<>();
    for (int k = 0; k < blocks.size(); k++) {
      for (String s : blocks.outputs().get(k)) {
        outputBlock.put(s, k);
      }
    }
    List<Expr> rest = new ArrayList<>();
    Expr generic = null;
    Set<Integer> seen = new HashSet<>();
    for (Expr x : terms) {
      Set<Integer> ks = new HashSet<>();
      Exprs.symbols(x).forEach(s -> {
        if (outputBlock.containsKey(s)) {
          ks.add(outputBlock.get(s));
        }
      });
      if (ks.isEmpty()) {
        rest.add(x);
        continue;
      }
      if (ks.size() != 1) {
        return null;
      }
      int k = ks.iterator().next();
      Expr g = Exprs.substitute(x, blocks.toGeneric(k, INDEX));
      if (generic != null && !generic.equals(g) || !seen.add(k)) {
        return null;
      }
      generic = g;
    }
    if (generic == null || seen.size() != blocks.size()) {
      return null;
    }
    rest.add(0, Expr.fn("Sum", generic, new Expr.Vec(List.of(new Expr.Sym(INDEX),
        Expr.integer(1), new Expr.Sym(size)))));
    return rest.size() == 1 ? rest.get(0) : new Expr.Add(rest);
  }
}
