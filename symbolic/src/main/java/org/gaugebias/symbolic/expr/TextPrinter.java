package org.gaugebias.symbolic.expr;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A compact, readable, plain-ASCII infix form for terminal output, e.g.
 * {@code (T/2)*(log|beta_1| + log|beta_2|)}. It is for people, not for parsing back (that is
 * {@link WolframPrinter}'s job), and it is deterministic.
 *
 * <p>It brackets, signs and splits fractions exactly like {@link LatexPrinter} (both use the same
 * precedence table), so the two renderings of a formula have the same shape. Conventions:
 * <ul>
 *   <li>sums {@code a + b - c} in the engine's order; products {@code 2*x}; powers {@code x^2},
 *       with a bracketed exponent unless it is a plain atom ({@code x^(1/3)});</li>
 *   <li>a product with a denominator prints {@code lead/denominator}, bracketed when other factors
 *       follow: {@code (T/2)*log|beta|}; {@code -x^2/2}; {@code a/(2*b)};</li>
 *   <li>{@code x^(1/2)} is {@code sqrt(x)}, {@code E^x} is {@code exp(x)};</li>
 *   <li>functions in lower case with round brackets ({@code log(x)}, {@code sgn(x)},
 *       {@code erf(x)}, {@code det(G)}, {@code arctan(x)}, {@code atan2(y, x)} for
 *       {@code ArcTan[x, y]}); {@code |x|}, {@code ||x||}; the logarithm of an absolute value is
 *       {@code log|x|}; unknown heads keep their name: {@code Foo(x, y)};</li>
 *   <li>{@code Sum[f, {i, 1, n}]} is {@code sum(f, i=1..n)};</li>
 *   <li>symbols: {@code beta$1} is {@code beta_1}, {@code U$1$2} is {@code U_12},
 *       {@code U$10$2} is {@code U_{10,2}}; Greek names stay spelled out; {@code Pi} is
 *       {@code pi}, {@code E} is {@code e}, {@code Infinity} is {@code inf};</li>
 *   <li>vectors {@code (a, b)}, matrices {@code [[a, b], [c, d]]};</li>
 *   <li>relations {@code =}, {@code !=}, {@code <}, {@code <=}; {@code and}, {@code or},
 *       {@code not}; {@code x in Reals}.</li>
 * </ul>
 */
public final class TextPrinter {
  private static final Map<String, String> NAMES = new TreeMap<>(Map.ofEntries(
      Map.entry("Log", "log"), Map.entry("Sin", "sin"), Map.entry("Cos", "cos"),
      Map.entry("Tan", "tan"), Map.entry("Cot", "cot"), Map.entry("Sec", "sec"),
      Map.entry("Csc", "csc"), Map.entry("ArcSin", "arcsin"), Map.entry("ArcCos", "arccos"),
      Map.entry("ArcTan", "arctan"), Map.entry("Sinh", "sinh"), Map.entry("Cosh", "cosh"),
      Map.entry("Tanh", "tanh"), Map.entry("Coth", "coth"), Map.entry("Det", "det"),
      Map.entry("Max", "max"), Map.entry("Min", "min"), Map.entry("Erf", "erf"),
      Map.entry("Erfc", "erfc"), Map.entry("Sign", "sgn"), Map.entry("Tr", "tr"),
      Map.entry("Exp", "exp"), Map.entry("Sqrt", "sqrt"), Map.entry("Floor", "floor"),
      Map.entry("Ceiling", "ceil"), Map.entry("Transpose", "transpose"),
      Map.entry("Inverse", "inverse")));

  private static final Map<String, String> RELATIONS = Map.of("Equal", " = ", "Unequal", " != ",
      "Less", " < ", "Greater", " > ", "LessEqual", " <= ", "GreaterEqual", " >= ",
      "Element", " in ");

  private static final Map<String, String> CONSTANTS = Map.of("Pi", "pi", "E", "e",
      "Infinity", "inf");

  private TextPrinter() {
  }

  /** The readable form of {@code e}. */
  public static String print(Expr e) {
    Objects.requireNonNull(e, "expr");
    if (e instanceof Expr.Num n) {
      return n.isInteger() ? n.num().toString() : n.num() + "/" + n.den();
    } else if (e instanceof Expr.Real r) {
      return real(r.value());
    } else if (e instanceof Expr.Sym s) {
      return symbol(s.name());
    } else if (e instanceof Expr.Add a) {
      return sum(a);
    } else if (e instanceof Expr.Mul m) {
      return product(LatexPrinter.Infix.product(m.factors()));
    } else if (e instanceof Expr.Pow p) {
      return power(p);
    } else if (e instanceof Expr.Fn f) {
      return function(f);
    }
    return list((Expr.Vec) e);
  }

  /** A symbol name with its {@code $}-indices as a subscript: {@code beta$1} is {@code beta_1}. */
  public static String symbol(String name) {
    String constant = CONSTANTS.get(name);
    if (constant != null) {
      return constant;
    }
    int dollar = name.indexOf('$');
    if (dollar <= 0) {
      return name;
    }
    LatexPrinter.Infix.SymbolName parts = LatexPrinter.Infix.SymbolName.parse(name);
    if (parts.indices().isEmpty()) {
      return name;
    }
    String base = parts.base() + parts.label();
    return parts.concatenated() ? base + "_" + String.join("", parts.indices())
        : base + "_{" + String.join(",", parts.indices()) + "}";
  }

  private static String real(double v) {
    if (Double.isNaN(v)) {
      return "NaN";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "inf" : "-inf";
    }
    LatexPrinter.Infix.Decimal d = LatexPrinter.Infix.Decimal.of(v);
    String body = d.exponent() == 0 ? d.mantissa() : d.mantissa() + "e" + d.exponent();
    return d.negative() ? "-" + body : body;
  }

  private static String sum(Expr.Add a) {
    if (a.terms().isEmpty()) {
      return "0";
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < a.terms().size(); i++) {
      Expr t = a.terms().get(i);
      if (i == 0) {
        sb.append(wrapIf(t, prec(t) < LatexPrinter.Infix.ADD));
      } else if (LatexPrinter.Infix.isNegative(t)) {
        Expr pos = LatexPrinter.Infix.negate(t);
        sb.append(" - ").append(wrapIf(pos, prec(pos) <= LatexPrinter.Infix.ADD));
      } else {
        sb.append(" + ").append(wrapIf(t, prec(t) < LatexPrinter.Infix.ADD));
      }
    }
    return sb.toString();
  }

  private static String product(LatexPrinter.Infix.Product p) {
    String sign = p.negative() ? "-" : "";
    if (p.denominator().isEmpty()) {
      return sign + (p.lead().isEmpty() ? "1" : factors(p.lead(), p.negative()));
    }
    String num = p.lead().isEmpty() ? "1" : factors(p.lead(), p.lead().size() == 1);
    List<Expr> den = p.denominator();
    String d = den.size() == 1 && prec(den.get(0)) >= LatexPrinter.Infix.POW
        ? print(den.get(0)) : "(" + factors(den, false) + ")";
    String frac = num + "/" + d;
    if (p.tail().isEmpty()) {
      return sign + frac;
    }
    return sign + "(" + frac + ")*" + factors(p.tail(), true);
  }

  /** Factors joined by {@code *}; a lone factor is bracketed only when {@code bracketLone}. */
  private static String factors(List<Expr> fs, boolean bracketLone) {
    if (fs.size() == 1 && !bracketLone) {
      return print(fs.get(0));
    }
    List<String> out = new ArrayList<>(fs.size());
    for (Expr f : fs) {
      out.add(wrapIf(f, prec(f) < LatexPrinter.Infix.MUL));
    }
    return String.join("*", out);
  }

  private static String power(Expr.Pow p) {
    if (LatexPrinter.Infix.hasNegativeExponent(p)) {
      return product(LatexPrinter.Infix.product(List.of(p)));
    }
    if (LatexPrinter.Infix.isHalf(p.exponent())) {
      return "sqrt(" + print(p.base()) + ")";
    }
    if (p.base() instanceof Expr.Sym s && s.name().equals("E")) {
      return "exp(" + print(p.exponent()) + ")";
    }
    return wrapIf(p.base(), prec(p.base()) < LatexPrinter.Infix.ATOM) + "^"
        + wrapIf(p.exponent(), prec(p.exponent()) < LatexPrinter.Infix.ATOM);
  }

  private static String function(Expr.Fn f) {
    String head = f.head();
    List<Expr> a = f.args();
    String rel = RELATIONS.get(head);
    if (rel != null && a.size() >= 2) {
      return joinWrapped(a, rel, LatexPrinter.Infix.REL);
    }
    if ((head.equals("And") || head.equals("Or")) && a.size() >= 2) {
      return joinWrapped(a, head.equals("And") ? " and " : " or ", LatexPrinter.Infix.LOGIC);
    }
    if (a.size() == 1) {
      String special = unary(head, a.get(0));
      if (special != null) {
        return special;
      }
    }
    if (LatexPrinter.Infix.isBigOperator(f)) {
      return bigOperator(f);
    }
    if ((head.equals("Part") || head.equals("Subscript")) && a.size() >= 2) {
      List<String> idx = new ArrayList<>();
      a.subList(1, a.size()).forEach(i -> idx.add(print(i)));
      boolean single = idx.stream().allMatch(i -> i.length() == 1);
      String base = wrapIf(a.get(0), prec(a.get(0)) < LatexPrinter.Infix.ATOM);
      return single ? base + "_" + String.join("", idx) : base + "_{" + String.join(",", idx) + "}";
    }
    if (head.equals("Power") && a.size() == 2) {
      Expr k = a.get(1);
      return wrapIf(a.get(0), prec(a.get(0)) < LatexPrinter.Infix.ATOM) + "^"
          + (k instanceof Expr.Num n && !n.isInteger() ? "(" + n.num() + "/" + n.den() + ")"
          : wrapIf(k, prec(k) < LatexPrinter.Infix.ATOM));
    }
    if (head.equals("ArcTan") && a.size() == 2) {
      return "atan2(" + print(a.get(1)) + ", " + print(a.get(0)) + ")";
    }
    String name = head.startsWith("InverseFunction[") && head.endsWith("]")
        ? head.substring("InverseFunction[".length(), head.length() - 1) + "^-1" : head;
    return NAMES.getOrDefault(head, name) + "(" + join(a, ", ") + ")";
  }

  private static String unary(String head, Expr x) {
    if (head.equals("Abs")) {
      return "|" + print(x) + "|";
    } else if (head.equals("Norm")) {
      return "||" + print(x) + "||";
    } else if (head.equals("Not")) {
      return "not " + wrapIf(x, prec(x) < LatexPrinter.Infix.FUNC);
    } else if (head.equals("Log") && LatexPrinter.Infix.isNormLike(x)) {
      return "log" + print(x);
    }
    return null;
  }

  /** {@code sum(f, i=1..n)}; several iterators are listed in order. */
  private static String bigOperator(Expr.Fn f) {
    StringBuilder sb = new StringBuilder(f.head().equals("Sum") ? "sum(" : "product(");
    sb.append(print(f.args().get(0)));
    for (Expr it : f.args().subList(1, f.args().size())) {
      List<Expr> p = it instanceof Expr.Vec v ? v.items() : List.of(it);
      sb.append(", ").append(print(p.get(0)));
      if (p.size() > 1) {
        String from = p.size() == 2 ? "1" : print(p.get(1));
        sb.append('=').append(from).append("..").append(print(p.get(p.size() - 1)));
      }
    }
    return sb.append(')').toString();
  }

  private static String list(Expr.Vec v) {
    if (LatexPrinter.Infix.isMatrix(v)) {
      List<String> rows = new ArrayList<>();
      for (Expr row : v.items()) {
        rows.add("[" + join(((Expr.Vec) row).items(), ", ") + "]");
      }
      return "[" + String.join(", ", rows) + "]";
    }
    return "(" + join(v.items(), ", ") + ")";
  }

  /**
   * Precedence as {@link LatexPrinter} sees it, except for the constructs this format writes as
   * calls ({@code sum(..)}, {@code sqrt(..)}, {@code exp(..)}, {@code transpose(..)}), which are
   * atoms here.
   */
  private static int prec(Expr e) {
    if (e instanceof Expr.Fn f && f.args().size() >= 1
        && (LatexPrinter.Infix.isBigOperator(f) || (f.args().size() == 1
        && List.of("Sqrt", "Exp", "Transpose", "Inverse").contains(f.head())))) {
      return LatexPrinter.Infix.FUNC;
    }
    if (e instanceof Expr.Pow p && !LatexPrinter.Infix.hasNegativeExponent(p)
        && (LatexPrinter.Infix.isHalf(p.exponent())
        || (p.base() instanceof Expr.Sym s && s.name().equals("E")))) {
      return LatexPrinter.Infix.FUNC;
    }
    return LatexPrinter.Infix.prec(e);
  }

  private static String join(List<Expr> xs, String sep) {
    List<String> out = new ArrayList<>(xs.size());
    xs.forEach(x -> out.add(print(x)));
    return String.join(sep, out);
  }

  private static String joinWrapped(List<Expr> xs, String sep, int level) {
    List<String> out = new ArrayList<>(xs.size());
    xs.forEach(x -> out.add(wrapIf(x, prec(x) <= level)));
    return String.join(sep, out);
  }

  private static String wrapIf(Expr e, boolean wrap) {
    String s = print(e);
    return wrap ? "(" + s + ")" : s;
  }
}
