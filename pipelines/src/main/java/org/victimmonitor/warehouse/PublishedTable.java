package org.victimmonitor.warehouse;

import java.util.List;

/**
 * A monitor table as it may leave the secure environment: after disclosure control, cells as text
 * ({@code <10} and {@code x} for hidden cells), internal columns dropped.
 *
 * @param name file name without extension, e.g. {@code m01_registrations}
 * @param title the table's title
 * @param description what the table shows and its grain, from the query header
 * @param notes further notes (rules, caveats), from the query header and disclosure control
 * @param columns the exported columns
 * @param numeric per column: whether it holds numbers (for alignment and spreadsheet types)
 * @param rows the cells as published
 * @param primary how many cells were suppressed as small counts
 * @param secondary how many further cells were hidden to protect them (or as derived rates)
 */
public record PublishedTable(
    String name,
    String title,
    String description,
    List<String> notes,
    List<String> columns,
    List<Boolean> numeric,
    List<List<String>> rows,
    int primary,
    int secondary) {

  public String id() {
    int u = name.indexOf('_');
    return u < 0 ? name : name.substring(0, u);
  }

  /** The same table with other cells, {@code hidden} more of them hidden as partners. */
  public PublishedTable withRows(List<List<String>> cells, int hidden) {
    return new PublishedTable(
        name,
        title,
        description,
        notes,
        columns,
        numeric,
        cells.stream().map(List::copyOf).toList(),
        primary,
        secondary + hidden);
  }

  /** The published table as a query result, for aligned and CSV printing. */
  public QueryResult asResult() {
    return new QueryResult(columns, rows, numeric);
  }
}
