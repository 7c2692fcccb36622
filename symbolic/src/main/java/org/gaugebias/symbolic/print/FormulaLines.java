package org.gaugebias.symbolic.print;

import java.util.ArrayList;
import java.util.List;
import org.gaugebias.symbolic.expr.Expr;
import org.gaugebias.symbolic.expr.Exprs;
import org.gaugebias.symbolic.expr.LatexPrinter;

/**
 * Breaks the LaTeX of one formula into display lines that fit the page. TeX does not break
 * display math by itself, so a 20-term sum or a 12-column matrix would run off the page (and a
 * {@code pmatrix} over 10 columns is an error). Breaks happen only where the structure allows:
 * between the terms of a sum, between the terms of a bracketed sum that ends a product
 * ({@code \frac{T}{2} \left( .. \right.} / {@code \left. .. \right)}), between vector items, and
 * between column blocks of a matrix. Anything else stays on one line.
 *
 * <p>Widths are estimated by {@link #width(String)} in units of about one ordinary math character;
 * the estimate is deliberately generous, which only costs an earlier break.
 */
final class FormulaLines {
  private static final String OPEN = "\\left(";
  private static final String CLOSE = "\\right)";

  private final LatexPrinter latex;
  private final int maxColumns;

  FormulaLines(LatexPrinter latex, int maxColumns) {
    this.latex = latex;
    this.maxColumns = maxColumns;
  }

  /** The display lines for {@code e}, each at most about {@code budget} wide where possible. */
  List<String> lines(Expr e, double budget) {
    if (e instanceof Expr.Vec v && !v.items().isEmpty()) {
      List<String> split = list(v, budget);
      if (split != null) {
        return split;
      }
    }
    String whole = latex.print(e);
    if (width(whole) <= budget) {
      return List.of(whole);
    }
    if (e instanceof Expr.Add a && a.terms().size() > 1) {
      return pack(latex.sumTerms(a), budget, "", "", false);
    }
    if (e instanceof Expr.Mul m) {
      return productEndingInSum(m, whole, budget);
    }
    return List.of(whole);
  }

  /** Splits a product whose printed form ends in a bracketed sum, or keeps it whole. */
  private List<String> productEndingInSum(Expr.Mul m, String whole, double budget) {
    Expr last = m.factors().isEmpty() ? null : m.factors().get(m.factors().size() - 1);
    if (last instanceof Expr.Add a && a.terms().size() > 1) {
      String suffix = OPEN + latex.print(a) + CLOSE;
      if (whole.endsWith(suffix)) {
        String prefix = whole.substring(0, whole.length() - suffix.length());
        return pack(latex.sumTerms(a), budget, prefix + OPEN + " ", " " + CLOSE, true);
      }
    }
    return List.of(whole);
  }

  /** A vector split between items or a matrix between column blocks; {@code null} if it fits. */
  private List<String> list(Expr.Vec v, double budget) {
    List<List<String>> rows = new ArrayList<>();
    boolean matrix = isMatrix(v);
    for (Expr item : v.items()) {
      List<String> row = new ArrayList<>();
      for (Expr x : matrix ? ((Expr.Vec) item).items() : List.of(item)) {
        row.add(latex.print(x));
      }
      rows.add(row);
    }
    if (!matrix) {
      return vector(rows, budget);
    }
    List<int[]> blocks = columnBlocks(rows, budget);
    if (blocks.size() == 1) {
      return null;
    }
    List<String> out = new ArrayList<>();
    for (int b = 0; b < blocks.size(); b++) {
      String left = b == 0 ? OPEN : "\\left.";
      String right = b == blocks.size() - 1 ? CLOSE : "\\right.";
      out.add(left + matrixBlock(rows, blocks.get(b)) + right);
    }
    return out;
  }

  private List<String> vector(List<List<String>> rows, double budget) {
    List<String> items = new ArrayList<>();
    double total = 0;
    for (int i = 0; i < rows.size(); i++) {
      String s = rows.get(i).get(0);
      items.add(i < rows.size() - 1 ? s + "," : s);
      total += width(s) + 1;
    }
    if (items.size() <= maxColumns && total <= budget) {
      return null;
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < items.size(); i += maxColumns) {
      out.addAll(pack(items.subList(i, Math.min(items.size(), i + maxColumns)), budget, "", "",
          false));
    }
    return bracketLines(out);
  }

  /** Wraps already broken lines in one pair of brackets, each line balanced on its own. */
  private static List<String> bracketLines(List<String> lines) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String left = i == 0 ? OPEN + " " : "\\left. ";
      String right = i == lines.size() - 1 ? " " + CLOSE : " \\right.";
      out.add(left + lines.get(i) + right);
    }
    return out;
  }

  /** Column ranges {@code [from, to)}: at most {@code maxColumns} wide and within the budget. */
  private List<int[]> columnBlocks(List<List<String>> rows, double budget) {
    int cols = rows.get(0).size();
    List<int[]> blocks = new ArrayList<>();
    int from = 0;
    double used = 0;
    for (int c = 0; c < cols; c++) {
      double w = 0;
      for (List<String> row : rows) {
        w = Math.max(w, width(row.get(c)));
      }
      w += 2;
      if (c > from && (c - from >= maxColumns || used + w > budget)) {
        blocks.add(new int[] {from, c});
        from = c;
        used = 0;
      }
      used += w;
    }
    blocks.add(new int[] {from, cols});
    return blocks;
  }

  private static String matrixBlock(List<List<String>> rows, int[] block) {
    List<String> lines = new ArrayList<>();
    for (List<String> row : rows) {
      lines.add(String.join(" & ", row.subList(block[0], block[1])));
    }
    return "\\begin{matrix} " + String.join(" \\\\ ", lines) + " \\end{matrix}";
  }

  /**
   * Greedy packing of chunks into lines; with {@code bracketed}, every line but the last ends in
   * {@code \right.} and every line but the first starts with {@code \left.} so each line is a
   * balanced group.
   */
  private static List<String> pack(List<String> chunks, double budget, String open, String close,
      boolean bracketed) {
    List<List<String>> groups = new ArrayList<>();
    List<String> current = new ArrayList<>();
    double used = width(open);
    for (String chunk : chunks) {
      double w = width(chunk) + 1;
      if (!current.isEmpty() && used + w > budget) {
        groups.add(current);
        current = new ArrayList<>();
        used = 0;
      }
      current.add(chunk);
      used += w;
    }
    groups.add(current);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < groups.size(); i++) {
      boolean first = i == 0;
      boolean last = i == groups.size() - 1;
      String left = first ? open : bracketed ? "\\left. " : "";
      String right = last ? close : bracketed ? " \\right." : "";
      out.add(left + String.join(" ", groups.get(i)) + right);
    }
    return out;
  }

  private static boolean isMatrix(Expr.Vec v) {
    return Exprs.isMatrix(v);
  }

  /** The number of columns of the widest matrix anywhere in {@code e} (0 if none). */
  static int widestMatrix(Expr e) {
    int best = 0;
    if (e instanceof Expr.Vec v && !v.items().isEmpty() && isMatrix(v)) {
      best = ((Expr.Vec) v.items().get(0)).items().size();
    }
    if (e instanceof Expr.Add a) {
      for (Expr x : a.terms()) {
        best = Math.max(best, widestMatrix(x));
      }
    } else if (e instanceof Expr.Mul m) {
      for (Expr x : m.factors()) {
        best = Math.max(best, widestMatrix(x));
      }
    } else if (e instanceof Expr.Pow p) {
      best = Math.max(widestMatrix(p.base()), widestMatrix(p.exponent()));
    } else if (e instanceof Expr.Fn f) {
      for (Expr x : f.args()) {
        best = Math.max(best, widestMatrix(x));
      }
    } else if (e instanceof Expr.Vec v) {
      for (Expr x : v.items()) {
        best = Math.max(best, widestMatrix(x));
      }
    }
    return best;
  }

  /** Estimated printed width of math-mode LaTeX, in ordinary-character units. */
  static double width(String latex) {
    return new Meter(latex).sequence(Integer.MAX_VALUE);
  }

  /** A small recursive reader of LaTeX math source that sums estimated glyph widths. */
  private static final class Meter {
    private final String s;
    private int pos;

    Meter(String s) {
      this.s = s;
    }

    /** Width of tokens until the end, a closing brace at depth 0, or {@code limit} tokens. */
    double sequence(int limit) {
      double w = 0;
      int tokens = 0;
      while (pos < s.length() && tokens < limit) {
        char c = s.charAt(pos);
        if (c == '}') {
          return w;
        }
        w += token();
        tokens++;
      }
      return w;
    }

    private double group() {
      while (pos < s.length() && s.charAt(pos) == ' ') {
        pos++;
      }
      if (pos < s.length() && s.charAt(pos) == '{') {
        pos++;
        double w = sequence(Integer.MAX_VALUE);
        pos = Math.min(s.length(), pos + 1);
        return w;
      }
      return sequence(1);
    }

    private double token() {
      char c = s.charAt(pos++);
      if (c == '\\') {
        return command();
      }
      if (c == '{') {
        double w = sequence(Integer.MAX_VALUE);
        pos = Math.min(s.length(), pos + 1);
        return w;
      }
      if (c == '^' || c == '_') {
        return 0.7 * group();
      }
      if (c == ' ' || c == '&') {
        return 0;
      }
      if (c == '+' || c == '-' || c == '=' || c == '<' || c == '>') {
        return 2.6;
      }
      if (c == ',') {
        return 0.8;
      }
      return 1;
    }

    private double command() {
      if (pos >= s.length()) {
        return 0;
      }
      int start = pos;
      while (pos < s.length() && Character.isLetter(s.charAt(pos))) {
        pos++;
      }
      if (pos == start) {
        char c = s.charAt(pos++);
        return c == ',' || c == ';' || c == ':' || c == '!' ? 0.3 : c == '\\' ? 0 : 1;
      }
      String word = s.substring(start, pos);
      switch (word) {
        case "left":
        case "right":
          return delimiter();
        case "frac":
          return Math.max(group(), group()) + 0.5;
        case "sqrt":
          skipOptional();
          return 1.5 + group();
        case "mathrm":
        case "operatorname":
        case "text":
        case "mathbb":
        case "mathsf":
        case "tilde":
        case "hat":
        case "bar":
          return group();
        case "begin":
          return environment();
        case "end":
          group();
          return 0;
        case "quad":
          return 2;
        case "qquad":
          return 4;
        case "cdot":
        case "in":
        case "neq":
        case "leq":
        case "geq":
        case "wedge":
        case "vee":
        case "propto":
          return 2.6;
        case "sum":
        case "prod":
          return 2;
        default:
          return word.length() <= 2 || Character.isUpperCase(word.charAt(0)) || isGreek(word)
              ? 1 : 0.8 * word.length();
      }
    }

    private static boolean isGreek(String w) {
      return List.of("alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota",
          "kappa", "lambda", "mu", "nu", "xi", "pi", "rho", "sigma", "tau", "upsilon", "phi", "chi",
          "psi", "omega", "varepsilon", "vartheta", "varphi", "infty", "partial", "top", "ell")
          .contains(w);
    }

    private double delimiter() {
      if (pos >= s.length()) {
        return 0;
      }
      char c = s.charAt(pos++);
      if (c == '\\') {
        while (pos < s.length() && Character.isLetter(s.charAt(pos))) {
          pos++;
        }
        if (pos < s.length() && !Character.isLetter(s.charAt(pos - 1))) {
          pos++;
        }
        return 0.7;
      }
      return c == '.' ? 0 : 0.7;
    }

    private void skipOptional() {
      if (pos < s.length() && s.charAt(pos) == '[') {
        int close = s.indexOf(']', pos);
        pos = close < 0 ? s.length() : close + 1;
      }
    }

    /** A matrix-like environment: the widest row, cells summed, plus its brackets. */
    private double environment() {
      int nameStart = pos;
      group();
      String name = s.substring(Math.min(nameStart + 1, s.length()), Math.max(nameStart + 1,
          pos - 1));
      String endTag = "\\end{" + name + "}";
      int depth = 1;
      int i = pos;
      String beginTag = "\\begin{" + name + "}";
      while (i < s.length() && depth > 0) {
        if (s.startsWith(endTag, i)) {
          depth--;
          if (depth == 0) {
            break;
          }
          i += endTag.length();
        } else if (s.startsWith(beginTag, i)) {
          depth++;
          i += beginTag.length();
        } else {
          i++;
        }
      }
      String body = s.substring(pos, Math.min(i, s.length()));
      pos = Math.min(s.length(), i + endTag.length());
      double widest = 0;
      for (String row : body.split("\\\\\\\\")) {
        double w = 0;
        for (String cell : row.split("&")) {
          w += width(cell) + 2;
        }
        widest = Math.max(widest, w);
      }
      return widest + (name.startsWith("p") ? 2 : 0);
    }
  }
}
