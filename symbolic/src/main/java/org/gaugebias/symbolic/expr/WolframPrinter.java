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

  private static final java.util.Map<String, String> RELATIONS = java.util.Map.of(
      "Greater", " > ", "Less", " < ", "GreaterEqual", " >= ", "LessEqual", " <= ",
      "Equal", " == ");

  /**
   * Input form with only the brackets a reader needs, as a person writes a design file:
   * {@code u*v}, {@code Inverse[Op].(u*v)}, {@code phi[u*v]}, {@code u*v < 4}. Products, dot
   * products, relations and function calls are written this way; anything else falls back to
   * {@link #print}'s full bracketing, so the text always parses back to the same tree.
   */
  public static String readable(Expr e) {
    return readable(e, false);
  }

  private static String readable(Expr e, boolean operand) {
    if (e instanceof Expr.Mul m) {
      String s = m.factors().stream().map(f -> readable(f, true))
          .collect(Collectors.joining("*"));
      return operand ? "(" + s + ")" : s;
    }
    if (e instanceof Expr.Fn f && f.head().equals("Dot") && f.args().size() == 2) {
      String s = readable(f.args().get(0), true) + "." + readable(f.args().get(1), true);
      return operand ? "(" + s + ")" : s;
    }
    if (e instanceof Expr.Fn f && RELATIONS.containsKey(f.head()) && f.args().size() == 2) {
      String s = readable(f.args().get(0), false) + RELATIONS.get(f.head())
          + readable(f.args().get(1), false);
      return operand ? "(" + s + ")" : s;
    }
    if (e instanceof Expr.Fn f) {
      return f.head() + "[" + f.args().stream().map(a -> readable(a, false))
          .collect(Collectors.joining(", ")) + "]";
    }
    return print(e);
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
