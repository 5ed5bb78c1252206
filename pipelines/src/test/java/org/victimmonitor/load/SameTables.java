package org.victimmonitor.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Row-by-row comparison of two warehouse versions (runner parity, recovery drills). */
public final class SameTables {
  private SameTables() {}

  /**
   * Every star and restricted table holds the same rows in both versions: compared in DuckDB with
   * EXCEPT ALL both ways (so duplicates count) over all the table's Parquet files.
   */
  public static void assertSameTables(Path a, Path b) throws SQLException, IOException {
    List<String> tables = new ArrayList<>(TableSchemas.star());
    tables.addAll(TableSchemas.RESTRICTED);
    long compared = 0;
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement st = c.createStatement()) {
      for (String t : tables) {
        String sub = TableSchemas.RESTRICTED.contains(t) ? "restricted/" : "star/";
        Path da = a.resolve(sub + t);
        Path db = b.resolve(sub + t);
        assertThat(parquetFiles(db)).as(t + " files").isEqualTo(parquetFiles(da));
        if (parquetFiles(da) == 0) {
          assertThat(t).as("only the quarantine may be empty").isEqualTo("quarantine");
          continue;
        }
        String ra = scan(da);
        String rb = scan(db);
        long rows = count(st, "select count(*) from " + ra);
        assertThat(count(st, "select count(*) from " + rb)).as(t + " rows").isEqualTo(rows);
        assertThat(
                count(
                    st,
                    "select count(*) from (select * from "
                        + ra
                        + " except all select * from "
                        + rb
                        + ")"))
            .as(t + ": rows only in " + a)
            .isZero();
        assertThat(
                count(
                    st,
                    "select count(*) from (select * from "
                        + rb
                        + " except all select * from "
                        + ra
                        + ")"))
            .as(t + ": rows only in " + b)
            .isZero();
        compared += rows;
      }
    }
    assertThat(compared).isGreaterThan(5_000);
  }

  static String scan(Path dir) {
    return "read_parquet('" + dir + "/**/*.parquet', hive_partitioning = true)";
  }

  static long parquetFiles(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(p -> p.toString().endsWith(".parquet")).count();
    }
  }

  static long count(Statement st, String sql) throws SQLException {
    try (ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
