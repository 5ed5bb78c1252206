package org.victimmonitor.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.victimmonitor.cli.ExitCodes;
import org.victimmonitor.cli.MonitorCli;

class CatalogTest {
  @TempDir Path tmp;

  /** A warehouse with one version: a dimension, a partitioned fact, and restricted data. */
  Path warehouse() throws Exception {
    Path w = tmp.resolve("wh");
    Path star = w.resolve("versions/v1/star");
    Files.createDirectories(star.resolve("dim_source"));
    Files.createDirectories(w.resolve("versions/v1/restricted/vault"));
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement st = c.createStatement()) {
      st.execute(
          "copy (select * from (values (1, 'police'), (2, 'care')) t(source_key, source))"
              + " to '"
              + star.resolve("dim_source/part-0.parquet")
              + "' (format parquet)");
      st.execute(
          "copy (select * from (values (1, 2019, 10), (2, 2019, 12), (1, 2020, 7)) t(source_key, year, n))"
              + " to '"
              + star.resolve("fact_registration")
              + "' (format parquet, partition_by (year))");
      st.execute(
          "copy (select 'secret-token' as token) to '"
              + w.resolve("versions/v1/restricted/vault/part-0.parquet")
              + "' (format parquet)");
    }
    Files.writeString(w.resolve("CURRENT"), "v1\n");
    return w;
  }

  @Test
  void catalogHasAViewPerStarTableWithIntegerYearsAndNoRestrictedData() throws Exception {
    Path w = warehouse();
    assertThat(Catalog.rebuild(w)).containsExactly("dim_source", "fact_registration");
    try (Connection c = Catalog.openReadOnly(w)) {
      QueryResult r =
          QueryResult.run(
              c,
              "select s.source, f.year, typeof(f.year) as t, sum(f.n) as n from fact_registration f"
                  + " join dim_source s using (source_key) group by all order by all");
      assertThat(r.rows())
          .containsExactly(
              java.util.List.of("care", "2019", "INTEGER", "12"),
              java.util.List.of("police", "2019", "INTEGER", "10"),
              java.util.List.of("police", "2020", "INTEGER", "7"));
      QueryResult views =
          QueryResult.run(c, "select table_name from information_schema.tables order by 1");
      assertThat(views.rows())
          .extracting(l -> l.get(0))
          .containsExactly("dim_source", "fact_registration");
    }
  }

  @Test
  void sqlCommandIsReadOnlyAndAligned() throws Exception {
    Path w = warehouse();
    Catalog.rebuild(w);
    java.io.StringWriter out = new java.io.StringWriter();
    java.io.StringWriter err = new java.io.StringWriter();
    int code =
        MonitorCli.execute(
            new java.io.PrintWriter(out),
            new java.io.PrintWriter(err),
            "sql",
            "--warehouse",
            w.toString(),
            "select source, source_key from dim_source order by source_key");
    assertThat(code).as(err.toString()).isZero();
    assertThat(out.toString())
        .isEqualTo(
            "source  source_key\n------  ----------\npolice           1\ncare             2\n(2 rows)\n");

    java.io.StringWriter csv = new java.io.StringWriter();
    MonitorCli.execute(
        new java.io.PrintWriter(csv),
        new java.io.PrintWriter(err),
        "sql",
        "--warehouse",
        w.toString(),
        "--csv",
        "select source from dim_source order by 1");
    assertThat(csv.toString()).isEqualTo("source\ncare\npolice\n");

    java.io.StringWriter err2 = new java.io.StringWriter();
    int write =
        MonitorCli.execute(
            new java.io.PrintWriter(new java.io.StringWriter()),
            new java.io.PrintWriter(err2),
            "sql",
            "--warehouse",
            w.toString(),
            "create table x as select 1");
    assertThat(write).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(err2.toString()).contains("query failed").containsIgnoringCase("read-only");
  }

  @Test
  void aFolderWithoutCurrentIsNotAWarehouse() {
    java.io.StringWriter err = new java.io.StringWriter();
    int code =
        MonitorCli.execute(
            new java.io.PrintWriter(new java.io.StringWriter()),
            new java.io.PrintWriter(err),
            "catalog",
            "--warehouse",
            tmp.toString());
    assertThat(code).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(err.toString()).contains("not a warehouse (no CURRENT file)");
  }
}
