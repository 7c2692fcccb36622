package org.gaugebias.numeric.sde;

/**
 * Initial state of every chain: each coordinate is {@code centre + spread·N(0, 1)}, drawn from
 * the chain's own generator before its first step, and replaced by its absolute value if
 * {@code absolute} (the NumPy reference starts from |N(1, 0.3)|).
 */
public record InitialCondition(double centre, double spread, boolean absolute) {
  public InitialCondition {
    if (!Double.isFinite(centre)) {
      throw new IllegalArgumentException("initial centre must be finite: " + centre);
    }
    if (!(spread >= 0) || Double.isInfinite(spread)) {
      throw new IllegalArgumentException("initial spread must be finite and >= 0: " + spread);
    }
  }

  /** |N(1, 0.3)| per coordinate, as in shared/bench/projected_noise_uv.py. */
  public static InitialCondition reference() {
    return new InitialCondition(1.0, 0.3, true);
  }
}
