package org.victimmonitor.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
    // the file's header: "DUCK", then the storage format, 64 = DuckDB 0.10 and 1.0, which every
    // DuckDB client from 0.10 on opens (the monitor queries' variables need 1.1)
    byte[] header = new byte[20];
    try (InputStream in = Files.newInputStream(w.resolve(Catalog.FILE))) {
      assertThat(in.readNBytes(header, 0, 20)).isEqualTo(20);
    }
    assertThat(new String(header, 8, 4, StandardCharsets.US_ASCII)).isEqualTo("DUCK");
    assertThat(ByteBuffer.wrap(header, 12, 8).order(ByteOrder.LITTLE_ENDIAN).getLong())
        .isEqualTo(64L);
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
    assertThat(err2.toString()).contains("query refused: monitor sql runs queries only");
  }

  @Test
  void aQueryCannotWriteIntoThePublishedStarFolder() throws Exception {
    Path w = warehouse();
    Catalog.rebuild(w);
    String wh = w.toString();
    Path dir = w.resolve("versions/v0001/star/dim_source").toAbsolutePath();
    String copy = "copy (select * from dim_source) to '" + dir.resolve("zz.parquet") + "'";
    // DuckDB allows both inside the allowed directory; they would add rows to dim_source
    for (String q : List.of(copy + " (format parquet)", copy + " (format parquet); select 1")) {
      CliResult r = sql("--warehouse", wh, q);
      assertThat(r.code()).as(q).isEqualTo(ExitCodes.BAD_INPUT);
      assertThat(r.err()).as(q).startsWith("sql: error: query refused: monitor sql runs queries");
      assertThat(dir.resolve("zz.parquet")).as(q).doesNotExist();
    }
    for (String q :
        List.of(
            "export database '" + dir + "'",
            "pragma version",
            "explain analyze select 1",
            "set variable x = 1")) {
      assertThat(sql("--warehouse", wh, q).code()).as(q).isEqualTo(ExitCodes.BAD_INPUT);
    }
    assertThat(sql("--warehouse", wh, "select count(*) as n from dim_source"))
        .isEqualTo(new CliResult(0, "n\n-\n7\n(1 row)\n", ""));
    // the statements that only read are queries
    for (String q :
        List.of(
            "describe dim_source",
            "show tables",
            "summarize dim_source",
            "from dim_source select count(*)",
            "with s as (select 1 as a) select a from s")) {
      CliResult r = sql("--warehouse", wh, q);
      assertThat(r.code()).as(q + ": " + r.err()).isZero();
    }
    // a syntax error is DuckDB's own message
    assertThat(sql("--warehouse", wh, "selec 1").err()).startsWith("sql: error: query failed: ");
  }

  @Test
  void aMovedWarehouseSaysToRebuildItsCatalog() throws Exception {
    Path w = warehouse();
    Catalog.rebuild(w);
    Path moved = tmp.resolve("moved");
    try (var files = java.nio.file.Files.walk(w)) {
      for (Path f : files.toList()) {
        Path to = moved.resolve(w.relativize(f).toString());
        if (java.nio.file.Files.isDirectory(f)) {
          java.nio.file.Files.createDirectories(to);
        } else {
          java.nio.file.Files.copy(f, to);
        }
      }
    }
    CliResult r = sql("--warehouse", moved.toString(), "select count(*) as n from dim_source");
    assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(r.err())
        .contains("the warehouse was moved or copied: run monitor catalog --warehouse " + moved);
    Catalog.rebuild(moved);
    assertThat(sql("--warehouse", moved.toString(), "select count(*) as n from dim_source"))
        .isEqualTo(new CliResult(0, "n\n-\n7\n(1 row)\n", ""));
  }

  static CliResult sql(String... args) {
    java.io.StringWriter out = new java.io.StringWriter();
    java.io.StringWriter err = new java.io.StringWriter();
    String[] all = new String[args.length + 1];
    all[0] = "sql";
    System.arraycopy(args, 0, all, 1, args.length);
    int code = MonitorCli.execute(new java.io.PrintWriter(out), new java.io.PrintWriter(err), all);
    return new CliResult(code, out.toString(), err.toString());
  }

  record CliResult(int code, String out, String err) {}

  @Test
  void queriesReadTheStarTablesAndNoOtherFile() throws Exception {
    Path w = warehouse();
    Path vault = w.resolve("versions/v0001/restricted/vault/part-0.parquet").toAbsolutePath();
    assertThat(vault).isRegularFile();
    java.nio.file.Files.writeString(tmp.resolve("extract.csv"), "first_name\nAnna\n");
    String star = w.resolve("versions/v0001/star/dim_source").toAbsolutePath().toString();
    String wh = w.toString();

    assertThat(sql("--warehouse", wh, "select count(*) as n from read_parquet('" + star + "/*')"))
        .isEqualTo(new CliResult(0, "n\n-\n7\n(1 row)\n", ""));
    for (String q :
        List.of(
            "select count(*) from read_parquet('" + vault + "')",
            "select * from read_csv('" + tmp.resolve("extract.csv").toAbsolutePath() + "')",
            "set enable_external_access = true",
            "set allowed_directories = ['/']")) {
      CliResult r = sql("--warehouse", wh, q);
      assertThat(r.code()).as(q).isEqualTo(ExitCodes.BAD_INPUT);
      assertThat(r.err()).as(q).startsWith("sql: error: query ").doesNotContain("Anna");
      assertThat(r.out()).as(q).isEmpty();
    }
  }

  @Test
  void aMonitorQueryWithoutItsReportYearIsAUsageError() throws Exception {
    Path w = warehouse();
    Path m01 =
        Path.of(System.getProperty("project.root", ".."))
            .resolve("sql/monitor/m01_registrations.sql");
    CliResult none = sql("--warehouse", w.toString(), "--file", m01.toString());
    assertThat(none)
        .isEqualTo(
            new CliResult(
                ExitCodes.USAGE,
                "",
                "sql: error: the query reads the variable report_year, which is not set: give it"
                    + " with --var report_year=VALUE (e.g. --var report_year=2020)\n"
                    + "Try 'monitor sql --help' for the options.\n"));
    CliResult misspelt =
        sql("--warehouse", w.toString(), "--var", "reportyear=2021", "--file", m01.toString());
    assertThat(misspelt.code()).isEqualTo(ExitCodes.USAGE);
    CliResult given =
        sql("--warehouse", w.toString(), "--var", "report_year=2021", "--file", m01.toString());
    assertThat(given.code()).as(given.err()).isZero();
    assertThat(given.out()).contains("2021").doesNotContain("(0 rows)");
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
