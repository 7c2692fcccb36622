package org.gaugebias.numeric.model;

import static org.gaugebias.symbolic.expr.Expr.add;
import static org.gaugebias.symbolic.expr.Expr.fn;
import static org.gaugebias.symbolic.expr.Expr.integer;
import static org.gaugebias.symbolic.expr.Expr.mul;
import static org.gaugebias.symbolic.expr.Expr.pow;
import static org.gaugebias.symbolic.expr.Expr.rational;
import static org.gaugebias.symbolic.expr.Expr.sym;

import java.util.ArrayList;
import java.util.List;
import org.gaugebias.symbolic.expr.Expr;

/**
 * Hand-built models of shared/THEORY.md §3 and §5 (what the symbolic engine will produce), used by
 * the reproduction tests and the benchmark; written in the
 * Wolfram full-form structure of {@link Expr}: a − b = Plus[a, Times[−1, b]].
 */
public final class ReferenceModels {
  private static final Expr T = sym("T");

  private ReferenceModels() {
  }

  static Expr neg(Expr e) {
    return mul(integer(-1), e);
  }

  /** (x − 1)²/2. */
  static Expr halfSquareMinusOne(Expr x) {
    return mul(rational(1, 2), pow(add(x, integer(-1)), integer(2)));
  }

  /** −(x−1)²/(2T) + a·Log[Abs[x]]. */
  public static Expr gibbsTimesPower(Expr x, Expr a) {
    Expr base = neg(mul(halfSquareMinusOne(x), pow(T, integer(-1))));
    return Expr.Num.class.isInstance(a) && ((Expr.Num) a).num().signum() == 0 ? base
        : add(base, mul(a, fn("Log", fn("Abs", x))));
  }

  /** β = u·v, L = (β − 1)²/2, rescaling symmetry ξ = (u, −v); predicted |β|^{−1/2} e^{−L/T}. */
  public static SimulationModel uv() {
    Expr u = sym("u");
    Expr v = sym("v");
    Expr beta = mul(u, v);
    Expr r = add(beta, integer(-1));
    Expr b = sym("beta");
    return new SimulationModel("beta = u*v, L = (beta-1)^2/2", List.of("u", "v"), List.of(beta),
        halfSquareMinusOne(beta), List.of(mul(r, v), mul(r, u)), List.of(List.of(u, neg(v))),
        List.of(new NamedExpr("balance (u^2 - v^2)/2",
            mul(rational(1, 2), add(pow(u, integer(2)), neg(pow(v, integer(2))))))),
        beta, "beta", halfSquareMinusOne(b),
        List.of(CandidateLaw.predicted("|beta|^(-1/2) e^(-L/T) (quotient)",
                gibbsTimesPower(b, rational(-1, 2))),
            CandidateLaw.alternative("e^(-L/T) (no correction)", gibbsTimesPower(b, integer(0))),
            CandidateLaw.alternative("|beta|^(-1) e^(-L/T)", gibbsTimesPower(b, integer(-1)))),
        "T");
  }

  /**
   * β = u⊙v with n coordinates, L = Σ(β_i − 1)²/2, one rescaling ξ_i = (u_i, −v_i) per
   * coordinate; parameters in design order u₁…u_n, v₁…v_n; observable β₁. Every coordinate is
   * the scalar {@link #uv()} model, so the law of β₁ is the same: |β₁|^{−1/2} e^{−L/T}.
   */
  public static SimulationModel hadamardUv(int n) {
    List<String> params = new ArrayList<>();
    for (String name : List.of("u", "v")) {
      for (int i = 1; i <= n; i++) {
        params.add(name + i);
      }
    }
    List<Expr> predictor = new ArrayList<>();
    List<Expr> losses = new ArrayList<>();
    Expr[] gradient = new Expr[2 * n];
    List<List<Expr>> generators = new ArrayList<>();
    List<NamedExpr> moments = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Expr u = sym(params.get(i));
      Expr v = sym(params.get(n + i));
      Expr r = add(mul(u, v), integer(-1));
      predictor.add(mul(u, v));
      losses.add(halfSquareMinusOne(mul(u, v)));
      gradient[i] = mul(r, v);
      gradient[n + i] = mul(r, u);
      List<Expr> field = new ArrayList<>(java.util.Collections.nCopies(2 * n, integer(0)));
      field.set(i, u);
      field.set(n + i, neg(v));
      generators.add(field);
      moments.add(new NamedExpr("balance (u" + (i + 1) + "^2 - v" + (i + 1) + "^2)/2",
          mul(rational(1, 2), add(pow(u, integer(2)), neg(pow(v, integer(2)))))));
    }
    Expr b = sym("beta");
    return new SimulationModel("beta = u*v (n = " + n + "), L = Total[(beta-1)^2]/2", params,
        predictor, new Expr.Add(losses), List.of(gradient), generators, moments,
        predictor.get(0), "beta", halfSquareMinusOne(b),
        List.of(CandidateLaw.predicted("|beta|^(-1/2) e^(-L/T) (quotient)",
                gibbsTimesPower(b, rational(-1, 2))),
            CandidateLaw.alternative("e^(-L/T) (no correction)", gibbsTimesPower(b, integer(0))),
            CandidateLaw.alternative("|beta|^(-1) e^(-L/T)", gibbsTimesPower(b, integer(-1)))),
        "T");
  }

  /** β = u₁u₂u₃ (depth 3), L = (β−1)²/2, two rescalings; predicted |β|^{−2/3} e^{−L/T}. */
  public static SimulationModel depth3() {
    Expr u1 = sym("u1");
    Expr u2 = sym("u2");
    Expr u3 = sym("u3");
    Expr beta = mul(u1, u2, u3);
    Expr r = add(beta, integer(-1));
    Expr b = sym("beta");
    Expr zero = integer(0);
    return new SimulationModel("beta = u1*u2*u3, L = (beta-1)^2/2", List.of("u1", "u2", "u3"),
        List.of(beta), halfSquareMinusOne(beta),
        List.of(mul(r, u2, u3), mul(r, u1, u3), mul(r, u1, u2)),
        List.of(List.of(u1, neg(u2), zero), List.of(zero, u2, neg(u3))),
        List.of(new NamedExpr("(u1^2 - u2^2)/2",
                mul(rational(1, 2), add(pow(u1, integer(2)), neg(pow(u2, integer(2)))))),
            new NamedExpr("(u2^2 - u3^2)/2",
                mul(rational(1, 2), add(pow(u2, integer(2)), neg(pow(u3, integer(2))))))),
        beta, "beta", halfSquareMinusOne(b),
        List.of(CandidateLaw.predicted("|beta|^(-2/3) e^(-L/T) (quotient)",
                gibbsTimesPower(b, rational(-2, 3))),
            CandidateLaw.alternative("e^(-L/T) (no correction)", gibbsTimesPower(b, integer(0))),
            CandidateLaw.alternative("|beta|^(-1/3) e^(-L/T)", gibbsTimesPower(b, rational(-1, 3))),
            CandidateLaw.alternative("|beta|^(-4/3) e^(-L/T)",
                gibbsTimesPower(b, rational(-4, 3)))),
        "T");
  }

  /**
   * x ∈ R², SO(2), predictor r = |x|, L = (r − 1)²/2. Projected noise predicts the flat quotient
   * law e^{−L/T} in r; isotropic noise the orbit-weighted r·e^{−L/T}.
   *
   * @param isotropicPredicted which law to mark as predicted
   */
  public static SimulationModel so2(boolean isotropicPredicted) {
    Expr x1 = sym("x1");
    Expr x2 = sym("x2");
    Expr radius = pow(add(pow(x1, integer(2)), pow(x2, integer(2))), rational(1, 2));
    Expr g = add(integer(1), neg(pow(radius, integer(-1))));
    Expr r = sym("r");
    CandidateLaw flat = new CandidateLaw("e^(-L/T) (quotient, flat in r)",
        gibbsTimesPower(r, integer(0)),
        isotropicPredicted ? CandidateLaw.Role.ALTERNATIVE : CandidateLaw.Role.PREDICTED);
    CandidateLaw orbit = new CandidateLaw("r e^(-L/T) (orbit volume, isotropic)",
        gibbsTimesPower(r, integer(1)),
        isotropicPredicted ? CandidateLaw.Role.PREDICTED : CandidateLaw.Role.ALTERNATIVE);
    List<CandidateLaw> laws = new ArrayList<>(List.of(flat, orbit));
    return new SimulationModel("SO(2) on R^2, r = |x|, L = (r-1)^2/2", List.of("x1", "x2"),
        List.of(radius), halfSquareMinusOne(radius), List.of(mul(g, x1), mul(g, x2)),
        List.of(List.of(neg(x2), x1)), List.of(), radius, "r", halfSquareMinusOne(r), laws, "T");
  }
}
