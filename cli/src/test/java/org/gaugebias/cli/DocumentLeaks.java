package org.gaugebias.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a document a person reads must not contain: the engine's internal names ({@code u$1},
 * {@code beta$i}, {@code gbB}), characters the LaTeX escaper could not map ({@code [U+00A7]}), and
 * ASCII mathematics escaped into prose ({@code R\_quot}, {@code J\_f}, {@code \textasciicircum})
 * where it should be in math mode. Text inside {@code \texttt{…}} (identifiers, file names) is
 * exempt from the prose check.
 */
final class DocumentLeaks {
  /** An engine component name: a letter then {@code $} then an index, escaped or not. */
  private static final Pattern INTERNAL = Pattern.compile("[A-Za-z0-9]\\\\?\\$[0-9a-z]|gb[A-Z]");
  /** ASCII mathematics escaped as text. */
  private static final Pattern ESCAPED_ASCII = Pattern.compile(
      "\\\\_|\\\\textasciicircum|\\\\textbar|\\\\textless|\\\\textgreater|\\[U\\+[0-9A-F]{4}\\]");

  private DocumentLeaks() { }

  /** Fails on internal names anywhere and escaped ASCII in the prose of a LaTeX document. */
  static void assertNoLeaks(String name, String tex) {
    assertNoInternalNames(name, tex);
    String prose = tex.replaceAll("\\\\texttt\\{[^}]*\\}", "")
        .replaceAll("(?m)^%.*$", "");
    List<String> found = new ArrayList<>();
    Matcher m = ESCAPED_ASCII.matcher(prose);
    while (m.find()) {
      int from = Math.max(0, m.start() - 40);
      found.add(prose.substring(from, Math.min(prose.length(), m.end() + 40)));
    }
    assertThat(found).as("%s: ASCII mathematics escaped into prose", name).isEmpty();
  }

  /** Fails on internal names ({@code u$1}, {@code gbB}) anywhere in the text. */
  static void assertNoInternalNames(String name, String text) {
    List<String> found = new ArrayList<>();
    Matcher m = INTERNAL.matcher(text);
    while (m.find()) {
      int from = Math.max(0, m.start() - 40);
      found.add(text.substring(from, Math.min(text.length(), m.end() + 40)));
    }
    assertThat(found).as("%s: internal names leaked", name).isEmpty();
  }

  /** The page count pdflatex reports in its log ("Output written on x.pdf (1 page, …)"). */
  static int pages(String log) {
    Matcher m = Pattern.compile("Output written on .*?\\((\\d+) pages?").matcher(
        log.replaceAll("\\s*\\n\\s*", " "));
    return m.find() ? Integer.parseInt(m.group(1)) : -1;
  }
}
