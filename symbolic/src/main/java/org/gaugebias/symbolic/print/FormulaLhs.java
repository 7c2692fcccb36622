package org.gaugebias.symbolic.print;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gaugebias.symbolic.expr.LatexPrinter;
import org.gaugebias.symbolic.trace.Formula;
import org.gaugebias.symbolic.trace.StepKind;

/**
 * The LaTeX left-hand side of a derivation formula, from the step kind and the formula's plain
 * name ({@code xi_2} in GENERATORS is {@code \xi_{2}}): the deriver names its results, the
 * printers typeset them. A formula that carries its own LaTeX (inverse design, hand-built
 * derivations) keeps it.
 */
public final class FormulaLhs {
  private static final Pattern INDEXED = Pattern.compile("(.+)_(\\d+|i)");

  private FormulaLhs() { }

  /** The LaTeX left-hand side, or {@code ""} when there is none (printers then show the name). */
  public static String latex(StepKind kind, Formula f) {
    if (!f.lhs().isBlank()) {
      return f.lhs();
    }
    String name = f.name();
    Matcher m = INDEXED.matcher(name);
    String stem = m.matches() ? m.group(1) : name;
    String index = m.matches() ? m.group(2) : "";
    return switch (kind) {
      case DECLARE -> LatexPrinter.standard().symbol(name);
      case REPRESENTATIVE -> accented("\\tilde", LatexPrinter.standard().symbol(name));
      case JACOBIAN -> name;
      // a recognised rank-one unit (derive.RankOneUnit): P = D I + a aᵀ
      case STRUCTURE -> name.equals("D") ? "D" : indexed("a", stem, "a", index);
      case GENERATORS -> indexed("\\xi", stem, "xi", index);
      case INVARIANCE -> indexed("J_f \\xi", stem, "J_f_xi", index);
      case ALGEBRA_SPLIT -> stem.equals("sym") || stem.equals("anti")
          ? "\\xi^{\\mathrm{" + stem + "}}_{" + index + "}" : "";
      case GAUGE -> indexed("\\chi", stem, "chi", index);
      case GRAM -> name.endsWith("_theta")
          ? name.substring(0, name.length() - "_theta".length()) + "(\\theta)"
          : name + "(\\tilde\\theta(\\beta))";
      case LOG_DET, SIGN_BRANCHES -> name.startsWith("logdet_")
          ? "\\log\\det " + name.substring("logdet_".length()) : "";
      case BIAS -> name.startsWith("R_")
          ? "R_{\\mathrm{" + name.substring("R_".length()) + "}}" : "";
      case ROUTES -> name.equals("coordinate_term")
          ? "R_{\\mathrm{quot}} - R_{\\mathrm{orbit}}" : "";
      case STATIONARY_LAW -> switch (name) {
        case "L" -> "L";
        case "Phi" -> "\\Phi";
        case "p" -> "p(\\beta)";
        default -> "";
      };
      case REPRESENTATION_COST -> name.equals("repcost")
          ? "\\tfrac{1}{2}\\|\\tilde\\theta\\|^2" : "";
      default -> "";
    };
  }

  /**
   * An accent over the nucleus of a symbol only, scripts outside: {@code \tilde{u}_{1}}, not
   * {@code \tilde{u_{1}}} (the tilde would cover the subscript).
   */
  static String accented(String accent, String symbol) {
    int depth = 0;
    for (int i = 0; i < symbol.length(); i++) {
      char c = symbol.charAt(i);
      depth += c == '{' ? 1 : c == '}' ? -1 : 0;
      if (depth == 0 && i > 0 && (c == '_' || c == '^')) {
        return accent + "{" + symbol.substring(0, i) + "}" + symbol.substring(i);
      }
    }
    return accent + "{" + symbol + "}";
  }

  /** {@code symbol_{index}} when the name is {@code stem_index} with the expected stem. */
  private static String indexed(String symbol, String stem, String expected, String index) {
    return stem.equals(expected) && !index.isEmpty() ? symbol + "_{" + index + "}" : "";
  }
}
