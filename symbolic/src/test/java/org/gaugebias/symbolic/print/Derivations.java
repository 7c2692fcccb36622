package org.gaugebias.symbolic.print;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gaugebias.symbolic.expr.Expr;
import org.gaugebias.symbolic.trace.Derivation;
import org.gaugebias.symbolic.trace.Formula;
import org.gaugebias.symbolic.trace.Step;
import org.gaugebias.symbolic.trace.StepKind;
import org.gaugebias.symbolic.trace.Variant;
import org.gaugebias.symbolic.trace.VariantResult;

/** Hand-built derivations for printer tests (no engine, no Symja). */
final class Derivations {
  static final Expr U = Expr.sym("u");
  static final Expr V = Expr.sym("v");
  static final Expr T = Expr.sym("T");
  static final Expr BETA = Expr.sym("beta");
  static final Expr HALF = Expr.rational(1, 2);
  static final Expr TWO = Expr.integer(2);

  private Derivations() {
  }

  static Expr neg(Expr e) {
    return Expr.mul(Expr.integer(-1), e);
  }

  static Expr abs(Expr e) {
    return Expr.fn("Abs", e);
  }

  static Expr vec(Expr... xs) {
    return new Expr.Vec(List.of(xs));
  }

  static Expr vec(List<Expr> xs) {
    return new Expr.Vec(xs);
  }

  /** The β = u·v example of THEORY.md, with one unresolved step at the end. */
  static Derivation uv() {
    Expr logDet = Expr.log(Expr.mul(TWO, abs(BETA)));
    Expr bias = Expr.mul(HALF, T, Expr.log(abs(BETA)));
    Expr dropped = Expr.mul(HALF, T, Expr.log(TWO));
    Expr root = Expr.pow(abs(BETA), HALF);
    List<Step> steps = List.of(
        Step.done(StepKind.DECLARE, "The predictor β = u·v depends on θ = (u, v) only through "
            + "the product.", List.of(), List.of(new Formula("f", "\\beta", Expr.mul(U, V))),
            List.of()),
        Step.done(StepKind.JACOBIAN, "Differentiate the predictor with respect to (u, v).",
            List.of(new Formula("f", "\\beta", Expr.mul(U, V))),
            List.of(new Formula("J_f", "J_f", vec(vec(V, U)))), List.of()),
        Step.done(StepKind.GENERATORS, "The rescaling (λu, v/λ) has one generator.", List.of(),
            List.of(new Formula("xi", "\\xi", vec(U, neg(V)))), List.of()),
        Step.done(StepKind.GRAM, "Generator Gram matrix G = ξᵀξ.",
            List.of(new Formula("xi", "\\xi", vec(U, neg(V)))),
            List.of(new Formula("G", "G", Expr.add(Expr.pow(U, TWO), Expr.pow(V, TWO)))),
            List.of()),
        Step.done(StepKind.REPRESENTATIVE, "Balanced representative: solve u v = β, "
            + "u² − v² = 0 on the branch u > 0.", List.of(),
            List.of(new Formula("u", "\\tilde{u}", root), new Formula("v", "\\tilde{v}", root)),
            List.of(Expr.fn("Greater", BETA, Expr.integer(0)))),
        Step.done(StepKind.LOG_DET, "Evaluate log det G at the representative.", List.of(),
            List.of(new Formula("logdet_G", "\\log\\det G", logDet)),
            List.of(Expr.fn("Greater", BETA, Expr.integer(0)))),
        Step.done(StepKind.BIAS, "R = (T/2) log det, constants dropped.", List.of(),
            List.of(new Formula("R_quot", "R_{\\mathrm{quot}}", bias),
                new Formula("dropped", "c", dropped)), List.of()),
        Step.unresolved(StepKind.NUMERIC_CHECK, "Compare with a simulated stationary law.",
            "no numeric verifier was run for this design"));
    Map<Variant, VariantResult> results = new EnumMap<>(Variant.class);
    results.put(Variant.QUOTIENT, new VariantResult(Variant.QUOTIENT, logDet, bias, dropped,
        false));
    results.put(Variant.ORBIT, new VariantResult(Variant.ORBIT, logDet, bias, dropped, false));
    Expr loss = Expr.mul(HALF, Expr.pow(Expr.add(BETA, Expr.integer(-1)), TWO));
    Expr density = Expr.mul(Expr.pow(abs(BETA), Expr.rational(-1, 2)),
        Expr.pow(Expr.sym("E"), neg(Expr.mul(loss, Expr.pow(T, Expr.integer(-1))))));
    return new Derivation("uv", "Diagonal linear network β = u·v", "designs/uv.yaml",
        List.of("beta"), "T", Variant.QUOTIENT, steps, results, abs(BETA),
        Optional.of(density), Map.of());
  }

  /**
   * A derivation built to break a naive LaTeX printer: prose full of special characters, a
   * 20-term sum, the same sum inside a product, a 6×6 and a 12×12 matrix, a 30-item vector,
   * a long conjunction of assumptions and symbol overrides.
   */
  static Derivation nasty() {
    List<Expr> logs = new ArrayList<>();
    List<Expr> terms = new ArrayList<>();
    List<Expr> betas = new ArrayList<>();
    List<String> preds = new ArrayList<>();
    List<Expr> positive = new ArrayList<>();
    for (int i = 1; i <= 20; i++) {
      Expr b = Expr.sym("beta$" + i);
      preds.add("beta$" + i);
      betas.add(b);
      logs.add(Expr.log(abs(b)));
      terms.add(i % 3 == 0 ? Expr.mul(Expr.rational(-1, 2), T, Expr.log(abs(b)))
          : Expr.mul(HALF, T, Expr.log(abs(b))));
      positive.add(Expr.fn("Unequal", b, Expr.integer(0)));
    }
    Expr longSum = new Expr.Add(terms);
    Expr scaledSum = Expr.mul(HALF, T, new Expr.Add(logs));
    Expr m6 = matrix(6, 6, "U");
    Expr m12 = matrix(12, 12, "W");
    List<Expr> items = new ArrayList<>();
    for (int i = 1; i <= 30; i++) {
      items.add(Expr.mul(Expr.integer(i), Expr.pow(Expr.sym("theta$" + i), TWO)));
    }
    String prose = "Special characters: snake_case 100% R&D #1 {braces} ~tilde ^caret "
        + "back\\slash $dollar$ <angle> |bar| \"quotes\", Unicode β θ̃ ½‖θ̃‖² ∝ e^{−L/T} "
        + "naïve café — en–dash ☃.\n\nA second paragraph.";
    List<Step> steps = List.of(
        Step.done(StepKind.DECLARE, prose, List.of(),
            List.of(new Formula("theta", "\\theta", vec(items))), List.of()),
        Step.done(StepKind.GRAM, "A 6x6 and a 12x12 matrix_with_underscores.",
            List.of(new Formula("U", "U", m6)),
            List.of(new Formula("W", "W", m12),
                new Formula("detW", "\\det W", Expr.fn("Det", m6))),
            List.of(new Expr.Fn("And", positive))),
        Step.done(StepKind.BIAS, "Twenty terms, 50% of them #hash & co.", List.of(),
            List.of(new Formula("R_quot", "R_{\\mathrm{quot}}", longSum),
                new Formula("R_orbit", "R_{\\mathrm{orbit}}", scaledSum),
                new Formula("", "", Expr.add(new Expr.Real(1.0e-7), Expr.rational(-22, 7)))),
            List.of(Expr.fn("Element", Expr.sym("x_weird"), Expr.sym("Reals")))),
        Step.unresolved(StepKind.INVERSE_SOLVE, "Solve ψ' = |ψ|^{1/2} e^{−r/T}",
            "DSolve gave up: 100% of $attempts & #tries failed_{here} \\o/ ~"));
    Map<Variant, VariantResult> results = new EnumMap<>(Variant.class);
    for (Variant v : Variant.values()) {
      results.put(v, new VariantResult(v, new Expr.Add(logs), scaledSum,
          Expr.mul(HALF, T, Expr.log(TWO)), v == Variant.GAUGE));
    }
    return new Derivation("nasty_#1", "Nasty_design 100% & #1 {weird} ~ ^ \\ $x$ <tag> |bar|\n",
        "designs/nasty_file#1.yaml", preds, "T", Variant.ORBIT, steps, results,
        new Expr.Add(betas.stream().map(Derivations::abs).toList()),
        Optional.of(Expr.pow(Expr.sym("E"), neg(Expr.mul(new Expr.Add(betas),
            Expr.pow(T, Expr.integer(-1)))))),
        Map.of("beta$1", "\\tilde{\\beta}_{1}", "T", "\\mathcal{T}"));
  }

  private static Expr matrix(int rows, int cols, String name) {
    List<Expr> out = new ArrayList<>();
    for (int i = 1; i <= rows; i++) {
      List<Expr> row = new ArrayList<>();
      for (int j = 1; j <= cols; j++) {
        Expr entry = Expr.sym(name + "$" + i + "$" + j);
        row.add((i + j) % 4 == 0 ? Expr.mul(HALF, entry, Expr.pow(T, Expr.integer(-1)))
            : (i + j) % 5 == 0 ? neg(Expr.pow(entry, TWO)) : entry);
      }
      out.add(vec(row));
    }
    return vec(out);
  }
}
