package org.gaugebias.symbolic.print;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.gaugebias.symbolic.expr.LatexPrinter;
import org.gaugebias.symbolic.expr.TextPrinter;

/**
 * A sentence of prose with its mathematics kept apart from its words, so that each printer can
 * render both properly: plain Unicode for the terminal and JSON ({@link #text()}), real LaTeX
 * with math in math mode for documents ({@link #latex(LatexPrinter)}). Symbol names are kept as
 * the engine's names ({@code u$1}) and rendered by the format's symbol printer ({@code u_1},
 * {@code u_{1}}), so no internal name reaches a reader.
 */
public record Sentence(List<Part> parts) {
  public Sentence {
    parts = List.copyOf(parts);
  }

  /** One piece of a sentence. */
  public sealed interface Part { }

  /** Words, rendered as escaped text in LaTeX. */
  public record Words(String text) implements Part {
    public Words {
      Objects.requireNonNull(text, "text");
    }
  }

  /** A formula: its plain Unicode form and its LaTeX (math mode, without delimiters). */
  public record Math(String text, String latex) implements Part {
    public Math {
      Objects.requireNonNull(text, "text");
      Objects.requireNonNull(latex, "latex");
    }
  }

  /**
   * Engine symbols listed in a formula, e.g. the parameters θ = (u_1, …, u_3, v_1, …, v_3):
   * runs of components of one variable longer than {@code 3} are elided in the middle, so that
   * large designs print by structure.
   */
  public record Symbols(List<String> names, String open, String separator, String close)
      implements Part {
    public Symbols {
      names = List.copyOf(names);
    }
  }

  /** Plain Unicode text. */
  public String text() {
    return render(p -> p instanceof Words w ? w.text()
        : p instanceof Math m ? m.text() : symbols((Symbols) p, TextPrinter::symbol, "…"));
  }

  /** LaTeX text-mode source: words escaped, formulas in {@code $…$}. */
  public String latex(LatexPrinter latex) {
    return render(p -> p instanceof Words w ? LatexText.prose(w.text())
        : p instanceof Math m ? "$" + m.latex() + "$"
        : "$" + symbols((Symbols) p, latex::symbol, "\\ldots") + "$");
  }

  private String render(Function<Part, String> part) {
    StringBuilder sb = new StringBuilder();
    parts.forEach(p -> sb.append(part.apply(p)));
    return sb.toString();
  }

  private static String symbols(Symbols s, Function<String, String> symbol, String dots) {
    List<String> out = new ArrayList<>();
    int i = 0;
    List<String> names = s.names();
    while (i < names.size()) {
      int j = i;
      String stem = stem(names.get(i));
      while (j + 1 < names.size() && !stem.isEmpty() && stem.equals(stem(names.get(j + 1)))) {
        j++;
      }
      if (j - i + 1 > 3) {
        out.add(symbol.apply(names.get(i)));
        out.add(dots);
        out.add(symbol.apply(names.get(j)));
      } else {
        for (int k = i; k <= j; k++) {
          out.add(symbol.apply(names.get(k)));
        }
      }
      i = j + 1;
    }
    return s.open() + String.join(s.separator(), out) + s.close();
  }

  /** The variable a component belongs to ({@code u} for {@code u$3}); empty for a scalar. */
  private static String stem(String name) {
    int dollar = name.indexOf('$');
    return dollar > 0 ? name.substring(0, dollar) : "";
  }

  /** Builds a sentence piece by piece. */
  public static final class Builder {
    private final List<Part> parts = new ArrayList<>();

    /** Words. */
    public Builder t(String words) {
      parts.add(new Words(words));
      return this;
    }

    /** A formula in Unicode and in LaTeX. */
    public Builder m(String text, String latex) {
      parts.add(new Math(text, latex));
      return this;
    }

    /** A list of engine symbols, e.g. {@code (u$1, u$2)}. */
    public Builder symbols(List<String> names, String open, String separator, String close) {
      parts.add(new Symbols(names, open, separator, close));
      return this;
    }

    public Sentence build() {
      return new Sentence(parts);
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A sentence of words only (a step's own sentence, an inverse-design note). */
  public static Sentence of(String words) {
    return new Sentence(List.of(new Words(words)));
  }
}
