package org.gaugebias.symbolic.inverse;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
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
import org.gaugebias.symbolic.expr.TextPrinter;
import org.gaugebias.symbolic.failure.GaugebiasException;
import org.gaugebias.symbolic.trace.Derivation;
import org.gaugebias.symbolic.trace.Formula;
import org.gaugebias.symbolic.trace.Spectrum;
import org.gaugebias.symbolic.trace.Step;
import org.gaugebias.symbolic.trace.StepKind;
import org.gaugebias.symbolic.trace.Variant;

/**
 * Family 3 of THEORY.md §4 (low-rank targets): a target in the singular values of W is split into
 * {@code Σ_i f*(σ_i) + Σ_{i<j} g*(σ_i, σ_j)} ({@link SpectralTarget}); each {@link MatrixFamily}
 * is derived by the forward engine (matrix route) at rank 2, and its closed form's parts
 * {@code (T/2) f_P} and {@code (T/2) g_P} are compared with f* and g*: a family reaches the target
 * when both differences are constant (at random points, then symbolically). The first that does
 * is derived again at the requested rank and proved there like families 1 and 2; when none does,
 * the error lists each family's difference R_family − R*, split into its single and pair terms,
 * then, for each square family, the same family behind a fixed invertible linear map
 * ({@link LinearMapFamilies}: W = A M B, which reaches nothing the bare product does not, and the
 * listing shows why for each map tried).
 */
final class LowRankFamilies {
  private static final long SEED = 0x6c6f77L;
  private static final double TOLERANCE = 1e-9;
  private static final int PROBE_RANK = 2;

  private final SymjaSession session;
  private final Algebra cas;

  LowRankFamilies(SymjaSession session, Algebra cas) {
    this.session = session;
    this.cas = cas;
  }

  /** How one family compares with the target: its induced parts minus the target's. */
  record Reach(MatrixFamily family, Expr singleDiff, Expr pairDiff, double singleSpread,
      double pairSpread, Derivation probe) {
    boolean reaches() {
      return singleSpread < TOLERANCE && pairSpread < TOLERANCE;
    }
  }

  /** The first family that reaches the target, proved at the target's rank. */
  InverseDesign design(SpectralTarget t, String id) {
    List<String> tried = new ArrayList<>();
    List<Reach> compared = new ArrayList<>();
    for (MatrixFamily f : MatrixFamily.searched()) {
      Reach reach;
      try {
        Derivation probe = derive(f, PROBE_RANK, id + "-" + f.id());
        reach = compare(f, probe, t);
      } catch (GaugebiasException | IllegalStateException e) {
        tried.add(f.id() + " (" + f.describe() + "): its forward derivation at rank "
            + PROBE_RANK + " failed: " + e.getMessage());
        continue;
      }
      compared.add(reach);
      if (reach.reaches()) {
        return prove(t, reach, compared, tried, id);
      }
      tried.add(f.id() + " (" + f.describe() + "): R_family − R* = " + difference(reach));
    }
    // a fixed invertible linear map before the product, composed with each square family
    for (Reach reach : compared) {
      if (!LinearMapFamilies.composable(reach.family())) {
        continue;
      }
      for (LinearMapFamilies.Map2 m : LinearMapFamilies.tried(t.rank())) {
        tried.add(LinearMapFamilies.compare(m, reach.family(), reach.singleDiff(),
            reach.pairDiff(), t));
      }
    }
    throw new InverseDesignException(InverseDesignException.Kind.UNREACHABLE, "no matrix family"
        + " reaches the target " + t.concrete().source() + " = Σ_i f*(σ_i) + Σ_{i<j} g*(σ_i,"
        + " σ_j) with f* = " + TextPrinter.print(t.single()) + ", g* = "
        + TextPrinter.print(t.pair())
        + "; per family (terms that are not constant are what it cannot reach):\n  "
        + String.join("\n  ", tried));
  }

  private Derivation derive(MatrixFamily f, int rank, String id) {
    DesignSpec spec = f.spec(rank);
    Parameterization p = new DesignCompiler(session).compile(spec.toDesign(id,
        "Family 3 probe: " + f.describe()));
    return new ForwardDeriver(session).derive(p);
  }

  /** The quotient closed form's parts of {@code d}, renamed to σ_i, σ_j, against f*, g*. */
  private Reach compare(MatrixFamily f, Derivation d, SpectralTarget t) {
    Spectrum s = d.structure().flatMap(x -> x.spectrum()).orElseThrow(() ->
        new IllegalStateException("the design was not derived by the matrix route"));
    Spectrum.ClosedForm cf = Optional.ofNullable(s.closedForms().get(Variant.QUOTIENT))
        .orElseThrow(() -> new IllegalStateException("no closed form for every size of P"));
    Map<String, Expr> rename = Map.of(
        s.values().indexedBy(cf.index()), new Expr.Sym(SpectralTarget.indexed(SpectralTarget.I)),
        s.values().indexedBy(cf.second()), new Expr.Sym(SpectralTarget.indexed(SpectralTarget.J)));
    Expr halfT = Expr.mul(Expr.rational(1, 2), new Expr.Sym(t.concrete().temperature()));
    Expr df = Expr.add(Expr.mul(halfT, Exprs.substitute(cf.single(), rename)),
        Expr.mul(Expr.integer(-1), t.single()));
    Expr dg = Expr.add(Expr.mul(halfT, Exprs.substitute(cf.pair(), rename)),
        Expr.mul(Expr.integer(-1), t.pair()));
    return new Reach(f, df, dg, spread(df, t), spread(dg, t), d);
  }

  /** Spread of a part over random distinct positive σ_i, σ_j, per temperature (T = 1, 0.7). */
  private static double spread(Expr part, SpectralTarget t) {
    SplittableRandom rng = new SplittableRandom(SEED);
    double worst = 0;
    for (double temp : new double[] {1.0, 0.7}) {
      double lo = Double.POSITIVE_INFINITY;
      double hi = Double.NEGATIVE_INFINITY;
      for (int k = 0; k < 8; k++) {
        double[] s = SpectralTarget.randomValues(rng, 2);
        double v = NumericEvaluator.eval(part, Map.of(SpectralTarget.indexed(SpectralTarget.I),
            s[0], SpectralTarget.indexed(SpectralTarget.J), s[1], t.concrete().temperature(),
            temp));
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
      worst = Math.max(worst, Double.isFinite(hi - lo) ? hi - lo : Double.POSITIVE_INFINITY);
    }
    return worst;
  }

  /** {@code Σ_i [Δf] + Σ_{i<j} [Δg]}, each part simplified, marked when it is not constant. */
  private String difference(Reach r) {
    return "Σ_i [" + shown(r.singleDiff()) + "]" + (r.singleSpread() < TOLERANCE ? ""
        : " (single term not reached)") + " + Σ_{i<j} [" + shown(r.pairDiff()) + "]"
        + (r.pairSpread() < TOLERANCE ? "" : " (pair term not reached)");
  }

  private String shown(Expr e) {
    try {
      return TextPrinter.print(cas.simplify(e, positivity()));
    } catch (CasException x) {
      return TextPrinter.print(e);
    }
  }

  private static List<Expr> positivity() {
    return List.of(Expr.fn("Greater", new Expr.Sym(SpectralTarget.indexed(SpectralTarget.I)),
        Expr.integer(0)), Expr.fn("Greater", new Expr.Sym(SpectralTarget.indexed(
        SpectralTarget.J)), Expr.integer(0)));
  }

  // ------------------------------------------------------------------ proof

  private InverseDesign prove(SpectralTarget t, Reach found, List<Reach> compared,
      List<String> tried, String id) {
    MatrixFamily f = found.family();
    int r = t.rank();
    DesignSpec spec = f.spec(r);
    String title = DesignSpec.title(t.concrete().source());
    String yaml = spec.yaml(id, title);
    Derivation forward;
    try {
      forward = rederive(spec, id, title);
    } catch (RuntimeException e) {
      throw new InverseDesignException(InverseDesignException.Kind.PROOF_FAILED, "family 3 ("
          + f.describe() + ") proposed\n" + yaml + "but its forward derivation at rank " + r
          + " failed: " + e.getMessage());
    }
    Reach everySize;
    try {
      everySize = compare(f, forward, t);
    } catch (IllegalStateException e) {
      throw new InverseDesignException(InverseDesignException.Kind.PROOF_FAILED, "family 3 ("
          + f.describe() + ") proposed\n" + yaml + "but at rank " + r + " " + e.getMessage());
    }
    Spectrum s = forward.structure().flatMap(x -> x.spectrum()).orElseThrow();
    Map<String, Expr> toSigma = new HashMap<>();
    for (int k = 0; k < r; k++) {
      toSigma.put(s.values().symbols().get(k), new Expr.Sym(t.concrete().components().get(k)));
    }
    Expr induced = Expr.mul(Expr.rational(1, 2), new Expr.Sym(t.concrete().temperature()),
        Exprs.substitute(forward.results().get(Variant.QUOTIENT).logDet(), toSigma));
    Expr diff = Expr.add(induced, Expr.mul(Expr.integer(-1), t.concrete().expr()));
    double spread = concreteSpread(diff, t);
    if (!(spread < 1e-8) || !everySize.reaches()) {
      throw new InverseDesignException(InverseDesignException.Kind.PROOF_FAILED, "family 3 ("
          + f.describe() + ") proposed\n" + yaml + "but at rank " + r + " R_quot − R* is not"
          + " constant (spread " + spread + " at random points; closed-form parts "
          + difference(everySize) + ")");
    }
    boolean symbolic = gradientVanishes(diff, t);
    Expr constant = constant(everySize, t).orElseGet(() -> numericConstant(diff, t));
    List<Step> steps = new ArrayList<>(searchSteps(t, compared, f));
    steps.add(Step.done(StepKind.INVERSE_SOLVE, "Proposed design (family 3, " + f.describe()
        + ") at rank " + r + ", valid on: " + domain(f) + ".", List.of(), List.of(),
        List.of()));
    steps.addAll(forward.steps());
    steps.add(Step.done(StepKind.NUMERIC_CHECK, String.format(Locale.ROOT, "Proof: the"
        + " forward derivation of the design at rank %d gives R_quot = (T/2) log det P; R_quot − R*"
        + " %s and is constant at random distinct positive singular values at T = 1 and T = 0.7"
        + " (largest spread %.1e); the closed form for every size it derives differs from f*, g*"
        + " by constants (spreads %.1e, %.1e).", r, symbolic ? "has a vanishing gradient in every"
        + " σ_i (symbolically)" : "is not shown constant by Symja's simplification", spread,
        everySize.singleSpread(), everySize.pairSpread()), List.of(new Formula("target",
        "R^{*}", t.concrete().expr())), List.of(new Formula("difference",
        "R_{\\mathrm{quot}} - R^{*}", constant)), List.of()));
    Derivation doc = new Derivation(id, "Inverse design for R* = " + t.concrete().source(),
        "target", forward.predictorSymbols(), forward.temperature(), Variant.QUOTIENT, steps,
        forward.results(), forward.representationCost(), forward.stationaryDensity(),
        forward.notation(), forward.structure());
    return new InverseDesign(t.concrete(), Family.LOW_RANK, yaml, f.describe() + "; "
        + domain(f), constant, forward, doc, spread, tried, Map.of(), 1e-8);
  }

  private Derivation rederive(DesignSpec spec, String id, String title) {
    return new ForwardDeriver(session).derive(new DesignCompiler(session).compile(
        spec.toDesign(id, title)));
  }

  private static String domain(MatrixFamily f) {
    return "every W " + (f.symmetric() ? "= Wᵀ, positive semi-definite of rank r," : "of rank r")
        + " with distinct singular values (the action is free there; every orthogonal frame,"
        + " by equivariance)";
  }

  private List<Step> searchSteps(SpectralTarget t, List<Reach> compared, MatrixFamily chosen) {
    List<Step> out = new ArrayList<>();
    out.add(Step.done(StepKind.INVERSE_SOLVE, "The target is split as Σ_i f*(σ_i) + Σ_{i<j}"
        + " g*(σ_i, σ_j): f* is the target at rank 1, g* the target at rank 2 minus f*(σ_i) +"
        + " f*(σ_j); the split is checked at rank " + t.rank() + " at random points (family 3,"
        + " THEORY.md §4).", List.of(), List.of(new Formula("f_star", "f^{*}", t.single()),
        new Formula("g_star", "g^{*}", t.pair())), List.of()));
    for (Reach r : compared) {
      out.add(Step.done(StepKind.INVERSE_SOLVE, "Family " + r.family().describe() + ": its"
          + " forward derivation at rank " + PROBE_RANK + " gives the closed form (T/2)(Σ_i f_P"
          + " + Σ_{i<j} g_P); minus the target's parts: " + (r.reaches() ? "both constant, the"
          + " family reaches the target" : "not constant, the family does not reach it")
          + String.format(Locale.ROOT, " (spreads %.1e, %.1e).", r.singleSpread(),
          r.pairSpread()), List.of(), List.of(new Formula("single_difference",
          "\\Delta f", r.singleDiff()), new Formula("pair_difference", "\\Delta g",
          r.pairDiff())), List.of()));
    }
    return out;
  }

  private double concreteSpread(Expr diff, SpectralTarget t) {
    SplittableRandom rng = new SplittableRandom(SEED + 1);
    double worst = 0;
    for (double temp : new double[] {1.0, 0.7}) {
      double lo = Double.POSITIVE_INFINITY;
      double hi = Double.NEGATIVE_INFINITY;
      for (int k = 0; k < 12; k++) {
        double v = NumericEvaluator.eval(diff, t.env(SpectralTarget.randomValues(rng, t.rank()),
            temp));
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
      worst = Math.max(worst, Double.isFinite(hi - lo) ? hi - lo : Double.POSITIVE_INFINITY);
    }
    return worst;
  }

  /** ∂(R_quot − R*)/∂σ_k ≡ 0 for every k (after Together and Simplify). */
  private boolean gradientVanishes(Expr diff, SpectralTarget t) {
    try {
      for (String x : t.concrete().components()) {
        if (!Exprs.isZero(cas.simplify(cas.together(cas.derivative(diff, x))))) {
          return false;
        }
      }
      return true;
    } catch (CasException e) {
      return false;
    }
  }

  /**
   * The constant R_quot − R* = r Δf + r(r−1)/2 Δg from the closed form's parts, when Symja
   * simplifies both to constants.
   */
  private Optional<Expr> constant(Reach parts, SpectralTarget t) {
    int r = t.rank();
    try {
      Expr f = cas.simplify(parts.singleDiff(), positivity());
      Expr g = cas.simplify(parts.pairDiff(), positivity());
      java.util.Set<String> sigma = java.util.Set.of(SpectralTarget.indexed(SpectralTarget.I),
          SpectralTarget.indexed(SpectralTarget.J));
      if (!f.isFreeOf(sigma) || !g.isFreeOf(sigma)) {
        return Optional.empty();
      }
      return Optional.of(cas.simplify(Expr.add(Expr.mul(Expr.integer(r), f),
          Expr.mul(Expr.integer(r * (r - 1) / 2), g))));
    } catch (CasException e) {
      return Optional.empty();
    }
  }

  /**
   * The constant R_quot − R* as a + b·T in double precision, when Symja does not simplify the
   * parts (R_quot is T times a function of σ; the target is affine in T, or the proof at two
   * temperatures would have failed).
   */
  private static Expr numericConstant(Expr diff, SpectralTarget t) {
    double[] s = SpectralTarget.randomValues(new SplittableRandom(SEED + 2), t.rank());
    double one = NumericEvaluator.eval(diff, t.env(s, 1.0));
    double b = (one - NumericEvaluator.eval(diff, t.env(s, 0.5))) / 0.5;
    double a = one - b;
    Expr bT = Expr.mul(new Expr.Real(b), new Expr.Sym(t.concrete().temperature()));
    return Math.abs(a) < 1e-12 * Math.max(1, Math.abs(b)) ? bT : Expr.add(new Expr.Real(a), bT);
  }

}
