package org.gaugebias.symbolic.derive.matrix;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.gaugebias.symbolic.cas.Algebra;
import org.gaugebias.symbolic.expr.Expr;
import org.gaugebias.symbolic.expr.Exprs;
import org.gaugebias.symbolic.expr.NumericEvaluator;
import org.gaugebias.symbolic.trace.Formula;
import org.gaugebias.symbolic.trace.Spectrum;
import org.gaugebias.symbolic.trace.Step;
import org.gaugebias.symbolic.trace.StepKind;
import org.gaugebias.symbolic.trace.Variant;
import org.gaugebias.symbolic.trace.VariantResult;
import org.hipparchus.fraction.BigFraction;

/**
 * The closed form for every size (issue 8): the blocks of a concrete-size Gram matrix are
 * grouped by the indices they involve; when every block involves one index i or one pair i &lt; j,
 * and the blocks of index 1 and of pair (1, 2) describe every other index and pair, the
 * log-determinant is {@code Σ_i f(σ_i) + Σ_{i<j} g(σ_i, σ_j)} with f the log-determinants of the
 * blocks of index 1 renamed, g those of pair (1, 2). The fold is checked against the concrete
 * derivation at random points; {@link DepthRecurrence} adds L as a symbol for products of square
 * factors.
 */
final class ClosedForms {
  static final String I = "i";
  static final String J = "j";
  static final String R = "r";

  private final Algebra cas;
  private final DiagonalFrame frame;
  private final BlockLogs logs;
  private final List<Step> steps;
  private final SplittableRandom rng;
  private final String source;

  private final LargerSizes larger;
  /** Dense checks at larger ranks, built once for all variants (empty entry: not possible). */
  private final Map<Integer, Optional<LargerSizes.Dense>> dense = new java.util.TreeMap<>();

  ClosedForms(Algebra cas, DiagonalFrame frame, BlockLogs logs, List<Step> steps,
      SplittableRandom rng, String source, LargerSizes larger) {
    this.larger = larger;
    this.cas = cas;
    this.frame = frame;
    this.logs = logs;
    this.steps = steps;
    this.rng = rng;
    this.source = source;
  }

  Map<Variant, Spectrum.ClosedForm> fold(Map<Variant, MatrixRoute.Blocked> grams,
      Map<Variant, VariantResult> results) {
    Map<Variant, Spectrum.ClosedForm> out = new EnumMap<>(Variant.class);
    if (frame.rank() < 2) {
      steps.add(Step.done(StepKind.LOG_DET, "No closed form for every size from rank 1: it"
          + " has no pair blocks to fold (derive the design at rank 2 or more).", List.of(),
          List.of(), List.of()));
      return out;
    }
    DepthRecurrence depth = new DepthRecurrence(cas, logs.quick(), frame);
    for (MatrixRoute.Blocked b : grams.values()) {
      Optional<String> why = foldable(b);
      if (why.isPresent()) {
        steps.add(Step.done(StepKind.LOG_DET, "No closed form for every size for "
            + b.variant().gram() + ": " + why.get() + ".", List.of(), List.of(), List.of()));
        continue;
      }
      Spectrum.ClosedForm cf = closedForm(b, results.get(b.variant()), depth);
      if (cf != null) {
        out.put(b.variant(), cf);
      }
    }
    return out;
  }

  private Optional<String> foldable(MatrixRoute.Blocked b) {
    for (BlockLogs.Block block : b.blocks()) {
      if (block.vars().size() > 2) {
        return Optional.of("a block couples " + block.vars().size() + " indices");
      }
      if (block.vars().isEmpty() && block.pattern().zeros() == 0) {
        return Optional.of("a block is constant (its count may depend on the size)");
      }
    }
    return Optional.empty();
  }

  private String sym(String index) {
    return frame.values().indexedBy(index);
  }

  private Spectrum.ClosedForm closedForm(MatrixRoute.Blocked b, VariantResult concrete,
      DepthRecurrence depth) {
    Map<Expr, BigFraction> single = new LinkedHashMap<>();
    Map<Expr, BigFraction> pair = new LinkedHashMap<>();
    List<String> sigma = frame.values().symbols();
    Map<String, Expr> toIndex = Map.of(sigma.get(0), new Expr.Sym(sym(I)), sigma.get(1),
        new Expr.Sym(sym(J)));
    for (BlockLogs.Block block : b.blocks()) {
      Map<Expr, BigFraction> target = block.vars().equals(List.of(0)) ? single
          : block.vars().equals(List.of(0, 1)) ? pair : null;
      if (target != null) {
        logs.logOf(block).forEach((t, c) -> target.merge(Exprs.substitute(t, toIndex), c,
            BigFraction::add));
      }
    }
    Expr f = BlockLogs.sum(single);
    Expr g = BlockLogs.sum(pair);
    Expr sum = sumExpr(f, g);
    List<Spectrum.Check> checks = new ArrayList<>();
    double worst = 0;
    int points = 5;
    for (int t = 0; t < points; t++) {
      double[] s = positiveDistinct(frame.rank());
      double folded = evalFold(f, g, s);
      Map<String, Double> env = new HashMap<>();
      for (int i = 0; i < s.length; i++) {
        env.put(sigma.get(i), s[i]);
      }
      double direct = NumericEvaluator.eval(concrete.logDet(), env);
      worst = Math.max(worst, Math.abs(folded - direct));
    }
    if (!(worst < 1e-9 * Math.max(1, frame.rank() * frame.rank()))) {
      throw new MatrixRouteException(source, "the blocks of index 1 and pair (1, 2) do not"
          + " describe the others (fold differs by " + worst + "): no closed form");
    }
    checks.add(new Spectrum.Check("fold vs concrete derivation", frame.rank(), frame.depth(),
        points, worst));
    Optional<String> failed = largerSizes(b.variant(), f, g, checks);
    if (failed.isPresent()) {
      steps.add(Step.done(StepKind.LOG_DET, "No closed form for every size for " + b.variant()
          .gram() + ": the fold of the rank-" + frame.rank() + " blocks " + failed.get() + ".",
          List.of(), List.of(), List.of()));
      return null;
    }
    Optional<DepthRecurrence.Form> byDepth = depth.derive(b, logs, toIndex);
    List<Formula> out = new ArrayList<>();
    String gram = b.variant().gram();
    out.add(new Formula("f_" + gram, "f_{" + gram + "}(" + latexSym(I) + ")", f));
    out.add(new Formula("g_" + gram, "g_{" + gram + "}(" + latexSym(I) + ", " + latexSym(J)
        + ")", g));
    out.add(new Formula("logdet_" + gram + "_every_r", "\\log\\det " + gram
        + " \\;(\\text{every } r)", sum));
    byDepth.ifPresent(d -> {
      out.add(new Formula("f_" + gram + "_every_L", "f_{" + gram + "}(" + latexSym(I)
          + ";\\, L)", d.single()));
      out.add(new Formula("g_" + gram + "_every_L", "g_{" + gram + "}(" + latexSym(I) + ", "
          + latexSym(J) + ";\\, L)", d.pair()));
      checks.addAll(d.checks());
    });
    StringBuilder sentence = new StringBuilder("Closed form for every size: every block of "
        + gram + " involves one index i or one pair i < j, so log det " + gram
        + " = Σ_i f(" + frame.values().name() + "_i) + Σ_{i<j} g(" + frame.values().name()
        + "_i, " + frame.values().name() + "_j), f from the blocks of index 1 and g from those"
        + " of pair (1, 2) renamed");
    byDepth.ifPresent(d -> sentence.append("; with the depth L as a symbol, ").append(d.how()));
    sentence.append(". Checks: ");
    for (int k = 0; k < checks.size(); k++) {
      Spectrum.Check c = checks.get(k);
      sentence.append(k == 0 ? "" : "; ").append(c.what()).append(" at r = ").append(c.rank())
          .append(", L = ").append(c.depth()).append(", ").append(c.points())
          .append(" random points: largest difference ")
          .append(String.format(java.util.Locale.ROOT, "%.1e", c.largestDifference()));
    }
    sentence.append('.');
    steps.add(Step.done(StepKind.LOG_DET, sentence.toString(), List.of(), out, List.of()));
    return new Spectrum.ClosedForm(b.variant(), I, J, f, g, sum,
        byDepth.map(DepthRecurrence.Form::single), byDepth.map(DepthRecurrence.Form::pair),
        checks);
  }

  /** Ranks checked beyond the derived one: the next, and 5 and 6 (issue 8). */
  private List<Integer> largerRanks() {
    java.util.TreeSet<Integer> out = new java.util.TreeSet<>(List.of(frame.rank() + 1, 5, 6));
    out.removeIf(k -> k <= frame.rank());
    return new ArrayList<>(out);
  }

  /**
   * The fold against dense numeric Gram matrices at larger ranks, as differences between two
   * random points (the constant of C depends on the basis of its conditions); a message when
   * it fails.
   */
  private Optional<String> largerSizes(Variant v, Expr f, Expr g, List<Spectrum.Check> checks) {
    long start = System.nanoTime();
    for (int rank : largerRanks()) {
      if (System.nanoTime() - start > 60e9) {
        break;
      }
      Optional<LargerSizes.Dense> d = dense.computeIfAbsent(rank, k -> {
        try {
          return larger.at(k, frame.rank());
        } catch (RuntimeException e) {
          return Optional.empty();
        }
      });
      if (d.isEmpty()) {
        continue;
      }
      double worst = 0;
      int pairs = 3;
      for (int t = 0; t < pairs; t++) {
        double[] x = LargerSizes.frame(rng, rank);
        double[] y = LargerSizes.frame(rng, rank);
        Double dx = d.get().logDets(x).get(v);
        Double dy = d.get().logDets(y).get(v);
        if (dx == null || dy == null) {
          return Optional.empty();
        }
        double closed = evalFold(f, g, pow(x)) - evalFold(f, g, pow(y));
        worst = Math.max(worst, Math.abs(closed - (dx - dy)) / Math.max(1, Math.abs(dx - dy)));
      }
      if (!(worst < 1e-8)) {
        return Optional.of(String.format(java.util.Locale.ROOT, "does not hold at rank %d"
            + " (dense numeric Gram differs by %.2e)", rank, worst));
      }
      checks.add(new Spectrum.Check("fold vs dense numeric Gram (differences between two"
          + " points)", rank, frame.depth(), pairs, worst));
    }
    return Optional.empty();
  }

  private double[] pow(double[] d) {
    double[] s = new double[d.length];
    for (int i = 0; i < d.length; i++) {
      s[i] = Math.pow(d[i], frame.depth());
    }
    return s;
  }

  private String latexSym(String index) {
    return (frame.symmetric() ? "\\lambda" : "\\sigma") + "_" + index;
  }

  /** {@code Sum[f, {i, 1, r}] + Sum[Sum[g, {j, i + 1, r}], {i, 1, r}]}. */
  static Expr sumExpr(Expr f, Expr g) {
    Expr i = new Expr.Sym(I);
    Expr j = new Expr.Sym(J);
    Expr r = new Expr.Sym(R);
    List<Expr> terms = new ArrayList<>();
    if (!Exprs.isZero(f)) {
      terms.add(Expr.fn("Sum", f, new Expr.Vec(List.of(i, Expr.integer(1), r))));
    }
    if (!Exprs.isZero(g)) {
      terms.add(Expr.fn("Sum", Expr.fn("Sum", g, new Expr.Vec(List.of(j,
          Expr.add(i, Expr.integer(1)), r))), new Expr.Vec(List.of(i, Expr.integer(1), r))));
    }
    return terms.isEmpty() ? Expr.integer(0) : terms.size() == 1 ? terms.get(0)
        : new Expr.Add(terms);
  }

  /** Σ_i f(s_i) + Σ_{i<j} g(s_i, s_j) in double precision. */
  double evalFold(Expr f, Expr g, double[] s) {
    double total = 0;
    for (int i = 0; i < s.length; i++) {
      total += NumericEvaluator.eval(f, Map.of(sym(I), s[i]));
      for (int j = i + 1; j < s.length; j++) {
        total += NumericEvaluator.eval(g, Map.of(sym(I), s[i], sym(J), s[j]));
      }
    }
    return total;
  }

  private double[] positiveDistinct(int r) {
    double[] s = new double[r];
    for (int i = 0; i < r; i++) {
      s[i] = 0.3 + 2.5 * rng.nextDouble();
    }
    return s;
  }
}
