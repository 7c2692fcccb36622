package org.gaugebias.symbolic.inverse;

import java.util.ArrayList;
import java.util.HashMap;
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
import org.gaugebias.symbolic.cas.WolframSyntax;
import org.gaugebias.symbolic.compile.DesignCompiler;
import org.gaugebias.symbolic.compile.Parameterization;
import org.gaugebias.symbolic.derive.DerivationException;
import org.gaugebias.symbolic.derive.ForwardDeriver;
import org.gaugebias.symbolic.expr.Expr;
import org.gaugebias.symbolic.expr.TextPrinter;
import org.gaugebias.symbolic.expr.Exprs;
import org.gaugebias.symbolic.expr.NumericEvaluator;
import org.gaugebias.symbolic.sampling.PointSampler;
import org.gaugebias.symbolic.expr.NumericFunctions;
import org.gaugebias.symbolic.expr.TabulatedFunction;
import org.gaugebias.symbolic.trace.Derivation;
import org.gaugebias.symbolic.trace.Formula;
import org.gaugebias.symbolic.trace.Step;
import org.gaugebias.symbolic.trace.WorkProgress;
import org.gaugebias.symbolic.trace.StepKind;
import org.gaugebias.symbolic.trace.Variant;

/**
 * Inverse design (THEORY.md §4): from a target bias to a parameterisation that induces it, proved
 * by running the forward derivation on the answer. The families are tried in order; a target no
 * family reaches gets an error that says, per family, why.
 */
public final class InverseDesigner {
  private final SymjaSession session;
  private final Algebra cas;
  private final ConstantChecks checks;
  private final boolean bothSigns;

  public InverseDesigner(SymjaSession session) {
    this(session, true);
  }

  private InverseDesigner(SymjaSession session, boolean bothSigns) {
    this.session = session;
    this.cas = new Algebra(session, SymjaSession.DEFAULT_LIMIT);
    this.checks = new ConstantChecks(cas);
    this.bothSigns = bothSigns;
  }

  /**
   * A designer whose outer maps cover β &gt; 0 only (u, v &gt; 0), as before the odd
   * extension (whose written file the forward engine derives on both sign branches: the
   * predictor is odd, its results even, derive.EvenExtension).
   */
  public InverseDesigner positiveBranchOnly() {
    return new InverseDesigner(session, false);
  }

  /**
   * Parses a target written in the Wolfram language, with {@code variable} a symbol (dimension
   * 1) or a list ({@code Part}, {@code Total}, matrix products work).
   */
  public Target target(String source, String variable, int dimension, String temperature) {
    return target(source, variable, dimension, temperature, Optional.empty());
  }

  /** As {@link #target(String, String, int, String)}, for one fixed temperature if given. */
  public Target target(String source, String variable, int dimension, String temperature,
      Optional<Expr.Num> temperatureValue) {
    if (WolframSyntax.isReservedName(variable)) {
      throw new InverseDesignException(InverseDesignException.Kind.NOT_A_FUNCTION, "'" + variable
          + "' is a reserved Wolfram name; call the predictor e.g. 'beta'");
    }
    Expr parsed = WolframSyntax.parse(source);
    Target shell = new Target(parsed, variable, dimension, temperature, temperatureValue, source);
    // at size the β-free parts go to the CAS and the lists are threaded here (ListableTarget)
    Expr value = (dimension > AnalysisHadamardFamily.SMALL ? ListableTarget.evaluate(cas, parsed,
        variable, shell.value()) : Optional.<Expr>empty()).orElseGet(() -> cas.evaluate(
        Exprs.substitute(parsed, Map.of(variable, shell.value()))));
    if (value instanceof Expr.Vec) {
      throw new InverseDesignException(InverseDesignException.Kind.NOT_A_FUNCTION, "the target"
          + " must be a scalar (a regulariser), but evaluates to a list; use Total[...]");
    }
    Set<String> allowed = new LinkedHashSet<>(shell.components());
    allowed.add(temperature);
    for (String s : Exprs.symbols(value)) {
      if (!allowed.contains(s)) {
        throw new InverseDesignException(InverseDesignException.Kind.NOT_A_FUNCTION,
            "the target is not a function of the predictor '" + variable + "' (and " + temperature
                + "): it contains '" + s + "'" + (s.equals(variable) ? " (check --dimension)"
                : "; give other constants numeric values"));
      }
    }
    if (temperatureValue.isPresent()) {
      value = Exprs.substitute(value, Map.of(temperature, temperatureValue.get()));
    }
    return new Target(value, variable, dimension, temperature, temperatureValue, source);
  }

  /**
   * A target in the singular values {@code sigma} of a matrix predictor (family 3), written for
   * a symbolic rank {@code r} or for {@code rank}; evaluated and split at that rank.
   */
  public SpectralTarget spectralTarget(String source, int rank, String temperature) {
    return SpectralTarget.of(cas, source, rank, temperature);
  }

  /** Family 3: the first matrix family that reaches the target, proved at its rank. */
  public InverseDesign design(SpectralTarget t, String id) {
    return WorkProgress.current().within("trying the matrix families for the target "
        + t.concrete().source() + " at rank " + t.rank(),
        () -> new LowRankFamilies(session, cas).design(t, id));
  }

  /** The first family (or the requested one) whose answer passes its proof. */
  public InverseDesign design(Target t, Optional<Family> only, String id) {
    if (only.equals(Optional.of(Family.LOW_RANK))) {
      throw new InverseDesignException(InverseDesignException.Kind.UNREACHABLE, "family lowrank"
          + " takes targets in the singular values 'sigma' of a matrix, not in '"
          + t.variable() + "'");
    }
    List<String> tried = new ArrayList<>();
    for (Family f : Family.values()) {
      if (only.isPresent() && only.get() != f || f == Family.LOW_RANK) {
        continue; // family 3 takes singular-value targets: design(SpectralTarget, id)
      }
      Optional<InverseDesign> found = WorkProgress.current().within("trying family '" + f.id()
          + "' for the target " + t.source() + " in " + t.components().size() + (t.components()
          .size() == 1 ? " dimension" : " dimensions"), () -> {
            WorkProgress.current().step("step 1, finding a candidate design");
            Candidate c;
            try {
              c = f == Family.ANALYSIS_HADAMARD ? new AnalysisHadamardFamily(cas).solve(t)
                  : new OuterMapFamily(cas, bothSigns).solve(t, id);
            } catch (InverseDesignException | CasException e) {
              tried.add(f.id() + ": " + e.getMessage());
              return Optional.empty();
            }
            WorkProgress.current().step("step 2, proving its candidate design");
            return Optional.of(prove(t, c, id, tried));
          });
      if (found.isPresent()) {
        return found.get();
      }
    }
    throw new InverseDesignException(InverseDesignException.Kind.UNREACHABLE,
        "no family reaches the target " + t.source() + ":\n  " + String.join("\n  ", tried));
  }

  private InverseDesign prove(Target t, Candidate c, String id, List<String> tried) {
    if (c.outer().isPresent()) {
      return new OuterMapProof(session, cas).prove(t, c, id, tried);
    }
    String title = DesignSpec.title(t.source());
    String yaml = c.design().yaml(id, title);
    Parameterization p;
    Derivation forward;
    Map<String, TabulatedFunction> byName = new HashMap<>();
    Map<String, TabulatedFunction> byFile = new HashMap<>();
    c.tabulation().ifPresent(tab -> {
      byName.put(tab.name(), tab.result().table());
      byFile.put(tab.file(), tab.result().table());
    });
    // closed forms: exact up to rounding; a table: the bias error its interpolation error allows
    double tolerance = c.tabulation().map(tab -> tab.result().biasTolerance()).orElse(1e-8);
    try {
      p = new DesignCompiler(session).compile(c.design().toDesign(id, title),
          NumericFunctions.of(byName));
      forward = new ForwardDeriver(session).derive(p);
    } catch (RuntimeException e) {
      throw new InverseDesignException(InverseDesignException.Kind.PROOF_FAILED, "the "
          + c.family().id() + " family proposed\n" + yaml + "but its forward derivation failed: "
          + e.getMessage(), e);
    }
    Expr induced = Expr.mul(Expr.rational(1, 2), new Expr.Sym(t.temperature()),
        forward.results().get(Variant.QUOTIENT).logDet());
    Expr diff = Expr.add(induced, Expr.mul(Expr.integer(-1), t.expr()));
    if (t.temperatureValue().isPresent()) {
      diff = Exprs.substitute(diff, Map.of(t.temperature(), t.temperatureValue().get()));
    }
    Set<String> comps = new LinkedHashSet<>(t.components());
    // family 1: both sides are weighted logs of linear forms, cancelled form by form
    Optional<Expr> termByTerm = c.family() == Family.ANALYSIS_HADAMARD
        ? LogSums.constant(diff, t.components(), t.temperature()) : Optional.empty();
    Expr simplified;
    boolean symbolic;
    if (termByTerm.isPresent()) {
      simplified = simplifiedConstant(termByTerm.get());
      symbolic = true;
    } else {
      diff = AbsForms.canonical(cas, diff);
      simplified = cas.simplify(diff);
      symbolic = simplified.isFreeOf(comps) || checks.gradientVanishes(diff, t.components());
      if (symbolic && !simplified.isFreeOf(comps)) {
        simplified = constantAtAPoint(diff, p, t);
      }
    }
    double spread = checks.numericSpread(p, diff, t).spread();
    if (!(spread < tolerance)) {
      throw new InverseDesignException(InverseDesignException.Kind.PROOF_FAILED, "the "
          + c.family().id() + " family proposed\n" + yaml + "but R_quot − R* is not constant"
          + " (spread " + spread + " over random points of the domain, allowed " + tolerance
          + ")");
    }
    List<Step> steps = new ArrayList<>(c.steps());
    steps.add(Step.done(StepKind.INVERSE_SOLVE, "Proposed design (" + c.family().id()
        + " family), valid on: " + c.domain() + ".", List.of(),
        List.of(new Formula("design", "\\beta", p.predictor().size() == 1 ? p.predictor().get(0)
            : new Expr.Vec(p.predictor()))), List.of()));
    steps.addAll(forward.steps());
    steps.add(Step.done(StepKind.NUMERIC_CHECK, "Proof: the forward derivation of the design"
        + " gives R_quot; R_quot − R* " + (termByTerm.isPresent() ? "cancels term by term (the"
        + " weights of every linear form's logarithm sum to zero; the constant logs are"
        + " collected exactly) and" : symbolic ? "simplifies symbolically to a constant"
        : "is not simplified to a constant by Symja, but") + " is constant at random points of"
        + " the domain " + (t.temperatureValue().isPresent() ? "at " + t.temperature() + " = "
        + TextPrinter.print(t.temperatureValue().get()) : "at T = 1 and T = 0.7") + " (largest spread "
        + String.format(Locale.ROOT, "%.1e", spread) + (c.tabulation().isPresent()
        ? ", within " + String.format(Locale.ROOT, "%.1e", tolerance) + ", the bound the"
        + " table's interpolation error implies" : "") + ").", List.of(new Formula("target", "R^{*}", t.expr())),
        List.of(new Formula("difference", "R_{\\mathrm{quot}} - R^{*}", simplified)),
        List.of()));
    Derivation doc = new Derivation(id, "Inverse design for R* = " + t.source(), "target",
        forward.predictorSymbols(), forward.temperature(), Variant.QUOTIENT, steps,
        forward.results(), forward.representationCost(), forward.stationaryDensity(),
        forward.notation(), forward.structure());
    return new InverseDesign(t, c.family(), yaml, c.domain(), simplified, forward, doc, spread,
        tried, byFile, tolerance);
  }

  /** A constant made of a few logarithms of numbers, simplified when Symja manages it. */
  private Expr simplifiedConstant(Expr constant) {
    try {
      return cas.simplify(constant);
    } catch (CasException e) {
      return constant;
    }
  }

  /** The constant R_quot − R* in exact form, at an exact point of the domain. */
  private Expr constantAtAPoint(Expr diff, Parameterization p, Target t) {
    Map<String, Expr> at = new HashMap<>();
    for (int i = 0; i < p.theta().size(); i++) {
      at.put(p.theta().get(i), Expr.rational(2 + i, 5 + 2 * i)); // 2/5, 3/7, … : u, v > 0
    }
    for (int i = 0; i < p.beta().size(); i++) {
      at.put(p.beta().get(i), cas.evaluate(Exprs.substitute(p.predictor().get(i), at)));
    }
    return cas.simplify(Exprs.substitute(diff, at));
  }

}
