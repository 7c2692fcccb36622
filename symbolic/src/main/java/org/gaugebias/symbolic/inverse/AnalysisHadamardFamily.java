package org.gaugebias.symbolic.inverse;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Optional;
import org.gaugebias.symbolic.cas.Algebra;
import org.gaugebias.symbolic.derive.structure.ConstantOperator;
import org.gaugebias.symbolic.design.NamedTransform;
import org.gaugebias.symbolic.design.Shape;
import org.gaugebias.symbolic.expr.Expr;
import org.gaugebias.symbolic.expr.TextPrinter;
import org.gaugebias.symbolic.expr.Exprs;
import org.gaugebias.symbolic.trace.Formula;
import org.gaugebias.symbolic.trace.Step;
import org.gaugebias.symbolic.trace.StepKind;

/**
 * Family 1 of THEORY.md §4: a target {@code Σ_i c log|ℓ_i(β)|} with linear forms ℓ_i is read
 * as {@code c Σ log|(Dβ)_i|} with D the matrix of the forms; it is reached by
 * {@code β = D⁻¹(u₁ ⊙ … ⊙ u_k)} when {@code c = T(1 − 1/k)} for an integer k ≥ 2 (k = 2 is
 * the plain product u ⊙ v, weight T/2). Everything is read off the target symbolically.
 */
final class AnalysisHadamardFamily {
  private final Algebra cas;

  AnalysisHadamardFamily(Algebra cas) {
    this.cas = cas;
  }

  /**
   * Targets with more components than this are read without the CAS: linear forms by
   * structure, D analysed numerically ({@link ConstantOperator}), rows normalised only when
   * rational (a 64-point DCT or a length-200 difference in seconds, not Symja's minutes).
   */
  static final int SMALL = 8;

  /** A candidate, or an exception whose message says why this family does not apply. */
  Candidate solve(Target t) {
    Set<String> comps = new LinkedHashSet<>(t.components());
    // Total[c Log[…]] evaluates to a sum of such terms: Expand only when it is not one already
    List<Expr> distributed = LogSums.terms(t.expr());
    Expr expanded = isSumOfLogs(new Expr.Add(distributed), comps) ? new Expr.Add(distributed)
        : cas.expand(t.expr());
    List<Expr> terms = expanded instanceof Expr.Add a ? a.terms() : List.of(expanded);
    List<Expr> weights = new ArrayList<>();
    List<Expr> forms = new ArrayList<>();
    for (Expr term : terms) {
      if (term.isFreeOf(comps)) {
        continue; // an additive constant is free
      }
      Expr[] split = weightAndLog(term, comps);
      weights.add(split[0]);
      forms.add(split[1]);
    }
    if (forms.size() != t.dimension()) {
      throw fail("the target has " + forms.size() + " logarithms of linear forms, the predictor "
          + t.dimension() + " components (the family needs one per component)");
    }
    boolean small = t.dimension() <= SMALL;
    List<List<Expr>> raw = new ArrayList<>();
    for (Expr form : forms) {
      raw.add(LinearForms.coefficients(form, t.components())
          .orElseGet(() -> linearRow(form, t.components())));
      checkNoConstantTerm(form, t.components());
    }
    // all rows or none: a 64-point DCT with its constant first row scaled would not be
    // orthonormal any more
    boolean rational = raw.stream().allMatch(r -> r.stream().allMatch(x -> x instanceof Expr.Num));
    List<List<Expr>> rows = new ArrayList<>();
    for (List<Expr> row : raw) {
      rows.add(rational || small ? normalised(row, small) : row);
    }
    Expr matrix = Exprs.matrix(rows);
    Optional<ConstantOperator> op = ConstantOperator.of(rows);
    if (op.isEmpty()) {
      throw fail("the linear forms are dependent (det D = 0) or their coefficients are not"
          + " numbers");
    }
    Expr c = weights.get(0);
    for (Expr w : weights) {
      if (w.equals(c)) {
        continue;
      }
      Expr diff = cas.simplify(Expr.add(w, Expr.mul(Expr.integer(-1), c)));
      if (!Exprs.isZero(diff)) {
        throw fail("the logarithms have different weights (" + TextPrinter.print(c) + " and "
            + TextPrinter.print(w) + "); a product depth gives one weight to every coordinate");
      }
    }
    Expr ratio = cas.simplify(Expr.mul(c, Expr.pow(t.temperatureExpr(),
        Expr.integer(-1))));
    int k = depthFor(ratio);
    boolean identity = op.get().kind() == ConstantOperator.Kind.IDENTITY;
    // a Kronecker operator written in the target is declared by its factors
    Optional<KroneckerTarget> kronecker = identity ? Optional.empty()
        : KroneckerTarget.of(cas, written(t), comps, rows, "designed.yaml");
    // …and one equal to a named transform (rows up to scale) by its name: dct 64, not 4096 cosines
    Optional<NamedTransform> named = identity || kronecker.isPresent() ? Optional.empty()
        : KroneckerTarget.namedRows(rows);
    DesignSpec design = design(t, k, identity ? null : matrix, kronecker, named);
    List<Step> steps = List.of(
        Step.done(StepKind.INVERSE_SOLVE, "The target is read as c Σ_i log|(Dβ)_i| with D the"
            + " matrix of its linear forms (family 1, THEORY.md §4); D is " + describe(op.get())
            + kronecker.map(x -> "; row by row (up to scale, which moves only the constant) it"
                + " is the Kronecker product " + x.kronecker().product() + " written in the"
                + " target, so the design declares Op = " + x.kronecker().declaration()
                + " and the proof keeps it by its factors").orElse("")
            + named.map(x -> "; row by row (up to scale, which moves only the constant) it is "
                + x.meaning() + ", so the design declares Op = " + x.declaration()
                + (x.kind().orthonormal() ? " and writes Op⁻¹ as Transpose[Op]" : "")).orElse("")
            + ".", List.of(), List.of(new Formula("D", "D", matrix), new Formula("c", "c", c)),
            List.of()),
        Step.done(StepKind.INVERSE_SOLVE, "A depth-k product per coordinate induces weight"
            + " T(1 − 1/k); c/T = " + TextPrinter.print(ratio) + " gives k = " + k + ", so β = "
            + (identity ? "" : "D⁻¹(") + productText(k) + (identity ? "" : ")") + ".",
            List.of(), List.of(new Formula("k", "k", Expr.integer(k))), List.of()));
    String domain = "every β with (Dβ)_i ≠ 0 for all i (all sign branches; the points"
        + " (Dβ)_i = 0 are the non-free points of the rescalings)";
    return new Candidate(Family.ANALYSIS_HADAMARD, design, domain, steps);
  }

  /** The target as written (its KroneckerProduct not yet evaluated), else as evaluated. */
  private static Expr written(Target t) {
    try {
      return org.gaugebias.symbolic.cas.WolframSyntax.parse(t.source());
    } catch (RuntimeException e) {
      return t.expr();
    }
  }

  /** What the engine recognised in D: its determinant without inverting it symbolically. */
  private static String describe(ConstantOperator op) {
    return switch (op.kind()) {
      case IDENTITY -> "the identity";
      case TRIANGULAR -> "triangular with rational entries (log|det D| = "
          + TextPrinter.print(op.logAbsDet()) + ", exact)";
      case ORTHONORMAL -> "orthonormal (DᵀD = I to " + String.format(java.util.Locale.ROOT,
          "%.1e", op.orthonormalityError()) + "; |det D| = 1)";
      case RATIONAL -> "rational (log|det D| = " + TextPrinter.print(op.logAbsDet())
          + ", exact)";
      case NUMERIC -> "a constant matrix (log|det D| = " + TextPrinter.print(op.logAbsDet())
          + " ± " + String.format(java.util.Locale.ROOT, "%.1e", op.logAbsDetError())
          + ", by LU)";
    };
  }

  /** Whether {@code e} is already a sum of constants times logarithms (no Expand needed). */
  private static boolean isSumOfLogs(Expr e, Set<String> comps) {
    List<Expr> terms = e instanceof Expr.Add a ? a.terms() : List.of(e);
    for (Expr term : terms) {
      List<Expr> factors = term instanceof Expr.Mul m ? m.factors() : List.of(term);
      long logs = factors.stream().filter(f -> f instanceof Expr.Fn fn
          && fn.head().equals("Log")).count();
      boolean rest = factors.stream().allMatch(f -> f instanceof Expr.Fn fn
          && fn.head().equals("Log") || f.isFreeOf(comps));
      if (!term.isFreeOf(comps) && (logs != 1 || !rest)) {
        return false;
      }
    }
    return true;
  }

  /** {@code c·Log[…]} → {c, the linear form inside}. */
  private Expr[] weightAndLog(Expr term, Set<String> comps) {
    List<Expr> factors = term instanceof Expr.Mul m ? m.factors() : List.of(term);
    Expr log = null;
    List<Expr> weight = new ArrayList<>();
    for (Expr f : factors) {
      if (f instanceof Expr.Fn fn && fn.head().equals("Log") && fn.args().size() == 1
          && !f.isFreeOf(comps) && log == null) {
        log = fn.args().get(0);
      } else if (f.isFreeOf(comps)) {
        weight.add(f);
      } else {
        throw fail("the term " + TextPrinter.print(term) + " is not a constant times the logarithm of"
            + " a linear form");
      }
    }
    if (log == null) {
      throw fail("the term " + TextPrinter.print(term) + " has no logarithm");
    }
    if (log instanceof Expr.Mul m) {
      // log(c·x) = log|c| + log x: the constant factor only shifts the target
      List<Expr> varying = m.factors().stream().filter(x -> !x.isFreeOf(comps)).toList();
      if (varying.size() == 1) {
        log = varying.get(0);
      }
    }
    Expr inner = log instanceof Expr.Fn a && a.head().equals("Abs") ? a.args().get(0) : log;
    Expr c = weight.isEmpty() ? Expr.integer(1)
        : weight.size() == 1 ? weight.get(0) : new Expr.Mul(weight);
    return new Expr[] {c, inner};
  }

  /**
   * The row scaled so that its first non-zero entry is 1: log|c ℓ| = log|c| + log|ℓ|, so the
   * scale only moves the additive constant, and a 3-point DCT becomes {1,1,1}, {1,0,−1},
   * {1,−2,1}. Rational rows are scaled exactly; others by the CAS when the target is small,
   * and left as written at size (a 64-point DCT stays orthonormal: D⁻¹ = Dᵀ).
   */
  private List<Expr> normalised(List<Expr> row, boolean small) {
    Expr pivot = row.stream().filter(x -> !Exprs.isZero(x)).findFirst().orElseThrow();
    if (row.stream().allMatch(x -> x instanceof Expr.Num)) {
      Expr.Num p = (Expr.Num) pivot;
      List<Expr> out = new ArrayList<>();
      for (Expr x : row) {
        Expr.Num n = (Expr.Num) x;
        java.math.BigInteger num = n.num().multiply(p.den());
        java.math.BigInteger den = n.den().multiply(p.num());
        java.math.BigInteger g = num.gcd(den);
        out.add(g.signum() == 0 ? Expr.integer(0) : new Expr.Num(num.divide(g), den.divide(g)));
      }
      return out;
    }
    if (!small) {
      return row;
    }
    List<Expr> out = new ArrayList<>();
    for (Expr x : row) {
      out.add(cas.simplify(Expr.mul(x, Expr.pow(pivot, Expr.integer(-1)))));
    }
    return out;
  }

  private List<Expr> linearRow(Expr form, List<String> comps) {
    List<Expr> row = new ArrayList<>();
    Set<String> all = new LinkedHashSet<>(comps);
    for (String x : comps) {
      Expr d = cas.derivative(form, x);
      if (!d.isFreeOf(all) || !(Exprs.symbols(d).isEmpty())) {
        throw fail("log|" + TextPrinter.print(form) + "| is not the log of a linear form with numeric"
            + " coefficients");
      }
      row.add(d);
    }
    return row;
  }

  private void checkNoConstantTerm(Expr form, List<String> comps) {
    Map<String, Expr> zero = new java.util.HashMap<>();
    comps.forEach(x -> zero.put(x, Expr.integer(0)));
    Expr at0 = Exprs.substitute(form, zero);
    double value;
    try {
      value = org.gaugebias.symbolic.expr.NumericEvaluator.eval(at0, Map.of());
    } catch (RuntimeException e) {
      value = Double.NaN;
    }
    if (value == 0) {
      return;
    }
    if (!Exprs.isZero(cas.evaluate(at0))) {
      throw fail("the form " + TextPrinter.print(form) + " has a constant term (an affine shift is not"
          + " a linear analysis operator)");
    }
  }

  private int depthFor(Expr ratio) {
    if (ratio instanceof Expr.Num r && r.num().signum() > 0 && r.num().compareTo(r.den()) < 0) {
      // c = T(1 − 1/k)  ⇔  k = 1/(1 − c/T)
      java.math.BigInteger num = r.den();
      java.math.BigInteger den = r.den().subtract(r.num());
      if (num.mod(den).signum() == 0) {
        return num.divide(den).intValueExact();
      }
    }
    throw fail("the weight c = " + TextPrinter.print(ratio) + "·T is not T(1 − 1/k) for an integer"
        + " k ≥ 2 (1/2, 2/3, 3/4, …); the outer-map family reaches other separable weights");
  }

  private static String productText(int k) {
    return k == 2 ? "u ⊙ v" : "u1 ⊙ … ⊙ u" + k;
  }

  /** β = u_1 ⊙ … ⊙ u_k, or D⁻¹(u_1 ⊙ … ⊙ u_k) with the constant Op = D. */
  private static DesignSpec design(Target t, int k, Expr matrix,
      Optional<KroneckerTarget> kronecker, Optional<NamedTransform> named) {
    Shape shape = t.dimension() == 1 ? Shape.scalar() : Shape.vector(t.dimension());
    List<String> names = k == 2 ? List.of("u", "v") : new ArrayList<>();
    for (int i = 1; names.size() < k; i++) {
      names.add("u" + i);
    }
    List<DesignSpec.Parameter> params = names.stream()
        .map(n -> new DesignSpec.Parameter(n, shape)).toList();
    Expr product = new Expr.Mul(names.stream().map(n -> (Expr) new Expr.Sym(n)).toList());
    List<DesignSpec.Constant> constants = new ArrayList<>();
    kronecker.ifPresent(x -> x.literals().forEach((name, value) ->
        constants.add(new DesignSpec.Constant(name, value))));
    if (matrix != null) {
      constants.add(kronecker.isPresent() ? new DesignSpec.Constant("Op",
          kronecker.get().kronecker().value(), Optional.empty(),
          Optional.of(kronecker.get().kronecker()))
          : named.map(n -> new DesignSpec.Constant("Op", n.matrix(), named, Optional.empty()))
          .orElseGet(() -> new DesignSpec.Constant("Op", matrix)));
    }
    // an orthonormal named Op is inverted by transposing, as the catalogue's spectral-dct-64 does
    String inverse = named.filter(n -> n.kind().orthonormal()).isPresent() ? "Transpose"
        : "Inverse";
    Expr predictor = matrix == null ? product
        : Expr.fn("Dot", Expr.fn(inverse, new Expr.Sym("Op")), product);
    return new DesignSpec(List.of(), params, constants, List.of(), t.variable(),
        new DesignSpec.Written(predictor, false), t.dimension() == 1 ? List.of()
        : rescalings(names, t.dimension()));
  }

  /**
   * Per coordinate i, factor j of the product against the last one: u_j ↦ e^s u_j,
   * u_k ↦ e^{−s} u_k (THEORY.md §2's diag(…, 1, −1, …) basis, the one discovery finds),
   * declared so that the written design at size needs no symmetry discovery (for 2n or more
   * parameters it would not fit in memory) and takes the structure route.
   */
  private static List<DesignSpec.Generator> rescalings(List<String> names, int n) {
    Expr unit = Expr.fn("UnitVector", Expr.integer(n), new Expr.Sym("i"));
    String last = names.get(names.size() - 1);
    List<DesignSpec.Generator> out = new ArrayList<>();
    for (int j = 0; j < names.size() - 1; j++) {
      java.util.Map<String, Expr> field = new java.util.LinkedHashMap<>();
      field.put(names.get(j), Expr.mul(new Expr.Sym(names.get(j)), unit));
      field.put(last, Expr.mul(Expr.integer(-1), new Expr.Sym(last), unit));
      out.add(new DesignSpec.Generator(names.size() == 2 ? "rescaling" : "rescaling"
          + (j + 1), java.util.Optional.of("i"), n, field));
    }
    return out;
  }

  private static InverseDesignException fail(String why) {
    return new InverseDesignException(InverseDesignException.Kind.UNREACHABLE, why);
  }
}
