package org.gaugebias.symbolic.expr;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Python code on arrays through an array namespace {@code xp} (the array API: NumPy 2,
 * PyTorch, JAX, CuPy), so that one formula runs on NumPy arrays and on PyTorch tensors with
 * autograd: {@code T*xp.log(xp.abs(beta_1))/2}. Symbols are the local Python names
 * {@link SymbolNames#python} (the generated function binds them, e.g. {@code beta_1 =
 * beta[..., 0]}); a sub-expression without symbols is plain Python on floats
 * ({@code 3*math.log(2)/2}), because a tensor library's functions refuse Python numbers.
 * Functions the array API lacks are helpers of the generated module: {@code _erf},
 * {@code _erfinv}, and the tabulated functions {@code _table_NAME.value / .derivative /
 * .inverse}.
 */
public final class ArrayApiPrinter extends CodePrinter {
  private static final ArrayApiPrinter ARRAYS = new ArrayApiPrinter(false);
  private static final ArrayApiPrinter SCALARS = new ArrayApiPrinter(true);

  private static final Map<String, String> UNARY = new TreeMap<>(Map.ofEntries(
      Map.entry("Log", "log"), Map.entry("Abs", "abs"), Map.entry("Sign", "sign"),
      Map.entry("Sqrt", "sqrt"), Map.entry("Exp", "exp"), Map.entry("Sin", "sin"),
      Map.entry("Cos", "cos"), Map.entry("Tan", "tan"), Map.entry("ArcSin", "asin"),
      Map.entry("ArcCos", "acos"), Map.entry("ArcTan", "atan"), Map.entry("Sinh", "sinh"),
      Map.entry("Cosh", "cosh"), Map.entry("Tanh", "tanh"), Map.entry("ArcSinh", "asinh"),
      Map.entry("ArcCosh", "acosh"), Map.entry("ArcTanh", "atanh"), Map.entry("Floor", "floor"),
      Map.entry("Ceiling", "ceil")));

  private static final Map<String, String> RECIPROCAL = Map.of("Cot", "tan", "Sec", "cos",
      "Csc", "sin", "Coth", "tanh");

  /** Whether this instance prints symbol-free sub-expressions (plain Python floats). */
  private final boolean scalar;
  /** Code for particular symbols (an array slice, a local name), else the default. */
  private final Map<String, String> names;

  private ArrayApiPrinter(boolean scalar) {
    this(scalar, Map.of());
  }

  private ArrayApiPrinter(boolean scalar, Map<String, String> names) {
    this.scalar = scalar;
    this.names = Map.copyOf(names);
  }

  /** {@code e} as array code. */
  public static String format(Expr e) {
    return ARRAYS.print(e);
  }

  /**
   * {@code e} as array code with the symbols of {@code names} printed as the given code (an
   * array slice such as {@code w[..., 1:n]}, or a local name). {@code Total[x]} is the sum of x
   * over its last axis: a sum over an index whose terms are slices.
   */
  public static String format(Expr e, Map<String, String> names) {
    return new ArrayApiPrinter(false, names).print(e);
  }

  @Override
  protected Code code(Expr e) {
    if (!scalar && !(e instanceof Expr.Vec) && !(e instanceof Expr.Num)
        && Exprs.symbols(e).isEmpty()) {
      Code c = SCALARS.code(e);
      return c;
    }
    return super.code(e);
  }

  private String ns(String fn) {
    return (scalar ? "math." : "xp.") + fn;
  }

  @Override
  protected String symbol(String name) {
    String given = names.get(name);
    if (given != null) {
      return given;
    }
    return switch (name) {
      case "Pi" -> "math.pi";
      case "E" -> "math.e";
      case "Infinity" -> "math.inf";
      case "EulerGamma" -> "0.5772156649015329";
      default -> SymbolNames.python(name);
    };
  }

  @Override
  protected String call(Expr.Fn f) {
    String head = f.head();
    List<String> a = args(f);
    if (head.equals("Log") && a.size() == 2) {
      return ns("log") + "(" + a.get(1) + ")/" + ns("log") + "(" + a.get(0) + ")";
    }
    if (head.equals("ArcTan") && a.size() == 2) {
      return ns("atan2") + "(" + a.get(1) + ", " + a.get(0) + ")";
    }
    if (a.size() == 1) {
      String x = a.get(0);
      if (head.equals("Total") && !scalar) {
        return "xp.sum(" + x + ", axis=-1)";
      }
      if (scalar && head.equals("Abs")) {
        return "abs(" + x + ")";
      }
      if (scalar && head.equals("Sign")) {
        return "_sign(" + x + ")";
      }
      String fn = UNARY.get(head);
      if (fn != null) {
        return ns(fn) + "(" + x + ")";
      }
      String rec = RECIPROCAL.get(head);
      if (rec != null) {
        return "(1/" + ns(rec) + "(" + x + "))";
      }
      if (head.equals("Erf")) {
        return scalar ? "math.erf(" + x + ")" : "_erf(xp, " + x + ")";
      }
      if (head.equals("InverseErf")) {
        return "_erfinv(" + (scalar ? "math" : "xp") + ", " + x + ")";
      }
      String table = SympyPrinter.tableFunction(head);
      if (table != null) {
        String name = table.substring(0, table.lastIndexOf('_'));
        String kind = table.endsWith("_inverse") ? "inverse" : "derivative";
        return "_table_" + name + "." + kind + "(" + (scalar ? "math" : "xp") + ", " + x + ")";
      }
      if (head.matches("[A-Za-z][A-Za-z0-9]*")) {
        return "_table_" + head + ".value(" + (scalar ? "math" : "xp") + ", " + x + ")";
      }
    }
    if ((head.equals("Max") || head.equals("Min")) && a.size() >= 2) {
      String fn = scalar ? head.toLowerCase() : ns(head.equals("Max") ? "maximum" : "minimum");
      String acc = a.get(0);
      for (String x : a.subList(1, a.size())) {
        acc = fn + "(" + acc + ", " + x + ")";
      }
      return acc;
    }
    throw new IllegalArgumentException("no array code for " + head + " with " + a.size()
        + " arguments");
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
    return ns("sqrt") + "(" + arg + ")";
  }

  @Override
  protected String exp(String arg) {
    return ns("exp") + "(" + arg + ")";
  }

  @Override
  protected String realLiteral(double v) {
    return Double.toString(v).replace('E', 'e');
  }
}
