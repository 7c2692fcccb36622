package org.gaugebias.symbolic.derive;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gaugebias.symbolic.cas.Algebra;
import org.gaugebias.symbolic.compile.Parameterization;
import org.gaugebias.symbolic.expr.Expr;
import org.gaugebias.symbolic.expr.Exprs;
import org.gaugebias.symbolic.expr.NumericFunctions;
import org.gaugebias.symbolic.sampling.Numerics;
import org.gaugebias.symbolic.trace.Formula;
import org.gaugebias.symbolic.trace.Step;
import org.gaugebias.symbolic.trace.StepFacts;
import org.gaugebias.symbolic.trace.StepKind;
import org.gaugebias.symbolic.trace.Variant;
import org.gaugebias.symbolic.trace.VariantResult;

/**
 * The Gram matrices G, C, P and their log-determinants at the representative (THEORY.md §2,
 * §3), split into β-dependent and constant parts.
 */
final class GramSteps {
  private final DerivationContext c;
  private final Parameterization p;
  private final Algebra cas;
  private final Set<String> betaNames;
  private final NumericFunctions fns;
  private final List<Step> steps;

  GramSteps(DerivationContext c) {
    this.c = c;
    this.p = c.p;
    this.cas = c.cas;
    this.betaNames = c.betaNames;
    this.fns = c.fns;
    this.steps = c.steps;
  }

  /** A Gram matrix, given by the vectors (ξ_a, ∇χ_a or ∇f_i) whose inner products it holds. */
  record Matrix(String name, String description, List<List<Expr>> vectors) { }

  Matrix gram(String name, String description, List<List<Expr>> vectors) {
    return new Matrix(name, description, vectors);
  }

  VariantResult logDet(Variant variant, Matrix g, Map<String, Expr> rep,
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
    // many entries repeat (a depth-k product's Gram at θ̃ holds a few distinct ones): each
    // distinct entry is tidied once; G(θ) is shown simplified only while it is small (its
    // simplification is cosmetic, and (k−1)² CAS calls dominated depth-k products)
    Map<Expr, Expr> tidied = new java.util.HashMap<>();
    Map<Expr, Expr> simplified = new java.util.HashMap<>();
    boolean showSimplified = k <= DISPLAY_SIMPLIFY_LIMIT
        && entries.stream().flatMap(List::stream).mapToInt(Exprs::size).sum()
        <= DISPLAY_SIMPLIFY_NODES;
    // D + a aᵀ read off the vectors: its log-det needs no entry of the matrix simplified, so
    // a large one is shown at θ̃ as substituted (k² tidies dominated a ReLU unit in R^16)
    java.util.Optional<RankOneGram> rankOne = RankOneGram.of(vectors);
    boolean tidyEntries = rankOne.isEmpty() || k <= DISPLAY_SIMPLIFY_LIMIT;
    for (List<Expr> row : entries) {
      List<Expr> r1 = new ArrayList<>();
      List<Expr> r2 = new ArrayList<>();
      for (Expr e : row) {
        Expr plain = withoutZeroTerms(e);
        r1.add(showSimplified ? simplified.computeIfAbsent(plain, cas::simplify) : plain);
        Expr substituted = Exprs.substitute(plain, rep);
        if (k == 1 && Exprs.size(substituted) > DISPLAY_SIMPLIFY_NODES) {
          substituted = collected(vectors.get(0), rep, substituted, solver); // ‖w‖² + v² at size
        }
        r2.add(tidyEntries ? tidied.computeIfAbsent(substituted, solver::tidy) : substituted);
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
    boolean lemma = rankOne.isPresent() && !pseudo;
    Expr logDet = lemma
        ? GramDeterminants.rankOneLogDet(cas, solver, rankOne.get().at(rep), betaNames,
            c.signedBetas())
        : GramDeterminants.logDet(cas, solver, atRep, rank, betaNames, c.signedBetas());
    steps.add(Step.done(StepKind.GRAM, new StepFacts.Gram(variant, rank, k),
        List.of(new Formula(g.name() + "_theta", Exprs.matrix(inTheta))),
        List.of(new Formula(g.name(), Exprs.matrix(atRep))), List.of()));
    Split split = split(logDet);
    steps.add(Step.done(StepKind.LOG_DET, new StepFacts.LogDet(variant, pseudo, lemma),
        List.of(),
        List.of(new Formula("logdet_" + g.name(), logDet)),
        List.of()));
    return new VariantResult(variant, logDet, split.variable(), split.constant(), pseudo);
  }

  /** A 1×1 Gram Σ c_j² at θ̃ with common powers collected, where that agrees numerically. */
  private static Expr collected(List<Expr> vector, Map<String, Expr> rep, Expr entry,
      RepresentativeSolver solver) {
    List<Expr> c = new ArrayList<>();
    for (Expr x : vector) {
      if (!Exprs.isZero(x)) {
        c.add(Exprs.substitute(x, rep));
      }
    }
    if (c.isEmpty()) {
      return entry;
    }
    Expr sum = QuadraticForm.sumOfSquares(c);
    return solver.agrees(sum, entry) ? sum : entry;
  }

  /** Gram matrices larger than this are shown in θ as formed, not simplified by the CAS. */
  static final int DISPLAY_SIMPLIFY_LIMIT = 6;
  /** …and Gram matrices in θ larger than this many nodes (P of a depth-32 product: 1.5 s). */
  static final int DISPLAY_SIMPLIFY_NODES = 400;

  /** A sum of products with its zero terms (products with a zero factor) left out. */
  private static Expr withoutZeroTerms(Expr e) {
    if (!(e instanceof Expr.Add a)) {
      return e;
    }
    List<Expr> kept = new ArrayList<>();
    for (Expr t : a.terms()) {
      boolean zero = Exprs.isZero(t) || t instanceof Expr.Mul m
          && m.factors().stream().anyMatch(Exprs::isZero);
      if (!zero) {
        kept.add(t);
      }
    }
    return kept.isEmpty() ? Expr.integer(0) : kept.size() == 1 ? kept.get(0) : new Expr.Add(kept);
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
}
