package org.victimmonitor.generate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The sources and datasets to generate, read from the delivery contract on the classpath ({@code
 * schemas/deliveries/sources.json} and one {@code .avsc} per dataset), so a new column in a schema
 * shows up in the raw extract without code changes (if the generator knows how to fill it).
 */
public final class DeliveryLayout {

  static final String DIR = "/schemas/deliveries/";

  /** Fields of the delivery schemas that are coarse attributes, not event columns. */
  static final Set<String> COARSE = Set.of("birth_year", "sex", "nationality", "municipality");

  /** Record id prefixes, after the providers' own systems; other sources use their name. */
  static final Map<String, String> PREFIXES =
      Map.of(
          "police/trafficking_report", "POL",
          "kmar/trafficking_report", "KMAR",
          "inspectorate/trafficking_report", "NLA",
          "care/registration", "CARE",
          "municipality/support", "GEM",
          "police/victimisation", "BVH",
          "police/suspect", "HKS");

  private final List<SourceDataset> datasets;

  DeliveryLayout(List<SourceDataset> datasets) {
    this.datasets = List.copyOf(datasets);
  }

  public static DeliveryLayout load() {
    ObjectMapper json = new ObjectMapper();
    JsonNode sources = read(json, DIR + "sources.json");
    List<SourceDataset> out = new ArrayList<>();
    for (JsonNode s : sources.get("sources")) {
      String source = s.get("source").asText();
      String dataset = s.get("dataset").asText();
      JsonNode schema = read(json, DIR + dataset + ".avsc");
      List<String> events = new ArrayList<>();
      boolean afterId = false;
      for (JsonNode f : schema.get("fields")) {
        String name = f.get("name").asText();
        if (name.equals("record_id")) {
          afterId = true;
        } else if (COARSE.contains(name)) {
          break;
        } else if (afterId) {
          events.add(name);
        }
      }
      String key = source + "/" + dataset;
      String prefix = PREFIXES.getOrDefault(key, source.toUpperCase(Locale.ROOT));
      out.add(
          new SourceDataset(out.size(), source, dataset, s.get("role").asText(), events, prefix));
    }
    return new DeliveryLayout(out);
  }

  public List<SourceDataset> datasets() {
    return datasets;
  }

  public SourceDataset get(String source, String dataset) {
    for (SourceDataset d : datasets) {
      if (d.source().equals(source) && d.dataset().equals(dataset)) {
        return d;
      }
    }
    throw new IllegalStateException(
        source + "/" + dataset + " is not in " + DIR + "sources.json; the generator needs it");
  }

  public SourceDataset of(RegistrationList list) {
    return get(list.source(), list.dataset());
  }

  private static JsonNode read(ObjectMapper json, String path) {
    try (InputStream in = DeliveryLayout.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("missing from the classpath: " + path);
      }
      return json.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path, e);
    }
  }
}
