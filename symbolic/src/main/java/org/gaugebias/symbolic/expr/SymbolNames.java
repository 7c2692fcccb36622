package org.gaugebias.symbolic.expr;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * How other tools spell the engine's symbols. Inside the engine a component of a shaped quantity
 * is one symbol, {@code beta$1} or {@code U$1$2} ({@code compile.Variable}); outside it is
 * {@code beta_1} / {@code U_1_2} (an identifier that SymPy, Python and every CAS read as one
 * symbol) or {@code beta[1]} / {@code U[1, 2]} (Mathematica's indexed form, which also gives a
 * summation index a meaning: {@code Sum[Log[Abs[beta[i]]], {i, 1, 3}]}).
 */
public final class SymbolNames {
  private static final String SEPARATOR = "$";

  /** Python keywords: an identifier equal to one gets a trailing underscore. */
  private static final Set<String> PYTHON_KEYWORDS = Set.of("False", "None", "True", "and", "as",
      "assert", "async", "await", "break", "class", "continue", "def", "del", "elif", "else",
      "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda",
      "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with", "yield");

  private SymbolNames() {
  }

  /** The name before the first {@code $}: {@code beta} for {@code beta$1}. */
  public static String base(String name) {
    int d = name.indexOf(SEPARATOR);
    return d <= 0 ? name : name.substring(0, d);
  }

  /** The indices after the name, as written: {@code [1, 2]} for {@code U$1$2}; empty for a scalar. */
  public static List<String> indices(String name) {
    List<String> out = new ArrayList<>();
    int d = name.indexOf(SEPARATOR);
    if (d <= 0) {
      return out;
    }
    for (String part : name.substring(d + 1).split("\\$", -1)) {
      out.add(part);
    }
    return out;
  }

  /** Whether the symbol is a component of a vector or matrix ({@code beta$1}). */
  public static boolean isComponent(String name) {
    return !indices(name).isEmpty();
  }

  /**
   * One identifier: {@code beta$1} is {@code beta_1}, {@code U$1$2} is {@code U_1_2}, a
   * summation index {@code beta$i} is {@code beta_i} ({@code beta$i-1} is {@code beta_im1}); a
   * scalar keeps its name.
   */
  public static String identifier(String name) {
    List<String> idx = indices(name);
    // an offset summation index i-1 is im1 (beta_im1): an identifier has no '-'
    return idx.isEmpty() ? name : base(name) + "_" + String.join("_", idx).replace("-", "m");
  }

  /** {@link #identifier} made a legal Python name ({@code lambda} is {@code lambda_}). */
  public static String python(String name) {
    String id = identifier(name);
    return PYTHON_KEYWORDS.contains(id) ? id + "_" : id;
  }

  /** Mathematica's indexed form: {@code beta[1]}, {@code U[1, 2]}, {@code beta[i]}. */
  public static String indexed(String name) {
    List<String> idx = indices(name);
    return idx.isEmpty() ? name : base(name) + "[" + String.join(", ", idx) + "]";
  }

  /**
   * A human description of a symbol: {@code component 1 of the predictor beta}, given what the
   * symbol's base is ({@code "parameter u (vector 3)"}).
   */
  public static String componentMeaning(String name, String whatBaseIs) {
    List<String> idx = indices(name);
    if (idx.isEmpty()) {
      return whatBaseIs;
    }
    return (idx.size() == 1 ? "component " + idx.get(0) : "entry (" + String.join(", ", idx)
        + ")") + " of " + whatBaseIs;
  }
}
