package org.gaugebias.symbolic.design;

import java.util.Objects;

/**
 * A place in a design file, 1-based, so that every error the reader or (later) the engine finds
 * can be printed as {@code designs/x.yaml:12:9} and opened by an editor.
 *
 * @param file the file name as the user gave it
 * @param line 1-based line
 * @param column 1-based column (in characters)
 */
public record SourcePos(String file, int line, int column) {
  public SourcePos {
    Objects.requireNonNull(file, "file");
    if (line < 1 || column < 1) {
      throw new IllegalArgumentException("positions are 1-based: " + line + ":" + column);
    }
  }

  /** The first character of {@code file}: for problems that concern the file as a whole. */
  public static SourcePos start(String file) {
    return new SourcePos(file, 1, 1);
  }

  /**
   * The position {@code offset} characters further on the same line: where a problem at that
   * offset of an expression is, given the expression's start. Exact for an expression written
   * on one line without escapes (the usual case; the recorded start of a quoted expression is
   * after its quote). Not exact past the first line of a multi-line scalar or after an escape
   * such as {@code \t}: the reader itself maps such offsets line by line, but a {@link Design}
   * keeps only the start.
   */
  public SourcePos shift(int offset) {
    return offset <= 0 ? this : new SourcePos(file, line, column + offset);
  }

  @Override
  public String toString() {
    return file + ":" + line + ":" + column;
  }
}
