package org.gaugebias.cli;

import java.util.List;

/** A plain-text table with padded columns. */
final class Table {
  private Table() {
  }

  static String render(String[] header, List<String[]> rows) {
    int[] width = new int[header.length];
    for (int c = 0; c < header.length; c++) {
      width[c] = header[c].length();
      for (String[] r : rows) {
        width[c] = Math.max(width[c], r[c].length());
      }
    }
    StringBuilder sb = new StringBuilder();
    line(sb, header, width);
    String[] rule = new String[header.length];
    for (int c = 0; c < header.length; c++) {
      rule[c] = "-".repeat(width[c]);
    }
    line(sb, rule, width);
    for (String[] r : rows) {
      line(sb, r, width);
    }
    return sb.toString();
  }

  private static void line(StringBuilder sb, String[] cells, int[] width) {
    for (int c = 0; c < cells.length; c++) {
      String cell = c == cells.length - 1 ? cells[c]
          : cells[c] + " ".repeat(width[c] - cells[c].length());
      sb.append(cell).append(c == cells.length - 1 ? "" : "  ");
    }
    sb.append('\n');
  }
}
