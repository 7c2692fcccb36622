package org.gaugebias.numeric.compile;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.gaugebias.numeric.compile.CompilationException.Kind;
import org.gaugebias.symbolic.expr.Expr;

/**
 * Translates an {@link Expr} into a Java {@code double} expression (source text). The mapping is
 * explicit for every node; anything it does not know is a {@link CompilationException}, never a
 * silent guess.
 *
 * <ul>
 *   <li>Rationals become double literals ({@code 3/2 → 1.5}); integer division never occurs.</li>
 *   <li>{@code Power}: {@code E^x → Math.exp(x)}; integer exponents are products
 *       ({@link KernelMath#sq}, {@link KernelMath#cube}, {@link KernelMath#powi}); {@code 1/2 → Math.sqrt};
 *       {@code −1/2 → 1/Math.sqrt}; {@code ±3/2} via sqrt; anything else {@code Math.pow}
 *       (real-valued: a negative base with a non-integer exponent gives NaN, where Wolfram would
 *       give a complex number).</li>
 *   <li>{@code ArcTan[x, y]} is Wolfram's two-argument form, the angle of the point (x, y), so it
 *       becomes {@code Math.atan2(y, x)}.</li>
 *   <li>{@code Log[b, x]} is the logarithm to base b; {@code Sign → Math.signum};
 *       {@code Erf}, {@code Erfc} → Hipparchus {@code org.hipparchus.special.Erf}.</li>
 *   <li>{@code Pi → Math.PI}, {@code E → Math.E}.</li>
 * </ul>
 */
public final class JavaEmitter {
  private static final String KM = KernelMath.class.getName();
  private static final String ERF = "org.hipparchus.special.Erf";

  /** Java source per one-argument Wolfram head. */
  private static final Map<String, String> UNARY = Map.ofEntries(
      Map.entry("Log", "Math.log"), Map.entry("Exp", "Math.exp"), Map.entry("Sqrt", "Math.sqrt"),
      Map.entry("Abs", "Math.abs"), Map.entry("Sign", "Math.signum"),
      Map.entry("Sin", "Math.sin"), Map.entry("Cos", "Math.cos"), Map.entry("Tan", "Math.tan"),
      Map.entry("ArcSin", "Math.asin"), Map.entry("ArcCos", "Math.acos"),
      Map.entry("ArcTan", "Math.atan"), Map.entry("Sinh", "Math.sinh"),
      Map.entry("Cosh", "Math.cosh"), Map.entry("Tanh", "Math.tanh"),
      Map.entry("Erf", ERF + ".erf"), Map.entry("Erfc", ERF + ".erfc"));

  private final Map<String, String> variables;

  /**
   * @param variables Java source for each free symbol (e.g. {@code "u" → "p0"}); constants
   *     Pi, E, EulerGamma and Infinity are built in
   */
  public JavaEmitter(Map<String, String> variables) {
    this.variables = Map.copyOf(variables);
  }

  /** Java source of a scalar expression. */
  public String emit(Expr e) {
    if (e instanceof Expr.Num n) {
      return literal(n.doubleValue());
    } else if (e instanceof Expr.Real r) {
      return literal(r.value());
    } else if (e instanceof Expr.Sym s) {
      return symbol(s.name());
    } else if (e instanceof Expr.Add a) {
      return nary(a.terms(), " + ", "0.0");
    } else if (e instanceof Expr.Mul m) {
      return product(m.factors());
    } else if (e instanceof Expr.Pow p) {
      return power(p.base(), p.exponent());
    } else if (e instanceof Expr.Fn f) {
      return function(f.head(), f.args());
    } else if (e instanceof Expr.Vec) {
      throw new CompilationException(Kind.NOT_SCALAR,
          "a list cannot be compiled as a scalar: " + e.toWolfram());
    }
    throw new IllegalStateException("unreachable: " + e);
  }

  static String literal(double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      throw new CompilationException(Kind.NON_FINITE_CONSTANT, "non-finite constant " + v);
    }
    String s = Double.toString(v);
    return v < 0 || s.startsWith("-") ? "(" + s + ")" : s;
  }

  private String symbol(String name) {
    switch (name) {
      case "Pi":
        return "Math.PI";
      case "E":
        return "Math.E";
      case "EulerGamma":
        return "0.5772156649015329";
      case "Infinity":
        return "Double.POSITIVE_INFINITY";
      default:
        String v = variables.get(name);
        if (v == null) {
          throw new CompilationException(Kind.FREE_SYMBOL, "free symbol '" + name
              + "' is neither a variable nor a constant (variables: "
              + new java.util.TreeSet<>(variables.keySet()) + ")");
        }
        return v;
    }
  }

  private String nary(List<Expr> xs, String sep, String empty) {
    if (xs.isEmpty()) {
      return empty;
    }
    StringJoiner j = new StringJoiner(sep, "(", ")");
    for (Expr x : xs) {
      j.add(emit(x));
    }
    return j.toString();
  }

  private String product(List<Expr> factors) {
    if (factors.size() >= 2 && isInteger(factors.get(0), -1)) {
      return "(-" + nary(factors.subList(1, factors.size()), " * ", "1.0") + ")";
    }
    return nary(factors, " * ", "1.0");
  }

  private String power(Expr base, Expr exponent) {
    if (base instanceof Expr.Sym s && s.name().equals("E")) {
      return "Math.exp(" + emit(exponent) + ")";
    }
    if (exponent instanceof Expr.Num n) {
      String b = emit(base);
      if (n.isInteger() && n.num().bitLength() < 31) {
        int k = n.num().intValueExact();
        switch (k) {
          case 0:
            return "1.0";
          case 1:
            return b;
          case 2:
            return KM + ".sq(" + b + ")";
          case 3:
            return KM + ".cube(" + b + ")";
          case -1:
            return "(1.0 / " + b + ")";
          case -2:
            return "(1.0 / " + KM + ".sq(" + b + "))";
          default:
            return KM + ".powi(" + b + ", " + k + ")";
        }
      }
      if (n.den().equals(BigInteger.TWO)) {
        long k = n.num().longValue();
        if (k == 1) {
          return "Math.sqrt(" + b + ")";
        } else if (k == -1) {
          return "(1.0 / Math.sqrt(" + b + "))";
        } else if (k == 3) {
          return KM + ".pow32(" + b + ")";
        } else if (k == -3) {
          return "(1.0 / " + KM + ".pow32(" + b + "))";
        }
      }
      return "Math.pow(" + b + ", " + literal(n.doubleValue()) + ")";
    }
    return "Math.pow(" + emit(base) + ", " + emit(exponent) + ")";
  }

  private String function(String head, List<Expr> args) {
    if (head.equals("ArcTan") && args.size() == 2) {
      // Wolfram ArcTan[x, y] is the angle of the point (x, y): atan2 takes (y, x).
      return "Math.atan2(" + emit(args.get(1)) + ", " + emit(args.get(0)) + ")";
    }
    if (head.equals("Log") && args.size() == 2) {
      return KM + ".logBase(" + emit(args.get(0)) + ", " + emit(args.get(1)) + ")";
    }
    if ((head.equals("Max") || head.equals("Min")) && !args.isEmpty()) {
      String acc = emit(args.get(0));
      for (int i = 1; i < args.size(); i++) {
        acc = "Math." + head.toLowerCase(java.util.Locale.ROOT) + "(" + acc + ", "
            + emit(args.get(i)) + ")";
      }
      return acc;
    }
    String unary = UNARY.get(head);
    if (unary != null) {
      if (args.size() != 1) {
        throw new CompilationException(Kind.WRONG_ARITY,
            head + " takes 1 argument here, got " + args.size());
      }
      return unary + "(" + emit(args.get(0)) + ")";
    }
    throw new CompilationException(Kind.UNKNOWN_HEAD, "no Java mapping for function '" + head
        + "' (known: " + new java.util.TreeSet<>(UNARY.keySet()) + ", ArcTan[x,y], Log[b,x], Max, Min)");
  }

  private static boolean isInteger(Expr e, long k) {
    return e instanceof Expr.Num n && n.isInteger() && n.num().equals(BigInteger.valueOf(k));
  }
}
