package org.victimmonitor.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.victimmonitor.common.BadInputException;

class DashboardBuilderTest {
  private static final String[] STEMS = {
    "m01_registrations",
    "m02_exploitation",
    "m03_age_sex",
    "m04_nationality",
    "m05_region",
    "m06_repeat_victimisation",
    "m07_victim_offender",
    "m08_support",
    "m09_source_overlap",
    "m10_estimate"
  };

  @TempDir Path out;

  static String scriptBody(String page, String id) {
    Matcher m =
        Pattern.compile(
                "<script type=\"application/json\" id=\"" + id + "\">(.*?)</script>",
                Pattern.DOTALL)
            .matcher(page);
    assertThat(m.find()).as("script #" + id).isTrue();
    return m.group(1);
  }

  @Test
  void embedsEveryExportedTableCellForCellAndNothingElse() throws Exception {
    SortedMap<Integer, Path> years = ExportedTables.fixtures();
    Path page = new DashboardBuilder().build(years, out);

    assertThat(page).isEqualTo(out.resolve("index.html"));
    JsonNode data = new ObjectMapper().readTree(scriptBody(Files.readString(page), "monitor-data"));
    assertThat(data.get("defaultYear").asInt()).isEqualTo(2021);
    assertThat(data.get("years").toString()).isEqualTo("[2020,2021]");
    int cells = 0;
    for (Map.Entry<Integer, Path> year : years.entrySet()) {
      JsonNode ofYear = data.get("tables").get(year.getKey().toString());
      List<String> present = new ArrayList<>();
      for (String stem : STEMS) {
        List<List<String>> csv = ExportedTables.read(year.getValue(), stem);
        String id = stem.substring(0, 3);
        if (csv == null) {
          assertThat(ofYear.has(id)).as(year.getKey() + " " + id).isFalse();
          continue;
        }
        present.add(id);
        JsonNode t = ofYear.get(id);
        assertThat(t.get("file").asText()).isEqualTo(stem + ".csv");
        assertThat(strings(t.get("columns"))).isEqualTo(csv.get(0));
        assertThat(t.get("rows").size()).isEqualTo(csv.size() - 1);
        for (int i = 1; i < csv.size(); i++) {
          assertThat(strings(t.get("rows").get(i - 1))).isEqualTo(csv.get(i));
          cells += csv.get(i).size();
        }
      }
      assertThat(iterableNames(ofYear)).containsExactlyInAnyOrderElementsOf(present);
    }
    assertThat(cells).isGreaterThan(3000);
    // The fixtures hold suppressed cells, and they travel as their labels.
    assertThat(data.toString()).contains("\"<10\"").contains("\"x\"");
  }

  @Test
  void pageIsSelfContainedSmallAndForbidsEveryRequest() throws Exception {
    Path page = new DashboardBuilder().build(ExportedTables.fixtures(), 2020, out);
    String html = Files.readString(page);

    assertThat(Files.size(page)).isLessThan(5L * 1024 * 1024);
    // The markup outside the scripts loads nothing (ECharts' own code holds such strings).
    String markup = html.replaceAll("(?s)(<script[^>]*>).*?</script>", "$1</script>");
    assertThat(markup)
        .doesNotContainPattern("<script[^>]+src=")
        .doesNotContainPattern("<link[^>]+href=")
        .doesNotContainPattern("<(img|iframe|object|embed|source)[^>]+(src|data)=")
        .doesNotContain("{{");
    assertThat(html).contains("default-src 'none'");
    // Exactly the two inline scripts (ECharts, the dashboard) may run, by their hashes.
    Matcher scripts = Pattern.compile("<script>(.*?)</script>", Pattern.DOTALL).matcher(html);
    List<String> hashes = new ArrayList<>();
    while (scripts.find()) {
      hashes.add(DashboardBuilder.sha256(scripts.group(1)));
    }
    assertThat(hashes).hasSize(2);
    assertThat(html).contains("script-src '" + hashes.get(0) + "' '" + hashes.get(1) + "';");
    assertThat(
            new ObjectMapper()
                .readTree(scriptBody(html, "monitor-data"))
                .get("defaultYear")
                .asInt())
        .isEqualTo(2020);
    // A suppression label cannot close the data's script element.
    assertThat(scriptBody(html, "monitor-data")).doesNotContain("<").contains("\\u003c10");
  }

  @Test
  void sameTablesGiveTheSamePage() throws Exception {
    Path a = new DashboardBuilder().build(ExportedTables.fixtures(), out.resolve("a"));
    Path b = new DashboardBuilder().build(ExportedTables.fixtures(), out.resolve("b"));
    assertThat(Files.mismatch(a, b)).isEqualTo(-1L);
  }

  @Test
  void refusesATableThatIsNotTheContractsOrNotDisclosureControlled() throws Exception {
    Path year = out.resolve("2021");
    Files.createDirectories(year);
    SortedMap<Integer, Path> years = new TreeMap<>(Map.of(2021, year));
    Path m02 = year.resolve("m02_exploitation.csv");

    Files.writeString(m02, "year,exploitation_form,sex,persons\n2021,sexual,F,12\n");
    assertThatThrownBy(() -> new DashboardBuilder().build(years, out.resolve("page")))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("m02_exploitation.csv")
        .hasMessageContaining("expected the columns year,exploitation_group,sex,persons");

    Files.writeString(
        m02, "year,exploitation_group,sex,persons\n2021,sexual,F,12\n2021,sexual,M,n=3\n");
    assertThatThrownBy(() -> new DashboardBuilder().build(years, out.resolve("page")))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("row 2, column persons: not a number or a suppression label")
        .hasMessageNotContaining("n=3");

    Files.writeString(
        m02, "year,exploitation_group,sex,persons\n2021,sexual,F,12\n2021,sexual,M,<10\n");
    Path page = new DashboardBuilder().build(years, out.resolve("page"));
    assertThat(Files.readString(page)).contains("[\"2021\",\"sexual\",\"M\",\"\\u003c10\"]");
  }

  @Test
  void refusesAYearWithoutTables() {
    assertThatThrownBy(
            () ->
                new DashboardBuilder()
                    .build(new TreeMap<>(Map.of(2021, out.resolve("missing"))), out))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("no such folder of monitor tables");
    assertThatThrownBy(() -> new DashboardBuilder().build(ExportedTables.fixtures(), 2019, out))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("report year 2019 has no tables");
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  private static List<String> iterableNames(JsonNode object) {
    List<String> out = new ArrayList<>();
    object.fieldNames().forEachRemaining(out::add);
    return out;
  }
}
