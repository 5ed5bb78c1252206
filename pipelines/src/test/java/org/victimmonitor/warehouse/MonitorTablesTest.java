package org.victimmonitor.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.victimmonitor.cli.CliRun;

/** Disclosure control and export of the monitor tables, on the hand-made warehouse. */
class MonitorTablesTest {
  @TempDir static Path tmp;
  static Path warehouse;

  @BeforeAll
  static void build() throws Exception {
    warehouse = HandMadeWarehouse.write(tmp.resolve("wh"));
  }

  static DisclosureRules threshold(int t) {
    return new DisclosureRules(t, false, 0);
  }

  static PublishedTable table(List<PublishedTable> ts, String id) {
    return ts.stream().filter(t -> t.id().equals(id)).findFirst().orElseThrow();
  }

  static List<String> csvLines(PublishedTable t) throws Exception {
    java.io.StringWriter w = new java.io.StringWriter();
    t.asResult().printCsv(new java.io.PrintWriter(w));
    return w.toString().lines().toList();
  }

  @Test
  void withThresholdOneNothingIsHiddenAndInternalColumnsAreDropped() throws Exception {
    List<PublishedTable> ts = MonitorTables.publish(warehouse, 2021, threshold(1));
    assertThat(ts)
        .extracting(PublishedTable::id)
        .containsExactly("m01", "m02", "m03", "m04", "m05", "m06", "m07", "m08", "m09", "m10");
    assertThat(ts).allMatch(t -> t.primary() == 0 && t.secondary() == 0);
    assertThat(csvLines(table(ts, "m09")))
        .containsExactly(
            "year,police,kmar,inspectorate,care,lists,persons",
            "2021,1,0,0,0,1,2",
            "2021,0,1,0,1,2,1",
            "2021,,,,,1,2",
            "2021,,,,,2,1",
            "2021,,,,,all,3");
    // m06 keeps its percentages and drops the internal counts of events and persons at risk
    assertThat(csvLines(table(ts, "m06")))
        .startsWith(
            "cohort,years,crime_type,cumulative_pct,lower_pct,upper_pct",
            "all,1,any,33.3,5.5,94.6");
  }

  @Test
  void smallCellsArePrimarySuppressedAndPartneredSoNoneCanBeRecovered() throws Exception {
    List<PublishedTable> ts = MonitorTables.publish(warehouse, 2021, threshold(2));
    // persons: three ones in 2020 (hidden, their row total 2 shown); in 2021 kmar and care hide
    // each other. Reports likewise.
    assertThat(csvLines(table(ts, "m01")))
        .containsExactly(
            "year,source,persons,reports",
            "2020,police,<2,<2",
            "2020,inspectorate,<2,<2",
            "2020,care,<2,<2",
            "2020,all,2,3",
            "2021,police,2,2",
            "2021,kmar,<2,<2",
            "2021,care,<2,<2",
            "2021,all,3,4");
    // a rate on a suppressed count is hidden too; m06 hides percentages with < 2 at risk or
    // 1 event, and shows none of those counts
    assertThat(csvLines(table(ts, "m07"))).contains("all,before,4,<2,x", "2020,after,2,0,0.0");
    assertThat(csvLines(table(ts, "m06")))
        .contains("all,1,any,x,x,x", "all,1,violence,0.0,0.0,0.0", "2020,1,property,x,x,x");
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3, 4, 10})
  void noHiddenCellCanBeWorkedOutFromThePublishedCellsAndTotals(int t) throws Exception {
    DisclosureRules rules = threshold(t);
    try (Connection c = Catalog.openReadOnly(warehouse)) {
      for (MonitorQuery q : MonitorTables.queries()) {
        QueryResult raw = MonitorTables.raw(c, q, 2021);
        PublishedTable pub = DisclosureControl.apply(q, raw, rules);
        DisclosureOracle.assertNoSmallCountShown(q, pub, t);
        DisclosureOracle.assertNoHiddenCellIsDetermined(q, raw, pub);
      }
    }
  }

  @Test
  void tablesCommandWritesCsvXlsxAndHtml() throws Exception {
    Path out = tmp.resolve("tables");
    CliRun r =
        CliRun.of(
            "tables",
            "--warehouse",
            warehouse.toString(),
            "--year",
            "2021",
            "--out",
            out.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("m01_registrations", "wrote 12 files");
    List<String> csv = new ArrayList<>();
    try (var s = Files.list(out)) {
      s.map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".csv"))
          .sorted()
          .forEach(csv::add);
    }
    assertThat(csv)
        .containsExactly(
            "m01_registrations.csv",
            "m02_exploitation.csv",
            "m03_age_sex.csv",
            "m04_nationality.csv",
            "m05_region.csv",
            "m06_repeat_victimisation.csv",
            "m07_victim_offender.csv",
            "m08_support.csv",
            "m09_source_overlap.csv",
            "m10_estimate.csv");
    // the default threshold of 10 hides every count of this tiny warehouse but the zeros
    assertThat(Files.readAllLines(out.resolve("m01_registrations.csv")))
        .contains("2021,all,<10,<10")
        .noneMatch(l -> l.matches(".*,[1-9](,.*|$)"));
    assertThat(Files.readString(out.resolve("m10_estimate.csv")))
        .isEqualTo("year,observed,estimate,lower,upper,method,model\n2021,<10,,,,,\n");
    try (InputStream in = Files.newInputStream(out.resolve("monitor-tables-2021.xlsx"));
        Workbook wb = new XSSFWorkbook(in)) {
      assertThat(wb.getNumberOfSheets()).isEqualTo(10);
      Sheet m01 = wb.getSheet("m01");
      assertThat(m01.getRow(0).getCell(0).getStringCellValue())
          .isEqualTo("m01. Registered presumed victims per year, by registering source, 2021");
      assertThat(m01.getRow(3).getCell(0).getStringCellValue()).isEqualTo("year");
      assertThat(m01.getRow(4).getCell(0).getNumericCellValue()).isEqualTo(2020.0);
      assertThat(m01.getRow(4).getCell(2).getStringCellValue()).isEqualTo("<10");
      StringBuilder all = new StringBuilder();
      m01.forEach(row -> row.forEach(cell -> all.append(cell.toString()).append('\n')));
      assertThat(all).contains("Legend: <10 = fewer than 10", TableExport.SOURCE);
    }
    String html = Files.readString(out.resolve("monitor-tables-2021.html"));
    assertThat(html)
        .contains("<caption>Registered presumed victims per year, by registering source, 2021")
        .contains("<th scope=\"col\">persons</th>")
        .contains("<td class=\"n\">&lt;10</td>")
        .doesNotContain("<script");
  }

  @Test
  void aYearWithoutRegistrationsIsABadInput() {
    CliRun r =
        CliRun.of(
            "tables",
            "--warehouse",
            warehouse.toString(),
            "--year",
            "2019",
            "--out",
            tmp.resolve("x").toString());
    assertThat(r.code()).isEqualTo(3);
    assertThat(r.err()).contains("no registrations loaded for 2019; the warehouse has 2020-2021");
    CliRun estimate = CliRun.of("estimate", "--warehouse", warehouse.toString(), "--year", "2019");
    assertThat(estimate.code()).isEqualTo(3);
    assertThat(estimate.err())
        .contains("no registrations loaded for 2019; the warehouse has 2020-2021");
  }

  @Test
  void withRoundingPercentagesAreOfTheRoundedCountsShown() throws Exception {
    int checked = 0;
    for (PublishedTable t :
        MonitorTables.publish(warehouse, 2021, new DisclosureRules(1, false, 5))) {
      int pct = t.columns().indexOf("pct");
      if (pct < 0 || t.id().equals("m06")) {
        continue;
      }
      String numerator = t.id().equals("m07") ? "suspects" : "supported";
      int n = t.columns().indexOf(numerator);
      int d = t.columns().indexOf("persons");
      for (List<String> r : t.rows()) {
        if (r.get(pct).isEmpty() || r.get(pct).equals(DisclosureControl.HIDDEN)) {
          continue;
        }
        long num = Long.parseLong(r.get(n));
        long den = Long.parseLong(r.get(d));
        assertThat(num % 5).isZero();
        assertThat(den % 5).isZero();
        assertThat(r.get(pct))
            .as(t.id() + " " + r)
            .isEqualTo(String.format(java.util.Locale.ROOT, "%.1f", 100.0 * num / den));
        checked++;
      }
    }
    assertThat(checked).isPositive();
  }

  @Test
  void loadedYearsAreNamedAsSpans() {
    assertThat(MonitorTables.spans(List.of())).isEqualTo("none");
    assertThat(MonitorTables.spans(List.of(2021))).isEqualTo("2021");
    assertThat(MonitorTables.spans(List.of(2014, 2015, 2016, 2019, 2021, 2022)))
        .isEqualTo("2014-2016, 2019, 2021-2022");
  }

  @Test
  void formatsAreParsed() {
    assertThat(TableExport.Format.parse("csv, html"))
        .isEqualTo(EnumSet.of(TableExport.Format.CSV, TableExport.Format.HTML));
    CliRun r =
        CliRun.of(
            "tables",
            "--warehouse",
            warehouse.toString(),
            "--year",
            "2021",
            "--out",
            tmp.resolve("y").toString(),
            "--format",
            "pdf");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("--format: unknown format 'pdf'");
  }
}
