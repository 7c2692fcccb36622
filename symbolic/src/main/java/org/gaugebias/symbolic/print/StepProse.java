package org.gaugebias.symbolic.print;

import java.util.List;
import java.util.Locale;
import org.gaugebias.symbolic.trace.Step;
import org.gaugebias.symbolic.trace.StepFacts;
import org.gaugebias.symbolic.trace.Variant;

/**
 * The sentence that says what a derivation step did, composed from its typed facts. One place
 * for the prose of the text, LaTeX and JSON printers, so the three say the same thing: each
 * sentence is a {@link Sentence}, words and formulas apart, so the LaTeX document sets every
 * formula in math mode and the text shows it in Unicode.
 */
public final class StepProse {
  private static final String TILDE_THETA = "\\tilde{\\theta}";

  private StepProse() { }

  /** The step's sentence (plain Unicode text). */
  public static String sentence(Step step) {
    return prose(step.facts()).text();
  }

  /** The sentence for one set of facts (plain Unicode text). */
  public static String sentence(StepFacts facts) {
    return prose(facts).text();
  }

  /** The step's sentence, words and formulas apart. */
  public static Sentence prose(Step step) {
    return prose(step.facts());
  }

  /** The sentence for one set of facts, words and formulas apart. */
  public static Sentence prose(StepFacts facts) {
    Sentence.Builder b = Sentence.builder();
    if (facts instanceof StepFacts.Prose p) {
      return Sentence.of(p.sentence());
    } else if (facts instanceof StepFacts.Declared d) {
      b.t("The predictor as a function ").m("f(θ)", "f(\\theta)")
          .t(" of the flattened parameters ").m("θ =", "\\theta =")
          .symbols(d.theta(), " (", ", ", ")").t(", ")
          .m("d = " + d.dimension() + ", m = " + d.outputs(),
              "d = " + d.dimension() + ",\\ m = " + d.outputs()).t(".");
    } else if (facts instanceof StepFacts.BlockStructure bs) {
      blockStructure(bs, b);
    } else if (facts instanceof StepFacts.Jacobian) {
      b.m("J_f = ∂f/∂θ", "J_f = \\partial f / \\partial \\theta")
          .t(", one row per predictor component.");
    } else if (facts instanceof StepFacts.Generators g) {
      generators(g, b);
    } else if (facts instanceof StepFacts.Invariance i) {
      b.t("Each generator leaves the predictor invariant: ").m("J_f ξ_a ≡ 0", "J_f \\xi_a \\equiv 0")
          .t(i.exact() ? ", expanded exactly as polynomials with rational coefficients (an"
              + " identity in θ, no sampling)."
              : ", simplified symbolically and checked in double precision at " + i.points()
              + " random points.");
    } else if (facts instanceof StepFacts.Completeness c) {
      completeness(c, b);
    } else if (facts instanceof StepFacts.AlgebraSplit a) {
      algebraSplit(a, b);
    } else if (facts instanceof StepFacts.Gauge g) {
      gauge(g, b);
    } else if (facts instanceof StepFacts.Admissibility a) {
      admissibility(a, b);
    } else if (facts instanceof StepFacts.RankOneUnit u) {
      rankOneUnit(u, b);
    } else if (facts instanceof StepFacts.FibreRepresentative r) {
      b.t("On the fibre ").m("w = β/v", "w = \\beta/v").t(" the moment map vanishes at ")
          .m("v⁴ = ‖β‖²", "v^{4} = \\|\\beta\\|^{2}").t(": closed form on the branch ")
          .m("v > 0", "v > 0").t(" (other branches checked numerically).");
    } else if (facts instanceof StepFacts.Representative r) {
      b.m("θ̃(β)", TILDE_THETA + "(\\beta)").t(" solves ")
          .m("f(θ) = β, χ(θ) = 0", "f(\\theta) = \\beta,\\ \\chi(\\theta) = 0");
      if (!r.zeroed().isEmpty()) {
        b.t(", ").symbols(r.zeroed(), "", " = ", " = 0")
            .t(" (canonical representative of the compact orbits)");
      }
      b.t(" on the positive branch (other branches differ by signs of ").m("θ", "\\theta")
          .t(" and are checked numerically below); roots chosen by a numeric solution at "
          + r.samplePoints() + " sample points.");
    } else if (facts instanceof StepFacts.Gram g) {
      b.t("The ");
      gramDescription(g.variant(), b);
      b.t(", then at the representative ").m("θ = θ̃(β)", "\\theta = " + TILDE_THETA + "(\\beta)");
      if (g.pseudoDeterminant()) {
        b.t("; rank ").m(g.rank() + " < " + g.size(), g.rank() + " < " + g.size())
            .t(": pseudo-determinant (product of the non-zero eigenvalues)");
      }
      b.t(".");
    } else if (facts instanceof StepFacts.LogDet l) {
      String det = l.pseudoDeterminant() ? "pdet" : "det";
      String gram = l.variant().gram();
      b.m("log " + det + " " + gram, "\\log\\" + (l.pseudoDeterminant()
          ? "operatorname{pdet}" : "det") + " " + gram)
          .t(" at ").m("θ̃(β)", TILDE_THETA + "(\\beta)");
      if (l.rankOneUpdate() && l.closedForm()) {
        b.t(" by the determinant lemma, ").m(l.variant().gram() + " = D + a aᵀ",
            l.variant().gram() + " = D + a a^{\\top}").t(": ")
            .m("log det D + log(1 + aᵀD⁻¹a)", "\\log\\det D + \\log(1 + a^{\\top} D^{-1} a)")
            .t(", each a monomial in ").m("‖β‖²", "\\|\\beta\\|^{2}")
            .t(" (every branch).");
      } else if (l.rankOneUpdate()) {
        b.t(": a rank-one update ").m(l.variant().gram() + " = D + a aᵀ", l.variant().gram()
            + " = D + a a^{\\top}").t(" of a diagonal D, so by the matrix determinant lemma ")
            .m("log det D + log(1 + aᵀD⁻¹a)", "\\log\\det D + \\log(1 + a^{\\top} D^{-1} a)")
            .t("; simplified, extended from the positive branch with ")
            .m("|·|", "\\lvert\\cdot\\rvert").t(".");
      } else if (l.closedForm()) {
        closedForm(b.t(": "));
      } else {
        b.t(": block structure exploited, simplified, extended from the positive branch with ")
            .m("|·|", "\\lvert\\cdot\\rvert").t(".");
      }
    } else if (facts instanceof StepFacts.SignBranches sb) {
      signBranches(sb, b);
    } else if (facts instanceof StepFacts.Bias bias) {
      b.t("Each variant's bias is ").m("R = (T/2) log det", "R = \\tfrac{T}{2} \\log\\det")
          .t(" of its Gram matrix at ").m("θ̃(β)", TILDE_THETA + "(\\beta)")
          .t(", constants dropped (kept in eval's numbers). Headline: "
          + bias.headline().name().toLowerCase(Locale.ROOT) + ".");
    } else if (facts instanceof StepFacts.Routes r) {
      if (r.haarAdapted()) {
        b.m("R_quot − R_orbit", rQuot() + " - " + rName("orbit")).t(" is constant: ")
            .m("β", "\\beta").t(" is Haar-adapted, and the orbit and quotient routes agree up"
            + " to a constant.");
      } else {
        b.m("R_quot − R_orbit = −T log|det ∂q/∂β| + const", rQuot() + " - " + rName("orbit")
            + " = -T \\log\\lvert\\det \\partial q/\\partial\\beta\\rvert + \\mathrm{const}")
            .t(" is the coordinate term: ").m("β", "\\beta")
            .t(" is not Haar-adapted, the two routes differ by it.");
      }
    } else if (facts instanceof StepFacts.StationaryLaw) {
      b.t("Effective potential ").m("Φ = L + R_quot", "\\Phi = L + " + rQuot())
          .t(" and stationary density ").m("p(β) ∝ exp(−Φ/T)", "p(\\beta) \\propto e^{-\\Phi/T}")
          .t(" under projected noise (THEORY.md §5).");
    } else if (facts instanceof StepFacts.RepresentationCost) {
      b.m("½‖θ̃(β)‖²", "\\tfrac{1}{2}\\|" + TILDE_THETA + "(\\beta)\\|^{2}")
          .t(": the balanced representative is the minimum-norm point of its orbit (")
          .m("⟨θ, ξ_a⟩ = θᵀ A_a θ = 0", "\\langle \\theta, \\xi_a \\rangle = \\theta^{\\mathsf{T}}"
              + " A_a \\theta = 0")
          .t(" there), so this is the weight-decay representation cost of ").m("β", "\\beta")
          .t(".");
    } else if (facts instanceof StepFacts.NumericCheck n) {
      b.t("At " + n.points() + " random points with random signs (every branch the assumptions"
          + " allow), the representative is solved numerically and ")
          .m("log det G, C, P", "\\log\\det G,\\ C,\\ P").t(" and ")
          .m("½‖θ̃‖²", "\\tfrac{1}{2}\\|" + TILDE_THETA + "\\|^{2}")
          .t(" are computed in double precision and compared with the formulas: largest"
          + " difference ").m(String.format(Locale.ROOT, "%.2e", n.largestDifference()),
              scientific(n.largestDifference())).t(".");
    } else if (facts instanceof StepFacts.SymbolicSize z) {
      symbolicSize(z, b);
    } else if (facts instanceof StepFacts.SizeCheck c) {
      b.t("Checked at sizes the closed form was not derived from, " + z(c.sizes()) + ": at "
          + c.points() + " random points per size, the design is read and compiled at that"
          + " size and the dense numeric ").m("log det P", "\\log\\det P")
          .t(" (Jacobian of the compiled predictor), ").m("log det G", "\\log\\det G")
          .t(" and ").m("log det C", "\\log\\det C").t(" (the block's generators and"
          + " conditions at every index) at the representative are compared with the sums"
          + " written out: largest relative difference ")
          .m(String.format(Locale.ROOT, "%.2e", c.largestDifference()),
              scientific(c.largestDifference())).t(".");
    } else {
      throw new IllegalArgumentException("no prose for " + facts);
    }
    return b.build();
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

  /** {@code 1.23 \cdot 10^{-5}} for a measured number. */
  static String scientific(double x) {
    if (x == 0 || !Double.isFinite(x)) {
      return x == 0 ? "0" : "\\infty";
    }
    String[] parts = String.format(Locale.ROOT, "%.2e", x).split("e");
    int exp = Integer.parseInt(parts[1]);
    return exp == 0 ? parts[0] : parts[0] + " \\cdot 10^{" + exp + "}";
  }

  private static String rQuot() {
    return rName("quot");
  }

  private static String rName(String variant) {
    return "R_{\\mathrm{" + variant + "}}";
  }

  private static void generators(StepFacts.Generators g, Sentence.Builder b) {
    switch (g.source()) {
      case DECLARED -> b.t("The declared generators, as vector fields ")
          .m("ξ_a(θ)", "\\xi_a(\\theta)").t(".");
      case DISCOVERED_LINEAR -> b.t("No symmetry declared: the generators are discovered. The"
          + " linear symmetries are the matrices ").m("A", "A").t(" with ")
          .m("J_f(θ) A θ ≡ 0", "J_f(\\theta) A \\theta \\equiv 0")
          .t(", a linear system in the entries of ").m("A", "A").t(", " + (g.exact()
          ? "solved exactly (polynomial predictor: coefficient matching over "
          : "imposed at random points (non-polynomial predictor)"));
      case DISCOVERED_NONLINEAR -> b.t("No symmetry declared: the generators are discovered. The"
          + " linear symmetries (" + g.linearFound() + ") do not fill the fibres of ")
          .m("f", "f").t(", so the generators are non-linear: fields spanning ")
          .m("ker J_f", "\\ker J_f").t(" over the rational functions (NullSpace, denominators"
          + " and common factors cleared). A non-linear field can be rescaled by any function"
          + " of ").m("β", "\\beta").t(", so only the quotient variant ").m("R_quot", rQuot())
          .t(", on the declared slice, is derived.");
      default -> throw new IllegalStateException();
    }
    if (g.source() == StepFacts.GeneratorSource.DISCOVERED_LINEAR) {
      if (g.exact()) {
        b.m("ℚ", "\\mathbb{Q}").t(")");
      }
      b.t("; its solution space in reduced row-echelon form gives the basis ")
          .m("ξ_a = A_a θ", "\\xi_a = A_a \\theta").t(".");
    }
  }

  /** The odd predictor's sign branches (derive.EvenExtension). */
  private static void signBranches(StepFacts.SignBranches sb, Sentence.Builder b) {
    b.t("Both sign branches: negating ").symbols(sb.negated(), "", ", ", "")
        .t(" negates ").symbols(sb.components(), "", ", ", "")
        .t(" and keeps the other components, the generators, the gauge and the assumptions"
        + " (checked at " + sb.points() + " random points), so it carries the representative at ")
        .m("β", "\\beta").t(" to the one at ").m("β", "\\beta")
        .t(" with that component negated, and ").m("P, G, C", "P,\\ G,\\ C").t(" and ")
        .m("½‖θ̃‖²", "\\tfrac{1}{2}\\|" + TILDE_THETA + "\\|^{2}")
        .t(" are the same there: every result is even. The positive-branch formulas, which"
        + " are not even by themselves, hold on both branches (").m("β > 0", "\\beta > 0")
        .t(" and ").m("β < 0", "\\beta < 0").t(") as functions of ").m("|β|",
            "\\lvert\\beta\\rvert").t(".");
  }

  private static void completeness(StepFacts.Completeness c, Sentence.Builder b) {
    b.m("rank Ξ = " + c.rankXi(), "\\operatorname{rank} \\Xi = " + c.rankXi()).t(", ")
        .m("d − rank J_f = " + c.dimension() + " − " + c.rankJ(),
            "d - \\operatorname{rank} J_f = " + c.dimension() + " - " + c.rankJ())
        .t(" at generic points: " + completenessVerdict(c));
    if (c.pseudoDeterminants()) {
      b.t("; the action is not free (" + c.generators() + " generators, orbit dimension "
          + c.rankXi() + "): pseudo-determinants");
    }
    b.t(".");
  }

  private static void algebraSplit(StepFacts.AlgebraSplit a, Sentence.Builder b) {
    if (!a.closed()) {
      b.t("The generators' matrices span an algebra that is not closed under transpose.");
      return;
    }
    b.t("The generator matrices ").m("A_a", "A_a").t(" (").m("ξ_a = A_a θ", "\\xi_a = A_a \\theta")
        .t(") are not all symmetric or antisymmetric, but their span is closed under transpose:"
        + " it splits into a symmetric part of dimension " + a.symmetric() + " (gauged by"
        + " moment maps where indefinite) and an antisymmetric part of dimension "
        + a.antisymmetric() + " (compact: a canonical representative). The Gram matrix ")
        .m("G", "G").t(" keeps the declared basis.");
  }

  private static void gauge(StepFacts.Gauge g, Sentence.Builder b) {
    if (g.declared()) {
      b.t("The declared gauge conditions ").m("χ(θ) = 0", "\\chi(\\theta) = 0")
          .t(", used as written (their normalisation enters ").m("R_gauge", rName("gauge"))
          .t(").");
      return;
    }
    b.t("Default gauge: the moment map ")
        .m("χ_A = ½ θᵀ A θ", "\\chi_A = \\tfrac{1}{2} \\theta^{\\mathsf{T}} A \\theta")
        .t(" of each symmetric generator (").m("∇χ_A = ξ_A", "\\nabla\\chi_A = \\xi_A")
        .t(", so the slice is orthogonal to the orbits and ").m("C = G", "C = G").t(" on it)");
    if (!g.compact().isEmpty()) {
      b.t("; the compact generators ").symbols(g.compact(), "", ", ", "")
          .t(" act by isometries and need only a canonical representative");
    }
    b.t(".");
  }

  private static void admissibility(StepFacts.Admissibility a, Sentence.Builder b) {
    if (!a.needed()) {
      b.t("No gauge condition is needed (compact symmetry only): admissible trivially.");
      return;
    }
    b.m("M_ab = ⟨∇χ_a, ξ_b⟩", "M_{ab} = \\langle \\nabla\\chi_a, \\xi_b \\rangle")
        .t(" is invertible at the representative (condition number ")
        .m("≤ " + String.format(Locale.ROOT, "%.3g", a.conditionNumber()),
            "\\leq " + String.format(Locale.ROOT, "%.3g", a.conditionNumber()))
        .t(" at " + a.points() + " points); ");
    if (a.orthogonal()) {
      b.m("span ∇χ = span ξ", "\\operatorname{span} \\nabla\\chi = \\operatorname{span} \\xi")
          .t(": the slice is orthogonal to the orbits.");
    } else {
      b.m("span ∇χ ≠ span ξ", "\\operatorname{span} \\nabla\\chi \\neq \\operatorname{span} \\xi")
          .t(": the slice is admissible but not orthogonal to the orbits.");
    }
  }

  /** What the variant's Gram matrix is, e.g. {@code generator Gram G = Ξᵀ Ξ}. */
  private static void gramDescription(Variant v, Sentence.Builder b) {
    switch (v) {
      case ORBIT -> b.t("generator Gram ").m("G = Ξᵀ Ξ", "G = \\Xi^{\\mathsf{T}} \\Xi");
      case GAUGE -> b.t("constraint Gram ").m("C = J_χ J_χᵀ", "C = J_\\chi J_\\chi^{\\mathsf{T}}");
      case QUOTIENT -> b.t("predictor Gram ").m("P = J_f J_fᵀ", "P = J_f J_f^{\\mathsf{T}}");
      default -> throw new IllegalStateException();
    }
  }

  private static String z(List<Integer> sizes) {
    return String.join(", ", sizes.stream().map(k -> "n = " + k).toList());
  }

  /** The symbolic-size route (size.SizeRoute): one generic block, summed over i. */
  private static void symbolicSize(StepFacts.SymbolicSize z, Sentence.Builder b) {
    String n = z.size();
    String beta = z.predictor();
    if (z.operator().equals("RANK_ONE_UNIT")) {
      b.t("Closed form for every " + n + ": the design read at " + n + " = " + z.derivedAt()
          + " and " + (z.derivedAt() + 1) + " is a single unit, one scalar ").m("v", "v")
          .t(" shared by every index times a vector ").m("w", "w").t(" of " + n
          + " components, not one block per index. The steps below derive it at " + n + " = "
          + z.derivedAt() + ", where its structure is recognised; the steps from the"
          + " representative on are that structure's, computed again with ").m(n, n)
          .t(" a symbol and ").m("‖β‖² = Σ_{i=1}^{" + n + "} β_i²", "\\|\\beta\\|^{2} = \\sum_{i=1}^{"
          + n + "} \\beta_i^{2}").t(".");
      return;
    }
    b.t("Closed form for every " + n + ": the design read at " + n + " = " + z.derivedAt()
        + " and " + (z.derivedAt() + 1) + " has one block of " + z.coordinatesPerBlock()
        + " parameters and " + z.outputsPerBlock() + " predictor "
        + (z.outputsPerBlock() == 1 ? "component" : "components") + " per index; ");
    if (z.operator().equals("ELEMENTWISE")) {
      b.t("the predictor is elementwise (").m("ω_i =", "\\omega_i =")
          .symbols(List.of(beta + "$i"), " ", "", "").t("), so ").m("G", "G").t(", ").m("C", "C").t(" and ").m("P", "P")
          .t(" are block diagonal and each log-determinant is ")
          .m("Σ_{i=1}^{" + n + "} log det(block i)", "\\sum_{i=1}^{" + n
              + "} \\log\\det(\\text{block } i)");
    } else {
      b.t("the predictor is ").m("A ω", "A\\,\\omega").t(" with ").m("A", "A")
          .t(" triangular, ").m("|det A| = 1", "\\lvert\\det A\\rvert = 1")
          .t(", and the rows of ").m("ω = A⁻¹", "\\omega = A^{-1}").symbols(List.of(beta),
              "", "", "").t(" the same at every index" + (z.firstBlocksDiffering() > 0 ? " after the first "
          + (z.firstBlocksDiffering() == 1 ? "one" : z.firstBlocksDiffering() + " ones")
          + ", written apart" : "") + "; ").m("G", "G").t(", ").m("C", "C")
          .t(" are block diagonal and ").m("P = A diag(P_i) Aᵀ",
              "P = A \\operatorname{diag}(P_i) A^{\\mathsf{T}}")
          .t(", so each log-determinant is ")
          .m("Σ_i log det(block i) at ω_i", "\\sum_i \\log\\det(\\text{block } i)"
              + " \\text{ at } \\omega_i");
    }
    b.t(". The steps below derive the generic block, its index ").m("i", "i")
        .t(" symbolic; the sums follow.");
  }

  private static void closedForm(Sentence.Builder b) {
    b.t("a monomial in ").m("‖β‖²", "\\|\\beta\\|^{2}").t(" (every branch).");
  }

  private static void rankOneUnit(StepFacts.RankOneUnit u, Sentence.Builder b) {
    String alpha = u.alpha().toString();
    b.m("β_i = v w_i", "\\beta_i = v\\, w_i").t(", so ")
        .m("P = v² I + w wᵀ", "P = v^{2} I + w w^{\\top}").t(" and ")
        .m("ξ = " + (alpha.equals("1") ? "" : alpha + "·") + "(w, −v) = ∇χ", "\\xi = "
            + (alpha.equals("1") ? "" : org.gaugebias.symbolic.expr.LatexPrinter.standard()
            .print(u.alpha()) + "\\,") + "(w, -v) = \\nabla\\chi")
        .t(", the default moment map's gradient (").m("v", "v").t(": ")
        .symbols(List.of(u.scale()), "", "", "").t(", ").m("w", "w").t(": ")
        .symbols(u.vector(), "", ", ", "").t(").");
  }





  private static void blockStructure(StepFacts.BlockStructure bs, Sentence.Builder b) {
    b.t("Structure before algebra: ").m("β = A ω(θ)", "\\beta = A\\,\\omega(\\theta)")
        .t(", the atoms ").m("ω", "\\omega").t(" in " + bs.blocks() + " independent blocks of "
        + bs.coordinatesPerBlock() + " parameters and " + bs.atomsPerBlock()
        + (bs.atomsPerBlock() == 1 ? " atom" : " atoms") + " each (" + bs.classes()
        + (bs.classes() == 1 ? " block derived once and renamed"
        : " kinds of block, each derived once and renamed") + "); ");
    if (bs.named().filter(org.gaugebias.symbolic.trace.NamedOperator::kronecker).isPresent()) {
      b.m("A", "A").t(" a Kronecker product, " + switch (bs.operator()) {
        case "IDENTITY" -> "the identity";
        case "TRIANGULAR" -> "triangular";
        case "ORTHONORMAL" -> "orthonormal";
        case "RATIONAL" -> "rational";
        default -> "neither triangular, orthonormal nor rational as a whole";
      } + (bs.operator().equals("NUMERIC") ? "" : " because every factor is")
          + "; its inverse and ").m("log|det A|", "\\log\\lvert\\det A\\rvert")
          .t(" come from its factors (below), not from an LU of its "
              + bs.named().get().size() + "×" + bs.named().get().size() + " matrix");
    } else {
      operatorKind(bs, b);
    }
    b.t(". ").m("G", "G").t(" and ").m("C", "C").t(" are block diagonal and ")
        .m("P = A diag(P_b) Aᵀ", "P = A \\operatorname{diag}(P_b) A^{\\mathsf{T}}")
        .t(", so ").m("log det P = 2 log|det A| + Σ_b log det P_b",
            "\\log\\det P = 2\\log\\lvert\\det A\\rvert + \\sum_b \\log\\det P_b")
        .t(". The steps below derive one block; ").m("ω = A⁻¹β", "\\omega = A^{-1}\\beta")
        .t(".");
    bs.named().ifPresent(o -> namedOperator(o, bs, b));
  }

  private static void operatorKind(StepFacts.BlockStructure bs, Sentence.Builder b) {
    switch (bs.operator()) {
      case "IDENTITY" -> b.m("A = I", "A = I");
      case "TRIANGULAR" -> b.m("A", "A").t(" triangular (").m("det A", "\\det A")
          .t(" is the product of its diagonal)");
      case "ORTHONORMAL" -> b.m("A", "A").t(" orthonormal (")
          .m(String.format(Locale.ROOT, "|AᵀA − I| ≤ %.1e", bs.orthonormalityError()),
              "\\lvert A^{\\mathsf{T}}A - I\\rvert \\le "
              + scientific(bs.orthonormalityError()))
          .t(" in double precision): ").m("A⁻¹ = Aᵀ, |det A| = 1",
              "A^{-1} = A^{\\mathsf{T}},\\ \\lvert\\det A\\rvert = 1");
      case "RATIONAL" -> b.m("A", "A").t(" rational: exact determinant, inverse rounded from"
          + " double precision and checked exactly (").m("A·A⁻¹ = I", "A A^{-1} = I").t(")");
      default -> b.m("A", "A").t(" numeric: LU inverse and ")
          .m("log|det A|", "\\log\\lvert\\det A\\rvert")
          .t(" with error at most ").m(String.format(Locale.ROOT, "%.1e", bs.logAbsDetError()),
              scientific(bs.logAbsDetError()));
    }
  }

  /**
   * A Kronecker operator by its factors: D2 = Dct_8 ⊗ Dct_8, what each factor is, how it is
   * applied (row-major: (A ⊗ B) x = vec(A X Bᵀ)) and log|det D2| = Σ_k (N/n_k) log|det F_k|.
   */
  private static void kronecker(org.gaugebias.symbolic.trace.NamedOperator o, String name,
      org.gaugebias.symbolic.expr.Expr logDet, Sentence.Builder b) {
    org.gaugebias.symbolic.expr.LatexPrinter latex =
        org.gaugebias.symbolic.expr.LatexPrinter.standard();
    List<org.gaugebias.symbolic.trace.NamedOperator.Factor> fs = o.factors();
    String productLatex = String.join(" \\otimes ", fs.stream().map(f -> factorLatex(f.label()))
        .toList());
    b.m(o.name() + " = " + o.product(), name + " = " + productLatex);
    o.declaration().ifPresent(x -> b.t(" (declared ").m("'" + x + "'", "\\texttt{" + x + "}")
        .t(")"));
    b.t(", where ");
    java.util.Set<String> said = new java.util.LinkedHashSet<>();
    for (var f : fs) {
      if (said.add(f.label())) {
        b.t(said.size() == 1 ? "" : ", ").m(f.label(), factorLatex(f.label())).t(" is "
            + f.meaning());
      }
    }
    int total = o.size();
    if (fs.size() == 2) {
      int na = fs.get(0).size();
      int nb = fs.get(1).size();
      b.t("; it is applied by its factors, never as its " + total + "×" + total + " matrix: ")
          .m("(A ⊗ B) x = vec(A X Bᵀ)", "(A \\otimes B)\\,x = \\operatorname{vec}(A X B^{"
              + "\\mathsf{T}})").t(", X the " + na + "×" + nb + " matrix whose rows are"
              + " consecutive blocks of " + nb + " entries of x");
    } else {
      b.t("; it is applied by its factors, never as its " + total + "×" + total + " matrix: x"
          + " is read row-major as an " + String.join("×", fs.stream().map(f -> String.valueOf(
          f.size())).toList()) + " array and factor k acts along axis k");
    }
    StringBuilder text = new StringBuilder("log|det " + o.name() + "| = ");
    StringBuilder tex = new StringBuilder("\\log\\lvert\\det " + name + "\\rvert = ");
    for (int k = 0; k < fs.size(); k++) {
      String weight = String.valueOf(total / fs.get(k).size());
      text.append(k == 0 ? "" : " + ").append(weight).append(" log|det ")
          .append(fs.get(k).label()).append("|");
      tex.append(k == 0 ? "" : " + ").append(weight).append("\\log\\lvert\\det ")
          .append(factorLatex(fs.get(k).label())).append("\\rvert");
    }
    text.append(" = ").append(org.gaugebias.symbolic.expr.TextPrinter.print(logDet));
    tex.append(" = ").append(latex.print(logDet));
    b.t("; ").m(text.toString(), tex.toString()).t(" (");
    said.clear();
    for (var f : fs) {
      if (said.add(f.label())) {
        b.t(said.size() == 1 ? "" : ", ").m("log|det " + f.label() + "| = "
            + org.gaugebias.symbolic.expr.TextPrinter.print(f.logAbsDet()),
            "\\log\\lvert\\det " + factorLatex(f.label()) + "\\rvert = "
            + latex.print(f.logAbsDet()));
      }
    }
    b.t(")");
  }

  /** {@code Dct_8} as {@code \mathrm{Dct}_{8}}, {@code I_3} as {@code I_{3}}; else the symbol. */
  static String factorLatex(String label) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("([A-Za-z]+)_([0-9]+)")
        .matcher(label);
    if (m.matches()) {
      String base = m.group(1).length() == 1 ? m.group(1) : "\\mathrm{" + m.group(1) + "}";
      return base + "_{" + m.group(2) + "}";
    }
    return org.gaugebias.symbolic.expr.LatexPrinter.standard().symbol(label);
  }

  /** The operator by name: ω = Dct β, what Dct is, log|det|; formulas print (Dct β)_i. */
  private static void namedOperator(org.gaugebias.symbolic.trace.NamedOperator o,
      StepFacts.BlockStructure bs, Sentence.Builder b) {
    org.gaugebias.symbolic.expr.LatexPrinter latex =
        org.gaugebias.symbolic.expr.LatexPrinter.standard();
    String name = latex.symbol(o.name());
    String beta = latex.symbol(o.predictor());
    b.t(" Here ").m(o.omegaText(), o.omegaLatex(name, beta)).t(", with ");
    if (!o.kronecker()) {
      b.t(o.name() + " " + o.meaning() + o.declaration().map(x -> " (declared '" + x + "')")
          .orElse("") + "; ");
    }
    // A = C⁻¹ or C⁻ᵀ when ω = Cβ or Cᵀβ: then log|det C| = −log|det A|
    boolean inverted = o.relation() == org.gaugebias.symbolic.trace.NamedOperator.Relation.APPLIED
        || o.relation() == org.gaugebias.symbolic.trace.NamedOperator.Relation.TRANSPOSE;
    org.gaugebias.symbolic.expr.Expr logDet = inverted && !org.gaugebias.symbolic.expr.Exprs
        .isZero(bs.logAbsDet()) ? org.gaugebias.symbolic.expr.Expr.mul(
        org.gaugebias.symbolic.expr.Expr.integer(-1), bs.logAbsDet()) : bs.logAbsDet();
    String det = org.gaugebias.symbolic.expr.TextPrinter.print(logDet);
    if (o.kronecker()) {
      kronecker(o, name, logDet, b);
    } else {
      b.m("log|det " + o.name() + "| = " + det, "\\log\\lvert\\det " + name + "\\rvert = "
          + latex.print(logDet));
    }
    b.t(". Formulas below write ").m(o.vector() + "_k",
        o.latex(name, beta) + "_k").t(" for ").m("ω_k", "\\omega_k")
        .t(", not its " + o.size() + " entries.");
  }

}
