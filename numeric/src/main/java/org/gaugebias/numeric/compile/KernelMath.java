package org.gaugebias.numeric.compile;

/**
 * Small static helpers that generated code calls; the JIT inlines them. Integer powers are
 * products (repeated squaring), never {@code Math.pow}.
 */
public final class KernelMath {
  private KernelMath() {
  }

  public static double sq(double x) {
    return x * x;
  }

  public static double cube(double x) {
    return x * x * x;
  }

  /** {@code x^n} for an integer {@code n} by repeated squaring ({@code x^0 = 1}, also for 0 and NaN). */
  public static double powi(double x, int n) {
    if (n < 0) {
      return 1.0 / powi(x, -n);
    }
    double result = 1.0;
    double base = x;
    int e = n;
    while (e != 0) {
      if ((e & 1) != 0) {
        result *= base;
      }
      e >>>= 1;
      if (e != 0) {
        base *= base;
      }
    }
    return result;
  }

  /** {@code x^(3/2)} as {@code x·√x} (NaN for x &lt; 0, like the real-valued power). */
  public static double pow32(double x) {
    return x * Math.sqrt(x);
  }

  /** Wolfram {@code Log[b, x]}: logarithm of x to base b. */
  public static double logBase(double b, double x) {
    return Math.log(x) / Math.log(b);
  }

  /** Wolfram {@code Sign}: −1, 0 or 1 (NaN for NaN). */
  public static double sign(double x) {
    return Math.signum(x);
  }
}
