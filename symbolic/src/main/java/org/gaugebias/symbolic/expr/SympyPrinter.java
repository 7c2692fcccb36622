package org.gaugebias.symbolic.expr;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * SymPy syntax, in two modes:
 * <ul>
 *   <li>{@link #string()}: a string {@code sympy.sympify} and {@code parse_expr} read as is,
 *       e.g. {@code T*log(Abs(beta_1))/2}. Components are identifiers ({@code beta_1},
 *       {@link SymbolNames#identifier}); a multi-letter scalar or one SymPy takes for a built-in
 *       ({@code beta} is the Beta function, {@code E}, {@code I}, {@code N}, {@code O},
 *       {@code Q}, {@code S}) is written {@code Symbol('beta')}. Rationals are {@code 1/2},
 *       which SymPy's parser keeps exact.</li>
 *   <li>{@link #module()}: Python code for a module that has {@code import sympy as sp} and one
 *       variable per symbol ({@link SymbolNames#python}): {@code sp.log(sp.Abs(beta_1))},
 *       {@code sp.Rational(1, 2)}.</li>
 * </ul>
 * A folded sum {@code Sum[f, {i, 1, n}]} prints as {@code Sum(f, (i, 1, n))}; tabulated
 * functions {@code f}, {@code f'} and {@code InverseFunction[f]} are the undefined functions
 * {@code f}, {@code f_prime} and {@code f_inverse} (the module export gives them numeric
 * implementations).
 */
public final class SympyPrinter extends CodePrinter {
  private static final SympyPrinter STRING = new SympyPrinter(false);
  private static final SympyPrinter MODULE = new SympyPrinter(true);

  /** Single letters SymPy's parser reads as something other than a symbol. */
  private static final Set<String> RESERVED_LETTERS = Set.of("E", "I", "N", "O", "Q", "S");

  private static final Map<String, String> FUNCTIONS = new TreeMap<>(Map.ofEntries(
      Map.entry("Abs", "Abs"), Map.entry("Sign", "sign"), Map.entry("Sqrt", "sqrt"),
      Map.entry("Exp", "exp"), Map.entry("Sin", "sin"), Map.entry("Cos", "cos"),
      Map.entry("Tan", "tan"), Map.entry("Cot", "cot"), Map.entry("Sec", "sec"),
      Map.entry("Csc", "csc"), Map.entry("ArcSin", "asin"), Map.entry("ArcCos", "acos"),
      Map.entry("Sinh", "sinh"), Map.entry("Cosh", "cosh"), Map.entry("Tanh", "tanh"),
      Map.entry("Coth", "coth"), Map.entry("ArcSinh", "asinh"), Map.entry("ArcCosh", "acosh"),
      Map.entry("ArcTanh", "atanh"), Map.entry("Erf", "erf"), Map.entry("Erfc", "erfc"),
      Map.entry("InverseErf", "erfinv"), Map.entry("Max", "Max"), Map.entry("Min", "Min"),
      Map.entry("Floor", "floor"), Map.entry("Ceiling", "ceiling"), Map.entry("Gamma", "gamma"),
      Map.entry("LogGamma", "loggamma"), Map.entry("Greater", "Gt"), Map.entry("Less", "Lt"),
      Map.entry("GreaterEqual", "Ge"), Map.entry("LessEqual", "Le"), Map.entry("Equal", "Eq"),
      Map.entry("Unequal", "Ne"), Map.entry("And", "And"), Map.entry("Or", "Or"),
      Map.entry("Not", "Not"), Map.entry("Re", "re"), Map.entry("Im", "im")));

  private static final Map<String, String> CONSTANTS = Map.of("Pi", "pi", "E", "E",
      "Infinity", "oo", "EulerGamma", "EulerGamma");

  private final boolean module;
  /** Code for particular symbols ({@code w$i-1} → {@code w[i - 1]}), else the default. */
  private final Map<String, String> names;

  private SympyPrinter(boolean module) {
    this(module, Map.of());
  }

  private SympyPrinter(boolean module, Map<String, String> names) {
    this.module = module;
    this.names = Map.copyOf(names);
  }

  /** The mode for strings given to {@code sympify}. */
  public static SympyPrinter string() {
    return STRING;
  }

  /** The mode for code in a module with {@code import sympy as sp}. */
  public static SympyPrinter module() {
    return MODULE;
  }

  /**
   * The module mode with the symbols of {@code names} printed as the given code (an export at
   * a symbolic size prints {@code w$i-1} as the indexed {@code w[i - 1]}).
   */
  public static SympyPrinter module(Map<String, String> names) {
    return new SympyPrinter(true, names);
  }

  private String sp(String name) {
    return module ? "sp." + name : name;
  }

  /** The name of a tabulated function's derivative or inverse ({@code phi_prime}, {@code phi_inverse}), or null. */
  public static String tableFunction(String head) {
    if (head.startsWith("InverseFunction[") && head.endsWith("]")) {
      return head.substring("InverseFunction[".length(), head.length() - 1) + "_inverse";
    }
    if (head.endsWith("'") && !head.endsWith("''")) {
      return head.substring(0, head.length() - 1) + "_prime";
    }
    return null;
  }

  @Override
  protected String symbol(String name) {
    String given = names.get(name);
    if (given != null) {
      return given;
    }
    String constant = CONSTANTS.get(name);
    if (constant != null) {
      return sp(constant);
    }
    if (module) {
      return SymbolNames.python(name);
    }
    String id = SymbolNames.identifier(name);
    boolean safe = SymbolNames.isComponent(name) ? true
        : id.length() == 1 && !RESERVED_LETTERS.contains(id);
    return safe ? id : "Symbol('" + id + "')";
  }

  @Override
  protected Code rational(BigInteger p, BigInteger q) {
    if (module) {
      return new Code("sp.Rational(" + p + ", " + q + ")", ATOM);
    }
    return super.rational(p, q);
  }

  @Override
  protected String call(Expr.Fn f) {
    String head = f.head();
    List<Expr> a = f.args();
    List<String> args = args(f);
    if (head.equals("Log")) {
      return sp("log") + "(" + (a.size() == 2 ? args.get(1) + ", " + args.get(0) : args.get(0))
          + ")";
    }
    if (head.equals("ArcTan")) {
      return a.size() == 2 ? sp("atan2") + "(" + args.get(1) + ", " + args.get(0) + ")"
          : sp("atan") + "(" + args.get(0) + ")";
    }
    if ((head.equals("Sum") || head.equals("Product")) && a.size() >= 2) {
      List<String> out = new ArrayList<>();
      out.add(args.get(0));
      for (Expr it : a.subList(1, a.size())) {
        List<String> parts = new ArrayList<>();
        (it instanceof Expr.Vec v ? v.items() : List.of(it)).forEach(x -> parts.add(print(x)));
        out.add(parts.size() == 1 ? parts.get(0) : "(" + String.join(", ", parts) + ")");
      }
      return sp(head) + "(" + String.join(", ", out) + ")";
    }
    String name = FUNCTIONS.get(head);
    if (name != null) {
      return sp(name) + "(" + String.join(", ", args) + ")";
    }
    String table = tableFunction(head);
    String fn = table != null ? table : head;
    if (module && fn.matches("[A-Za-z][A-Za-z0-9_]*")) {
      return SymbolNames.python(fn) + "(" + String.join(", ", args) + ")";
    }
    // an undefined function's arguments must be SymPy objects: a matrix (Eigenvalues[X]) is
    // an ImmutableMatrix, not a Python list
    List<String> wrapped = new ArrayList<>();
    for (int k = 0; k < a.size(); k++) {
      wrapped.add(Exprs.isMatrix(a.get(k)) ? sp("ImmutableMatrix") + "(" + args.get(k) + ")"
          : args.get(k));
    }
    return sp("Function") + "('" + fn.replace("'", "\\'") + "')(" + String.join(", ", wrapped)
        + ")";
  }

  /** In a module, {@code 3**2} would be Python arithmetic: {@code sp.Integer(3)**2} is exact. */
  @Override
  protected Code powerBase(Expr base) {
    if (module && base instanceof Expr.Num n && n.isInteger()) {
      return new Code("sp.Integer(" + n.num() + ")", ATOM);
    }
    return super.powerBase(base);
  }

  @Override
  protected String list(List<String> items) {
    return "[" + String.join(", ", items) + "]";
  }

  @Override
  protected String powerOperator() {
    return "**";
  }

  @Override
  protected String sqrt(String arg) {
    return sp("sqrt") + "(" + arg + ")";
  }

  @Override
  protected String exp(String arg) {
    return sp("exp") + "(" + arg + ")";
  }

  @Override
  protected String realLiteral(double v) {
    return module ? "sp.Float('" + Double.toString(v) + "')" : Double.toString(v);
  }
}
