package org.gaugebias.symbolic.design;

import java.util.Optional;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * Turns YAML marks, and offsets inside scalar values, into {@link SourcePos}itions.
 *
 * <p>An error inside an expression is found as a character offset into the scalar's
 * <em>value</em>, but the value is not the source text: quotes, escapes, block indentation and
 * line folding sit in between. The offset is mapped back by walking the source from the
 * scalar's start mark and matching the value's characters in order, skipping source characters
 * that are not part of the value, and letting a space or newline of the value match a line
 * break of the source (folding). This is exact for plain, quoted, literal and folded scalars in
 * all ordinary cases; a value character written as an escape ({@code \t}, {@code \u00e9}) is
 * placed where its escape starts.
 *
 * <p>Like snakeyaml-engine, it counts columns in code points.
 */
final class SourceText {
  private final String file;
  private final int[] cps;

  SourceText(String file, String text) {
    this.file = file;
    this.cps = codePoints(text);
  }

  String file() {
    return file;
  }

  /** Where a node starts (1:1 when the parser kept no mark). */
  SourcePos pos(Node node) {
    return node == null ? SourcePos.start(file) : pos(node.getStartMark());
  }

  SourcePos pos(Optional<Mark> mark) {
    return mark.map(m -> new SourcePos(file, m.getLine() + 1, m.getColumn() + 1))
        .orElse(SourcePos.start(file));
  }

  /** Where the character at {@code charOffset} of the whole text is (line and column). */
  SourcePos posOfOffset(int charOffset) {
    int line = 1;
    int col = 1;
    int chars = 0;
    for (int k = 0; k < cps.length && chars < charOffset; k++) {
      chars += Character.charCount(cps[k]);
      if (cps[k] == '\n') {
        line++;
        col = 1;
      } else {
        col++;
      }
    }
    return new SourcePos(file, line, col);
  }

  /** Where the character {@code charOffset} of the scalar's value is written. */
  SourcePos posIn(ScalarNode node, int charOffset) {
    Optional<Mark> start = node.getStartMark();
    if (start.isEmpty()) {
      return SourcePos.start(file);
    }
    Mark m = start.get();
    String value = node.getValue();
    int off = Math.max(0, Math.min(charOffset, value.length()));
    if (m.getIndex() < 0 || m.getIndex() > cps.length) {
      return pos(start).shift(off);
    }
    int[] v = codePoints(value);
    int target = value.codePointCount(0, off);
    int end = Math.min(cps.length, node.getEndMark().map(Mark::getIndex).orElse(cps.length));
    Cursor at = new Cursor(m.getIndex(), m.getLine(), m.getColumn());
    for (int k = 0; k <= target && k < v.length; k++) {
      Cursor found = find(at, v[k], end);
      if (found == null) {
        // written differently in the source (an escape such as \t): leave the cursor where
        // the escape starts, and go on matching from there
        continue;
      }
      at = found;
      if (k < target) {
        step(at);
      }
    }
    return new SourcePos(file, at.line + 1, at.col + 1);
  }

  private static int[] codePoints(String s) {
    int[] out = new int[s.codePointCount(0, s.length())];
    for (int i = 0, k = 0; i < s.length(); k++) {
      int c = s.codePointAt(i);
      out[k] = c;
      i += Character.charCount(c);
    }
    return out;
  }

  /** A place in the source: code-point index and 0-based line and column. */
  private static final class Cursor {
    int src;
    int line;
    int col;

    Cursor(int src, int line, int col) {
      this.src = src;
      this.line = line;
      this.col = col;
    }
  }

  /** The first place at or after {@code from} holding {@code wanted}; null if none before end. */
  private Cursor find(Cursor from, int wanted, int end) {
    Cursor c = new Cursor(from.src, from.line, from.col);
    while (c.src < end) {
      if (matches(cps[c.src], wanted)) {
        return c;
      }
      step(c);
    }
    return null;
  }

  private void step(Cursor c) {
    if (isBreakChar(cps[c.src])) {
      c.src += breakLength(c.src);
      c.line++;
      c.col = 0;
    } else {
      c.src++;
      c.col++;
    }
  }

  private boolean matches(int source, int wanted) {
    if (source == wanted) {
      return true;
    }
    return isBreakChar(source) && (wanted == ' ' || wanted == '\n');
  }

  private static boolean isBreakChar(int c) {
    return c == '\n' || c == '\r' || c == 0x85 || c == 0x2028 || c == 0x2029;
  }

  private int breakLength(int i) {
    return cps[i] == '\r' && i + 1 < cps.length && cps[i + 1] == '\n' ? 2 : 1;
  }
}
