package org.gaugebias.symbolic.print;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gaugebias.symbolic.expr.LatexPrinter;

/**
 * Free text with ASCII, Unicode or Wolfram mathematics in it, as LaTeX: a design's title
 * ({@code Diagonal linear network, beta = u * v (n = 3)}, {@code Inverse design for R* =
 * T/2*Total[Log[Abs[beta]]]}) and the hand-written sentences of inverse design and notes
 * ({@code the ODE s' = e^{−r/T}/2 for s = √ψ}). Prose words stay text, the mathematics goes into
 * math mode in conventional notation ({@code \beta = u \cdot v}, {@code R^{*}},
 * {@code \psi^{-1}}).
 *
 * <p>A run of tokens is mathematics when it holds an identifier or an operator; a prose word is
 * alphabetic, at least two letters, not a Greek name and not a function applied to brackets.
 * Wolfram calls are rewritten ({@code Sqrt[x]} is √x, {@code Abs[x]} is |x|, {@code Inverse[M]}
 * is M⁻¹, {@code Total[x]} is Σ x); unknown heads become operator names. Whatever the input, the
 * output compiles: anything not understood is escaped as text.
 */
final class TextWithMath {
  private static final Pattern TOKEN = Pattern.compile(
      "\\s+|i\\.e\\.|e\\.g\\.|[A-Za-z\\u00c0-\\u024f\\u0300-\\u036f]+[0-9]*"
      + "|[\\u0370-\\u03ff][\\u0300-\\u036f]?[0-9]*|[0-9]+(?:\\.[0-9]+)?|.",
      Pattern.DOTALL);
  private static final Set<String> GREEK = Set.of("alpha", "beta", "gamma", "delta", "epsilon",
      "zeta", "eta", "theta", "iota", "kappa", "lambda", "mu", "nu", "xi", "pi", "rho", "sigma",
      "tau", "upsilon", "phi", "chi", "psi", "omega", "Gamma", "Delta", "Theta", "Lambda", "Xi",
      "Pi", "Sigma", "Phi", "Psi", "Omega");
  private static final Set<String> OPERATORS = Set.of("=", "<", ">", "*", "^", "|", "/", "[",
      "]", "+", "_", "≤", "≥", "≠", "·", "⊙", "−", "√", "∞", "≡", "∝", "∈", "→", "↦", "‖", "∂",
      "∇", "Σ", "Π", "½", "⟨", "⟩", "ᵀ", "⁻", "²", "³");
  private static final Map<String, String> NAMED = Map.of("log", "\\log", "Log", "\\log",
      "exp", "\\exp", "Exp", "\\exp", "arg", "\\arg", "det", "\\det", "cumsum",
      "\\operatorname{cumsum}", "Cos", "\\cos", "Sin", "\\sin", "Tan", "\\tan");

  private static final String SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺";
  private static final String SUBSCRIPTS = "₀₁₂₃₄₅₆₇₈₉₋₊";

  private TextWithMath() { }

  /** The title as LaTeX text-mode source. */
  static String latex(String title) {
    return latex(title, true);
  }

  /**
   * Free text with mathematics as LaTeX: a title ({@code strip}: outer blanks dropped) or a
   * piece of prose (blanks kept; blank lines are paragraph breaks).
   */
  static String latex(String text, boolean strip) {
    String[] paragraphs = (strip ? text.strip() : text).split("\\n\\s*\\n", -1);
    List<String> out = new ArrayList<>();
    for (String p : paragraphs) {
      out.add(paragraph(p));
    }
    return String.join("\\par\n", out);
  }

  private static String paragraph(String text) {
    List<String> tokens = new ArrayList<>();
    Matcher m = TOKEN.matcher(text.replaceAll("\\s+", " "));
    while (m.find()) {
      tokens.add(m.group());
    }
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < tokens.size()) {
      if (prose(tokens, i)) {
        int j = i;
        while (j < tokens.size() && (prose(tokens, j) || (tokens.get(j).isBlank()
            && j + 1 < tokens.size() && prose(tokens, j + 1)))) {
          j++;
        }
        out.append(LatexText.escape(String.join("", tokens.subList(i, j))));
        i = j;
        continue;
      }
      int j = i;
      while (j < tokens.size() && !prose(tokens, j)) {
        j++;
      }
      // leading blanks and punctuation of a run belong to the text before it
      while (i < j && (tokens.get(i).isBlank() || tokens.get(i).equals(",")
          || tokens.get(i).equals(";"))) {
        out.append(LatexText.escape(tokens.get(i)));
        i++;
      }
      // trailing blanks and punctuation of a run belong to the text around it
      int end = j;
      while (end > i && (tokens.get(end - 1).isBlank() || tokens.get(end - 1).equals(",")
          || tokens.get(end - 1).equals(";") || tokens.get(end - 1).equals(".")
          || tokens.get(end - 1).equals(":"))) {
        end--;
      }
      for (List<String> piece : pieces(tokens.subList(i, end))) {
        String run = String.join("", piece);
        out.append(isMath(piece) ? mathRun(run) : LatexText.escape(run));
      }
      out.append(LatexText.escape(String.join("", tokens.subList(end, j))));
      i = j;
    }
    return out.toString();
  }

  /** Whether token i is a prose word (or a hyphen or number joined to one: {@code Depth-2}). */
  private static boolean prose(List<String> tokens, int i) {
    String t = tokens.get(i);
    String next = i + 1 < tokens.size() ? tokens.get(i + 1) : "";
    String prev = i > 0 ? tokens.get(i - 1) : "";
    if (t.equals("-") && word(prev) && !next.isBlank() && !next.isEmpty()) {
      return true;
    }
    if (t.matches("[0-9]+") && prev.equals("-") && i >= 2 && word(tokens.get(i - 2))) {
      return true;
    }
    if (t.equals("in") && i + 2 < tokens.size() && tokens.get(i + 2).equals("R")) {
      return false;
    }
    if (prev.equals("_") || prev.equals("^")) {
      return false;
    }
    if (t.equals("i.e.") || t.equals("e.g.")) {
      return true;
    }
    if ((t.equals("'") || t.equals("’")) && word(prev)) {
      return true; // eval's: a possessive, not a prime
    }
    if (t.equals("s") && (prev.equals("'") || prev.equals("’")) && i >= 2
        && word(tokens.get(i - 2))) {
      return true;
    }
    if (t.length() == 2 && t.chars().allMatch(Character::isLowerCase) && prev.equals("(")) {
      return false; // φ(uv): a product of two letters
    }
    return word(t) && !next.equals("[") && !next.equals("(")
        && !(t.equals("R") && next.equals("*"));
  }

  private static boolean word(String t) {
    if (t.equals("a") || t.equals("A")) {
      return true;
    }
    if (NAMED.containsKey(t) || t.equals("sqrt")) {
      return false; // log, exp, det: operators of the mathematics around them
    }
    return t.length() >= 2 && t.chars().allMatch(c -> (c < 0x370 && Character.isLetter(c))
        || (c >= 0x300 && c < 0x370))
        && !GREEK.contains(t) && !(t.length() <= 2 && t.chars().allMatch(Character::isUpperCase));
  }

  /**
   * A run split at blanks that join nothing (no operator on either side, outside brackets):
   * {@code β = u v (n = 3)} is two formulas, and TeX may break the line between them.
   */
  private static List<List<String>> pieces(List<String> run) {
    List<List<String>> out = new ArrayList<>();
    List<String> current = new ArrayList<>();
    int depth = 0;
    for (int k = 0; k < run.size(); k++) {
      String t = run.get(k);
      depth += t.equals("(") || t.equals("[") || t.equals("{") ? 1
          : t.equals(")") || t.equals("]") || t.equals("}") ? -1 : 0;
      boolean split = t.isBlank() && depth == 0 && k > 0 && k + 1 < run.size()
          && !joins(run.get(k - 1)) && !joins(run.get(k + 1));
      if (split) {
        out.add(current);
        out.add(List.of(t));
        current = new ArrayList<>();
      } else {
        current.add(t);
      }
    }
    out.add(current);
    return out;
  }

  /** Whether a token binds its neighbours into one formula (an operator or a relation). */
  private static boolean joins(String t) {
    return t.equals("in") || (t.length() == 1 && "=<>+-*/^_|,−≤≥∝∈→↦≡·⊙≠".contains(t));
  }

  private static boolean isMath(List<String> run) {
    return run.stream().anyMatch(t -> OPERATORS.contains(t) || Character.isLetter(t.charAt(0)));
  }

  private static String mathRun(String run) {
    try {
      return "$" + new Converter(run).expression(run.length()) + "$";
    } catch (RuntimeException e) {
      return LatexText.escape(run);
    }
  }

  /** A recursive reader of one run of ASCII/Wolfram mathematics, writing LaTeX. */
  private static final class Converter {
    private final String s;
    private int at;

    Converter(String s) {
      this.s = s;
    }

    /** Converts up to {@code end} (exclusive). */
    String expression(int end) {
      StringBuilder out = new StringBuilder();
      while (at < end) {
        char c = s.charAt(at);
        if (Character.isLetter(c)) {
          out.append(identifier(end));
        } else if (Character.isDigit(c)) {
          int st = at;
          while (at < end && (Character.isDigit(s.charAt(at)) || s.charAt(at) == '.'
              && at + 1 < end && Character.isDigit(s.charAt(at + 1)))) {
            at++;
          }
          out.append(s, st, at);
        } else if (c == '*') {
          at++;
          boolean star = at >= end || s.charAt(at) == ' ' || s.charAt(at) == '=';
          boolean spaced = at >= 2 && s.charAt(at - 2) == ' ';
          if (star && !spaced) {
            out.append("^{*}");
          } else {
            while (out.length() > 0 && out.charAt(out.length() - 1) == ' ') {
              out.setLength(out.length() - 1);
            }
            while (at < end && s.charAt(at) == ' ') {
              at++;
            }
            out.append(" \\cdot ");
          }
        } else if (c == '^' || c == '_') {
          at++;
          if (out.length() > 0 && out.charAt(out.length() - 1) == '}'
              && lastScript(out) == c) {
            out.append("{}"); // a second script of the same kind needs its own nucleus
          }
          String script = atom(end);
          boolean word = c == '_' && script.length() > 1 && script.chars()
              .allMatch(ch -> ch < 128 && Character.isLetter(ch));
          out.append(c).append('{').append(word ? "\\mathrm{" + script + "}" : script)
              .append('}');
        } else if (SUPERSCRIPTS.indexOf(c) >= 0 || SUBSCRIPTS.indexOf(c) >= 0) {
          // a run of Unicode super- or subscripts is one script: ψ⁻¹ is \psi^{-1}
          boolean sup = SUPERSCRIPTS.indexOf(c) >= 0;
          String from = sup ? SUPERSCRIPTS : SUBSCRIPTS;
          StringBuilder script = new StringBuilder();
          while (at < end && from.indexOf(s.charAt(at)) >= 0) {
            script.append("0123456789-+".charAt(from.indexOf(s.charAt(at))));
            at++;
          }
          out.append(sup ? "^{" : "_{").append(script).append('}');
        } else if (c == 'ᵀ') {
          at++;
          out.append("^{\\mathsf{T}}");
        } else if (c == '.') {
          // Wolfram's dot product between operands; otherwise a full stop
          at++;
          boolean operand = at < end && (Character.isLetter(s.charAt(at)) || s.charAt(at) == '('
              || s.charAt(at) == '{');
          out.append(operand ? " " : ".");
        } else if (c == '[' || c == ']') {
          throw new IllegalArgumentException("bracket without a head");
        } else if (c == '{' || c == '}') {
          at++;
          out.append('\\').append(c);
        } else if ("$&#%~\\".indexOf(c) >= 0) {
          throw new IllegalArgumentException("special character");
        } else if (c == '<' || c == '>' || c == '=') {
          at++;
          boolean eq = at < end && s.charAt(at) == '=';
          if (eq) {
            at++;
          }
          out.append(c == '<' ? (eq ? "\\leq" : "<") : c == '>' ? (eq ? "\\geq" : ">") : "=");
        } else if (c == ' ' && at + 1 < end && s.charAt(at + 1) == '(') {
          // a bracketed aside after a formula, "beta = u v (n = 3)", is set apart
          at++;
          out.append("\\quad ");
        } else if (c < 128) {
          at++;
          out.append(c);
        } else {
          at++;
          int st = at - 1;
          while (at < end && s.charAt(at) >= 0x300 && s.charAt(at) < 0x370) {
            at++; // a combining accent belongs to its letter: θ̃
          }
          String escaped = LatexText.escape(s.substring(st, at));
          if (escaped.startsWith("[U+") || !escaped.startsWith("\\ensuremath")) {
            throw new IllegalArgumentException("not mathematics: " + s.substring(st, at));
          }
          out.append(escaped);
        }
      }
      return out.toString();
    }

    /** The script ({@code ^} or {@code _}) that the output ends in, or 0. */
    private static char lastScript(StringBuilder out) {
      int depth = 0;
      for (int k = out.length() - 1; k >= 0; k--) {
        char ch = out.charAt(k);
        depth += ch == '}' ? 1 : ch == '{' ? -1 : 0;
        if (depth == 0) {
          return k > 0 && (out.charAt(k - 1) == '^' || out.charAt(k - 1) == '_')
              ? out.charAt(k - 1) : 0;
        }
      }
      return 0;
    }

    /** An exponent: a number, an identifier or a bracketed group. */
    private String atom(int end) {
      if (at < end && s.charAt(at) == '{') {
        int close = matching(at, '{', '}');
        at++;
        String inner = expression(close);
        at = close + 1;
        return inner;
      }
      if (at < end && s.charAt(at) == '(') {
        int close = matching(at, '(', ')');
        at++;
        String inner = expression(close);
        at = close + 1;
        return inner;
      }
      int st = at;
      if (at < end && s.charAt(at) == '-') {
        at++;
      }
      while (at < end && Character.isLetterOrDigit(s.charAt(at))) {
        at++;
      }
      return new Converter(s.substring(st, at)).expression(at - st);
    }

    private String identifier(int end) {
      int st = at;
      while (at < end && (Character.isLetter(s.charAt(at))
          || (s.charAt(at) >= 0x300 && s.charAt(at) < 0x370))) {
        at++;
      }
      while (at < end && Character.isDigit(s.charAt(at))) {
        at++;
      }
      String name = s.substring(st, at);
      if (at < end && s.charAt(at) == '[') {
        return call(name);
      }
      if (NAMED.containsKey(name)) {
        return NAMED.get(name) + (at < end && s.charAt(at) == '(' ? "" : " ");
      }
      if (name.equals("in")) {
        return "\\in";
      }
      if (name.equals("R") && at < end && s.charAt(at) == '^') {
        return "\\mathbb{R}";
      }
      if (name.chars().anyMatch(ch -> ch >= 128)) {
        return LatexText.escape(name);
      }
      if (name.length() > 1 && name.chars().allMatch(Character::isUpperCase)) {
        return "\\mathrm{" + name + "}";
      }
      String sym = LatexPrinter.standard().symbol(name);
      boolean letterNext = at < end && Character.isLetterOrDigit(s.charAt(at));
      return sym.startsWith("\\") && !sym.contains("_") && letterNext ? sym + " " : sym;
    }

    /** {@code Head[a, b]} in conventional notation. */
    private String call(String head) {
      int close = matching(at, '[', ']');
      List<String> args = new ArrayList<>();
      int from = at + 1;
      int depth = 0;
      for (int k = at + 1; k < close; k++) {
        char c = s.charAt(k);
        depth += c == '[' || c == '(' || c == '{' ? 1 : c == ']' || c == ')' || c == '}' ? -1 : 0;
        if (c == ',' && depth == 0) {
          args.add(sub(from, k));
          from = k + 1;
        }
      }
      args.add(sub(from, close));
      at = close + 1;
      String a = args.get(0);
      return switch (head) {
        case "Sqrt" -> "\\sqrt{" + a + "}";
        case "Abs" -> "\\lvert " + a + "\\rvert ";
        case "Inverse" -> a.strip() + "^{-1}";
        case "Total" -> "\\sum " + a;
        case "Log" -> "\\log " + a;
        default -> (NAMED.containsKey(head) ? NAMED.get(head)
            : "\\operatorname{" + head + "}") + "(" + String.join(", ", args) + ")";
      };
    }

    private String sub(int from, int to) {
      return new Converter(s.substring(from, to).strip()).expression(
          s.substring(from, to).strip().length()).strip();
    }

    private int matching(int open, char o, char c) {
      int depth = 0;
      for (int k = open; k < s.length(); k++) {
        depth += s.charAt(k) == o ? 1 : s.charAt(k) == c ? -1 : 0;
        if (depth == 0) {
          return k;
        }
      }
      throw new IllegalArgumentException("unbalanced");
    }
  }
}
