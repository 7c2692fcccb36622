package org.gaugebias.symbolic.print;

import java.util.List;
import java.util.Locale;
import org.gaugebias.symbolic.trace.Step;
import org.gaugebias.symbolic.trace.StepFacts;
import org.gaugebias.symbolic.trace.Variant;

/**
 * The sentence that says what a derivation step did, composed from its typed facts. One place
 * for the prose of the text, LaTeX and JSON printers, so the three say the same thing.
 */
public final class StepProse {
  private StepProse() { }

  /** The step's sentence (plain Unicode text; the LaTeX printer escapes it). */
  public static String sentence(Step step) {
    return sentence(step.facts());
  }

  /** The sentence for one set of facts. */
  public static String sentence(StepFacts facts) {
    if (facts instanceof StepFacts.Prose p) {
      return p.sentence();
    }
    if (facts instanceof StepFacts.Declared d) {
      List<String> t = d.theta();
      String names = t.size() <= 12 ? String.join(", ", t) : String.join(", ", t.subList(0, 4))
          + ", …, " + t.get(t.size() - 1); // at size: d = 400 names say nothing more
      return "The predictor β = f(θ) in the flattened parameters θ = (" + names + "), d = "
          + d.dimension() + ", m = " + d.outputs() + ".";
    }
    if (facts instanceof StepFacts.BlockStructure b) {
      return blockStructure(b);
    }
    if (facts instanceof StepFacts.Jacobian j) {
      return "J_f = ∂f/∂θ, one row per predictor component.";
    }
    if (facts instanceof StepFacts.Generators g) {
      return generators(g);
    }
    if (facts instanceof StepFacts.Invariance i) {
      return "Each generator leaves the predictor invariant: J_f ξ_a ≡ 0,"
          + " simplified symbolically and checked in double precision at " + i.points()
          + " random points.";
    }
    if (facts instanceof StepFacts.Completeness c) {
      return completeness(c);
    }
    if (facts instanceof StepFacts.AlgebraSplit a) {
      return algebraSplit(a);
    }
    if (facts instanceof StepFacts.Gauge g) {
      return gauge(g);
    }
    if (facts instanceof StepFacts.Admissibility a) {
      return admissibility(a);
    }
    if (facts instanceof StepFacts.Representative r) {
      return "θ̃(β) solves f(θ) = β, χ(θ) = 0"
          + (r.zeroed().isEmpty() ? "" : ", " + String.join(" = ", r.zeroed())
          + " = 0 (canonical representative of the compact orbits)") + " on the positive branch"
          + " (other branches differ by signs of θ and are checked numerically below); roots"
          + " chosen by a numeric solution at " + r.samplePoints() + " sample points.";
    }
    if (facts instanceof StepFacts.Gram g) {
      return "The " + gramDescription(g.variant()) + ", then at the"
          + " representative θ = θ̃(β)" + (g.pseudoDeterminant() ? "; rank " + g.rank() + " < "
          + g.size() + ": pseudo-determinant (product of the non-zero eigenvalues)" : "") + ".";
    }
    if (facts instanceof StepFacts.LogDet l) {
      return "log " + (l.pseudoDeterminant() ? "pdet " : "det ")
          + l.variant().gram() + " at θ̃(β): block structure exploited, simplified, extended"
          + " from the positive branch with |·|.";
    }
    if (facts instanceof StepFacts.Bias b) {
      return "R_variant = (T/2) log det of its Gram matrix at θ̃(β), constants"
          + " dropped (kept in eval's numbers). Headline: "
          + b.headline().name().toLowerCase(Locale.ROOT) + ".";
    }
    if (facts instanceof StepFacts.Routes r) {
      return r.haarAdapted()
          ? "R_quot − R_orbit is constant: β is Haar-adapted, and the orbit and quotient routes"
          + " agree up to a constant."
          : "R_quot − R_orbit = −T log|det ∂q/∂β| + const is the coordinate term: β is not"
          + " Haar-adapted, the two routes differ by it.";
    }
    if (facts instanceof StepFacts.StationaryLaw s) {
      return "Effective potential Φ = L + R_quot and stationary"
          + " density p(β) ∝ exp(−Φ/T) under projected noise (THEORY.md §5).";
    }
    if (facts instanceof StepFacts.RepresentationCost r) {
      return "½‖θ̃(β)‖²: the balanced representative is the"
          + " minimum-norm point of its orbit (⟨θ, ξ_a⟩ = θᵀ A_a θ = 0 there), so this is the"
          + " weight-decay representation cost of β.";
    }
    if (facts instanceof StepFacts.NumericCheck n) {
      return "At " + n.points() + " random points with random signs"
          + " (every branch the assumptions allow), the representative is solved numerically and"
          + " log det G, C, P and ½‖θ̃‖² are computed in double precision and compared with the"
          + " formulas: largest difference " + String.format("%.2e", n.largestDifference())
          + ".";
    }
    throw new IllegalArgumentException("no prose for " + facts);
  }

  /**
   * Why the step is unresolved, or a note on it: the step's own note, else what its facts say
   * (an incomplete action's verdict).
   */
  public static String note(Step step) {
    if (step.note().isBlank() && step.status() == Step.Status.UNRESOLVED
        && step.facts() instanceof StepFacts.Completeness c) {
      return completenessVerdict(c);
    }
    return step.note();
  }

  /** The completeness verdict, also the reason when the step is unresolved. */
  public static String completenessVerdict(StepFacts.Completeness c) {
    return c.complete() ? "complete: the orbits fill the fibres of f"
        : "INCOMPLETE: the declared group has orbits of dimension " + c.rankXi()
            + " inside fibres of dimension " + (c.dimension() - c.rankJ())
            + "; the bias below is that of the declared group only";
  }

  private static String generators(StepFacts.Generators g) {
    return switch (g.source()) {
      case DECLARED -> "The declared generators, as vector fields ξ_a(θ).";
      case DISCOVERED_LINEAR -> "No symmetry declared: the generators are discovered. The linear"
          + " symmetries are the matrices A with J_f(θ) A θ ≡ 0, a linear system in the entries"
          + " of A, " + (g.exact() ? "solved exactly (polynomial predictor: coefficient matching"
          + " over Q)" : "imposed at random points (non-polynomial predictor)") + "; its"
          + " solution space in reduced row-echelon form gives the basis ξ_a = A_a θ.";
      case DISCOVERED_NONLINEAR -> "No symmetry declared: the generators are discovered. The"
          + " linear symmetries (" + g.linearFound() + ") do not fill the fibres of f, so the"
          + " generators are non-linear: fields spanning ker J_f over the rational functions"
          + " (NullSpace, denominators and common factors cleared). A non-linear field can be"
          + " rescaled by any function of β, so only the quotient variant R_quot, on the"
          + " declared slice, is derived.";
    };
  }

  private static String completeness(StepFacts.Completeness c) {
    return "rank Ξ = " + c.rankXi() + ", d − rank J_f = " + c.dimension() + " − " + c.rankJ()
        + " at generic points: " + completenessVerdict(c) + (c.pseudoDeterminants()
        ? "; the action is not free (" + c.generators() + " generators, orbit dimension "
        + c.rankXi() + "): pseudo-determinants" : "") + ".";
  }

  private static String algebraSplit(StepFacts.AlgebraSplit a) {
    if (!a.closed()) {
      return "The generators' matrices span an algebra that is not closed under transpose.";
    }
    return "The generator matrices A_a (ξ_a = A_a θ) are not all symmetric or antisymmetric, but"
        + " their span is closed under transpose: it splits into a symmetric part of dimension "
        + a.symmetric() + " (gauged by moment maps where indefinite) and an antisymmetric part"
        + " of dimension " + a.antisymmetric() + " (compact: a canonical representative). The"
        + " Gram matrix G keeps the declared basis.";
  }

  private static String gauge(StepFacts.Gauge g) {
    if (g.declared()) {
      return "The declared gauge conditions χ(θ) = 0, used as written (their normalisation"
          + " enters R_gauge).";
    }
    return "Default gauge: the moment map χ_A = ½ θᵀ A θ of each symmetric generator"
        + " (∇χ_A = ξ_A, so the slice is orthogonal to the orbits and C = G on it)"
        + (g.compact().isEmpty() ? "." : "; the compact generators " + g.compact()
        + " act by isometries and need only a canonical representative.");
  }

  private static String admissibility(StepFacts.Admissibility a) {
    if (!a.needed()) {
      return "No gauge condition is needed (compact symmetry only): admissible trivially.";
    }
    return "M_ab = ⟨∇χ_a, ξ_b⟩ is invertible at the representative (condition number ≤ "
        + String.format("%.3g", a.conditionNumber()) + " at " + a.points() + " points); span ∇χ "
        + (a.orthogonal() ? "= span ξ: the slice is orthogonal to the orbits."
        : "≠ span ξ: the slice is admissible but not orthogonal to the orbits.");
  }

  /** What the variant's Gram matrix is, e.g. {@code generator Gram G = Ξᵀ Ξ}. */
  private static String gramDescription(Variant v) {
    return switch (v) {
      case ORBIT -> "generator Gram G = Ξᵀ Ξ";
      case GAUGE -> "constraint Gram C = J_χ J_χᵀ";
      case QUOTIENT -> "predictor Gram P = J_f J_fᵀ";
    };
  }

  private static String blockStructure(StepFacts.BlockStructure b) {
    String op = switch (b.operator()) {
      case "IDENTITY" -> "A = I";
      case "TRIANGULAR" -> "A triangular (det A is the product of its diagonal)";
      case "ORTHONORMAL" -> String.format(Locale.ROOT, "A orthonormal (|AᵀA − I| ≤ %.1e in double"
          + " precision): A⁻¹ = Aᵀ, |det A| = 1", b.orthonormalityError());
      case "RATIONAL" -> "A rational: exact determinant, inverse rounded from double precision"
          + " and checked exactly (A·A⁻¹ = I)";
      default -> String.format(Locale.ROOT, "A numeric: LU inverse and log|det A| with error at"
          + " most %.1e", b.logAbsDetError());
    };
    return "Structure before algebra: β = A ω(θ), the atoms ω in " + b.blocks()
        + " independent blocks of " + b.coordinatesPerBlock() + " parameters and "
        + b.atomsPerBlock() + (b.atomsPerBlock() == 1 ? " atom" : " atoms") + " each ("
        + b.classes() + (b.classes() == 1 ? " block derived once and renamed"
        : " kinds of block, each derived once and renamed") + "); " + op
        + ". G and C are block diagonal and P = A diag(P_b) Aᵀ, so log det P = 2 log|det A| + Σ_b"
        + " log det P_b. The steps below derive one block; ω = A⁻¹β.";
  }
}
