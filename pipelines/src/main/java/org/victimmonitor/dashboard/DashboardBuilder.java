package org.victimmonitor.dashboard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SortedMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.victimmonitor.common.BadInputException;

/**
 * Builds the dashboard: one self-contained HTML page ({@code index.html}) from the
 * disclosure-controlled monitor tables exported for each report year ({@code mNN_<topic>.csv} in
 * one folder per year, as written by {@code monitor tables}). It never reads the warehouse: what
 * the page shows is exactly what the tables publish. ECharts, the style, the script and the data
 * are inlined, and a Content-Security-Policy forbids every request, so the page works from a file
 * or a mail attachment without a network.
 *
 * <p>A table file missing from a year's folder is left out of the page's data, and its section says
 * it is not available for that year.
 */
public final class DashboardBuilder {
  public static final String PAGE = "index.html";
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([A-Z_]+)}}");

  private final DashboardSpec spec = DashboardSpec.load();

  /** Builds the page for all the given years, opening on the latest. */
  public Path build(SortedMap<Integer, Path> tablesDirPerYear, Path outDir) {
    if (tablesDirPerYear.isEmpty()) {
      throw new BadInputException("no report year to draw: give at least one folder of tables");
    }
    return build(tablesDirPerYear, tablesDirPerYear.lastKey(), outDir);
  }

  /**
   * Builds the page for all the given years (each mapped to the folder of its exported tables),
   * opening on {@code openYear}; returns the path of the written page.
   */
  public Path build(SortedMap<Integer, Path> tablesDirPerYear, int openYear, Path outDir) {
    if (!tablesDirPerYear.containsKey(openYear)) {
      throw new BadInputException("report year " + openYear + " has no tables to draw");
    }
    ObjectMapper json = new ObjectMapper();
    ObjectNode data = json.createObjectNode();
    data.put("defaultYear", openYear);
    ArrayNode years = data.putArray("years");
    ObjectNode tables = data.putObject("tables");
    for (Map.Entry<Integer, Path> year : tablesDirPerYear.entrySet()) {
      Path dir = year.getValue();
      if (!Files.isDirectory(dir)) {
        throw new BadInputException(dir + ": no such folder of monitor tables");
      }
      years.add(year.getKey());
      ObjectNode ofYear = tables.putObject(String.valueOf(year.getKey()));
      for (TableContract contract : spec.tables().values()) {
        Path file = dir.resolve(contract.fileName());
        if (Files.isRegularFile(file)) {
          ofYear.set(contract.id(), toJson(json, MonitorTable.read(file, contract)));
        }
      }
    }
    String app = DashboardSpec.resource("dashboard.js");
    String echarts = echartsBundle();
    Map<String, String> values =
        Map.of(
            "CSS", DashboardSpec.resource("dashboard.css"),
            "SPEC", scriptSafe(spec.chartsJson()),
            "DATA", scriptSafe(write(json, data)),
            "ECHARTS", echarts,
            "APP", app,
            "ECHARTS_VERSION", echartsVersion(),
            "VERSION", codeVersion(),
            "SCRIPT_HASHES", "'" + sha256(echarts) + "' '" + sha256(app) + "'");
    String page = fill(DashboardSpec.resource("index.html"), values);
    try {
      Files.createDirectories(outDir);
      Path target = outDir.resolve(PAGE);
      // A page to publish: readable like any file the user writes, replaced in one move.
      Path tmp = outDir.resolve("." + PAGE + ".tmp");
      Files.writeString(tmp, page, StandardCharsets.UTF_8);
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException(outDir + ": cannot write the dashboard", e);
    }
  }

  private static ObjectNode toJson(ObjectMapper json, MonitorTable table) {
    ObjectNode t = json.createObjectNode();
    t.put("file", table.contract().fileName());
    ArrayNode columns = t.putArray("columns");
    table.contract().columns().forEach(columns::add);
    ArrayNode rows = t.putArray("rows");
    for (List<String> row : table.rows()) {
      ArrayNode r = rows.addArray();
      row.forEach(r::add);
    }
    return t;
  }

  /** Single pass, so nothing inserted (the ECharts bundle) is searched for placeholders. */
  static String fill(String template, Map<String, String> values) {
    Matcher m = PLACEHOLDER.matcher(template);
    StringBuilder out = new StringBuilder(template.length() + 2_000_000);
    while (m.find()) {
      String value = values.get(m.group(1));
      if (value == null) {
        throw new IllegalStateException("dashboards/index.html: unknown placeholder " + m.group());
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return out.toString();
  }

  /**
   * JSON inside a script element: '<' only occurs in strings (such as the label {@code <10}), where
   * its escape keeps the value and makes a closing {@code </script>} impossible.
   */
  static String scriptSafe(String json) {
    return json.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026");
  }

  private static String write(ObjectMapper json, ObjectNode node) {
    try {
      return json.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static String echartsVersion() {
    return buildProperties().getProperty("echartsVersion");
  }

  private static String echartsBundle() {
    String bundle =
        DashboardSpec.classpath(
            "/META-INF/resources/_static/echarts/" + echartsVersion() + "/dist/echarts.min.js");
    if (bundle.contains("</script")) {
      throw new IllegalStateException("the ECharts bundle cannot be inlined: it holds </script");
    }
    return bundle;
  }

  private static Properties buildProperties() {
    Properties p = new Properties();
    try (InputStream in =
        DashboardBuilder.class.getResourceAsStream(
            "/org/victimmonitor/dashboard/dashboard.properties")) {
      p.load(in);
    } catch (IOException | NullPointerException e) {
      throw new IllegalStateException("dashboard.properties is missing from the jar", e);
    }
    return p;
  }

  private static String codeVersion() {
    Properties p = new Properties();
    try (InputStream in =
        DashboardBuilder.class.getResourceAsStream("/org/victimmonitor/build.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      // the version is decoration in the page's head; its absence is no reason to fail
    }
    return p.getProperty("version", "unknown");
  }

  /** The CSP source of an inline script: its SHA-256, base64. */
  static String sha256(String script) {
    try {
      byte[] d =
          MessageDigest.getInstance("SHA-256").digest(script.getBytes(StandardCharsets.UTF_8));
      return "sha256-" + Base64.getEncoder().encodeToString(d);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
