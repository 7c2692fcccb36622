package org.gaugebias.symbolic.expr;

import java.math.BigInteger;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Prints an {@link Expr} in Wolfram-language input form. Output is fully bracketed where
 * precedence could be ambiguous, so it always parses back to the same tree.
 */
public final class WolframPrinter {
  private WolframPrinter() {
  }

  public static String print(Expr e) {
    if (e instanceof Expr.Num n) {
      String s = n.isInteger() ? n.num().toString() : n.num() + "/" + n.den();
      return n.num().signum() < 0 || !n.isInteger() ? "(" + s + ")" : s;
    } else if (e instanceof Expr.Real r) {
      return realLiteral(r.value());
    } else if (e instanceof Expr.Sym s) {
      return s.name();
    } else if (e instanceof Expr.Add a) {
      return "(" + join(a.terms(), " + ") + ")";
    } else if (e instanceof Expr.Mul m) {
      return "(" + join(m.factors(), "*") + ")";
    } else if (e instanceof Expr.Pow p) {
      return "(" + print(p.base()) + ")^(" + print(p.exponent()) + ")";
    } else if (e instanceof Expr.Fn f) {
      return f.head() + "[" + join(f.args(), ", ") + "]";
    }
    return "{" + join(((Expr.Vec) e).items(), ", ") + "}";
  }

  private static String join(List<Expr> xs, String sep) {
    return xs.stream().map(WolframPrinter::print).collect(Collectors.joining(sep));
  }

  /** A double as an exact-looking Wolfram literal ({@code 1.5*^-3} style exponents). */
  static String realLiteral(double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      throw new IllegalArgumentException("not a finite number: " + v);
    }
    String s = Double.toString(v);
    int e = s.indexOf('E');
    String out = e < 0 ? s : s.substring(0, e) + "*^" + s.substring(e + 1);
    return v < 0 ? "(" + out + ")" : out;
  }

  /** Whether a rational is the integer {@code k}. */
  static boolean isInt(Expr e, long k) {
    return e instanceof Expr.Num n && n.isInteger() && n.num().equals(BigInteger.valueOf(k));
  }
}
