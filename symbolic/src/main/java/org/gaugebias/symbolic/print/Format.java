package org.gaugebias.symbolic.print;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The output formats of a derivation, each with the name the command line accepts and the usual
 * file extension. {@link #printer()} builds the format's printer with default options.
 */
public enum Format {
  /** A readable plain-text report ({@link TextDerivationPrinter}). */
  TEXT("text", "txt"),
  /** A standalone LaTeX document that pdflatex compiles ({@link LatexDerivationPrinter}). */
  LATEX("latex", "tex"),
  /** The versioned JSON schema {@value JsonDerivationPrinter#SCHEMA} ({@link JsonDerivationPrinter}). */
  JSON("json", "json");

  private final String id;
  private final String extension;

  Format(String id, String extension) {
    this.id = id;
    this.extension = extension;
  }

  /** The name used on the command line: {@code text}, {@code latex} or {@code json}. */
  public String id() {
    return id;
  }

  /** The file extension without a dot: {@code txt}, {@code tex} or {@code json}. */
  public String extension() {
    return extension;
  }

  /**
   * The format named {@code name} (its id or its extension, any case). The error message lists
   * the accepted names, so a command line can show it as is.
   */
  public static Format byName(String name) {
    String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
    for (Format f : values()) {
      if (f.id.equals(key) || f.extension.equals(key)) {
        return f;
      }
    }
    throw new IllegalArgumentException("unknown output format '" + name + "' (expected one of: "
        + Arrays.stream(values()).map(Format::id).collect(Collectors.joining(", ")) + ")");
  }

  /** Whether the format has a brief form (about one page): text and LaTeX. */
  public boolean hasBrief() {
    return this != JSON;
  }

  /**
   * This format's printer with default options, brief ({@link #hasBrief()} formats only) or
   * complete.
   */
  public DerivationPrinter printer(boolean brief) {
    if (!brief) {
      return printer();
    }
    if (this == TEXT) {
      return new TextDerivationPrinter(TextDerivationPrinter.Options.defaults().briefly());
    } else if (this == LATEX) {
      return new LatexDerivationPrinter(LatexDerivationPrinter.Options.defaults().briefly());
    }
    throw new IllegalArgumentException("--brief applies to the text and latex formats, not "
        + id);
  }

  /** This format's printer with default options. */
  public DerivationPrinter printer() {
    if (this == TEXT) {
      return new TextDerivationPrinter(TextDerivationPrinter.Options.defaults());
    } else if (this == LATEX) {
      return new LatexDerivationPrinter(LatexDerivationPrinter.Options.defaults());
    }
    return new JsonDerivationPrinter(JsonDerivationPrinter.Options.defaults());
  }
}
