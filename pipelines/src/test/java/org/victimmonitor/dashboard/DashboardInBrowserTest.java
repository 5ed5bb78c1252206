package org.victimmonitor.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.victimmonitor.cli.CliRun;
import org.victimmonitor.common.FileTrees;
import org.victimmonitor.warehouse.Catalog;
import org.victimmonitor.warehouse.HandMadeWarehouse;

/**
 * Opens the dashboard built from the fixture tables in headless Chromium, from the file system: no
 * console error or warning, no request but the file itself, every chart drawn as a non-empty SVG,
 * and every number on the page (data tables, headline figures, chart data) equal to the cell of the
 * exported table it came from, suppressed cells shown as their labels and never plotted.
 * Screenshots and a printed PDF go to {@code target/dashboard/}.
 *
 * <p>In CI ({@code CI=true}) a missing browser fails the test: {@code .ci/run} installs it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardInBrowserTest {
  private static final Path OUT = Path.of("target", "dashboard");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SUPPRESSED = "<\\d+|x";

  private HeadlessChromium chromium;
  private SortedMap<Integer, Path> tables;
  private Path page;
  private Path profile;
  private final Map<String, List<List<String>>> csvCache = new HashMap<>();

  @BeforeAll
  void startBrowser() throws Exception {
    if (!HeadlessChromium.available()) {
      String why = HeadlessChromium.BINARY + " not found: install it with apt-get install chromium";
      if ("true".equals(System.getenv("CI"))) {
        fail(why);
      }
      Assumptions.abort(why);
    }
    tables = ExportedTables.fixtures();
    page = new DashboardBuilder().build(tables, OUT.resolve("page")).toAbsolutePath();
    profile = Files.createTempDirectory("chromium-profile");
    chromium = HeadlessChromium.start(profile);
  }

  @AfterAll
  void stopBrowser() throws Exception {
    if (chromium != null) {
      chromium.close();
      try {
        FileTrees.deleteTree(profile);
      } catch (java.io.IOException e) {
        // a renderer still closing may hold a file; the profile is only a temporary folder
      }
    }
  }

  @Test
  void pageRendersOfflineWithEveryChartAndTheExportedNumbers() throws Exception {
    HeadlessChromium.Page tab = chromium.newPage(1280, 900);
    String url = page.toUri().toString();
    tab.open(url);
    tab.waitUntil("window.monitorDashboard && window.monitorDashboard.ready");

    assertThat(tab.eval("window.monitorDashboard.year").asInt()).isEqualTo(2021);
    checkYear(tab, 2021);
    // m08 pools no cohorts: the headline is the newest cohort's, against the one before it
    assertThat(
            tab.eval(
                    "Array.from(document.querySelectorAll('.card')).map(c => c.textContent)"
                        + ".find(t => t.startsWith('Municipal support'))")
                .asText())
        .isEqualTo(
            "Municipal support within 12 months, cohort 202054.9%"
                + "\u22120.1 percentage points from 2020 (55.0%).");
    tab.screenshot(OUT.resolve("dashboard-2021.png"));
    tab.pdf(OUT.resolve("dashboard-2021-print.pdf"));

    // The year selector redraws the whole page from the other year's tables.
    tab.eval(
        "(() => { const s = document.getElementById('year-select'); s.value = '2020';"
            + " s.dispatchEvent(new Event('change')); return s.value; })()");
    tab.waitUntil("window.monitorDashboard.year === 2020");
    checkYear(tab, 2020);
    String support = tab.eval("document.getElementById('support').textContent").asText();
    assertThat(support).contains("Not available for 2020").contains("m08_support.csv");
    tab.screenshot(OUT.resolve("dashboard-2020.png"));

    assertThat(tab.problems()).isEmpty();
    assertThat(tab.requests()).containsOnly(url);
    assertThat(Files.size(OUT.resolve("dashboard-2021.png"))).isGreaterThan(50_000);
  }

  /** The same checks on tables that monitor tables exported from a (hand-made) warehouse. */
  @Test
  void pageOfExportedTablesRenders() throws Exception {
    Path root = OUT.resolve("export");
    FileTrees.deleteTree(root);
    Path warehouse = root.resolve("wh");
    HandMadeWarehouse.writeStar(warehouse.resolve("versions/v0001/star"));
    Files.writeString(warehouse.resolve("CURRENT"), "v0001\n");
    Catalog.rebuild(warehouse);
    SortedMap<Integer, Path> exported = new TreeMap<>();
    for (int year : List.of(2020, 2021)) {
      Path dir = root.resolve(Integer.toString(year));
      CliRun r =
          CliRun.of(
              "tables",
              "--warehouse",
              warehouse.toString(),
              "--year",
              Integer.toString(year),
              "--format",
              "csv",
              "--out",
              dir.toString());
      assertThat(r.code()).as(r.err()).isZero();
      exported.put(year, dir);
    }
    Path built = new DashboardBuilder().build(exported, OUT.resolve("exported")).toAbsolutePath();
    HeadlessChromium.Page tab = chromium.newPage(1280, 900);
    tab.open(built.toUri().toString());
    tab.waitUntil("window.monitorDashboard && window.monitorDashboard.ready");
    checkYear(tab, 2021, exported, false);
    tab.screenshot(OUT.resolve("dashboard-exported-2021.png"));
    assertThat(tab.problems()).isEmpty();
    assertThat(tab.requests()).containsOnly(built.toUri().toString());
  }

  /** The checks' own check: a page that errs and fetches is caught. */
  @Test
  void catchesConsoleErrorsAndRequests() throws Exception {
    Path bad = OUT.resolve("bad.html").toAbsolutePath();
    Files.createDirectories(bad.getParent());
    Files.writeString(
        bad,
        "<!DOCTYPE html><title>bad</title><img src=\"http://127.0.0.1:9/chart.png\" alt=\"\">"
            + "<script>console.error('boom'); window.done = true;</script>");
    HeadlessChromium.Page tab = chromium.newPage(800, 600);
    tab.open(bad.toUri().toString());
    tab.waitUntil("window.done");
    assertThat(tab.problems()).anyMatch(p -> p.contains("boom"));
    assertThat(tab.requests()).contains("http://127.0.0.1:9/chart.png");
  }

  private void checkYear(HeadlessChromium.Page tab, int year) throws Exception {
    checkYear(tab, year, tables, true);
  }

  private void checkYear(
      HeadlessChromium.Page tab, int year, SortedMap<Integer, Path> tables, boolean fixtures)
      throws Exception {
    // Every chart whose table was exported for the year is drawn.
    JsonNode charts =
        tab.eval(
            "Array.from(document.querySelectorAll('[data-chart]')).map(f => {"
                + " const box = f.querySelector('.chart'); const svg = box.querySelector('svg');"
                + " const chart = echarts.getInstanceByDom(box);"
                + " return { id: f.dataset.chart, width: svg ? svg.getBoundingClientRect().width : 0,"
                + "  marks: svg ? svg.querySelectorAll('path, rect').length : 0,"
                + "  label: box.getAttribute('aria-label') || '',"
                + "  table: f.querySelectorAll('table caption, table th[scope=col]').length,"
                + "  items: chart ? chart.getOption().series.flatMap(s => s.data"
                + "   .filter(d => d && d.src).map(d => ({ src: d.src, value: d.value }))) : null };"
                + "})");
    assertThat(chartIds(charts)).isEqualTo(expectedCharts(tables, year));
    int plotted = 0;
    int suppressedNotPlotted = 0;
    for (JsonNode chart : charts) {
      String id = chart.get("id").asText();
      assertThat(chart.get("width").asDouble()).as(id + " width").isGreaterThan(300);
      assertThat(chart.get("marks").asInt()).as(id + " SVG marks").isGreaterThan(fixtures ? 10 : 0);
      assertThat(chart.get("label").asText()).as(id + " aria-label").isNotBlank();
      assertThat(chart.get("table").asInt()).as(id + " data table").isGreaterThan(1);
      for (JsonNode item : chart.get("items")) {
        String cell = cell(tables, item.get("src").asText(), year);
        if (item.get("value").isNull()) {
          assertThat(cell).as(item.toString()).matches(SUPPRESSED + "|");
          suppressedNotPlotted++;
        } else {
          assertThat(cell).as(item.toString()).matches("-?\\d+(\\.\\d+)?");
          assertThat(item.get("value").asDouble())
              .as(item.toString())
              .isEqualTo(Double.parseDouble(cell));
          plotted++;
        }
      }
    }
    if (fixtures) {
      assertThat(plotted).isGreaterThan(100);
      assertThat(suppressedNotPlotted).isGreaterThan(0);
    }

    // Every value shown in a data table or a headline card is its cell of the exported table.
    JsonNode shown =
        tab.eval(
            "Array.from(document.querySelectorAll('[data-src]')).map(n =>"
                + " ({ src: n.dataset.src, text: n.textContent, tag: n.tagName }))");
    int suppressedShown = 0;
    int cards = 0;
    for (JsonNode n : shown) {
      String cell = cell(tables, n.get("src").asText(), year);
      String text = n.get("text").asText();
      if (n.get("tag").asText().equals("TD")) {
        assertThat(text).as(n.toString()).isEqualTo(cell);
      } else {
        cards++;
        assertThat(text.replace(",", "").replace("%", "")).as(n.toString()).isEqualTo(cell);
      }
      if (cell.matches(SUPPRESSED)) {
        suppressedShown++;
      }
    }
    assertThat(shown.size()).isGreaterThan(fixtures ? 300 : 50);
    assertThat(cards).isGreaterThanOrEqualTo(4);
    assertThat(suppressedShown).isGreaterThan(0);
    // ...and is announced above its table.
    assertThat(tab.eval("document.querySelectorAll('.note').length").asInt()).isGreaterThan(0);

    // What a screen reader needs: captions, header scopes, named charts, a labelled selector.
    JsonNode a11y =
        tab.eval(
            "({ lang: document.documentElement.lang,"
                + " tables: document.querySelectorAll('table').length,"
                + " noCaption: document.querySelectorAll('table:not(:has(> caption))').length,"
                + " noScope: document.querySelectorAll('th:not([scope])').length,"
                + " unnamedCharts: Array.from(document.querySelectorAll('.chart'))"
                + "  .filter(c => c.getAttribute('role') !== 'img' || !c.getAttribute('aria-label'))"
                + "  .length,"
                + " selectLabel: document.querySelector('label[for=year-select]').textContent,"
                + " h1: document.querySelectorAll('h1').length })");
    assertThat(a11y.get("lang").asText()).isEqualTo("en");
    assertThat(a11y.get("tables").asInt()).isEqualTo(charts.size());
    assertThat(a11y.get("noCaption").asInt()).isZero();
    assertThat(a11y.get("noScope").asInt()).isZero();
    assertThat(a11y.get("unnamedCharts").asInt()).isZero();
    assertThat(a11y.get("selectLabel").asText()).isEqualTo("Report year");
    assertThat(a11y.get("h1").asInt()).isEqualTo(1);
  }

  /** The cell {@code year|mNN|row|column} of the exported CSV (row 0 is the first data row). */
  private String cell(SortedMap<Integer, Path> tables, String src, int shownYear) {
    String[] p = src.split("\\|");
    int year = Integer.parseInt(p[0]);
    assertThat(year).as(src).isIn(shownYear, shownYear - 1);
    Path dir = tables.get(year);
    List<List<String>> csv =
        csvCache.computeIfAbsent(dir + p[1], k -> readUnchecked(dir, stem(p[1])));
    assertThat(csv).as(src).isNotNull();
    int column = csv.get(0).indexOf(p[3]);
    assertThat(column).as(src).isNotNegative();
    return csv.get(Integer.parseInt(p[2]) + 1).get(column);
  }

  private static String stem(String id) {
    return DashboardSpec.load().tables().get(id).file();
  }

  private static List<List<String>> readUnchecked(Path dir, String stem) {
    try {
      return ExportedTables.read(dir, stem);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static List<String> expectedCharts(SortedMap<Integer, Path> tables, int year)
      throws Exception {
    JsonNode spec = JSON.readTree(DashboardSpec.resource("charts.json"));
    List<String> ids = new ArrayList<>();
    for (JsonNode section : spec.get("sections")) {
      String stem = spec.get("tables").get(section.get("table").asText()).get("file").asText();
      if (Files.exists(tables.get(year).resolve(stem + ".csv"))) {
        section.get("charts").forEach(c -> ids.add(c.get("id").asText()));
      }
    }
    return ids;
  }

  private static List<String> chartIds(JsonNode charts) {
    List<String> ids = new ArrayList<>();
    charts.forEach(c -> ids.add(c.get("id").asText()));
    return ids;
  }
}
