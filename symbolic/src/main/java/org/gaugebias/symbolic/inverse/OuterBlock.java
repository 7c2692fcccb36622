package org.gaugebias.symbolic.inverse;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gaugebias.symbolic.expr.Expr;
import org.gaugebias.symbolic.expr.Exprs;

/**
 * The scalar block of an outer-map design (THEORY.md §4, family 2): {@code β = φ(q)},
 * {@code q = u v}, with φ₊ the solution on q &gt; 0. When the target term r is even, φ is
 * extended oddly, {@code φ(q) = sign(q) φ₊(|q|)}: with ψ = φ⁻¹ = S|S|, S(β) = ½∫₀^β e^{−r/T},
 * the induced bias (T/2) log|ψ| − T log|ψ'| = −T log(2S') = r(β) + const on both signs, with
 * the same constant, so β takes both signs with the law the target asks for.
 *
 * @param phiPositive φ₊ in the symbol {@link #Q} (a closed form, or the table applied to q)
 * @param rootBound the bound b on √|q| (s(∞), or √ of the table's end), if any
 * @param bothSigns whether φ is the odd extension (r even), else the design is on q &gt; 0
 * @param r the target's one-coordinate term, in the symbol {@link OuterMapFamily#B}
 */
record OuterBlock(Expr phiPositive, Optional<Expr> rootBound, boolean bothSigns, Expr r) {
  /** The product symbol φ acts on. */
  static final String Q = "q";
  static final Expr UV = Expr.mul(new Expr.Sym("u"), new Expr.Sym("v"));

  /** The branches the design covers: +1 (q &gt; 0) and, for the odd extension, −1. */
  List<Integer> branches() {
    return bothSigns ? List.of(1, -1) : List.of(1);
  }

  /** φ on branch σ of q = u v: σ φ₊(σ u v) (σ u v &gt; 0 there). */
  Expr onBranch(int sigma) {
    Expr q = sigma > 0 ? UV : Expr.mul(Expr.integer(-1), UV);
    Expr phi = Exprs.substitute(phiPositive, Map.of(Q, q));
    return sigma > 0 ? phi : Expr.mul(Expr.integer(-1), phi);
  }

  /**
   * φ of the design file: φ₊(u v), or for both signs sign(q) φ₊(|q|) written as
   * {@code q (q²)^(−1/2) φ₊((q²)^(1/2))}: no Abs or Sign, which the engine cannot differentiate.
   */
  Expr delivered() {
    if (!bothSigns) {
      return Exprs.substitute(phiPositive, Map.of(Q, UV));
    }
    Expr square = Expr.pow(UV, Expr.integer(2));
    Expr magnitude = Exprs.substitute(phiPositive, Map.of(Q, Expr.pow(square,
        Expr.rational(1, 2))));
    return Expr.mul(UV, Expr.pow(square, Expr.rational(-1, 2)), flattenRoots(magnitude));
  }

  /** {@code ((x²)^a)^c → (x²)^(a c)} and {@code Sqrt[(x²)^a] → (x²)^(a/2)}: x² ≥ 0. */
  private static Expr flattenRoots(Expr e) {
    return Exprs.map(e, x -> {
      if (x instanceof Expr.Pow outer && outer.exponent() instanceof Expr.Num c
          && outer.base() instanceof Expr.Pow inner && isSquare(inner.base())
          && inner.exponent() instanceof Expr.Num a) {
        return Expr.pow(inner.base(), times(a, c));
      }
      if (x instanceof Expr.Fn f && f.head().equals("Sqrt") && f.args().size() == 1
          && f.args().get(0) instanceof Expr.Pow inner && isSquare(inner.base())
          && inner.exponent() instanceof Expr.Num a) {
        return Expr.pow(inner.base(), times(a, Expr.rational(1, 2)));
      }
      return null;
    });
  }

  private static boolean isSquare(Expr e) {
    return e instanceof Expr.Pow p && p.exponent().equals(Expr.integer(2));
  }

  private static Expr.Num times(Expr.Num a, Expr.Num b) {
    java.math.BigInteger num = a.num().multiply(b.num());
    java.math.BigInteger den = a.den().multiply(b.den());
    java.math.BigInteger g = num.gcd(den);
    return new Expr.Num(num.divide(g), den.divide(g));
  }
}
