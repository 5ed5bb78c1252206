package org.victimmonitor.warehouse;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One monitor table's query ({@code sql/monitor/mNN_<topic>.sql}) with what its header says: the
 * title, the described sections (Purpose, Grain, Inputs, Notes, Rules) and the directives that tell
 * disclosure control how the table is built:
 *
 * <ul>
 *   <li>{@code -- @counts a, b}: count columns, each protected as its own table;
 *   <li>{@code -- @table by=x,y rows=r cols=c total=all}: rows with the same {@code by} values form
 *       one table of {@code rows} × {@code cols} (cols optional), whose totals carry the value
 *       {@code total};
 *   <li>{@code -- @rate pct = num / den}: a percentage hidden with its counts;
 *   <li>{@code -- @km a, b risk=r events=e horizon=h size=n}: survival percentages hidden when
 *       fewer than the threshold are at risk or lie behind them as events, or (with {@code
 *       horizon}, the column that orders the points of one curve) when the events since the curve's
 *       previous shown point are fewer than the threshold; with {@code size} (the curve's persons
 *       at time zero) that last rule holds before censoring only, where the percentage is events /
 *       size;
 *   <li>{@code -- @internal a, b}: columns used for control only, never exported.
 * </ul>
 */
public record MonitorQuery(
    String name,
    String title,
    Map<String, String> sections,
    List<String> counts,
    List<String> by,
    String rows,
    String cols,
    String total,
    List<Rate> rates,
    Km km,
    List<String> internal,
    String sql) {

  /** A percentage column and the counts it is computed from. */
  public record Rate(String column, String numerator, String denominator) {}

  /** Survival percentages and the counts behind them. */
  public record Km(List<String> columns, String risk, String events, String horizon, String size) {}

  /** The table's id, e.g. {@code m01}. */
  public String id() {
    int u = name.indexOf('_');
    return u < 0 ? name : name.substring(0, u);
  }

  public String section(String key) {
    return sections.getOrDefault(key, "");
  }

  /** Parses the header of a monitor query file. */
  public static MonitorQuery parse(String name, String sql) {
    String title = null;
    Map<String, String> sections = new LinkedHashMap<>();
    List<String> counts = List.of();
    List<String> by = List.of();
    String rows = null;
    String cols = null;
    String total = "all";
    List<Rate> rates = new ArrayList<>();
    Km km = null;
    List<String> internal = List.of();
    String current = null;
    for (String line : sql.lines().toList()) {
      if (!line.startsWith("--")) {
        break;
      }
      String text = line.substring(2);
      String body = text.strip();
      if (title == null) {
        String prefix = name + ":";
        if (!body.startsWith(prefix)) {
          throw new IllegalArgumentException(
              name + ".sql: the first line must be '-- " + name + ": <title>'");
        }
        title = body.substring(prefix.length()).strip();
        continue;
      }
      if (body.startsWith("@")) {
        current = null;
        int sp = body.indexOf(' ');
        String directive = sp < 0 ? body.substring(1) : body.substring(1, sp);
        String arg = sp < 0 ? "" : body.substring(sp + 1).strip();
        switch (directive) {
          case "counts" -> counts = list(arg);
          case "internal" -> internal = list(arg);
          case "table" -> {
            for (String kv : arg.split("\\s+")) {
              String[] p = kv.split("=", 2);
              if (p.length != 2) {
                throw new IllegalArgumentException(name + ".sql: bad @table part '" + kv + "'");
              }
              switch (p[0]) {
                case "by" -> by = list(p[1]);
                case "rows" -> rows = p[1];
                case "cols" -> cols = p[1];
                case "total" -> total = p[1];
                default ->
                    throw new IllegalArgumentException(name + ".sql: unknown @table key " + p[0]);
              }
            }
          }
          case "rate" -> {
            String[] p = arg.split("[=/]");
            if (p.length != 3) {
              throw new IllegalArgumentException(
                  name + ".sql: @rate must read 'column = numerator / denominator'");
            }
            rates.add(new Rate(p[0].strip(), p[1].strip(), p[2].strip()));
          }
          case "km" -> {
            List<String> columns = new ArrayList<>();
            String risk = null;
            String events = null;
            String horizon = null;
            String size = null;
            for (String part : arg.split("[,\\s]+")) {
              if (part.startsWith("size=")) {
                size = part.substring(5);
              } else if (part.startsWith("horizon=")) {
                horizon = part.substring(8);
              } else if (part.startsWith("risk=")) {
                risk = part.substring(5);
              } else if (part.startsWith("events=")) {
                events = part.substring(7);
              } else if (!part.isEmpty()) {
                columns.add(part);
              }
            }
            if (risk == null || events == null) {
              throw new IllegalArgumentException(name + ".sql: @km needs risk= and events=");
            }
            km = new Km(List.copyOf(columns), risk, events, horizon, size);
          }
          default ->
              throw new IllegalArgumentException(name + ".sql: unknown directive @" + directive);
        }
        continue;
      }
      int colon = body.indexOf(':');
      if (!text.startsWith("   ") && colon > 0 && body.substring(0, colon).matches("[A-Z][a-z]+")) {
        current = body.substring(0, colon);
        sections.put(current, body.substring(colon + 1).strip());
      } else if (current != null && !body.isEmpty()) {
        sections.put(current, sections.get(current) + " " + body);
      }
    }
    if (title == null) {
      throw new IllegalArgumentException(name + ".sql: no header");
    }
    if (!counts.isEmpty() && rows == null) {
      throw new IllegalArgumentException(name + ".sql: @counts needs a @table with rows=");
    }
    return new MonitorQuery(
        name,
        title,
        java.util.Collections.unmodifiableMap(sections),
        counts,
        by,
        rows,
        cols,
        total,
        List.copyOf(rates),
        km,
        internal,
        sql);
  }

  private static List<String> list(String s) {
    return Arrays.stream(s.split(",")).map(String::strip).filter(x -> !x.isEmpty()).toList();
  }
}
