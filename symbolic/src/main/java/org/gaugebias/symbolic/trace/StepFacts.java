package org.gaugebias.symbolic.trace;

import java.util.List;
import java.util.Objects;
import org.gaugebias.symbolic.expr.Expr;

/**
 * What a derivation step found, as typed data: counts, ranks, flags and measured numbers. The
 * printers compose each step's sentence from these facts ({@code print.StepProse}); the deriver
 * writes no prose. {@link Prose} carries a sentence for steps that have no typed facts yet
 * (inverse design, hand-built derivations).
 */
public sealed interface StepFacts {

  /** A sentence written by the step's author: for steps without typed facts. */
  record Prose(String sentence) implements StepFacts {
    public Prose {
      Objects.requireNonNull(sentence, "sentence");
    }
  }

  /** The predictor β = f(θ) in the flattened parameters θ (THEORY.md §1). */
  record Declared(List<String> theta, int outputs) implements StepFacts {
    public Declared {
      theta = List.copyOf(theta);
    }

    /** d, the number of parameters. */
    public int dimension() {
      return theta.size();
    }
  }

  /** J_f = ∂f/∂θ. */
  record Jacobian() implements StepFacts { }

  /** Where the generators came from (THEORY.md §1, §6). */
  enum GeneratorSource { DECLARED, DISCOVERED_LINEAR, DISCOVERED_NONLINEAR }

  /**
   * The generators.
   *
   * @param source declared, discovered linear, or discovered non-linear (kernel fields)
   * @param exact for discovered linear ones: solved exactly (polynomial predictor) rather than
   *     imposed at random points
   * @param linearFound how many linear symmetries discovery found (before non-linear fields
   *     replaced them)
   */
  record Generators(GeneratorSource source, boolean exact, int linearFound)
      implements StepFacts { }

  /**
   * J_f ξ_a ≡ 0: {@code exact} when every product was expanded as a polynomial over Q and is
   * the zero polynomial (then {@code points} is 0); otherwise simplified by the CAS and checked
   * at {@code points} random points.
   */
  record Invariance(int points, boolean exact) implements StepFacts { }

  /**
   * rank Ξ against d − rank J_f at generic points; {@code generators} is the number of fields.
   */
  record Completeness(int rankXi, int dimension, int rankJ, int generators) implements StepFacts {
    /** Whether the orbits fill the fibres of f. */
    public boolean complete() {
      return rankXi == dimension - rankJ;
    }

    /** Whether the action is not free (more generators than orbit dimensions). */
    public boolean pseudoDeterminants() {
      return rankXi < generators;
    }
  }

  /**
   * The symmetric/antisymmetric split of the generators' algebra (THEORY.md §2); the dimensions
   * are 0 when the algebra is not closed under transpose.
   */
  record AlgebraSplit(boolean closed, int symmetric, int antisymmetric) implements StepFacts { }

  /**
   * The gauge conditions: declared, or the default moment maps with {@code compact} the
   * generators that need only a canonical representative.
   */
  record Gauge(boolean declared, List<String> compact) implements StepFacts {
    public Gauge {
      compact = List.copyOf(compact);
    }
  }

  /**
   * Admissibility of the gauge: {@code needed} is false when there is no condition; otherwise
   * the largest condition number of M = ⟨∇χ_a, ξ_b⟩ over {@code points} points and whether the
   * slice is orthogonal to the orbits.
   */
  record Admissibility(boolean needed, double conditionNumber, int points, boolean orthogonal)
      implements StepFacts { }

  /**
   * The representative θ̃(β): {@code zeroed} coordinates fix the compact orbits, roots chosen at
   * {@code samplePoints} points.
   */
  record Representative(List<String> zeroed, int samplePoints) implements StepFacts {
    public Representative {
      zeroed = List.copyOf(zeroed);
    }
  }

  /**
   * A single unit recognised (THEORY.md §3, the ReLU unit): every predictor component is the
   * scalar {@code scale} v times one component of {@code vector} w, so J_f = [v I | w] and
   * P = v² I + w wᵀ (D = v², a = w); the one generator is α(w, −v) with α = {@code alpha}, its
   * moment map ½α(‖w‖² − v²) the gauge (∇χ = ξ, C = G). The later steps are computed from this.
   */
  record RankOneUnit(String scale, List<String> vector, Expr alpha) implements StepFacts {
    public RankOneUnit {
      Objects.requireNonNull(scale, "scale");
      vector = List.copyOf(vector);
      Objects.requireNonNull(alpha, "alpha");
    }
  }

  /**
   * θ̃(β) of a {@link RankOneUnit} in closed form: on the fibre w = β/v the moment map is a
   * binomial in v, zero at v⁴ = ‖β‖²; no system of equations is solved.
   */
  record FibreRepresentative(String scale, List<String> vector) implements StepFacts {
    public FibreRepresentative {
      Objects.requireNonNull(scale, "scale");
      vector = List.copyOf(vector);
    }
  }

  /** The Gram matrix of {@code variant}, of size {@code size} and rank {@code rank}. */
  record Gram(Variant variant, int rank, int size) implements StepFacts {
    /** Whether a pseudo-determinant is used (rank-deficient). */
    public boolean pseudoDeterminant() {
      return rank < size;
    }
  }

  /**
   * log det (or pdet) of the variant's Gram matrix at θ̃(β); {@code rankOneUpdate}: the matrix
   * was recognised as D + a aᵀ and the determinant lemma used (THEORY.md §3); {@code closedForm}:
   * every quantity at θ̃(β) was a monomial c‖β‖^{2e} of a recognised structure
   * ({@link RankOneUnit}), its logarithm written directly, valid on every branch.
   */
  record LogDet(Variant variant, boolean pseudoDeterminant, boolean rankOneUpdate,
      boolean closedForm) implements StepFacts {
    /** Without a recognised rank-one update. */
    public LogDet(Variant variant, boolean pseudoDeterminant) {
      this(variant, pseudoDeterminant, false);
    }

    /** Simplified by the engine's CAS steps (not {@code closedForm}). */
    public LogDet(Variant variant, boolean pseudoDeterminant, boolean rankOneUpdate) {
      this(variant, pseudoDeterminant, rankOneUpdate, false);
    }
  }

  /**
   * The positive-branch results extended to every sign branch: negating the parameter
   * {@code negated.get(k)} negates the component {@code components.get(k)} and keeps the
   * others, the generators, the gauge and the assumptions (checked at {@code points} random
   * points), so every result is even in that component and holds as a function of its absolute
   * value (derive.EvenExtension; THEORY.md §2).
   */
  record SignBranches(List<String> components, List<String> negated, int points)
      implements StepFacts {
    public SignBranches {
      components = List.copyOf(components);
      negated = List.copyOf(negated);
      if (components.size() != negated.size()) {
        throw new IllegalArgumentException("one negated parameter per component");
      }
    }
  }

  /** R for each variant; {@code headline} is the one headlined. */
  record Bias(Variant headline) implements StepFacts { }

  /** Whether R_quot − R_orbit is constant (β Haar-adapted). */
  record Routes(boolean haarAdapted) implements StepFacts { }

  /** Φ = L + R_quot and p(β) ∝ exp(−Φ/T) (THEORY.md §5). */
  record StationaryLaw() implements StepFacts { }

  /** ½‖θ̃(β)‖². */
  record RepresentationCost() implements StepFacts { }

  /** Numeric cross-check at {@code points} points: the largest difference found. */
  record NumericCheck(int points, double largestDifference) implements StepFacts { }

  /**
   * The structure route: β = A ω(θ) with the atoms ω in {@code blocks} independent blocks of
   * {@code coordinatesPerBlock} parameters and {@code atomsPerBlock} atoms each, falling into
   * {@code classes} classes of blocks equal up to renaming (each derived once, by the generic
   * steps); A a constant matrix of kind {@code operator} ({@code ConstantOperator.Kind}'s name)
   * with log|det A| = {@code logAbsDet} (error at most {@code logAbsDetError}). The Gram
   * matrices are block diagonal (G, C) or A·diag(P_b)·Aᵀ (P): det P = det(A)² Π det P_b.
   * {@code named}: A named after the design's constant it is built from (ω = Dct β), when the
   * printers should show formulas in it rather than entry by entry.
   */
  record BlockStructure(int blocks, int classes, int coordinatesPerBlock, int atomsPerBlock,
      String operator, Expr logAbsDet, double logAbsDetError, double orthonormalityError,
      java.util.Optional<NamedOperator> named)
      implements StepFacts {
    public BlockStructure {
      Objects.requireNonNull(operator, "operator");
      Objects.requireNonNull(logAbsDet, "logAbsDet");
      Objects.requireNonNull(named, "named (use Optional.empty())");
    }
  }

  /**
   * The symbolic-size route (a design with {@code sizes: [n]}): the design read at
   * {@code derivedAt} and {@code derivedAt + 1} has one block of {@code coordinatesPerBlock}
   * parameters and {@code outputsPerBlock} predictor components per index; the generic block
   * (index i symbolic) is derived once and its log-determinants summed over i. {@code operator}
   * is {@code ELEMENTWISE} (ω_i = β_i) or {@code TRIANGULAR} (ω = A⁻¹β with A⁻¹ banded, the same
   * row for every i after the first {@code firstBlocksDiffering}, which are written apart:
   * Σ_{i=2}^n for a first difference). {@code block}: the generic block as typed data, what
   * the exports rebuild f, χ and θ̃ from at any n.
   */
  record SymbolicSize(String size, String predictor, int derivedAt, String operator,
      int coordinatesPerBlock, int outputsPerBlock, int generatorsPerBlock,
      int firstBlocksDiffering, java.util.Optional<SizedBlock> block)
      implements StepFacts {
    public SymbolicSize {
      Objects.requireNonNull(size, "size");
      Objects.requireNonNull(predictor, "predictor");
      Objects.requireNonNull(operator, "operator");
      Objects.requireNonNull(block, "block (use Optional.empty())");
    }
  }

  /**
   * The closed form for every n checked at sizes it was not derived from: at each size in
   * {@code sizes} the design is read and compiled there, and at {@code points} random predictor
   * points per size the dense numeric Gram log-determinants (P from the compiled predictor's
   * Jacobian, G and C from the block generators and conditions at every index) are compared with
   * the sums evaluated there; the largest relative difference.
   */
  record SizeCheck(List<Integer> sizes, int points, double largestDifference)
      implements StepFacts {
    public SizeCheck {
      sizes = List.copyOf(sizes);
    }
  }
}
