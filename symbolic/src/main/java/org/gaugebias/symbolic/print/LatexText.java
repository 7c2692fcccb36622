package org.gaugebias.symbolic.print;

import java.text.Normalizer;
import java.util.Map;

/**
 * Prose (titles, rule sentences, notes, file names) made safe for LaTeX text mode. Design files
 * and rule sentences contain {@code _ % & # $ { } ~ ^ \} and Unicode (β, θ̃, ½, ‖): each is
 * written as a command that pdflatex accepts, so no input can make the document fail to compile.
 * Greek letters and mathematical symbols become {@code \ensuremath{..}} (safe next to each other,
 * unlike {@code $..$$..$}); accented Latin letters become text accents; a character with no
 * mapping is shown as {@code [U+XXXX]} rather than dropped.
 */
final class LatexText {
  private static final Map<Character, String> ASCII = Map.ofEntries(
      Map.entry('\\', "\\textbackslash{}"), Map.entry('{', "\\{"), Map.entry('}', "\\}"),
      Map.entry('$', "\\$"), Map.entry('&', "\\&"), Map.entry('#', "\\#"), Map.entry('%', "\\%"),
      Map.entry('_', "\\_"), Map.entry('~', "\\textasciitilde{}"),
      Map.entry('^', "\\textasciicircum{}"), Map.entry('<', "\\textless{}"),
      Map.entry('>', "\\textgreater{}"), Map.entry('|', "\\textbar{}"));

  /** Non-ASCII symbols as math-mode LaTeX (wrapped in {@code \ensuremath}). */
  private static final Map<Character, String> MATH = Map.ofEntries(
      Map.entry('·', "\\cdot"), Map.entry('×', "\\times"), Map.entry('−', "-"),
      Map.entry('±', "\\pm"), Map.entry('≠', "\\neq"), Map.entry('≤', "\\leq"),
      Map.entry('≥', "\\geq"), Map.entry('≈', "\\approx"), Map.entry('≡', "\\equiv"),
      Map.entry('∝', "\\propto"), Map.entry('∈', "\\in"), Map.entry('∉', "\\notin"),
      Map.entry('⊂', "\\subset"), Map.entry('→', "\\to"), Map.entry('↦', "\\mapsto"),
      Map.entry('⇒', "\\Rightarrow"), Map.entry('∞', "\\infty"), Map.entry('∂', "\\partial"),
      Map.entry('∇', "\\nabla"), Map.entry('∑', "\\sum"), Map.entry('∏', "\\prod"),
      Map.entry('∫', "\\int"), Map.entry('‖', "\\|"),
      Map.entry('⊙', "\\odot"), Map.entry('∘', "\\circ"), Map.entry('⊗', "\\otimes"),
      Map.entry('⊕', "\\oplus"), Map.entry('ᵀ', "^{\\mathsf{T}}"), Map.entry('½', "\\frac{1}{2}"),
      Map.entry('¼', "\\frac{1}{4}"), Map.entry('¾', "\\frac{3}{4}"), Map.entry('⁻', "^{-}"),
      Map.entry('⁺', "^{+}"), Map.entry('ℝ', "\\mathbb{R}"), Map.entry('ℤ', "\\mathbb{Z}"),
      Map.entry('ℕ', "\\mathbb{N}"), Map.entry('ℂ', "\\mathbb{C}"), Map.entry('∀', "\\forall"),
      Map.entry('∃', "\\exists"), Map.entry('∧', "\\wedge"), Map.entry('∨', "\\vee"),
      Map.entry('¬', "\\neg"), Map.entry('°', "^{\\circ}"), Map.entry('ℓ', "\\ell"),
      Map.entry('…', "\\ldots"), Map.entry('⋯', "\\cdots"), Map.entry('⟨', "\\langle"),
      Map.entry('⟩', "\\rangle"), Map.entry('ℚ', "\\mathbb{Q}"), Map.entry('∗', "\\ast"),
      Map.entry('⊥', "\\perp"), Map.entry('≪', "\\ll"), Map.entry('≫', "\\gg"),
      Map.entry('∼', "\\sim"), Map.entry('∩', "\\cap"), Map.entry('∪', "\\cup"),
      Map.entry('√', "\\surd"));

  private static final Map<Character, String> TEXT = Map.ofEntries(
      Map.entry('–', "--"), Map.entry('—', "---"), Map.entry('‘', "`"), Map.entry('’', "'"),
      Map.entry('“', "``"), Map.entry('”', "''"), Map.entry('\u00a0', "~"),
      Map.entry('ß', "\\ss{}"), Map.entry('æ', "\\ae{}"), Map.entry('ø', "\\o{}"),
      Map.entry('Ø', "\\O{}"), Map.entry('å', "\\aa{}"), Map.entry('Å', "\\AA{}"),
      Map.entry('§', "\\S{}"), Map.entry('¶', "\\P{}"), Map.entry('•', "\\textbullet{}"),
      Map.entry('«', "\\guillemotleft{}"), Map.entry('»', "\\guillemotright{}"));

  private static final String[] GREEK_LOWER = {"\\alpha", "\\beta", "\\gamma", "\\delta",
      "\\epsilon", "\\zeta", "\\eta", "\\theta", "\\iota", "\\kappa", "\\lambda", "\\mu",
      "\\nu", "\\xi", "o", "\\pi", "\\rho", "\\varsigma", "\\sigma", "\\tau", "\\upsilon",
      "\\phi", "\\chi", "\\psi", "\\omega"};
  private static final String[] GREEK_UPPER = {"A", "B", "\\Gamma", "\\Delta", "E", "Z", "H",
      "\\Theta", "I", "K", "\\Lambda", "M", "N", "\\Xi", "O", "\\Pi", "P", "", "\\Sigma", "T",
      "\\Upsilon", "\\Phi", "X", "\\Psi", "\\Omega"};

  /** Combining marks after a letter, as math accents (for Greek or symbols) and text accents. */
  private static final Map<Character, String[]> ACCENTS = Map.of(
      '\u0303', new String[] {"\\tilde", "\\~"}, '\u0302', new String[] {"\\hat", "\\^"},
      '\u0304', new String[] {"\\bar", "\\="}, '\u0307', new String[] {"\\dot", "\\."},
      '\u0308', new String[] {"\\ddot", "\\\""}, '\u0301', new String[] {"\\acute", "\\'"},
      '\u0300', new String[] {"\\grave", "\\`"}, '\u030c', new String[] {"\\check", "\\v"},
      '\u0327', new String[] {null, "\\c"});

  private LatexText() {
  }

  /**
   * {@code s} as LaTeX text-mode source. Blank lines become paragraph breaks, other line breaks
   * and tabs become spaces, control characters are dropped.
   */
  static String escape(String s) {
    String in = Normalizer.normalize(s, Normalizer.Form.NFC);
    StringBuilder out = new StringBuilder(in.length() + 16);
    int i = 0;
    while (i < in.length()) {
      char c = in.charAt(i);
      char next = i + 1 < in.length() ? in.charAt(i + 1) : 0;
      if (c == '\n' && next == '\n') {
        out.append("\\par\n");
        while (i < in.length() && in.charAt(i) == '\n') {
          i++;
        }
        continue;
      }
      if (ACCENTS.containsKey(next)) {
        out.append(accented(c, ACCENTS.get(next)));
        i += 2;
        continue;
      }
      out.append(precomposed(c));
      i++;
    }
    return out.toString();
  }

  /**
   * Engine symbols ({@code u$1}) and subscripted ASCII names ({@code R_quot}, {@code J_f},
   * {@code xi_a}) in prose written by hand (inverse-design steps, notes): set in math mode.
   */
  private static final java.util.regex.Pattern ASCII_MATH = java.util.regex.Pattern.compile(
      "(?<![A-Za-z0-9\\\\])(?:([A-Za-z][A-Za-z0-9]*(?:\\$[A-Za-z0-9]+)+)"
      + "|([A-Za-z]|alpha|beta|gamma|delta|theta|lambda|mu|xi|sigma|phi|chi|psi|omega)"
      + "_([A-Za-z0-9]{1,6}))(?![A-Za-z0-9_$])");

  /**
   * Prose as LaTeX with its ASCII mathematics in math mode: engine symbols as the shapes name
   * them ({@code u$1} is $u_{1}$) and subscripted names as subscripts ({@code R_quot} is
   * $R_{\mathrm{quot}}$); everything else as {@link #escape}.
   */
  static String prose(String s) {
    java.util.regex.Matcher m = ASCII_MATH.matcher(s);
    StringBuilder out = new StringBuilder();
    int at = 0;
    while (m.find()) {
      if (m.group(1) == null) {
        continue;
      }
      out.append(TextWithMath.latex(s.substring(at, m.start()), false));
      out.append('$').append(org.gaugebias.symbolic.expr.LatexPrinter.standard()
          .symbol(m.group(1))).append('$');
      at = m.end();
    }
    return out.append(TextWithMath.latex(s.substring(at), false)).toString();
  }

  /** A precomposed accented letter (é, ï) with no mapping of its own, via its decomposition. */
  private static String precomposed(char c) {
    if (c < 128 || TEXT.containsKey(c) || MATH.containsKey(c) || mathFor(c) != null) {
      return character(c);
    }
    String d = Normalizer.normalize(String.valueOf(c), Normalizer.Form.NFD);
    if (d.length() == 2 && ACCENTS.containsKey(d.charAt(1))) {
      return accented(d.charAt(0), ACCENTS.get(d.charAt(1)));
    }
    return character(c);
  }

  private static String accented(char base, String[] accent) {
    String math = mathFor(base);
    if (math == null && base < 128 && Character.isLetter(base)) {
      return accent[1] + "{" + base + "}";
    }
    if (accent[0] == null) {
      return character(base);
    }
    String nucleus = math != null ? math : (base < 128 && Character.isLetterOrDigit(base)
        ? String.valueOf(base) : null);
    return nucleus == null ? character(base) : "\\ensuremath{" + accent[0] + "{" + nucleus + "}}";
  }

  private static String character(char c) {
    if (c == '\n' || c == '\t' || c == '\r') {
      return " ";
    }
    if (c < 32 || c == 127) {
      return "";
    }
    String a = ASCII.get(c);
    if (a != null) {
      return a;
    }
    if (c < 128) {
      return String.valueOf(c);
    }
    String t = TEXT.get(c);
    if (t != null) {
      return t;
    }
    String m = mathFor(c);
    if (m != null) {
      return "\\ensuremath{" + m + "}";
    }
    String script = script(c);
    if (script != null) {
      return "\\ensuremath{" + script + "}";
    }
    return String.format("[U+%04X]", (int) c);
  }

  /** Greek letters and the symbol table, as math-mode source; {@code null} if neither. */
  private static String mathFor(char c) {
    if (c >= 'α' && c <= 'ω') {
      return GREEK_LOWER[c - 'α'];
    }
    if (c >= 'Α' && c <= 'Ω' && !GREEK_UPPER[c - 'Α'].isEmpty()) {
      return GREEK_UPPER[c - 'Α'];
    }
    if (c == 'ϑ') {
      return "\\vartheta";
    }
    if (c == 'ϕ') {
      return "\\phi";
    }
    if (c == 'ϵ') {
      return "\\epsilon";
    }
    return MATH.get(c);
  }

  /** Super- and subscript digits: ² is {@code ^{2}}, ₁ is {@code _{1}}. */
  private static String script(char c) {
    String sup = "⁰¹²³⁴⁵⁶⁷⁸⁹";
    String sub = "₀₁₂₃₄₅₆₇₈₉";
    if (sup.indexOf(c) >= 0) {
      return "^{" + sup.indexOf(c) + "}";
    }
    if (sub.indexOf(c) >= 0) {
      return "_{" + sub.indexOf(c) + "}";
    }
    String subLetters = "ₐₑₒₓₕₖₗₘₙₚₛₜ";
    String letters = "aeoxhklmnpst";
    if (subLetters.indexOf(c) >= 0) {
      return "_{" + letters.charAt(subLetters.indexOf(c)) + "}";
    }
    return null;
  }
}
