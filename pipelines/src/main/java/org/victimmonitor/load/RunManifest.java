package org.victimmonitor.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricQueryResults;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;

/**
 * The run manifest ({@code run.json}) of a load, from the plan and the pipeline's counters: inputs
 * with checksums, counts per stage and per delivery, the linker and its parameters, code version,
 * runner and timings. {@link #reconcile} fails the load when a delivery does not add up: read =
 * loaded + quarantined + minimised.
 */
public final class RunManifest {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** Counts of one delivery. */
  public record DeliveryCounts(
      String delivery,
      String sha256,
      long rowsInFile,
      long read,
      Map<String, Long> quarantined,
      long minimised,
      long loaded,
      long idsWithOtherCells) {
    public long quarantinedTotal() {
      return quarantined.values().stream().mapToLong(Long::longValue).sum();
    }

    public boolean reconciles() {
      return read == rowsInFile && read == loaded + quarantinedTotal() + minimised;
    }
  }

  private final Map<String, Long> counters;
  private final List<DeliveryCounts> deliveries = new ArrayList<>();
  private Map<String, Object> engine;

  public RunManifest(LoadPlan plan, Map<String, Long> counters) {
    this.counters = counters;
    for (LoadPlan.Input in : plan.inputs()) {
      String id = in.delivery().id();
      Map<String, Long> q = new TreeMap<>();
      String prefix = "quarantined|" + id + "|";
      counters.forEach(
          (k, v) -> {
            if (k.startsWith(prefix)) {
              q.put(k.substring(prefix.length()), v);
            }
          });
      deliveries.add(
          new DeliveryCounts(
              id,
              in.sha256(),
              in.rows(),
              counters.getOrDefault(LoadCounters.read(id), 0L),
              q,
              counters.getOrDefault(LoadCounters.minimised(id), 0L),
              counters.getOrDefault(LoadCounters.loaded(id), 0L),
              in.overlap().idsWithOtherCells()));
    }
  }

  /** The load's counters (namespace "load"), summed over steps, by name. */
  public static Map<String, Long> counters(PipelineResult result) {
    MetricQueryResults q =
        result
            .metrics()
            .queryMetrics(
                MetricsFilter.builder()
                    .addNameFilter(MetricNameFilter.inNamespace(LoadCounters.NAMESPACE))
                    .build());
    Map<String, Long> out = new TreeMap<>();
    for (MetricResult<Long> c : q.getCounters()) {
      out.merge(c.getName().getName(), c.getAttempted(), Long::sum);
    }
    // The probabilistic linker's own counters (namespace "link"), prefixed "engine|"
    MetricQueryResults e =
        result
            .metrics()
            .queryMetrics(
                MetricsFilter.builder()
                    .addNameFilter(
                        MetricNameFilter.inNamespace(org.victimmonitor.link.LinkJob.METRICS))
                    .build());
    for (MetricResult<Long> c : e.getCounters()) {
      out.merge(ENGINE + c.getName().getName(), c.getAttempted(), Long::sum);
    }
    return out;
  }

  /** Prefix of the probabilistic linker's counters. */
  public static final String ENGINE = "engine|";

  /** The linker's counters, without prefix. */
  public Map<String, Long> engineCounters() {
    Map<String, Long> out = new TreeMap<>();
    counters.forEach(
        (k, v) -> {
          if (k.startsWith(ENGINE)) {
            out.put(k.substring(ENGINE.length()), v);
          }
        });
    return out;
  }

  /** What run.json records of the engine (Flink master, job id, job jar), or null. */
  public void engine(Map<String, Object> engine) {
    this.engine = engine;
  }

  public List<DeliveryCounts> deliveries() {
    return deliveries;
  }

  public long counter(String name) {
    return counters.getOrDefault(name, 0L);
  }

  /** Throws when a delivery does not reconcile or linking did not converge. */
  public void reconcile() {
    List<String> bad = new ArrayList<>();
    for (DeliveryCounts d : deliveries) {
      if (!d.reconciles()) {
        bad.add(
            String.format(
                "%s: %d rows in the file, %d read, %d loaded + %d quarantined + %d minimised",
                d.delivery(),
                d.rowsInFile(),
                d.read(),
                d.loaded(),
                d.quarantinedTotal(),
                d.minimised()));
      }
    }
    if (!bad.isEmpty()) {
      throw new IllegalStateException(
          "the load does not reconcile, nothing published:\n  " + String.join("\n  ", bad));
    }
    if (counter(ENGINE + "node_fingerprint_collisions") > 0) {
      throw new IllegalStateException(
          "two record ids shared a 64-bit fingerprint in the clustering (about one chance in"
              + " 30 million for a million records), so their persons may be merged; nothing"
              + " published. Please report it; linking with another salt is not an option yet");
    }
    if (counter(ENGINE + "unconverged_nodes") > 0) {
      throw new IllegalStateException(
          counter(ENGINE + "unconverged_nodes")
              + " records were not yet in their person's star after the last clustering round;"
              + " nothing published. Run again with more rounds (--linkRounds)");
    }
    if (counter(LoadCounters.LINK_CHANGED_LAST_ROUND) > 0) {
      throw new IllegalStateException(
          counter(LoadCounters.LINK_CHANGED_LAST_ROUND)
              + " records still changed person in the last linking round; nothing published."
              + " Run again with more rounds (--linkRounds)");
    }
  }

  /** Writes run.json. */
  public void write(
      Path file,
      String version,
      LoadPlan plan,
      LinkPersons linker,
      String runner,
      Map<String, Object> parameters,
      Map<String, Double> timings)
      throws IOException {
    ObjectNode root = JSON.createObjectNode();
    root.put("version", version);
    root.put("load_year", plan.year());
    root.put("code_version", codeVersion());
    root.put("runner", runner);
    if (engine != null) {
      root.putPOJO("flink", engine);
    }
    root.putPOJO("parameters", parameters);
    ObjectNode link = root.putObject("linkage");
    link.put("method", linker.method());
    link.putPOJO("parameters", new TreeMap<>(linker.parameters()));
    Map<String, Long> keys = new TreeMap<>();
    counters.forEach(
        (k, v) -> {
          if (k.startsWith("keys|")) {
            keys.put(k.substring("keys|".length()), v);
          }
        });
    if (!keys.isEmpty()) {
      link.putPOJO("person_keys_from_previous_version", keys);
    }
    if (!engineCounters().isEmpty()) {
      link.putPOJO("counters", engineCounters());
    }
    String modelFile = linker.modelFile();
    if (modelFile != null && Files.exists(Path.of(modelFile))) {
      link.set("model", new ObjectMapper().readTree(Files.readString(Path.of(modelFile))));
    }
    Map<String, Object> totals = new LinkedHashMap<>();
    totals.put("read", deliveries.stream().mapToLong(DeliveryCounts::read).sum());
    totals.put("loaded", deliveries.stream().mapToLong(DeliveryCounts::loaded).sum());
    Map<String, Long> byReason = new TreeMap<>();
    deliveries.forEach(d -> d.quarantined().forEach((k, v) -> byReason.merge(k, v, Long::sum)));
    totals.put("quarantined", byReason.values().stream().mapToLong(Long::longValue).sum());
    totals.put("quarantined_by_reason", byReason);
    totals.put("minimised", deliveries.stream().mapToLong(DeliveryCounts::minimised).sum());
    totals.put("persons", counter(LoadCounters.PERSONS));
    root.putPOJO("counts", totals);
    Map<String, Long> tables = new LinkedHashMap<>();
    for (String t : TableSchemas.star()) {
      tables.put(t, counter(LoadCounters.rows(t)));
    }
    for (String t : TableSchemas.RESTRICTED) {
      tables.put("restricted/" + t, counter(LoadCounters.rows(t)));
    }
    root.putPOJO("rows_per_table", tables);
    List<Map<String, Object>> inputs = new ArrayList<>();
    for (DeliveryCounts d : deliveries) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("delivery", d.delivery());
      m.put("records_sha256", d.sha256());
      m.put("rows", d.rowsInFile());
      m.put("read", d.read());
      m.put("loaded", d.loaded());
      m.put("quarantined", d.quarantined());
      m.put("minimised", d.minimised());
      m.put("reconciles", d.reconciles());
      if (d.idsWithOtherCells() > 0) {
        // loaded, but a corrected row sent again would be counted twice: the analyst should know
        m.put("record_ids_in_earlier_deliveries_with_other_cells", d.idsWithOtherCells());
      }
      inputs.add(m);
    }
    root.putPOJO("inputs", inputs);
    root.putPOJO("timings_seconds", timings);
    JSON.writeValue(file.toFile(), root);
  }

  static String codeVersion() {
    try (InputStream in =
        RunManifest.class.getResourceAsStream("/org/victimmonitor/build.properties")) {
      if (in == null) {
        return "dev";
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version", "dev");
    } catch (IOException e) {
      return "dev";
    }
  }

  /** Reads a version's run.json (for {@code monitor versions}). */
  public static com.fasterxml.jackson.databind.JsonNode read(Path file) throws IOException {
    return JSON.readTree(file.toFile());
  }
}
