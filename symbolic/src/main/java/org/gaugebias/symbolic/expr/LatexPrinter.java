package org.gaugebias.symbolic.expr;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Deterministic LaTeX for an {@link Expr}. The output is a golden format: the same tree always
 * prints the same string, so tests compare exact text and documents do not change between runs.
 *
 * <p>Brackets are decided by one precedence table ({@link Infix}, lowest to highest: logic,
 * relation, sum, product, power, function, atom), like SymPy's {@code LatexPrinter}: a product
 * brackets factors below product level, a power brackets any base below atom level, a sum brackets
 * a subtracted term at or below sum level. Conventions, chosen once:
 * <ul>
 *   <li>sums keep the engine's term order; a negative term prints as {@code a - b};</li>
 *   <li>a product with negative-power factors (or a non-integer rational coefficient) prints as
 *       {@code \frac{lead}{denominator} tail}: the leading atoms and powers go into the numerator,
 *       the remaining factors (functions, brackets) follow the fraction, so
 *       {@code (1/2) T Log[Abs[b]]} is {@code \frac{T}{2} \log\left|b\right|};
 *       a logarithm of a positive integer is {@code \log 2} (bracketed before further factors);</li>
 *   <li>a leading {@code -1} (or negative coefficient) prints as a minus sign;</li>
 *   <li>{@code x^(1/2)} is {@code \sqrt{x}}; {@code x^(-k)} alone is {@code \frac{1}{x^{k}}};
 *       {@code E^x} is {@code e^{x}}; other rational exponents use {@code \frac} as everywhere;</li>
 *   <li>function arguments sit in {@code \left( \right)}, except a logarithm of an absolute value or
 *       norm ({@code \log\left|x\right|}) and a determinant of a matrix, whose argument is already
 *       delimited; a function used as a power base is bracketed:
 *       {@code \left(\log\left(x\right)\right)^{2}};</li>
 *   <li>reals print with at most 17 significant digits, trailing zeros trimmed, and as
 *       {@code m \cdot 10^{k}} outside {@code 1e-5 <= |x| < 1e16};</li>
 *   <li>matrices (lists of equal-length lists) print as {@code pmatrix}, other lists as
 *       {@code \left(a, b\right)}; a document showing more than 10 columns must raise
 *       {@code MaxMatrixCols};</li>
 *   <li>{@code Power[x, -1/2]} as a function (a display form, never from the engine) is the
 *       power as written, {@code x^{-1/2}}, where a product would otherwise make it a fraction;</li>
 *   <li>symbols: see {@link #symbol(String)}.</li>
 * </ul>
 * The output needs amsmath and amssymb ({@code \mathbb} for domains). Instances are immutable.
 */
public final class LatexPrinter {
  private static final LatexPrinter STANDARD = new LatexPrinter(Map.of());

  private static final Set<String> GREEK = Set.of("alpha", "beta", "gamma", "delta", "epsilon",
      "varepsilon", "zeta", "eta", "theta", "vartheta", "iota", "kappa", "lambda", "mu", "nu", "xi",
      "pi", "varpi", "rho", "varrho", "sigma", "varsigma", "tau", "upsilon", "phi", "varphi", "chi",
      "psi", "omega", "Gamma", "Delta", "Theta", "Lambda", "Xi", "Pi", "Sigma", "Upsilon", "Phi",
      "Psi", "Omega");

  /** Heads printed as a LaTeX operator followed by bracketed arguments. */
  private static final Map<String, String> OPERATORS = new TreeMap<>(Map.ofEntries(
      Map.entry("Log", "\\log"), Map.entry("Sin", "\\sin"), Map.entry("Cos", "\\cos"),
      Map.entry("Tan", "\\tan"), Map.entry("Cot", "\\cot"), Map.entry("Sec", "\\sec"),
      Map.entry("Csc", "\\csc"), Map.entry("ArcSin", "\\arcsin"), Map.entry("ArcCos", "\\arccos"),
      Map.entry("ArcTan", "\\arctan"), Map.entry("Sinh", "\\sinh"), Map.entry("Cosh", "\\cosh"),
      Map.entry("Tanh", "\\tanh"), Map.entry("Coth", "\\coth"), Map.entry("Det", "\\det"),
      Map.entry("Max", "\\max"), Map.entry("Min", "\\min"), Map.entry("Gamma", "\\Gamma"),
      Map.entry("LogGamma", "\\log\\Gamma"), Map.entry("Erf", "\\operatorname{erf}"),
      Map.entry("Erfc", "\\operatorname{erfc}"), Map.entry("Sign", "\\operatorname{sgn}"),
      Map.entry("Tr", "\\operatorname{tr}"), Map.entry("ArcSinh", "\\operatorname{arsinh}"),
      Map.entry("ArcCosh", "\\operatorname{arcosh}"),
      Map.entry("ArcTanh", "\\operatorname{artanh}"), Map.entry("Re", "\\operatorname{Re}"),
      Map.entry("Im", "\\operatorname{Im}")));

  private static final Map<String, String> RELATIONS = Map.of("Equal", "=", "Unequal", "\\neq",
      "Less", "<", "Greater", ">", "LessEqual", "\\leq", "GreaterEqual", "\\geq");

  private static final Map<String, String> CONSTANTS = Map.of("Pi", "\\pi", "E", "e",
      "Infinity", "\\infty", "EulerGamma", "\\gamma", "Reals", "\\mathbb{R}",
      "Integers", "\\mathbb{Z}", "Rationals", "\\mathbb{Q}", "Complexes", "\\mathbb{C}");

  private final Map<String, String> notation;

  private LatexPrinter(Map<String, String> notation) {
    TreeMap<String, String> copy = new TreeMap<>();
    for (Map.Entry<String, String> e : notation.entrySet()) {
      if (e.getKey() == null || e.getKey().isEmpty()) {
        throw new IllegalArgumentException("notation: empty symbol name");
      }
      if (e.getValue() == null || e.getValue().isBlank()) {
        throw new IllegalArgumentException("notation: no LaTeX for symbol " + e.getKey());
      }
      copy.put(e.getKey(), e.getValue());
    }
    this.notation = java.util.Collections.unmodifiableMap(copy);
  }

  /** The printer with no symbol overrides. */
  public static LatexPrinter standard() {
    return STANDARD;
  }

  /**
   * A printer that prints the given symbols with the given LaTeX instead of the derived name
   * (e.g. a derivation's {@code notation}). Fails on empty names or blank LaTeX.
   */
  public static LatexPrinter withNotation(Map<String, String> notation) {
    Objects.requireNonNull(notation, "notation");
    return notation.isEmpty() ? STANDARD : new LatexPrinter(notation);
  }

  /** Shorthand for {@code standard().print(e)}. */
  public static String latex(Expr e) {
    return STANDARD.print(e);
  }

  /** The overrides this printer applies, sorted by symbol name. */
  public Map<String, String> notation() {
    return notation;
  }

  /** LaTeX for {@code e} (math mode, no surrounding delimiters). */
  public String print(Expr e) {
    Objects.requireNonNull(e, "expr");
    if (e instanceof Expr.Num n) {
      return number(n);
    } else if (e instanceof Expr.Real r) {
      return real(r.value());
    } else if (e instanceof Expr.Sym s) {
      return symbol(s.name());
    } else if (e instanceof Expr.Add a) {
      return a.terms().isEmpty() ? "0" : String.join(" ", sumTerms(a));
    } else if (e instanceof Expr.Mul m) {
      return product(Infix.product(m.factors()));
    } else if (e instanceof Expr.Pow p) {
      return power(p);
    } else if (e instanceof Expr.Fn f) {
      return function(f);
    }
    return list((Expr.Vec) e);
  }

  /**
   * The terms of a sum as printed, each after the first carrying its sign ({@code "+ b"},
   * {@code "- c"}), so that a document printer can break a long sum between terms;
   * joining them with spaces gives {@link #print}.
   */
  public List<String> sumTerms(Expr.Add a) {
    List<Expr> terms = a.terms();
    List<String> out = new ArrayList<>(terms.size());
    for (int i = 0; i < terms.size(); i++) {
      Expr t = terms.get(i);
      boolean last = i == terms.size() - 1;
      if (i == 0) {
        out.add(wrapIf(t, Infix.prec(t) < Infix.ADD || (!last && Infix.isBigOperator(t))));
      } else if (Infix.isNegative(t)) {
        Expr pos = Infix.negate(t);
        out.add("- " + wrapIf(pos, Infix.prec(pos) <= Infix.ADD
            || (!last && Infix.isBigOperator(pos))));
      } else {
        out.add("+ " + wrapIf(t, Infix.prec(t) < Infix.ADD || (!last && Infix.isBigOperator(t))));
      }
    }
    return out;
  }

  /**
   * LaTeX for a symbol name. An override wins; then constants ({@code Pi} is {@code \pi},
   * {@code E} is {@code e}, {@code Reals} is {@code \mathbb{R}}); then the name is split into a
   * base and indices: {@code u$1} is {@code u_{1}}, {@code U$1$2} is {@code U_{12}},
   * {@code U$10$2} is {@code U_{10,2}} (indices are concatenated only when each is one
   * character), {@code u1} is {@code u_{1}}, and a base ending in digits before {@code $}-indices
   * becomes a superscript label ({@code W1$1$2} is {@code W^{(1)}_{12}}). A Greek base name is
   * its command ({@code beta} is {@code \beta}, {@code Sigma} is {@code \Sigma}), one letter
   * stays as is, any other base is {@code \mathrm{name}}.
   */
  public String symbol(String name) {
    String override = notation.get(name);
    if (override != null) {
      return override;
    }
    String constant = CONSTANTS.get(name);
    if (constant != null) {
      return constant;
    }
    Infix.SymbolName parts = Infix.SymbolName.parse(name);
    StringBuilder sb = new StringBuilder(base(parts.base()));
    if (!parts.label().isEmpty()) {
      sb.append("^{(").append(parts.label()).append(")}");
    }
    if (!parts.indices().isEmpty()) {
      List<String> idx = new ArrayList<>();
      for (String i : parts.indices()) {
        // an offset summation index i-1 prints as i-1 (w_{i-1})
        idx.add(i.chars().allMatch(Character::isDigit) ? i : i.matches("[A-Za-z]+-[0-9]+")
            ? base(i.substring(0, i.indexOf('-'))) + "-" + i.substring(i.indexOf('-') + 1)
            : base(i));
      }
      sb.append("_{").append(String.join(parts.concatenated() ? "" : ",", idx)).append('}');
    }
    return sb.toString();
  }

  private static String base(String b) {
    if (GREEK.contains(b)) {
      return "\\" + b;
    }
    if (b.length() == 1 && Character.isLetter(b.charAt(0)) && b.charAt(0) < 128) {
      return b;
    }
    return "\\mathrm{" + escapeName(b) + "}";
  }

  /** Escapes characters that are special in math mode inside an identifier. */
  private static String escapeName(String s) {
    StringBuilder sb = new StringBuilder();
    for (char c : s.toCharArray()) {
      if ("$_#%&{}".indexOf(c) >= 0) {
        sb.append('\\').append(c);
      } else if (Character.isLetterOrDigit(c) && c < 128) {
        sb.append(c);
      } else {
        sb.append("\\text{?}");
      }
    }
    return sb.toString();
  }

  // ------------------------------------------------------------------ numbers

  private static String number(Expr.Num n) {
    if (n.isInteger()) {
      return n.num().toString();
    }
    String frac = "\\frac{" + n.num().abs() + "}{" + n.den() + "}";
    return n.num().signum() < 0 ? "-" + frac : frac;
  }

  private static String real(double v) {
    if (Double.isNaN(v)) {
      return "\\mathrm{NaN}";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "\\infty" : "-\\infty";
    }
    Infix.Decimal d = Infix.Decimal.of(v);
    String body = d.exponent() == 0 ? d.mantissa()
        : d.mantissa() + " \\cdot 10^{" + d.exponent() + "}";
    return d.negative() ? "-" + body : body;
  }

  // ------------------------------------------------------------------ products and powers

  private String product(Infix.Product p) {
    String sign = p.negative() ? "-" : "";
    if (p.denominator().isEmpty()) {
      return sign + (p.lead().isEmpty() ? "1" : factors(p.lead(), p.negative()));
    }
    String frac = "\\frac{" + (p.lead().isEmpty() ? "1" : factors(p.lead(), false)) + "}{"
        + factors(p.denominator(), false) + "}";
    if (p.tail().isEmpty()) {
      return sign + frac;
    }
    String tail = factors(p.tail(), true);
    return sign + frac + separator(tail) + tail;
  }

  /**
   * Juxtaposed factors. A lone factor is bracketed only when {@code bracketLone} (it follows a
   * sign or a fraction); a big operator that is not last is bracketed so it cannot swallow the
   * factors after it.
   */
  private String factors(List<Expr> fs, boolean bracketLone) {
    if (fs.size() == 1 && !bracketLone) {
      return print(fs.get(0));
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < fs.size(); i++) {
      Expr f = fs.get(i);
      boolean last = i == fs.size() - 1;
      String s = wrapIf(f, Infix.prec(f) < Infix.MUL || (!last && (Infix.isBigOperator(f)
          || Infix.isLogOfInteger(f))));
      if (i > 0) {
        sb.append(separator(s));
      }
      sb.append(s);
    }
    return sb.toString();
  }

  /** A space, or {@code \cdot} where juxtaposition would glue two numbers ({@code 2 \cdot 3^x}). */
  private static String separator(String next) {
    return !next.isEmpty() && Character.isDigit(next.charAt(0)) ? " \\cdot " : " ";
  }

  private String power(Expr.Pow p) {
    if (Infix.hasNegativeExponent(p)) {
      return product(Infix.product(List.of(p)));
    }
    if (Infix.isHalf(p.exponent())) {
      return "\\sqrt{" + print(p.base()) + "}";
    }
    return scriptBase(p.base(), '^') + "^{" + print(p.exponent()) + "}";
  }

  /**
   * A base for a super- or subscript: bracketed below atom level, and braced when it already ends
   * in the same kind of script (an override such as {@code x^{*}}), which TeX would reject.
   */
  private String scriptBase(Expr base, char script) {
    if (base instanceof Expr.Sym s && s.name().equals("E") && !notation.containsKey("E")) {
      return "e";
    }
    String s = print(base);
    if (Infix.prec(base) < Infix.ATOM) {
      return paren(s);
    }
    return Infix.endsWithScript(s, script) ? "{" + s + "}" : s;
  }

  // ------------------------------------------------------------------ functions

  private String function(Expr.Fn f) {
    String head = f.head();
    List<Expr> args = f.args();
    int n = args.size();
    String rel = RELATIONS.get(head);
    if (rel != null && n >= 2) {
      return joinWrapped(args, " " + rel + " ", Infix.REL);
    }
    if ((head.equals("And") || head.equals("Or")) && n >= 2) {
      return joinWrapped(args, head.equals("And") ? " \\wedge " : " \\vee ", Infix.LOGIC);
    }
    if (n == 1) {
      String special = unary(head, args.get(0));
      if (special != null) {
        return special;
      }
    }
    String special = multiary(f);
    if (special != null) {
      return special;
    }
    String op = OPERATORS.get(head);
    if (op == null) {
      op = tabulatedHead(head);
    }
    if (op == null) {
      op = "\\operatorname{" + escapeName(head) + "}";
    }
    return op + "\\left(" + join(args, ", ") + "\\right)";
  }

  /**
   * The heads the CAS gives a design's tabulated function f (NumericFunctions): {@code f'} as
   * f with primes, {@code InverseFunction[f]} as f^{-1}; {@code null} for other heads.
   */
  private String tabulatedHead(String head) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("([A-Za-z][A-Za-z0-9]*)('+)")
        .matcher(head);
    if (m.matches()) {
      return symbol(m.group(1)) + m.group(2);
    }
    m = java.util.regex.Pattern.compile("InverseFunction\\[([A-Za-z][A-Za-z0-9]*)\\]")
        .matcher(head);
    if (m.matches()) {
      return "{" + symbol(m.group(1)) + "}^{-1}";
    }
    // a user's function named by a Greek letter (phi): the letter, like the symbol
    if (head.matches("[a-z][A-Za-z]*") && symbol(head).startsWith("\\")) {
      return symbol(head);
    }
    return null;
  }

  /** Single-argument heads with a notation of their own, or {@code null}. */
  private String unary(String head, Expr x) {
    if (head.equals("Abs")) {
      return "\\left|" + print(x) + "\\right|";
    } else if (head.equals("Norm")) {
      return "\\left\\|" + print(x) + "\\right\\|";
    } else if (head.equals("Floor")) {
      return "\\left\\lfloor " + print(x) + "\\right\\rfloor";
    } else if (head.equals("Ceiling")) {
      return "\\left\\lceil " + print(x) + "\\right\\rceil";
    } else if (head.equals("Sqrt")) {
      return "\\sqrt{" + print(x) + "}";
    } else if (head.equals("Exp")) {
      return "e^{" + print(x) + "}";
    } else if (head.equals("Not")) {
      return "\\neg " + wrapIf(x, Infix.prec(x) < Infix.FUNC);
    } else if (head.equals("Transpose")) {
      return scriptBase(x, '^') + "^{\\top}";
    } else if (head.equals("Inverse")) {
      return scriptBase(x, '^') + "^{-1}";
    } else if (head.equals("Log") && Infix.isPositiveInteger(x)) {
      return "\\log " + print(x);
    } else if (head.equals("Log") && Infix.isNormLike(x)) {
      return "\\log" + print(x);
    } else if (head.equals("Det") && Infix.isMatrix(x)) {
      return "\\det" + print(x);
    }
    return null;
  }

  /** Multi-argument heads with a notation of their own, or {@code null}. */
  private String multiary(Expr.Fn f) {
    List<Expr> a = f.args();
    String head = f.head();
    if (Infix.isBigOperator(f)) {
      StringBuilder sb = new StringBuilder();
      String op = head.equals("Sum") ? "\\sum" : "\\prod";
      for (int i = 1; i < a.size(); i++) {
        sb.append(op).append(iterator(a.get(i))).append(' ');
      }
      Expr body = a.get(0);
      return sb + wrapIf(body, Infix.prec(body) < Infix.MUL);
    } else if ((head.equals("Part") || head.equals("Subscript")) && a.size() >= 2) {
      List<Expr> idx = a.subList(1, a.size());
      boolean single = idx.stream().allMatch(i -> print(i).length() == 1);
      return scriptBase(a.get(0), '_') + "_{" + join(idx, single ? "" : ",") + "}";
    } else if (head.equals("Power") && a.size() == 2) {
      // a power kept as written (display forms: |x|^{-1/2} in a product, not a fraction)
      return scriptBase(a.get(0), '^') + "^{" + inlineExponent(a.get(1)) + "}";
    } else if (head.equals("Log") && a.size() == 2) {
      return "\\log_{" + print(a.get(0)) + "}\\left(" + print(a.get(1)) + "\\right)";
    } else if (head.equals("ArcTan") && a.size() == 2) {
      // Wolfram's ArcTan[x, y] is the angle of the point (x, y): atan2 in the usual order.
      return "\\operatorname{atan2}\\left(" + print(a.get(1)) + ", " + print(a.get(0)) + "\\right)";
    } else if (head.equals("Element") && a.size() == 2) {
      return joinWrapped(a, " \\in ", Infix.REL);
    } else if (head.equals("Norm") && a.size() == 2) {
      return "\\left\\|" + print(a.get(0)) + "\\right\\|_{" + print(a.get(1)) + "}";
    } else if (head.equals("Surd") && a.size() == 2) {
      return "\\sqrt[" + print(a.get(1)) + "]{" + print(a.get(0)) + "}";
    } else if (head.equals("Hypergeometric2F1") && a.size() == 4) {
      return "{}_{2}F_{1}\\left(" + print(a.get(0)) + ", " + print(a.get(1)) + "; "
          + print(a.get(2)) + "; " + print(a.get(3)) + "\\right)";
    }
    return null;
  }

  /** An exponent as a superscript reads it: a rational as {@code -1/2}, not a fraction. */
  private String inlineExponent(Expr e) {
    if (e instanceof Expr.Num n && !n.isInteger()) {
      return n.num() + "/" + n.den();
    }
    return print(e);
  }

  /** {@code _{i=1}^{n}} for an iterator {@code {i, 1, n}}, {@code {i, n}}, {@code {i}} or i. */
  private String iterator(Expr it) {
    List<Expr> p = it instanceof Expr.Vec v ? v.items() : List.of(it);
    String var = print(p.get(0));
    if (p.size() == 1) {
      return "_{" + var + "}";
    }
    String from = p.size() == 2 ? "1" : print(p.get(1));
    return "_{" + var + "=" + from + "}^{" + print(p.get(p.size() - 1)) + "}";
  }

  // ------------------------------------------------------------------ lists

  private String list(Expr.Vec v) {
    if (Infix.isMatrix(v)) {
      StringBuilder sb = new StringBuilder("\\begin{pmatrix} ");
      List<Expr> rows = v.items();
      for (int r = 0; r < rows.size(); r++) {
        if (r > 0) {
          sb.append(" \\\\ ");
        }
        sb.append(join(((Expr.Vec) rows.get(r)).items(), " & "));
      }
      return sb.append(" \\end{pmatrix}").toString();
    }
    return "\\left(" + join(v.items(), ", ") + "\\right)";
  }

  // ------------------------------------------------------------------ helpers

  private String join(List<Expr> xs, String sep) {
    List<String> out = new ArrayList<>(xs.size());
    for (Expr x : xs) {
      out.add(print(x));
    }
    return String.join(sep, out);
  }

  private String joinWrapped(List<Expr> xs, String sep, int level) {
    List<String> out = new ArrayList<>(xs.size());
    for (Expr x : xs) {
      out.add(wrapIf(x, Infix.prec(x) <= level));
    }
    return String.join(sep, out);
  }

  private String wrapIf(Expr e, boolean wrap) {
    String s = print(e);
    return wrap ? paren(s) : s;
  }

  private static String paren(String s) {
    return "\\left(" + s + "\\right)";
  }

  /**
   * The structure both infix printers ({@link LatexPrinter}, {@link TextPrinter}) share, so they
   * bracket, sign and split fractions identically: the precedence table, sign detection, the
   * numerator/denominator split of a product, symbol-name parsing and real formatting.
   */
  static final class Infix {
    static final int LOGIC = 0;
    static final int REL = 1;
    static final int ADD = 2;
    static final int MUL = 3;
    static final int POW = 4;
    static final int FUNC = 5;
    static final int ATOM = 6;

    private Infix() {
    }

    /** The precedence of {@code e} as printed: the single table that decides brackets. */
    static int prec(Expr e) {
      if (e instanceof Expr.Num n) {
        return n.num().signum() < 0 ? ADD : n.isInteger() ? ATOM : MUL;
      } else if (e instanceof Expr.Real r) {
        return r.value() < 0 || Double.isNaN(r.value()) ? ADD
            : Decimal.of(r.value()).exponent() != 0 ? MUL : ATOM;
      } else if (e instanceof Expr.Add a) {
        return a.terms().isEmpty() ? ATOM : a.terms().size() == 1 ? prec(a.terms().get(0)) : ADD;
      } else if (e instanceof Expr.Mul m) {
        return prec(product(m.factors()));
      } else if (e instanceof Expr.Pow p) {
        return hasNegativeExponent(p) ? MUL : POW;
      } else if (e instanceof Expr.Fn f) {
        return functionPrec(f);
      }
      return ATOM;
    }

    private static int prec(Product p) {
      if (p.negative()) {
        return ADD;
      }
      if (!p.denominator().isEmpty()) {
        return MUL;
      }
      return p.lead().isEmpty() ? ATOM : p.lead().size() == 1 ? prec(p.lead().get(0)) : MUL;
    }

    private static int functionPrec(Expr.Fn f) {
      String h = f.head();
      int n = f.args().size();
      if (n >= 2 && Set.of("Equal", "Unequal", "Less", "Greater", "LessEqual", "GreaterEqual",
          "Element").contains(h)) {
        return REL;
      }
      if (n >= 2 && (h.equals("And") || h.equals("Or"))) {
        return LOGIC;
      }
      if (isBigOperator(f)) {
        return MUL;
      }
      if (n == 1 && Set.of("Abs", "Norm", "Floor", "Ceiling").contains(h)) {
        return ATOM;
      }
      if ((n == 1 && Set.of("Sqrt", "Exp", "Transpose", "Inverse").contains(h))
          || (n == 2 && h.equals("Power"))) {
        return POW;
      }
      if (n >= 2 && (h.equals("Part") || h.equals("Subscript"))) {
        return ATOM;
      }
      return FUNC;
    }

    /** A {@code Sum} or {@code Product} with iterators: it extends to the right like a prefix. */
    static boolean isBigOperator(Expr e) {
      return e instanceof Expr.Fn f && (f.head().equals("Sum") || f.head().equals("Product"))
          && f.args().size() >= 2 && f.args().subList(1, f.args().size()).stream()
          .allMatch(Infix::isIterator);
    }

    private static boolean isIterator(Expr it) {
      if (it instanceof Expr.Sym) {
        return true;
      }
      return it instanceof Expr.Vec v && v.items().size() >= 1 && v.items().size() <= 3
          && v.items().get(0) instanceof Expr.Sym;
    }

    static boolean isPositiveInteger(Expr e) {
      return e instanceof Expr.Num n && n.isInteger() && n.num().signum() > 0;
    }

    /** {@code Log[2]}, printed {@code \log 2}: a factor after it would read as its argument. */
    static boolean isLogOfInteger(Expr e) {
      return e instanceof Expr.Fn f && f.head().equals("Log") && f.args().size() == 1
          && isPositiveInteger(f.args().get(0));
    }

    /** A list of equal-length lists (at least one column). */
    static boolean isMatrix(Expr e) {
      return Exprs.isMatrix(e);
    }

    /** An argument that brings its own delimiters: {@code |x|} or {@code ‖x‖}. */
    static boolean isNormLike(Expr e) {
      return e instanceof Expr.Fn f && f.args().size() == 1
          && (f.head().equals("Abs") || f.head().equals("Norm"));
    }

    static boolean isHalf(Expr e) {
      return e instanceof Expr.Num n && n.num().equals(BigInteger.ONE)
          && n.den().equals(BigInteger.TWO);
    }

    static boolean hasNegativeExponent(Expr.Pow p) {
      return p.exponent() instanceof Expr.Num n && n.num().signum() < 0;
    }

    private static boolean isNegativeNumber(Expr e) {
      return (e instanceof Expr.Num n && n.num().signum() < 0)
          || (e instanceof Expr.Real r && r.value() < 0);
    }

    private static boolean isOne(Expr e) {
      return e instanceof Expr.Num n && n.isInteger() && n.num().equals(BigInteger.ONE);
    }

    private static Expr abs(Expr e) {
      if (e instanceof Expr.Num n) {
        return new Expr.Num(n.num().abs(), n.den());
      }
      return new Expr.Real(Math.abs(((Expr.Real) e).value()));
    }

    /** Whether a term prints with a leading minus (so a sum shows it as {@code - t}). */
    static boolean isNegative(Expr e) {
      if (e instanceof Expr.Mul m) {
        List<Expr> fs = flatten(m.factors());
        return !fs.isEmpty() && isNegativeNumber(fs.get(0));
      }
      return isNegativeNumber(e);
    }

    /** The term without its leading minus; only meaningful when {@link #isNegative} holds. */
    static Expr negate(Expr e) {
      if (!(e instanceof Expr.Mul m)) {
        return abs(e);
      }
      List<Expr> rest = flatten(m.factors());
      Expr c = abs(rest.remove(0));
      if (!isOne(c)) {
        rest.add(0, c);
      }
      return rest.isEmpty() ? Expr.integer(1) : rest.size() == 1 ? rest.get(0) : new Expr.Mul(rest);
    }

    /**
     * The factors of a product as displayed: nested products flattened and all exact numbers
     * multiplied into one leading coefficient (omitted when it is 1 and other factors remain).
     * Display only; the engine's canonical products already look like this.
     */
    static List<Expr> flatten(List<Expr> factors) {
      List<Expr> rest = new ArrayList<>();
      BigInteger[] coeff = {BigInteger.ONE, BigInteger.ONE};
      boolean sawNumber = collect(factors, rest, coeff);
      if (sawNumber) {
        Expr.Num c = new Expr.Num(coeff[0], coeff[1]);
        if (!isOne(c) || rest.isEmpty()) {
          rest.add(0, c);
        }
      }
      return rest;
    }

    private static boolean collect(List<Expr> factors, List<Expr> rest, BigInteger[] coeff) {
      boolean saw = false;
      for (Expr f : factors) {
        if (f instanceof Expr.Mul m) {
          saw |= collect(m.factors(), rest, coeff);
        } else if (f instanceof Expr.Num n) {
          coeff[0] = coeff[0].multiply(n.num());
          coeff[1] = coeff[1].multiply(n.den());
          saw = true;
        } else {
          rest.add(f);
        }
      }
      return saw;
    }

    /**
     * How a product prints: a sign, the numerator factors that lead ({@code lead}), the
     * denominator (flipped negative powers and the denominator of a rational coefficient), and
     * the factors printed after the fraction ({@code tail}, empty without a denominator).
     */
    record Product(boolean negative, List<Expr> lead, List<Expr> tail, List<Expr> denominator) {
    }

    static Product product(List<Expr> factors) {
      List<Expr> fs = flatten(factors);
      boolean negative = false;
      if (!fs.isEmpty() && isNegativeNumber(fs.get(0))) {
        negative = true;
        fs.set(0, abs(fs.get(0)));
      }
      if (!fs.isEmpty() && isOne(fs.get(0)) && (negative || fs.size() > 1)) {
        fs.remove(0);
      }
      List<Expr> num = new ArrayList<>();
      List<Expr> den = new ArrayList<>();
      for (int i = 0; i < fs.size(); i++) {
        Expr f = fs.get(i);
        if (i == 0 && f instanceof Expr.Num n && !n.isInteger()) {
          if (!n.num().equals(BigInteger.ONE)) {
            num.add(new Expr.Num(n.num(), BigInteger.ONE));
          }
          den.add(new Expr.Num(n.den(), BigInteger.ONE));
        } else if (f instanceof Expr.Pow p && hasNegativeExponent(p)) {
          den.add(flip(p));
        } else {
          num.add(f);
        }
      }
      if (den.isEmpty()) {
        return new Product(negative, num, List.of(), List.of());
      }
      int k = 0;
      while (k < num.size() && leads(num.get(k))) {
        k++;
      }
      List<Expr> lead = num.subList(0, k);
      List<Expr> tail = num.subList(k, num.size());
      if (lead.isEmpty() && tail.size() == 1 && !isBigOperator(tail.get(0))) {
        return new Product(negative, tail, List.of(), den);
      }
      return new Product(negative, List.copyOf(lead), List.copyOf(tail), den);
    }

    /** Factors that read well inside a numerator: numbers, symbols, powers, |x|, lists. */
    private static boolean leads(Expr f) {
      return f instanceof Expr.Num || f instanceof Expr.Real || f instanceof Expr.Sym
          || f instanceof Expr.Pow || f instanceof Expr.Vec || isNormLike(f);
    }

    private static Expr flip(Expr.Pow p) {
      Expr.Num n = (Expr.Num) p.exponent();
      Expr.Num e = new Expr.Num(n.num().negate(), n.den());
      return isOne(e) ? p.base() : new Expr.Pow(p.base(), e);
    }

    /**
     * Whether {@code s} ends in a {@code script} ({@code ^} or {@code _}) attached to its last
     * nucleus, looking through trailing scripts of either kind: {@code x^{*}}, {@code x^*},
     * {@code \beta_1^\prime}. Such a base must be braced before another script of that kind.
     */
    static boolean endsWithScript(String s, char script) {
      int end = s.length();
      while (end > 0) {
        int start = tokenStart(s, end);
        if (start <= 0) {
          return false;
        }
        char before = s.charAt(start - 1);
        if (before != '^' && before != '_') {
          return false;
        }
        if (before == script) {
          return true;
        }
        end = start - 1;
      }
      return false;
    }

    /** Where the last TeX token (a brace group, a control word or one character) starts. */
    private static int tokenStart(String s, int end) {
      char c = s.charAt(end - 1);
      if (c == '}') {
        int depth = 0;
        for (int i = end - 1; i >= 0; i--) {
          char x = s.charAt(i);
          depth += x == '}' ? 1 : x == '{' ? -1 : 0;
          if (depth == 0) {
            return i;
          }
        }
        return -1;
      }
      int i = end - 1;
      if (Character.isLetter(c)) {
        while (i > 0 && Character.isLetter(s.charAt(i - 1))) {
          i--;
        }
        return i > 0 && s.charAt(i - 1) == '\\' ? i - 1 : end - 1;
      }
      return i > 0 && s.charAt(i - 1) == '\\' ? i - 1 : i;
    }

    /**
     * A symbol name split for printing: base, an optional label (digits ending the base before
     * {@code $}-indices) and indices.
     */
    record SymbolName(String base, String label, List<String> indices) {
      private static final Pattern TRAILING_DIGITS = Pattern.compile("^(.*?\\D)(\\d+)$");

      /**
       * Whether the indices print concatenated ({@code 12}) rather than comma-separated
       * ({@code 10,2}): only when that cannot be misread.
       */
      boolean concatenated() {
        // an offset index (i-1) keeps its braces: w_{i-1}, not w_i-1
        return indices.stream().allMatch(i -> i.matches("[0-9A-Za-z]+"))
            && (indices.size() == 1 || indices.stream().allMatch(i -> i.length() == 1));
      }

      static SymbolName parse(String name) {
        int dollar = name.indexOf('$');
        if (dollar > 0) {
          List<String> idx = List.of(name.substring(dollar + 1).split("\\$", -1));
          if (idx.stream().noneMatch(String::isEmpty)) {
            Matcher m = TRAILING_DIGITS.matcher(name.substring(0, dollar));
            return m.matches() ? new SymbolName(m.group(1), m.group(2), idx)
                : new SymbolName(name.substring(0, dollar), "", idx);
          }
          return new SymbolName(name, "", List.of());
        }
        Matcher m = TRAILING_DIGITS.matcher(name);
        return m.matches() ? new SymbolName(m.group(1), "", List.of(m.group(2)))
            : new SymbolName(name, "", List.of());
      }
    }

    /**
     * A finite double as decimal text: at most 17 significant digits, trailing zeros trimmed;
     * {@code exponent} is non-zero when scientific notation is used (|x| outside [1e-5, 1e16)).
     */
    record Decimal(boolean negative, String mantissa, int exponent) {
      static Decimal of(double v) {
        BigDecimal d = new BigDecimal(Double.toString(Math.abs(v)))
            .round(new MathContext(17)).stripTrailingZeros();
        if (d.signum() == 0) {
          return new Decimal(false, "0", 0);
        }
        int exp10 = d.precision() - d.scale() - 1;
        if (exp10 >= -5 && exp10 < 16) {
          return new Decimal(v < 0, d.toPlainString(), 0);
        }
        String mantissa = d.movePointLeft(exp10).stripTrailingZeros().toPlainString();
        return new Decimal(v < 0, mantissa, exp10);
      }
    }
  }
}
