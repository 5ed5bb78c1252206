package org.victimmonitor.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;

/**
 * An independent check of a published monitor table, by linear algebra rather than the graph
 * algorithm of {@link CellSuppression}: for every count column, the table's lines (each row with
 * its total, each column with its total) are equations; the unknowns are the hidden cells and the
 * totals the table does not publish. A hidden cell can be worked out exactly when its unit vector
 * lies in the row space of the equations' coefficients.
 */
final class DisclosureOracle {
  private DisclosureOracle() {}

  /** {@code raw} gives each row's place in the table; {@code pub} what is published. */
  static void assertNoHiddenCellIsDetermined(MonitorQuery q, QueryResult raw, PublishedTable pub) {
    assertThat(pub.rows()).hasSameSizeAs(raw.rows());
    List<String> cols = raw.columns();
    int rowCol = cols.indexOf(q.rows());
    int colCol = q.cols() == null ? -1 : cols.indexOf(q.cols());
    String total = q.total();
    for (String count : q.counts()) {
      int pc = pub.columns().indexOf(count);
      Map<List<String>, List<Integer>> groups = new LinkedHashMap<>();
      for (int i = 0; i < raw.rows().size(); i++) {
        List<String> key = new ArrayList<>();
        for (String b : q.by()) {
          key.add(raw.rows().get(i).get(cols.indexOf(b)));
        }
        groups.computeIfAbsent(key, k -> new ArrayList<>()).add(i);
      }
      for (var g : groups.entrySet()) {
        // cell (row value, column value) -> published text; absent margins are unknowns
        Map<List<String>, String> cell = new HashMap<>();
        List<String> rowVals = new ArrayList<>();
        List<String> colVals = new ArrayList<>();
        for (int i : g.getValue()) {
          String r = raw.rows().get(i).get(rowCol);
          String c = colCol < 0 ? "" : raw.rows().get(i).get(colCol);
          cell.put(List.of(r, c), pub.rows().get(i).get(pc));
          if (!r.equals(total) && !rowVals.contains(r)) {
            rowVals.add(r);
          }
          if (!c.equals(total) && !colVals.contains(c)) {
            colVals.add(c);
          }
        }
        List<String> allRows = new ArrayList<>(rowVals);
        allRows.add(total);
        List<String> allCols = new ArrayList<>(colVals);
        if (colCol >= 0) {
          allCols.add(total);
        }
        // unknowns
        Map<List<String>, Integer> unknown = new LinkedHashMap<>();
        for (String r : allRows) {
          for (String c : allCols) {
            boolean margin = r.equals(total) || c.equals(total);
            String v = cell.get(List.of(r, c));
            if (v == null ? margin : !v.matches("\\d+")) {
              unknown.put(List.of(r, c), unknown.size());
            }
          }
        }
        if (unknown.isEmpty()) {
          continue;
        }
        List<double[]> eq = new ArrayList<>();
        // row lines: interior cells of the row minus its total (two-way tables only)
        if (colCol >= 0) {
          for (String r : allRows) {
            double[] e = new double[unknown.size()];
            for (String c : allCols) {
              Integer k = unknown.get(List.of(r, c));
              if (k != null) {
                e[k] += c.equals(total) ? -1 : 1;
              }
            }
            eq.add(e);
          }
        }
        for (String c : allCols) {
          double[] e = new double[unknown.size()];
          for (String r : allRows) {
            Integer k = unknown.get(List.of(r, c));
            if (k != null) {
              e[k] += r.equals(total) ? -1 : 1;
            }
          }
          eq.add(e);
        }
        double[][] m = eq.toArray(double[][]::new);
        int rank = rank(m);
        for (var u : unknown.entrySet()) {
          String v = cell.get(u.getKey());
          if (v == null) {
            continue; // an unpublished total needs no protection
          }
          double[][] plus = new double[m.length + 1][];
          System.arraycopy(m, 0, plus, 0, m.length);
          plus[m.length] = new double[unknown.size()];
          plus[m.length][u.getValue()] = 1;
          assertThat(rank(plus))
              .as(
                  "%s %s %s: hidden cell %s can be worked out",
                  q.name(), count, g.getKey(), u.getKey())
              .isEqualTo(rank + 1);
        }
      }
    }
  }

  static int rank(double[][] m) {
    return new SingularValueDecomposition(new Array2DRowRealMatrix(m)).getRank();
  }

  /** No count cell of a published table shows a value from 1 to threshold - 1. */
  static void assertNoSmallCountShown(MonitorQuery q, PublishedTable pub, int threshold) {
    for (String count : q.counts()) {
      int c = pub.columns().indexOf(count);
      for (List<String> r : pub.rows()) {
        String v = r.get(c);
        if (v.matches("\\d+")) {
          long n = Long.parseLong(v);
          assertThat(n == 0 || n >= threshold).as("%s %s shows %d", q.name(), count, n).isTrue();
        }
      }
    }
  }
}
