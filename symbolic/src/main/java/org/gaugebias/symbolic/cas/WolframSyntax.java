package org.gaugebias.symbolic.cas;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import org.gaugebias.symbolic.expr.Expr;
import org.matheclipse.parser.client.Parser;
import org.matheclipse.parser.client.ParserConfig;
import org.matheclipse.parser.client.SyntaxError;
import org.matheclipse.parser.client.ast.ASTNode;
import org.matheclipse.parser.client.ast.FloatNode;
import org.matheclipse.parser.client.ast.FractionNode;
import org.matheclipse.parser.client.ast.FunctionNode;
import org.matheclipse.parser.client.ast.IntegerNode;
import org.matheclipse.parser.client.ast.StringNode;
import org.matheclipse.parser.client.ast.SymbolNode;

/**
 * Reads Wolfram-language input into an {@link Expr} <em>without evaluating it</em>, using only
 * Symja's client parser ({@code matheclipse-parser}). Design files are checked with it, so it must
 * not need the evaluator, whose first start costs about 4 s (shared/DEPENDENCIES.md §4).
 *
 * <p>Strict (Mathematica) syntax: names are case-sensitive ({@code beta} is a symbol, {@code Beta}
 * the Euler beta function), function calls use square brackets ({@code sin(x)} is
 * {@code sin*x}), and {@code u v} is a product.
 *
 * <p>Conversion rules (the parser's full form, mapped to our types):
 * <ul>
 *   <li>{@code Plus}, {@code Times}, {@code Power}, {@code List} become {@link Expr.Add},
 *       {@link Expr.Mul}, {@link Expr.Pow}, {@link Expr.Vec}. The parser nests binary sums and
 *       products ({@code a+b-c} is {@code Plus[Plus[a,b],Times[-1,c]]}); they are flattened,
 *       because both operations are associative and {@code Expr} is n-ary.</li>
 *   <li>{@code Sqrt[x]} becomes {@code Power[x, 1/2]} and {@code Exp[x]} becomes
 *       {@code Power[E, x]}; {@code Subtract}, {@code Divide} and {@code Minus} are rewritten to
 *       their full forms. These are the forms Symja's evaluator returns and the {@link Expr}
 *       javadoc documents, so a parsed tree compares structurally with an evaluated one.</li>
 *   <li>{@code Times[-1, k]} with a literal number {@code k} (how the parser writes
 *       {@code x - 1}) is folded to the number {@code -k}. Nothing else is simplified.</li>
 *   <li>Every other head becomes {@link Expr.Fn}, e.g. {@code x[[1]]} is {@code Part[x, 1]},
 *       {@code a.b} is {@code Dot[a, b]}, {@code v > 0} is {@code Greater[v, 0]} and
 *       {@code 0 < x < 1} is {@code Less[0, x, 1]}.</li>
 *   <li>Not supported (an error, never a silent guess): strings, patterns ({@code x_}), contexts
 *       and precision marks ({@code `}), derivatives {@code f'[x]} and other compound heads, and
 *       empty arguments ({@code f[x,]}, which the parser reads as {@code Null}).</li>
 * </ul>
 *
 * <p>Failures are {@link CasException}s of kind {@code SYNTAX} or {@code UNSUPPORTED}. Because
 * {@code CasException} is final, the 0-based character offset of the problem travels as its
 * cause, an {@link ErrorOffset}; read it with {@link #errorOffset(CasException)}.
 */
public final class WolframSyntax {
  static {
    // Must precede the first use of any Symja class: the built-in name tables are keyed when
    // they initialise (shared/DEPENDENCIES.md G1).
    ParserConfig.PARSER_USE_LOWERCASE_SYMBOLS = false;
  }

  /** Deeper bracket nesting than this is refused before the recursive-descent parser sees it. */
  static final int MAX_NESTING = 200;

  private static final Expr HALF = Expr.rational(1, 2);
  private static final Expr MINUS_ONE = Expr.integer(-1);

  private WolframSyntax() {
  }

  /**
   * The position of a parse problem, carried as the cause of a {@link CasException}.
   * No stack trace: it is data, not a failure of its own.
   */
  public static final class ErrorOffset extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int offset;

    ErrorOffset(int offset) {
      super("at offset " + offset, null, false, false);
      this.offset = offset;
    }

    /** 0-based character offset into the parsed code. */
    public int offset() {
      return offset;
    }
  }

  /**
   * Parses strict Wolfram-language input without evaluating it.
   *
   * @throws CasException of kind {@code SYNTAX} (the text does not parse) or {@code UNSUPPORTED}
   *     (it parses into something an {@link Expr} cannot hold); when the place is known, the
   *     cause is an {@link ErrorOffset}
   */
  public static Expr parse(String code) {
    if (code == null || code.isBlank()) {
      throw error(CasException.Kind.SYNTAX, "empty expression", 0);
    }
    precheck(code);
    ASTNode node;
    try {
      // false = strict: Mathematica's square brackets for arguments (relaxed would read sin(x))
      node = new Parser(false).parse(code);
    } catch (SyntaxError e) {
      int at = clamp(e.getStartOffset(), code);
      throw error(CasException.Kind.SYNTAX, describe(e.getError(), at, code), at);
    } catch (StackOverflowError e) {
      throw error(CasException.Kind.SYNTAX, "expression nested too deeply", -1);
    } catch (RuntimeException e) {
      // the parser occasionally fails with a bare NumberFormatException or similar
      throw error(CasException.Kind.SYNTAX, "cannot parse: " + e.getMessage(), -1);
    }
    try {
      return convert(node, code);
    } catch (StackOverflowError e) {
      throw error(CasException.Kind.SYNTAX, "expression nested too deeply", -1);
    }
  }

  /** The 0-based offset a {@link #parse} failure carries, if the place is known. */
  public static OptionalInt errorOffset(CasException e) {
    if (e.getCause() instanceof ErrorOffset o && o.offset() >= 0) {
      return OptionalInt.of(o.offset());
    }
    return OptionalInt.empty();
  }

  // ---------------------------------------------------------------- checks before parsing

  /** Rejects what the parser would accept silently but wrongly, or recurse on too deeply. */
  private static void precheck(String code) {
    int depth = 0;
    boolean inString = false;
    for (int k = 0; k < code.length(); k++) {
      char c = code.charAt(k);
      if (c == '"') {
        inString = !inString;
      } else if (inString) {
        continue;
      } else if (c == '`') {
        // a`b parses as the symbol b (the context is dropped): refuse instead of misreading
        throw error(CasException.Kind.UNSUPPORTED,
            "'`' (contexts and precision marks) is not supported", k);
      } else if (c == '(' || c == '[' || c == '{') {
        depth++;
        if (depth > MAX_NESTING) {
          throw error(CasException.Kind.SYNTAX,
              "expression nested too deeply (more than " + MAX_NESTING + " brackets)", k);
        }
      } else if (c == ')' || c == ']' || c == '}') {
        depth = Math.max(0, depth - 1);
      }
    }
  }

  private static String describe(String raw, int at, String code) {
    String msg = raw == null ? "syntax error" : raw.replaceAll("\\s*\\(Token:[^)]*\\)", "").trim();
    if (msg.endsWith(".")) {
      msg = msg.substring(0, msg.length() - 1);
    }
    if (msg.startsWith("Error in factor at character: ' '")
        && at >= code.stripTrailing().length()) {
      return "incomplete expression: something is missing at the end";
    }
    if (msg.startsWith("Error in factor at character")) {
      return "unexpected character" + msg.substring("Error in factor at character".length());
    }
    return msg;
  }

  private static int clamp(int offset, String code) {
    return Math.max(0, Math.min(offset, code.length()));
  }

  private static CasException error(CasException.Kind kind, String message, int offset) {
    return new CasException(kind, message, new ErrorOffset(offset));
  }

  // ---------------------------------------------------------------- conversion

  private static Expr convert(ASTNode n, String code) {
    if (n instanceof FunctionNode f) {
      return convertFunction(f, code);
    }
    if (n instanceof SymbolNode s) {
      String name = s.getString();
      if ("Null".equals(name)) {
        throw error(CasException.Kind.SYNTAX,
            "missing expression (an empty argument such as f[x,] or an empty input)",
            code.indexOf("Null"));
      }
      return Expr.sym(name);
    }
    if (n instanceof IntegerNode i) {
      return new Expr.Num(integerValue(i), BigInteger.ONE);
    }
    if (n instanceof FractionNode fr) {
      BigInteger num = integerValue(fr.getNumerator());
      BigInteger den = integerValue(fr.getDenominator());
      if (den.signum() == 0) {
        throw error(CasException.Kind.SYNTAX, "division by zero in the number " + fr,
            code.indexOf('/'));
      }
      // the fraction carries its own sign flag for -(2/3); the numerator's string carries -2/3
      return new Expr.Num(fr.isSign() ? num.negate() : num, den);
    }
    if (n instanceof FloatNode fl) {
      return new Expr.Real(floatValue(fl.getString()));
    }
    if (n instanceof StringNode) {
      throw error(CasException.Kind.UNSUPPORTED, "strings are not allowed in expressions",
          code.indexOf('"'));
    }
    String what = n.getClass().getSimpleName().startsWith("Pattern")
        ? "patterns (x_) are not allowed in expressions; write names without '_', e.g. u1"
        : "unsupported construct " + n;
    throw error(CasException.Kind.UNSUPPORTED, what, code.indexOf('_'));
  }

  private static Expr convertFunction(FunctionNode f, String code) {
    ASTNode headNode = f.get(0);
    if (!(headNode instanceof SymbolNode hs)) {
      String what = headNode.toString().startsWith("Derivative")
          || (headNode instanceof FunctionNode hf && hf.get(0).toString().startsWith("Derivative"))
          ? "derivatives (f') are not supported in expressions"
          : "a compound head " + headNode + "[...] is not supported";
      throw error(CasException.Kind.UNSUPPORTED, what, code.indexOf('\''));
    }
    String head = hs.getString();
    List<Expr> args = new ArrayList<>(f.size() - 1);
    for (int k = 1; k < f.size(); k++) {
      args.add(convert(f.get(k), code));
    }
    switch (head) {
      case "Plus":
        return new Expr.Add(flatten(args, Expr.Add.class));
      case "Times":
        return times(flatten(args, Expr.Mul.class));
      case "List":
        return new Expr.Vec(args);
      case "Power":
        return args.size() == 2 ? Expr.pow(args.get(0), args.get(1)) : new Expr.Fn(head, args);
      case "Sqrt":
        return args.size() == 1 ? Expr.pow(args.get(0), HALF) : new Expr.Fn(head, args);
      case "Exp":
        return args.size() == 1 ? Expr.pow(Expr.sym("E"), args.get(0)) : new Expr.Fn(head, args);
      case "Minus":
        return args.size() == 1 ? times(List.of(MINUS_ONE, args.get(0))) : new Expr.Fn(head, args);
      case "Subtract":
        return args.size() == 2
            ? Expr.add(args.get(0), times(List.of(MINUS_ONE, args.get(1))))
            : new Expr.Fn(head, args);
      case "Divide":
        return args.size() == 2
            ? Expr.mul(args.get(0), Expr.pow(args.get(1), MINUS_ONE))
            : new Expr.Fn(head, args);
      default:
        return new Expr.Fn(head, args);
    }
  }

  /** Splices nested sums into sums and products into products (both are associative). */
  private static List<Expr> flatten(List<Expr> args, Class<? extends Expr> kind) {
    List<Expr> out = new ArrayList<>(args.size());
    for (Expr a : args) {
      if (kind.isInstance(a)) {
        out.addAll(a instanceof Expr.Add s ? s.terms() : ((Expr.Mul) a).factors());
      } else {
        out.add(a);
      }
    }
    return out;
  }

  /** A product, with the parser's {@code Times[-1, literal]} folded into a negative number. */
  private static Expr times(List<Expr> factors) {
    if (factors.size() == 2 && factors.get(0).equals(MINUS_ONE)) {
      Expr k = factors.get(1);
      if (k instanceof Expr.Num n) {
        return new Expr.Num(n.num().negate(), n.den());
      }
      if (k instanceof Expr.Real r) {
        return new Expr.Real(-r.value());
      }
    }
    return new Expr.Mul(factors);
  }

  private static BigInteger integerValue(IntegerNode i) {
    String s = i.getString();
    if (s == null) {
      // nodes the parser creates itself (the -1 of a subtraction) hold only an int
      return BigInteger.valueOf(i.getIntValue());
    }
    try {
      return new BigInteger(s, i.getNumberFormat());
    } catch (NumberFormatException e) {
      throw error(CasException.Kind.SYNTAX, "not a number: " + s, -1);
    }
  }

  /** Machine-precision value of a literal such as {@code 1.5}, {@code 2.*^3} or {@code 1.0`20}. */
  private static double floatValue(String s) {
    String t = s;
    int tick = t.indexOf('`');
    if (tick >= 0) {
      t = t.substring(0, tick);
    }
    t = t.replace("*^", "E");
    try {
      double v = Double.parseDouble(t);
      if (Double.isInfinite(v)) {
        throw error(CasException.Kind.UNSUPPORTED, "number out of range: " + s, -1);
      }
      return v;
    } catch (NumberFormatException e) {
      throw error(CasException.Kind.SYNTAX, "not a number: " + s, -1);
    }
  }

  // ---------------------------------------------------------------- reserved names

  /**
   * Single capitals that Wolfram reserves, with what they mean. Symja 3.0.0 reserves all of
   * them but {@code K}, which Mathematica uses for summation indices; it is kept so that a
   * design stays valid Mathematica input.
   */
  private static final Map<String, String> SINGLE_LETTERS = Collections.unmodifiableMap(
      new TreeMap<>(Map.of(
          "C", "constants of integration C[k]",
          "D", "derivative",
          "E", "Euler's number e",
          "I", "imaginary unit",
          "K", "summation index K[k] in Mathematica",
          "N", "numeric evaluation",
          "O", "series remainder O[x]")));

  /**
   * Whether {@code name} is a Wolfram built-in (function, constant, option symbol or
   * {@code $}-variable) or a reserved single capital, so that a user's name must not shadow it.
   * Case-sensitive: {@code Beta} is reserved, {@code beta} is not.
   *
   * <p>The table is Symja's own parser-side name list ({@code AST2Expr}'s symbol and function
   * strings), read without starting the evaluator (about 0.1 s on first use). If that table
   * cannot be loaded, a documented fallback of the single capitals and the heads this project
   * uses is consulted instead.
   */
  public static boolean isReservedName(String name) {
    return name != null && (SINGLE_LETTERS.containsKey(name) || Builtins.NAMES.contains(name));
  }

  /**
   * What a reserved name stands for, for error messages: e.g. {@code derivative} for {@code D},
   * {@code built-in function} for {@code Beta}; empty when the name is free.
   */
  public static Optional<String> reservedMeaning(String name) {
    if (name == null) {
      return Optional.empty();
    }
    String single = SINGLE_LETTERS.get(name);
    if (single != null) {
      return Optional.of(single);
    }
    if (Builtins.CONSTANTS.contains(name)) {
      return Optional.of("built-in symbol");
    }
    if (Builtins.NAMES.contains(name)) {
      return Optional.of(name.startsWith("$") ? "system variable" : "built-in function");
    }
    return Optional.empty();
  }

  /** Lazily loaded name tables (holder idiom: {@link #parse} never pays for them). */
  private static final class Builtins {
    static final Set<String> NAMES;
    static final Set<String> CONSTANTS;

    static {
      Set<String> names = new HashSet<>();
      Set<String> constants = new HashSet<>();
      try {
        Class<?> t = Class.forName("org.matheclipse.core.convert.AST2Expr");
        for (String field : List.of("UPPERCASE_SYMBOL_STRINGS", "SYMBOL_STRINGS",
            "PHYSICAL_CONSTANTS_STRINGS", "DOLLAR_STRINGS", "FUNCTION_STRINGS")) {
          String[] arr = (String[]) t.getField(field).get(null);
          Collections.addAll(names, arr);
          if (!field.equals("FUNCTION_STRINGS")) {
            Collections.addAll(constants, arr);
          }
        }
      } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
        names.clear();
        constants.clear();
      }
      if (names.isEmpty()) {
        names.addAll(FALLBACK_FUNCTIONS);
        names.addAll(FALLBACK_CONSTANTS);
        constants.addAll(FALLBACK_CONSTANTS);
      }
      NAMES = Set.copyOf(names);
      CONSTANTS = Set.copyOf(constants);
    }
  }

  /** Used only if Symja's table is unavailable: the heads gaugebias designs and engine use. */
  static final List<String> FALLBACK_FUNCTIONS = List.of("Abs", "Accumulate", "And", "ArcTan",
      "Beta", "Cos", "Det", "Diagonal", "Dot", "Element", "Equal", "Exp", "Gamma", "Greater",
      "GreaterEqual", "IdentityMatrix", "Inverse", "Less", "LessEqual", "List", "Log", "Max", "Min",
      "Norm", "Not", "Or", "Part", "Plus", "Power", "Sign", "Sin", "Sqrt", "Sum", "Tan", "Times",
      "Total", "Tr", "Transpose", "Unequal", "UnitStep", "UnitVector");
  static final List<String> FALLBACK_CONSTANTS = List.of("Pi", "Infinity", "EulerGamma",
      "Degree", "True", "False", "Null", "Reals", "Integers");
}
