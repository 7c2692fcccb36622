package org.gaugebias.symbolic.symmetry;

import java.math.BigInteger;
import java.util.Optional;
import org.hipparchus.fraction.BigFraction;

/**
 * Arithmetic in the prime field F_p with p = 2⁶¹ − 1 (a Mersenne prime, so a product reduces
 * with shifts). The exact symmetry computations run here because rational Gaussian elimination
 * grows its numbers; every modular answer is either a certain bound (a rank mod p never exceeds
 * the rank over Q of the same integer matrix) or is lifted back to Q and re-verified exactly.
 */
final class Modular {
  /** The prime 2⁶¹ − 1. */
  static final long P = (1L << 61) - 1;
  private static final BigInteger BIG_P = BigInteger.valueOf(P);
  /** Rational reconstruction bound: numerators and denominators up to √(p/2) ≈ 1.07e9. */
  private static final long HALF_ROOT = 1_073_741_823L;

  private Modular() {
  }

  static long add(long a, long b) {
    long s = a + b;
    return s >= P ? s - P : s;
  }

  static long sub(long a, long b) {
    long s = a - b;
    return s < 0 ? s + P : s;
  }

  static long neg(long a) {
    return a == 0 ? 0 : P - a;
  }

  static long mul(long a, long b) {
    long hi = Math.multiplyHigh(a, b);
    long lo = a * b;
    long r = (lo & P) + ((lo >>> 61) | (hi << 3));
    return r >= P ? r - P : r;
  }

  static long inv(long a) {
    if (a == 0) {
      throw new ArithmeticException("0 has no inverse mod p");
    }
    return BigInteger.valueOf(a).modInverse(BIG_P).longValue();
  }

  static long of(long n) {
    long r = n % P;
    return r < 0 ? r + P : r;
  }

  /** The image of an exact rational (its denominator is never divisible by p in practice). */
  static long of(BigFraction f) {
    long num = f.getNumerator().mod(BIG_P).longValue();
    BigInteger den = f.getDenominator().mod(BIG_P);
    if (den.signum() == 0) {
      throw new ArithmeticException("denominator divisible by p: " + f);
    }
    return mul(num, den.modInverse(BIG_P).longValue());
  }

  /**
   * The rational n/d with |n|, d ≤ √(p/2) whose image is {@code a}, if there is one (Wang's
   * rational reconstruction by the extended Euclidean algorithm). Unique when it exists.
   */
  static Optional<BigFraction> reconstruct(long a) {
    long r0 = P;
    long r1 = a;
    long t0 = 0;
    long t1 = 1;
    while (r1 > HALF_ROOT) {
      long q = r0 / r1;
      long r2 = r0 - q * r1;
      long t2 = t0 - q * t1;
      r0 = r1;
      r1 = r2;
      t0 = t1;
      t1 = t2;
    }
    if (t1 == 0 || Math.abs(t1) > HALF_ROOT) {
      return Optional.empty();
    }
    BigFraction f = new BigFraction(BigInteger.valueOf(r1), BigInteger.valueOf(t1));
    return of(f) == a ? Optional.of(f) : Optional.empty();
  }
}
