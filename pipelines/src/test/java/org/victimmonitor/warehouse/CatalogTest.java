package org.victimmonitor.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.victimmonitor.cli.ExitCodes;
import org.victimmonitor.cli.MonitorCli;

class CatalogTest {
  @TempDir Path tmp;

  /** The hand-made warehouse: every star table, and restricted data. */
  Path warehouse() throws Exception {
    return HandMadeWarehouse.write(tmp.resolve("wh"));
  }

  @Test
  void catalogHasAViewPerStarTableWithIntegerYearsAndNoRestrictedData() throws Exception {
    Path w = warehouse();
    List<String> views =
        List.of(
            "dim_crime_type",
            "dim_date",
            "dim_exploitation_form",
            "dim_municipality",
            "dim_person",
            "dim_source",
            "dim_support_type",
            "fact_registration",
            "fact_support",
            "fact_suspect",
            "fact_victimisation",
            "person_year",
            "person_cohort");
    assertThat(Catalog.rebuild(w)).containsExactlyElementsOf(views);
    try (Connection c = Catalog.openReadOnly(w)) {
      QueryResult r =
          QueryResult.run(
              c,
              "select s.source, f.year, typeof(f.year) as t, count(*) as n from fact_registration f"
                  + " join dim_source s using (source_key) group by all order by all");
      assertThat(r.rows())
          .containsExactly(
              List.of("care", "2020", "INTEGER", "1"),
              List.of("care", "2021", "INTEGER", "1"),
              List.of("inspectorate", "2020", "INTEGER", "1"),
              List.of("kmar", "2021", "INTEGER", "1"),
              List.of("police", "2020", "INTEGER", "1"),
              List.of("police", "2021", "INTEGER", "2"));
      QueryResult listed =
          QueryResult.run(c, "select table_name from information_schema.tables order by 1");
      assertThat(listed.rows())
          .extracting(l -> l.get(0))
          .containsExactlyElementsOf(views.stream().sorted().toList());
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
            "select source, source_key from dim_source where source_key <= 2 order by source_key");
    assertThat(code).as(err.toString()).isZero();
    assertThat(out.toString())
        .isEqualTo(
            "source  source_key\n------  ----------\npolice           1\nkmar             2\n(2 rows)\n");

    java.io.StringWriter csv = new java.io.StringWriter();
    MonitorCli.execute(
        new java.io.PrintWriter(csv),
        new java.io.PrintWriter(err),
        "sql",
        "--warehouse",
        w.toString(),
        "--csv",
        "select source from dim_source where source_key <= 2 order by 1");
    assertThat(csv.toString()).isEqualTo("source\nkmar\npolice\n");

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
