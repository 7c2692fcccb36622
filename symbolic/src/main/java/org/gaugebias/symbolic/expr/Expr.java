package org.gaugebias.symbolic.expr;

import java.math.BigInteger;
import java.util.List;

/**
 * An immutable symbolic expression: the only formula type that code outside the Symja adapter
 * sees. It is deliberately small (numbers, symbols, sums, products, powers, named functions and
 * lists) so that printers and the numeric compiler handle every case explicitly.
 *
 * <p>Structure mirrors Wolfram's full form: {@code a - b} is {@code Plus[a, Times[-1, b]]},
 * {@code a/b} is {@code Times[a, Power[b, -1]]}, {@code Sqrt[x]} is {@code Power[x, 1/2]} and
 * {@code Exp[x]} is {@code Power[E, x]}. Equality is structural; {@code toString()} is the
 * readable formula ({@link TextPrinter}), {@link #toWolfram()} the form that parses back.
 */
public sealed interface Expr permits Expr.Num, Expr.Real, Expr.Sym, Expr.Add, Expr.Mul, Expr.Pow,
    Expr.Fn, Expr.Vec {

  /** An exact rational number {@code num/den} in lowest terms with {@code den > 0}. */
  record Num(BigInteger num, BigInteger den) implements Expr {
    public Num {
      if (den.signum() == 0) {
        throw new ArithmeticException("zero denominator");
      }
      if (den.signum() < 0) {
        num = num.negate();
        den = den.negate();
      }
      BigInteger g = num.gcd(den);
      if (!g.equals(BigInteger.ONE) && g.signum() != 0) {
        num = num.divide(g);
        den = den.divide(g);
      }
    }

    public boolean isInteger() {
      return den.equals(BigInteger.ONE);
    }

    public double doubleValue() {
      // fast path, bit-identical to the decimal route below: num/2^k with num·5^k < 10^16 is
      // a decimal of at most 16 digits, which DECIMAL64 keeps exactly (integers, 1/8, 3/128)
      int k = den.bitLength() - 1;
      if (den.bitCount() == 1 && k <= 22 && num.bitLength() < 54) {
        long m = Math.abs(num.longValue());
        if (m < EXACT_LIMIT[k]) {
          return num.longValue() / (double) (1L << k);
        }
      }
      return new java.math.BigDecimal(num).divide(new java.math.BigDecimal(den),
          java.math.MathContext.DECIMAL64).doubleValue();
    }

    /** 10^16 / 5^k: below it, num/2^k has at most 16 significant decimal digits. */
    private static final long[] EXACT_LIMIT = new long[23];

    static {
      long five = 1;
      for (int k = 0; k < EXACT_LIMIT.length; k++) {
        EXACT_LIMIT[k] = 10_000_000_000_000_000L / five;
        five *= 5;
      }
    }

    /** The readable formula ({@link TextPrinter}), e.g. {@code (T/2)*log|beta_1|}. */
    @Override
    public String toString() {
      return TextPrinter.print(this);
    }
  }

  /** A floating-point number (only where the CAS returned one; derivations stay exact). */
  record Real(double value) implements Expr {
    /** The readable formula ({@link TextPrinter}), e.g. {@code (T/2)*log|beta_1|}. */
    @Override
    public String toString() {
      return TextPrinter.print(this);
    }
  }

  /** A symbol: a user's name, a flattened parameter component, or a constant (Pi, E). */
  record Sym(String name) implements Expr {
    public Sym {
      if (name == null || name.isEmpty()) {
        throw new IllegalArgumentException("empty symbol name");
      }
    }

    /** The readable formula ({@link TextPrinter}), e.g. {@code (T/2)*log|beta_1|}. */
    @Override
    public String toString() {
      return TextPrinter.print(this);
    }
  }

  /** An n-ary sum. */
  record Add(List<Expr> terms) implements Expr {
    public Add {
      terms = List.copyOf(terms);
    }

    /** The readable formula ({@link TextPrinter}), e.g. {@code (T/2)*log|beta_1|}. */
    @Override
    public String toString() {
      return TextPrinter.print(this);
    }
  }

  /** An n-ary product. */
  record Mul(List<Expr> factors) implements Expr {
    public Mul {
      factors = List.copyOf(factors);
    }

    /** The readable formula ({@link TextPrinter}), e.g. {@code (T/2)*log|beta_1|}. */
    @Override
    public String toString() {
      return TextPrinter.print(this);
    }
  }

  /** {@code base ^ exponent}. */
  record Pow(Expr base, Expr exponent) implements Expr {
    /** The readable formula ({@link TextPrinter}), e.g. {@code (T/2)*log|beta_1|}. */
    @Override
    public String toString() {
      return TextPrinter.print(this);
    }
  }

  /** A named function applied to arguments: {@code Log[x]}, {@code Abs[x]}, {@code ArcTan[x, y]}. */
  record Fn(String head, List<Expr> args) implements Expr {
    public Fn {
      args = List.copyOf(args);
    }

    /** The readable formula ({@link TextPrinter}), e.g. {@code (T/2)*log|beta_1|}. */
    @Override
    public String toString() {
      return TextPrinter.print(this);
    }
  }

  /** A list: a vector, or a matrix as a list of rows. */
  record Vec(List<Expr> items) implements Expr {
    public Vec {
      items = List.copyOf(items);
    }

    /** The readable formula ({@link TextPrinter}), e.g. {@code (T/2)*log|beta_1|}. */
    @Override
    public String toString() {
      return TextPrinter.print(this);
    }
  }

  // ---------------------------------------------------------------- factories

  static Num integer(long n) {
    return new Num(BigInteger.valueOf(n), BigInteger.ONE);
  }

  static Num rational(long num, long den) {
    return new Num(BigInteger.valueOf(num), BigInteger.valueOf(den));
  }

  static Sym sym(String name) {
    return new Sym(name);
  }

  static Expr add(Expr... terms) {
    return new Add(List.of(terms));
  }

  static Expr mul(Expr... factors) {
    return new Mul(List.of(factors));
  }

  static Expr pow(Expr base, Expr exponent) {
    return new Pow(base, exponent);
  }

  static Expr fn(String head, Expr... args) {
    return new Fn(head, List.of(args));
  }

  static Expr log(Expr x) {
    return fn("Log", x);
  }

  /** Whether this expression contains no symbol from {@code names}. */
  default boolean isFreeOf(java.util.Set<String> names) {
    return Exprs.symbols(this).stream().noneMatch(names::contains);
  }

  /** Wolfram-language input form; parses back to the same expression. */
  default String toWolfram() {
    return WolframPrinter.print(this);
  }
}
