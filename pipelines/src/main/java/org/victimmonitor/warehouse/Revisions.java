package org.victimmonitor.warehouse;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.victimmonitor.common.BadInputException;

/**
 * What a report's tables change in an earlier edition's: the CSV files a previous {@code monitor
 * tables} wrote. Each report repeats earlier years (m01 holds every year, m06-m08 every cohort),
 * and a new load links all years again, so a figure already published can come out otherwise: a
 * person linked across years, a late registration, a corrected delivery. The office states such
 * revisions in its report, and a large one points at a problem with the load.
 *
 * <p>Rows are matched on their label columns (every column but the figures: the counts, rates and
 * survival percentages of the table's query). Two kinds:
 *
 * <ul>
 *   <li>{@code revised}: a figure of a table by {@code year}, in a year before the report year;
 *   <li>{@code follow-up}: a figure of a cohort table (m06-m08), which changes by design as the
 *       follow-up grows by a year.
 * </ul>
 *
 * A revised count that moves by less than the threshold is marked: the two editions side by side
 * give that difference, a group smaller than the threshold (who was added or removed is not shown).
 * Hidden cells ({@code <10}, {@code x}) are compared as they are written.
 */
public final class Revisions {

  /** One published figure that differs from the earlier edition. */
  public record Revision(
      String table,
      String row,
      String column,
      String previous,
      String current,
      String kind,
      String note) {}

  /** The header of {@code revisions.csv}. */
  public static final List<String> HEADER =
      List.of("table", "row", "column", "previous", "current", "kind", "note");

  private Revisions() {}

  /**
   * Compares a report's tables with the CSV files of an earlier edition in {@code previous}.
   *
   * @throws BadInputException when the folder holds no monitor table CSV
   */
  public static List<Revision> compare(
      List<PublishedTable> tables, int year, Path previous, DisclosureRules rules)
      throws IOException {
    if (!Files.isDirectory(previous)) {
      throw new BadInputException(previous + ": folder of the earlier edition not found");
    }
    Map<String, MonitorQuery> queries = new HashMap<>();
    for (MonitorQuery q : MonitorTables.queries()) {
      queries.put(q.name(), q);
    }
    List<Revision> out = new ArrayList<>();
    int compared = 0;
    for (PublishedTable t : tables) {
      MonitorQuery q = queries.get(t.name());
      Path file = previous.resolve(t.name() + ".csv");
      if (q == null || !Files.isRegularFile(file)) {
        continue; // m10 is of the report year only; a table the edition did not have
      }
      compared++;
      List<List<String>> before = new ArrayList<>();
      List<String> header;
      try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8);
          CSVParser p =
              CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(r)) {
        header = p.getHeaderNames();
        for (CSVRecord rec : p) {
          before.add(rec.toList());
        }
      }
      if (!header.equals(t.columns())) {
        out.add(
            new Revision(
                t.id(),
                "",
                "",
                String.join(" ", header),
                String.join(" ", t.columns()),
                "layout",
                "the columns differ; not compared"));
        continue;
      }
      Set<String> figures = new LinkedHashSet<>(q.counts());
      q.rates().forEach(rate -> figures.add(rate.column()));
      if (q.km() != null) {
        figures.addAll(q.km().columns());
      }
      List<Integer> labels = new ArrayList<>();
      for (int i = 0; i < t.columns().size(); i++) {
        if (!figures.contains(t.columns().get(i))) {
          labels.add(i);
        }
      }
      int yearColumn = t.columns().indexOf("year");
      Map<String, List<String>> now = new HashMap<>();
      for (List<String> r : t.rows()) {
        now.put(key(t.columns(), labels, r), r);
      }
      for (List<String> was : before) {
        String key = key(t.columns(), labels, was);
        List<String> is = now.get(key);
        if (is == null) {
          continue; // a row this edition does not have (another year's breakdown)
        }
        boolean history =
            yearColumn >= 0
                && was.get(yearColumn).matches("\\d{4}")
                && Integer.parseInt(was.get(yearColumn)) < year;
        if (yearColumn >= 0 && !history) {
          continue;
        }
        for (int i = 0; i < was.size(); i++) {
          if (labels.contains(i) || was.get(i).equals(is.get(i))) {
            continue;
          }
          String column = t.columns().get(i);
          String note = "";
          if (history && q.counts().contains(column)) {
            Long a = number(was.get(i));
            Long b = number(is.get(i));
            if (a != null && b != null && Math.abs(a - b) < rules.threshold()) {
              note =
                  "changed by fewer than "
                      + rules.threshold()
                      + ": the two editions side by side give that small difference";
            }
          }
          out.add(
              new Revision(
                  t.id(),
                  key,
                  column,
                  was.get(i),
                  is.get(i),
                  history ? "revised" : "follow-up",
                  note));
        }
      }
    }
    if (compared == 0) {
      throw new BadInputException(
          previous + ": no monitor table CSV (mNN_<topic>.csv as monitor tables writes them)");
    }
    return out;
  }

  /** Writes {@code revisions.csv}: a header and one line per revision. */
  public static void write(List<Revision> revisions, Path file) throws IOException {
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        CSVPrinter p = new CSVPrinter(w, CSVFormat.DEFAULT)) {
      p.printRecord(HEADER);
      for (Revision r : revisions) {
        p.printRecord(
            r.table(), r.row(), r.column(), r.previous(), r.current(), r.kind(), r.note());
      }
    }
  }

  /**
   * One line on the revisions, e.g. {@code 2 figures of earlier years revised (m01: 2 rows), 1 of
   * them by fewer than 10, 4 follow-up figures changed}.
   */
  public static String summary(List<Revision> revisions, DisclosureRules rules) {
    Map<String, Set<String>> rows = new java.util.TreeMap<>();
    long revised = 0;
    long small = 0;
    long followUp = 0;
    long layout = 0;
    for (Revision r : revisions) {
      switch (r.kind()) {
        case "revised" -> {
          revised++;
          small += r.note().isEmpty() ? 0 : 1;
          rows.computeIfAbsent(r.table(), k -> new java.util.TreeSet<>()).add(r.row());
        }
        case "follow-up" -> followUp++;
        default -> layout++;
      }
    }
    StringBuilder sb = new StringBuilder(revised + " figures of earlier years revised");
    if (!rows.isEmpty()) {
      List<String> per = new ArrayList<>();
      rows.forEach((t, r) -> per.add(t + ": " + r.size() + " rows"));
      sb.append(" (").append(String.join(", ", per)).append(')');
    }
    if (small > 0) {
      sb.append(", ").append(small).append(" of them by fewer than ").append(rules.threshold());
    }
    sb.append(", ").append(followUp).append(" follow-up figures changed");
    if (layout > 0) {
      sb.append(", ")
          .append(layout)
          .append(layout == 1 ? " table" : " tables")
          .append(" with other columns (not compared)");
    }
    return sb.toString();
  }

  /** The row's labels, as {@code year=2019 source=police}. */
  private static String key(List<String> columns, List<Integer> labels, List<String> row) {
    StringBuilder sb = new StringBuilder();
    for (int i : labels) {
      if (sb.length() > 0) {
        sb.append(' ');
      }
      sb.append(columns.get(i)).append('=').append(row.get(i));
    }
    return sb.toString();
  }

  private static Long number(String cell) {
    return cell.matches("\\d+") ? Long.parseLong(cell) : null;
  }
}
