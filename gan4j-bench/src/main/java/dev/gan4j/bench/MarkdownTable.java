package dev.gan4j.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * A GitHub-flavoured Markdown table, padded so it also reads well in a terminal. Columns whose
 * header starts with {@code >} are right-aligned (numbers); the marker is not printed.
 *
 * <pre>{@code new MarkdownTable(">n", "name").row("1", "a").render();}</pre>
 */
final class MarkdownTable {
  private final String[] headers;
  private final boolean[] right;
  private final List<String[]> rows = new ArrayList<>();

  MarkdownTable(String... headers) {
    this.headers = new String[headers.length];
    this.right = new boolean[headers.length];
    for (int i = 0; i < headers.length; i++) {
      right[i] = headers[i].startsWith(">");
      this.headers[i] = right[i] ? headers[i].substring(1) : headers[i];
    }
  }

  MarkdownTable row(String... cells) {
    if (cells.length != headers.length) {
      throw new IllegalArgumentException(
          "row has " + cells.length + " cells, table has " + headers.length + " columns");
    }
    rows.add(cells);
    return this;
  }

  String render() {
    int[] width = new int[headers.length];
    for (int i = 0; i < headers.length; i++) {
      width[i] = Math.max(3, headers[i].length());
      for (String[] r : rows) {
        width[i] = Math.max(width[i], r[i].length());
      }
    }
    StringBuilder sb = new StringBuilder();
    line(sb, headers, width);
    sb.append('|');
    for (int i = 0; i < headers.length; i++) {
      sb.append(' ')
          .append("-".repeat(width[i] - (right[i] ? 1 : 0)))
          .append(right[i] ? ":" : "")
          .append(" |");
    }
    sb.append('\n');
    for (String[] r : rows) {
      line(sb, r, width);
    }
    return sb.toString();
  }

  private void line(StringBuilder sb, String[] cells, int[] width) {
    sb.append('|');
    for (int i = 0; i < cells.length; i++) {
      String pad = " ".repeat(width[i] - cells[i].length());
      sb.append(' ').append(right[i] ? pad + cells[i] : cells[i] + pad).append(" |");
    }
    sb.append('\n');
  }
}
