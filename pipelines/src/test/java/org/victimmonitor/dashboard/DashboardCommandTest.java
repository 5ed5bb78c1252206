package org.victimmonitor.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.victimmonitor.cli.CliRun;
import org.victimmonitor.cli.ExitCodes;
import org.victimmonitor.warehouse.Catalog;
import org.victimmonitor.warehouse.HandMadeWarehouse;

/**
 * {@code monitor dashboard} on a real (hand-made) warehouse: the page holds, cell for cell, what
 * {@code monitor tables} exports for each loaded year, and nothing else.
 */
class DashboardCommandTest {
  @TempDir static Path tmp;
  static Path warehouse;

  @BeforeAll
  static void warehouse() throws Exception {
    warehouse = tmp.resolve("wh");
    HandMadeWarehouse.writeStar(warehouse.resolve("versions/v0001/star"));
    Files.writeString(warehouse.resolve("CURRENT"), "v0001\n");
    Catalog.rebuild(warehouse);
  }

  @Test
  void pageHoldsExactlyTheExportedTablesOfEveryLoadedYear() throws Exception {
    Path out = tmp.resolve("site");
    CliRun r = CliRun.of("dashboard", "--warehouse", warehouse.toString(), "--out", out.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("wrote " + out.resolve("index.html"), "2 report years, 2020-2021");

    String page = Files.readString(out.resolve("index.html"));
    JsonNode data =
        new ObjectMapper().readTree(DashboardBuilderTest.scriptBody(page, "monitor-data"));
    assertThat(data.get("defaultYear").asInt()).isEqualTo(2021);
    assertThat(data.get("years").toString()).isEqualTo("[2020,2021]");
    int compared = 0;
    for (int year : List.of(2020, 2021)) {
      Path tables = tmp.resolve("tables-" + year);
      CliRun t =
          CliRun.of(
              "tables",
              "--warehouse",
              warehouse.toString(),
              "--year",
              Integer.toString(year),
              "--format",
              "csv",
              "--out",
              tables.toString());
      assertThat(t.code()).as(t.err()).isZero();
      JsonNode ofYear = data.get("tables").get(Integer.toString(year));
      for (TableContract contract : DashboardSpec.load().tables().values()) {
        List<List<String>> csv = ExportedTables.read(tables, contract.file());
        if (csv == null) {
          assertThat(ofYear.has(contract.id())).isFalse();
          continue;
        }
        JsonNode rows = ofYear.get(contract.id()).get("rows");
        assertThat(header(ofYear.get(contract.id()))).isEqualTo(csv.get(0));
        List<List<String>> embedded = new ArrayList<>();
        rows.forEach(row -> embedded.add(strings(row)));
        assertThat(embedded).as(year + " " + contract.id()).isEqualTo(csv.subList(1, csv.size()));
        compared++;
      }
    }
    // m01-m09 of both years at least (m10 when the hand-made overlap allows an estimate).
    assertThat(compared).isGreaterThanOrEqualTo(18);
  }

  @Test
  void opensOnTheGivenYearAndLeavesLaterYearsOut() throws Exception {
    Path out = tmp.resolve("site-2020");
    CliRun r =
        CliRun.of(
            "dashboard",
            "--warehouse",
            warehouse.toString(),
            "--out",
            out.toString(),
            "--year",
            "2020");
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode data =
        new ObjectMapper()
            .readTree(
                DashboardBuilderTest.scriptBody(
                    Files.readString(out.resolve("index.html")), "monitor-data"));
    assertThat(data.get("years").toString()).isEqualTo("[2020]");
    assertThat(data.get("defaultYear").asInt()).isEqualTo(2020);
  }

  @Test
  void refusesAYearThatIsNotLoaded() {
    CliRun r =
        CliRun.of(
            "dashboard",
            "--warehouse",
            warehouse.toString(),
            "--out",
            tmp.resolve("none").toString(),
            "--year",
            "2015");
    assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(r.err()).contains("no registrations loaded for 2015", "2020-2021");
    assertThat(Files.exists(tmp.resolve("none/index.html"))).isFalse();
  }

  private static List<String> header(JsonNode table) {
    return strings(table.get("columns"));
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }
}
