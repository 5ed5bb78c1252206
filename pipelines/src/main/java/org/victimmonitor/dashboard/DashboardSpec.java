package org.victimmonitor.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The page's assets, shipped in the jar from {@code dashboards/}: the template, style, script and
 * the chart specifications ({@code charts.json}), whose {@code tables} part is the CSV contract of
 * the monitor tables.
 */
final class DashboardSpec {
  static final String RESOURCES = "/dashboards/";

  private final String chartsJson;
  private final Map<String, TableContract> tables;

  private DashboardSpec(String chartsJson, Map<String, TableContract> tables) {
    this.chartsJson = chartsJson;
    this.tables = tables;
  }

  static DashboardSpec load() {
    String json = resource("charts.json");
    try {
      JsonNode root = new ObjectMapper().readTree(json);
      Map<String, TableContract> tables = new LinkedHashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = root.get("tables").fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        JsonNode t = e.getValue();
        tables.put(
            e.getKey(),
            new TableContract(
                e.getKey(),
                t.get("file").asText(),
                strings(t.get("columns")),
                strings(t.get("values")),
                t.path("optional").asBoolean(false)));
      }
      return new DashboardSpec(json, tables);
    } catch (IOException e) {
      throw new UncheckedIOException("dashboards/charts.json is not valid JSON", e);
    }
  }

  /** The contract of every table the page can draw, by id, in the order of the contract. */
  Map<String, TableContract> tables() {
    return tables;
  }

  String chartsJson() {
    return chartsJson;
  }

  static String resource(String name) {
    return classpath(RESOURCES + name);
  }

  static String classpath(String path) {
    try (InputStream in = DashboardSpec.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException(
            path + " is missing from the jar (rebuild with mvn package)");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return List.copyOf(out);
  }
}
