package org.gaugebias.symbolic.inverse;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.gaugebias.symbolic.expr.Expr;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.QRDecomposition;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.SingularValueDecomposition;

/**
 * Family 3 with a fixed invertible linear map before the product (THEORY.md §4, issue 8):
 * {@code W = A · M · B} with M = U Vᵀ or W_L ⋯ W_1 (square r×r factors) and fixed invertible r×r
 * matrices A, B, the matrix analogue of family 1's {@code β = D⁻¹(u ⊙ v)}.
 *
 * <p>What it induces, derived from the base family's forward derivation by the chain rule: the
 * map {@code 𝓛: M ↦ A M B} is linear and fixed, so {@code J_W = 𝓛 J_M}, the generators, the
 * gauge and the representative are those of M at {@code M = 𝓛⁻¹(W)}, and
 * {@code P_W = 𝓛 P_M 𝓛ᵀ}: {@code R_family(W) = R_base(σ(A⁻¹ W B⁻¹)) + T log|det 𝓛|}, with
 * {@code det 𝓛 = det(A)^r det(B)^r}.
 *
 * <p>Why it reaches no singular-value target that the bare product does not: a target R*(σ(W))
 * is invariant under {@code W ↦ P W Qᵀ} (P, Q orthogonal); R_family is only if 𝓛⁻¹ maps every
 * orthogonal orbit into one orbit, i.e. 𝓛 preserves singular values up to a common factor c,
 * and the linear maps that do are {@code W ↦ c P W Q} and {@code W ↦ c P Wᵀ Q}. For those,
 * {@code σ(𝓛⁻¹W) = σ(W)/c}, and every base bias is a sum of logs of homogeneous functions of σ,
 * so R_family − R_base is a constant. Any other A, B (a shear, a stretch) makes the bias depend
 * on the frame of W, which no function of σ does. The search does not assume this: for each map
 * tried it measures R_family − R* at fixed σ over random orthogonal frames of W, and, when that
 * does not vary, compares it with the base family's difference.
 *
 * <p>(A map between the factors, W = U D Vᵀ, is a different family: its balanced
 * representatives pair the entries of D with the σ's in several ways, and it is not searched.)
 */
final class LinearMapFamilies {
  private static final double TOLERANCE = 1e-9;
  private static final long SEED = 0x6d6170L;

  private LinearMapFamilies() { }

  /**
   * A fixed pair (A, B) at rank r.
   *
   * @param id short name
   * @param describe A and B for people
   * @param conformal whether A and B are multiples of orthogonal matrices
   */
  record Map2(String id, String describe, RealMatrix a, RealMatrix b, boolean conformal) { }

  /** The maps tried at rank r: a shear, a stretch, and a rotation-and-scaling. */
  static List<Map2> tried(int r) {
    RealMatrix id = MatrixUtils.createRealIdentityMatrix(r);
    RealMatrix shear = id.copy();
    shear.setEntry(0, 1, 1);
    RealMatrix stretch = id.copy();
    stretch.setEntry(0, 0, 2);
    RealMatrix rotation = id.scalarMultiply(2);
    rotation.setEntry(0, 0, 6.0 / 5);
    rotation.setEntry(0, 1, -8.0 / 5);
    rotation.setEntry(1, 0, 8.0 / 5);
    rotation.setEntry(1, 1, 6.0 / 5);
    return List.of(
        new Map2("shear", "A = I + E_12, B = I", shear, id, false),
        new Map2("stretch", "A = diag(2, 1, …, 1), B = I", stretch, id, false),
        new Map2("rotation", "A = 2 R (R the rotation by arctan(4/3) in the (1, 2) plane),"
            + " B = 3 I", rotation, id.scalarMultiply(3), true));
  }

  /**
   * One line of the exit-21 listing for {@code base} composed with {@code map}: how
   * R_family − R* behaves, from the base family's parts minus the target's ({@code dSingle},
   * {@code dPair}: (T/2) f_P − f*, (T/2) g_P − g*).
   */
  static String compare(Map2 map, MatrixFamily base, Expr dSingle, Expr dPair,
      SpectralTarget t) {
    int r = t.rank();
    Expr single = Expr.add(dSingle, t.single());
    Expr pair = Expr.add(dPair, t.pair());
    RealMatrix aInv = MatrixUtils.inverse(map.a());
    RealMatrix bInv = MatrixUtils.inverse(map.b());
    SplittableRandom rng = new SplittableRandom(SEED);
    double frameSpread = 0;
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    // T = 1: R_family and the base's bias are T times functions of σ, R* does not see the frame
    double temp = 1.0;
    for (int k = 0; k < 6; k++) {
      double[] s = SpectralTarget.randomValues(rng, r);
      double target = t.fold(t.single(), t.pair(), s, temp);
      double baseDiff = t.fold(dSingle, dPair, s, temp);
      double flo = Double.POSITIVE_INFINITY;
      double fhi = Double.NEGATIVE_INFINITY;
      for (int f = 0; f < 6; f++) {
        RealMatrix w = orthogonal(rng, r).multiply(MatrixUtils.createRealDiagonalMatrix(s))
            .multiply(orthogonal(rng, r).transpose());
        double[] m = new SingularValueDecomposition(aInv.multiply(w).multiply(bInv))
            .getSingularValues();
        double v = t.fold(single, pair, m, temp) - target;
        flo = Math.min(flo, v);
        fhi = Math.max(fhi, v);
        lo = Math.min(lo, v - baseDiff);
        hi = Math.max(hi, v - baseDiff);
      }
      frameSpread = Math.max(frameSpread, fhi - flo);
    }
    String head = base.id() + "·" + map.id() + " (W = A M B with M" + base.describe()
        .substring(base.describe().indexOf(" = ")) + ", "
        + map.describe() + "): ";
    if (!(frameSpread < TOLERANCE)) {
      return head + String.format(Locale.ROOT, "R_family − R* = R_%s(σ(A⁻¹ W B⁻¹)) − R*(σ(W))"
          + " + const is not a function of σ(W): at fixed σ it varies by up to %.2g over"
          + " random orthogonal frames of W (A, B are not multiples of orthogonal matrices), so"
          + " no singular-value target is reached", base.id(), frameSpread);
    }
    double shift = hi - lo;
    return head + String.format(Locale.ROOT, "σ(A⁻¹ W B⁻¹) = σ(W)/c, and R_family − R* ="
        + " (R_%s − R*) %s: it reaches exactly what %s reaches (the base family's bias is"
        + " log-homogeneous in σ)", base.id(), shift < TOLERANCE ? signed((lo + hi) / 2) : String.format(Locale.ROOT, "+ a term that is not constant"
        + " (spread %.2g)", shift), base.id());
  }

  /** {@code + c T} or {@code − c T} (every family's bias is T times a function of σ). */
  private static String signed(double c) {
    return String.format(Locale.ROOT, "%s %.6g T", c < 0 ? "−" : "+", Math.abs(c));
  }

  /** A random orthogonal r×r matrix (Q of a random matrix's QR decomposition). */
  private static RealMatrix orthogonal(SplittableRandom rng, int r) {
    double[][] a = new double[r][r];
    for (int i = 0; i < r; i++) {
      for (int j = 0; j < r; j++) {
        a[i][j] = 2 * rng.nextDouble() - 1;
      }
    }
    return new QRDecomposition(new Array2DRowRealMatrix(a, false)).getQ();
  }

  /** Whether a map is composed with {@code f}: products of square r×r factors. */
  static boolean composable(MatrixFamily f) {
    return !f.symmetric() && f.extraRows() == 0;
  }
}
