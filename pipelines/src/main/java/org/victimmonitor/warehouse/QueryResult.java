package org.victimmonitor.warehouse;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** The rows of one query, as text, with aligned-table and CSV renderings. */
public record QueryResult(List<String> columns, List<List<String>> rows, List<Boolean> numeric) {

  public static QueryResult run(Connection c, String sql) throws SQLException {
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      ResultSetMetaData md = rs.getMetaData();
      List<String> cols = new ArrayList<>();
      List<Boolean> numeric = new ArrayList<>();
      for (int i = 1; i <= md.getColumnCount(); i++) {
        cols.add(md.getColumnLabel(i));
        int t = md.getColumnType(i);
        numeric.add(
            t == java.sql.Types.INTEGER
                || t == java.sql.Types.BIGINT
                || t == java.sql.Types.SMALLINT
                || t == java.sql.Types.TINYINT
                || t == java.sql.Types.DOUBLE
                || t == java.sql.Types.FLOAT
                || t == java.sql.Types.DECIMAL
                || t == java.sql.Types.NUMERIC
                || t == java.sql.Types.REAL);
      }
      List<List<String>> rows = new ArrayList<>();
      while (rs.next()) {
        List<String> r = new ArrayList<>(cols.size());
        for (int i = 1; i <= cols.size(); i++) {
          Object o = rs.getObject(i);
          r.add(o == null ? "" : o.toString());
        }
        rows.add(r);
      }
      return new QueryResult(cols, rows, numeric);
    }
  }

  /** A table aligned in columns (numbers to the right), with a row count. */
  public void printAligned(PrintWriter out) {
    int[] w = new int[columns.size()];
    for (int i = 0; i < w.length; i++) {
      w[i] = columns.get(i).length();
      for (List<String> r : rows) {
        w[i] = Math.max(w[i], r.get(i).length());
      }
    }
    StringBuilder sep = new StringBuilder();
    for (int i = 0; i < w.length; i++) {
      sep.append(i == 0 ? "" : "  ").append("-".repeat(w[i]));
    }
    out.println(line(columns, w));
    out.println(sep);
    for (List<String> r : rows) {
      out.println(line(r, w));
    }
    out.printf("(%d row%s)%n", rows.size(), rows.size() == 1 ? "" : "s");
    out.flush();
  }

  private String line(List<String> values, int[] w) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < w.length; i++) {
      String v = values.get(i);
      String pad = " ".repeat(w[i] - v.length());
      sb.append(i == 0 ? "" : "  ").append(numeric.get(i) ? pad + v : v + pad);
    }
    return sb.toString().stripTrailing();
  }

  public void printCsv(PrintWriter out) throws java.io.IOException {
    CSVPrinter p =
        CSVFormat.DEFAULT
            .builder()
            .setRecordSeparator("\n")
            .setHeader(columns.toArray(String[]::new))
            .get()
            .print(out);
    for (List<String> r : rows) {
      p.printRecord(r);
    }
    p.flush();
  }
}
