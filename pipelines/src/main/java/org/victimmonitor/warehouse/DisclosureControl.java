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
      int risk = index(q, cols, q.km().risk());
      int events = index(q, cols, q.km().events());
      for (int i = 0; i < cells.size(); i++) {
        long atRisk = parseCount(q, raw, i, risk);
        boolean hide =
            hidden(status, risk, i)
                || atRisk < rules.threshold()
                || small(parseCount(q, raw, i, events), rules);
        if (hide) {
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

  private static boolean small(long v, DisclosureRules rules) {
    return v > 0 && v < rules.threshold();
  }

  private static boolean hidden(Map<Integer, Status[]> status, int c, int row) {
    Status[] st = status.get(c);
    return st != null && st[row] != Status.SHOWN;
  }

  /** Protects one count column; returns the status of the column's cell in every row. */
  static Status[] protectCounts(MonitorQuery q, QueryResult raw, int c, DisclosureRules rules) {
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
    Status[] out = new Status[raw.rows().size()];
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
      long[][] full = new long[nr + 1][nc + 1];
      boolean[][] published = new boolean[nr + 1][nc + 1];
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
          throw new IllegalStateException(
              q.name() + ": two rows for the same cell (" + rv + ") of column " + cols.get(c));
        }
        where[a][b] = i;
        full[a][b] = parseCount(q, raw, i, c);
        published[a][b] = true;
      }
      Cell[][] t = CellSuppression.protect(full, published, null, rules);
      for (int a = 0; a <= nr; a++) {
        for (int b = 0; b <= nc; b++) {
          if (where[a][b] >= 0) {
            out[where[a][b]] = t[a][b].status();
          }
        }
      }
    }
    return out;
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
