package org.victimmonitor.warehouse;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.victimmonitor.warehouse.CellSuppression.Cell;
import org.victimmonitor.warehouse.CellSuppression.Status;

/**
 * Applies the disclosure rules to one monitor table, as its query header describes it ({@link
 * MonitorQuery}): every count column is protected by primary and secondary suppression over the
 * table's rows × columns with their totals; rates and survival percentages are hidden with the
 * counts behind them. Applied on export only, never to the warehouse.
 */
public final class DisclosureControl {
  /** Label of a cell hidden to protect another one, or a rate on a hidden or small count. */
  public static final String HIDDEN = "x";

  private DisclosureControl() {}

  public static PublishedTable apply(MonitorQuery q, QueryResult raw, DisclosureRules rules) {
    List<String> cols = raw.columns();
    List<List<String>> cells = new ArrayList<>();
    for (List<String> r : raw.rows()) {
      cells.add(new ArrayList<>(r));
    }
    // status per (row, column) of every count cell, filled in by protectCounts
    Map<Integer, Status[]> status = new HashMap<>();
    int primary = 0;
    int secondary = 0;
    for (String count : q.counts()) {
      int c = index(q, cols, count);
      Status[] st = protectCounts(q, raw, c, rules);
      status.put(c, st);
      for (int i = 0; i < st.length; i++) {
        if (st[i] == Status.PRIMARY) {
          cells.get(i).set(c, rules.suppressedLabel());
          primary++;
        } else if (st[i] == Status.SECONDARY) {
          cells.get(i).set(c, HIDDEN);
          secondary++;
        } else {
          long v = parseCount(q, raw, i, c);
          cells.get(i).set(c, Long.toString(CellSuppression.round(v, rules.roundingBase())));
        }
      }
    }
    if (!q.counts().isEmpty() && rules.roundingBase() <= 1) {
      // the lines' cells that the per-line analysis leaves determined as whole numbers (two <10
      // cells whose sum the line gives as 2 are 1 each): hide more, and the rates behind them
      LinkedSuppression.Problem p = new LinkedSuppression.Problem();
      for (String count : q.counts()) {
        int c = index(q, cols, count);
        lines(p, q, raw, c, 0, c, false);
      }
      ordered(p, q, raw, 0, c -> index(q, cols, c));
      for (LinkedSuppression.Ref r : LinkedSuppression.protect(p, List.of(cells), rules)) {
        status.get(r.column())[r.row()] = Status.SECONDARY;
        secondary++;
      }
    }
    for (MonitorQuery.Rate rate : q.rates()) {
      int c = index(q, cols, rate.column());
      int num = index(q, cols, rate.numerator());
      int den = index(q, cols, rate.denominator());
      for (int i = 0; i < cells.size(); i++) {
        boolean hide =
            hidden(status, num, i)
                || hidden(status, den, i)
                || small(parseCount(q, raw, i, num), rules)
                || small(parseCount(q, raw, i, den), rules);
        if (hide && !cells.get(i).get(c).isEmpty()) {
          cells.get(i).set(c, HIDDEN);
          secondary++;
        } else if (rules.roundingBase() > 1 && !cells.get(i).get(c).isEmpty()) {
          // from the rounded counts shown beside it: a percentage of the exact counts would give
          // them back (35 suspects shown of 315 persons with 11.4% can only be 36)
          long n = CellSuppression.round(parseCount(q, raw, i, num), rules.roundingBase());
          long d = CellSuppression.round(parseCount(q, raw, i, den), rules.roundingBase());
          cells
              .get(i)
              .set(
                  c, d == 0 ? HIDDEN : String.format(java.util.Locale.ROOT, "%.1f", 100.0 * n / d));
        }
      }
    }
    if (q.km() != null) {
      boolean[] hideKm = kmHidden(q, raw, status, rules);
      for (int i = 0; i < cells.size(); i++) {
        if (hideKm[i]) {
          for (String k : q.km().columns()) {
            cells.get(i).set(index(q, cols, k), HIDDEN);
            secondary++;
          }
        }
      }
    }
    List<Integer> keep = new ArrayList<>();
    for (int c = 0; c < cols.size(); c++) {
      if (!q.internal().contains(cols.get(c))) {
        keep.add(c);
      }
    }
    List<List<String>> out = new ArrayList<>();
    for (List<String> r : cells) {
      out.add(keep.stream().map(r::get).toList());
    }
    List<String> notes = new ArrayList<>();
    for (String k : List.of("Grain", "Notes", "Rules")) {
      if (!q.section(k).isEmpty()) {
        notes.add(k + ": " + q.section(k));
      }
    }
    return new PublishedTable(
        q.name(),
        q.title(),
        q.section("Purpose"),
        List.copyOf(notes),
        keep.stream().map(cols::get).toList(),
        keep.stream().map(raw.numeric()::get).toList(),
        List.copyOf(out),
        primary,
        secondary);
  }

  /**
   * The points of survival curves whose percentages are hidden: fewer than the threshold at risk or
   * as events, or, before censoring starts (events + at risk = the curve's size, when the query
   * names it), cumulative events that exceed those of the curve's previous shown point by fewer
   * than the threshold. A curve is the rows alike in every column but the percentages, the risk,
   * the events, the size and the horizon, taken in the order of the horizon; without a horizon
   * column each row is a curve of its own. Two shown points of a curve before censoring then never
   * differ by a small number of events, which the percentages times the cohort's persons (m07)
   * would give back. After censoring starts a percentage is a Kaplan-Meier product, not events over
   * persons, and the pooled curve (cohort 'all', censored from its newest cohort on) keeps its
   * points.
   */
  static boolean[] kmHidden(
      MonitorQuery q, QueryResult raw, Map<Integer, Status[]> status, DisclosureRules rules) {
    List<String> cols = raw.columns();
    int risk = index(q, cols, q.km().risk());
    int events = index(q, cols, q.km().events());
    int horizon = q.km().horizon() == null ? -1 : index(q, cols, q.km().horizon());
    int size = q.km().size() == null ? -1 : index(q, cols, q.km().size());
    List<String> point = new ArrayList<>(q.km().columns());
    point.addAll(List.of(q.km().risk(), q.km().events()));
    if (size >= 0) {
      point.add(q.km().size());
    }
    Map<List<String>, List<Integer>> curves = new LinkedHashMap<>();
    for (int i = 0; i < raw.rows().size(); i++) {
      List<String> key = new ArrayList<>();
      if (horizon < 0) {
        key.add(Integer.toString(i));
      }
      for (int c = 0; c < cols.size(); c++) {
        if (c != horizon && !point.contains(cols.get(c))) {
          key.add(raw.rows().get(i).get(c));
        }
      }
      curves.computeIfAbsent(key, k -> new ArrayList<>()).add(i);
    }
    boolean[] out = new boolean[raw.rows().size()];
    for (List<Integer> curve : curves.values()) {
      List<Integer> ordered = new ArrayList<>(curve);
      if (horizon >= 0) {
        ordered.sort(
            java.util.Comparator.comparingDouble(
                i -> Double.parseDouble(raw.rows().get(i).get(horizon))));
      }
      long shown = 0;
      for (int i : ordered) {
        long e = parseCount(q, raw, i, events);
        long atRisk = parseCount(q, raw, i, risk);
        boolean uncensored = size < 0 || e + atRisk == parseCount(q, raw, i, size);
        out[i] =
            hidden(status, risk, i)
                || atRisk < rules.threshold()
                || small(e, rules)
                || (uncensored && small(e - shown, rules));
        if (!out[i]) {
          shown = e;
        }
      }
    }
    return out;
  }

  private static boolean small(long v, DisclosureRules rules) {
    return v > 0 && v < rules.threshold();
  }

  private static boolean hidden(Map<Integer, Status[]> status, int c, int row) {
    Status[] st = status.get(c);
    return st != null && st[row] != Status.SHOWN;
  }

  /**
   * The two-way parts of a table as its header describes them: one matrix per value of the {@code
   * by} columns, of raw row indices (-1 where the part has no row), with the row totals in the last
   * column and the column totals in the last row. A table without {@code cols} has one column of
   * cells and its total below.
   */
  static List<int[][]> layout(MonitorQuery q, QueryResult raw) {
    List<String> cols = raw.columns();
    int[] by = q.by().stream().mapToInt(b -> index(q, cols, b)).toArray();
    int rowCol = index(q, cols, q.rows());
    int colCol = q.cols() == null ? -1 : index(q, cols, q.cols());
    Map<List<String>, List<Integer>> parts = new LinkedHashMap<>();
    for (int i = 0; i < raw.rows().size(); i++) {
      List<String> r = raw.rows().get(i);
      List<String> key = new ArrayList<>();
      for (int b : by) {
        key.add(r.get(b));
      }
      parts.computeIfAbsent(key, k -> new ArrayList<>()).add(i);
    }
    List<int[][]> out = new ArrayList<>();
    for (List<Integer> part : parts.values()) {
      Map<String, Integer> rowIdx = new LinkedHashMap<>();
      Map<String, Integer> colIdx = new LinkedHashMap<>();
      for (int i : part) {
        List<String> r = raw.rows().get(i);
        if (!r.get(rowCol).equals(q.total())) {
          rowIdx.putIfAbsent(r.get(rowCol), rowIdx.size());
        }
        String cv = colCol < 0 ? "" : r.get(colCol);
        if (!cv.equals(q.total())) {
          colIdx.putIfAbsent(cv, colIdx.size());
        }
      }
      int nr = rowIdx.size();
      int nc = colCol < 0 ? 1 : colIdx.size();
      int[][] where = new int[nr + 1][nc + 1];
      for (int[] w : where) {
        java.util.Arrays.fill(w, -1);
      }
      for (int i : part) {
        List<String> r = raw.rows().get(i);
        String rv = r.get(rowCol);
        int a = rv.equals(q.total()) ? nr : rowIdx.get(rv);
        int b;
        if (colCol < 0) {
          b = 0;
        } else {
          String cv = r.get(colCol);
          b = cv.equals(q.total()) ? nc : colIdx.get(cv);
        }
        if (where[a][b] >= 0) {
          throw new IllegalStateException(q.name() + ": two rows for the same cell (" + rv + ")");
        }
        where[a][b] = i;
      }
      out.add(where);
    }
    return out;
  }

  /** Protects one count column; returns the status of the column's cell in every row. */
  static Status[] protectCounts(MonitorQuery q, QueryResult raw, int c, DisclosureRules rules) {
    Status[] out = new Status[raw.rows().size()];
    for (int[][] where : layout(q, raw)) {
      int rows = where.length;
      int cols = where[0].length;
      long[][] full = new long[rows][cols];
      boolean[][] published = new boolean[rows][cols];
      for (int a = 0; a < rows; a++) {
        for (int b = 0; b < cols; b++) {
          if (where[a][b] >= 0) {
            full[a][b] = parseCount(q, raw, where[a][b], c);
            published[a][b] = true;
          }
        }
      }
      Cell[][] t = CellSuppression.protect(full, published, null, rules);
      for (int a = 0; a < rows; a++) {
        for (int b = 0; b < cols; b++) {
          if (where[a][b] >= 0) {
            out[where[a][b]] = t[a][b].status();
          }
        }
      }
    }
    return out;
  }

  /**
   * Adds the cells of count column {@code c} of a table to an audit, with its lines: each row and
   * each column that has its total (the total is the sum of the line's cells, or, when it is not,
   * at most their sum and at least each cell). The cells are {@code (table, raw row, column)};
   * {@code fixed} cells are never hidden by the audit.
   */
  static void lines(
      LinkedSuppression.Problem p,
      MonitorQuery q,
      QueryResult raw,
      int c,
      int table,
      int column,
      boolean fixed) {
    for (int[][] where : layout(q, raw)) {
      int rows = where.length;
      int cols = where[0].length;
      int[][] cell = new int[rows][cols];
      for (int a = 0; a < rows; a++) {
        for (int b = 0; b < cols; b++) {
          int i = where[a][b];
          if (i >= 0) {
            LinkedSuppression.Ref r = new LinkedSuppression.Ref(table, i, column);
            long v = parseCount(q, raw, i, c);
            cell[a][b] = fixed ? p.fixedCell(r, v) : p.cell(r, v, a == rows - 1 || b == cols - 1);
          }
        }
      }
      for (int a = 0; a < rows; a++) {
        List<Integer> line = new ArrayList<>();
        for (int b = 0; b < cols - 1; b++) {
          if (where[a][b] >= 0) {
            line.add(cell[a][b]);
          }
        }
        if (where[a][cols - 1] >= 0) {
          p.line(line, cell[a][cols - 1]);
        }
      }
      for (int b = 0; b < cols; b++) {
        List<Integer> line = new ArrayList<>();
        for (int a = 0; a < rows - 1; a++) {
          if (where[a][b] >= 0) {
            line.add(cell[a][b]);
          }
        }
        if (where[rows - 1][b] >= 0) {
          p.line(line, cell[rows - 1][b]);
        }
      }
    }
  }

  /**
   * Adds "a is at most b in this row" for two count columns of a table where that holds in every
   * row (persons at most reports in m01, suspects at most persons in m07): a reader knows it. The
   * cells must be in {@code p} already, at {@code (table, row, column.apply(name))}.
   */
  static void ordered(
      LinkedSuppression.Problem p,
      MonitorQuery q,
      QueryResult raw,
      int table,
      java.util.function.ToIntFunction<String> column) {
    for (String a : q.counts()) {
      for (String b : q.counts()) {
        int ca = index(q, raw.columns(), a);
        int cb = index(q, raw.columns(), b);
        if (a.equals(b)) {
          continue;
        }
        boolean holds = true;
        for (int i = 0; i < raw.rows().size() && holds; i++) {
          holds = parseCount(q, raw, i, ca) <= parseCount(q, raw, i, cb);
        }
        if (!holds) {
          continue;
        }
        for (int i = 0; i < raw.rows().size(); i++) {
          Integer x = p.index.get(new LinkedSuppression.Ref(table, i, column.applyAsInt(a)));
          Integer y = p.index.get(new LinkedSuppression.Ref(table, i, column.applyAsInt(b)));
          if (x != null && y != null) {
            p.atMost(List.of(x), List.of(y));
          }
        }
      }
    }
  }

  private static long parseCount(MonitorQuery q, QueryResult raw, int row, int c) {
    String v = raw.rows().get(row).get(c);
    if (v.isEmpty()) {
      return 0;
    }
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw new IllegalStateException(
          q.name() + ": column " + raw.columns().get(c) + " is a count but holds a non-integer");
    }
  }

  private static int index(MonitorQuery q, List<String> cols, String name) {
    int i = cols.indexOf(Objects.requireNonNull(name));
    if (i < 0) {
      throw new IllegalStateException(q.name() + ".sql: the query has no column " + name);
    }
    return i;
  }
}
