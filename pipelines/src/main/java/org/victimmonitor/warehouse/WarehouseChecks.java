package org.victimmonitor.warehouse;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The data tests of {@code sql/checks/}: each query must return zero rows. Run on a star folder (a
 * staging version before it is published, or the published one).
 */
public final class WarehouseChecks {
  private WarehouseChecks() {}

  /** One data test and how many rows it returned (0 = passed). */
  public record Outcome(String name, String description, int rows) {
    public boolean passed() {
      return rows == 0;
    }
  }

  /** Runs every data test on the star tables under {@code star}. */
  public static List<Outcome> run(Path star) throws IOException, SQLException {
    List<Outcome> out = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement st = c.createStatement()) {
      Catalog.createViews(st, star.toAbsolutePath().normalize());
      for (Catalog.SqlFile f : Catalog.SqlFile.list("sql/checks")) {
        String description =
            f.sql().lines().findFirst().orElse("").replaceFirst("^--\\s*[^:]*:\\s*", "");
        QueryResult r;
        try {
          r = QueryResult.run(c, f.sql());
        } catch (SQLException e) {
          String msg = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
          throw new SQLException("data test " + f.name() + " could not run: " + msg, e);
        }
        out.add(new Outcome(f.name(), description, r.rows().size()));
      }
    }
    return out;
  }

  /**
   * Runs the data tests and fails when one does not pass, naming the tests; returns a one-line
   * summary otherwise.
   */
  public static String runOrFail(Path star) throws IOException, SQLException {
    List<Outcome> outcomes = run(star);
    List<String> failed =
        outcomes.stream()
            .filter(o -> !o.passed())
            .map(o -> o.name() + " (" + o.rows() + " rows: " + o.description() + ")")
            .toList();
    if (!failed.isEmpty()) {
      throw new IllegalStateException(
          "data tests failed, nothing published: " + String.join("; ", failed));
    }
    return outcomes.size() + " data tests passed";
  }
}
