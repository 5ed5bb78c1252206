package org.victimmonitor.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The registered sources and their datasets ({@code schemas/deliveries/sources.json}). A new
 * provider is a new entry there, not new code.
 */
public record SourceCatalog(List<Entry> entries) {

  /** One source delivering one dataset, with its role in the monitor. */
  public record Entry(String source, String dataset, String role, String label) {}

  public static SourceCatalog load() {
    try (InputStream in =
        SourceCatalog.class.getResourceAsStream("/schemas/deliveries/sources.json")) {
      JsonNode root = new ObjectMapper().readTree(in);
      List<Entry> entries = new ArrayList<>();
      for (JsonNode e : root.withArray("sources")) {
        entries.add(
            new Entry(
                e.get("source").asText(),
                e.get("dataset").asText(),
                e.get("role").asText(),
                e.path("label").asText()));
      }
      return new SourceCatalog(List.copyOf(entries));
    } catch (IOException e) {
      throw new IllegalStateException("cannot read sources.json", e);
    }
  }

  /**
   * Why the office refuses a delivery of this source, dataset and period, or null: the pair is not
   * registered, or the period does not start with its year ({@link Manifest#PERIOD}). FEBRL (the
   * linkage benchmark) is exempt. The pseudonymiser asks the same before it writes a delivery.
   */
  public String refusal(String source, String dataset, String period) {
    if (dataset.equals("febrl")) {
      return null;
    }
    if (find(source, dataset).isEmpty()) {
      return "source "
          + source
          + " with dataset "
          + dataset
          + " is not registered in schemas/deliveries/sources.json";
    }
    if (!period.matches(Manifest.PERIOD)) {
      return "period " + period + " does not start with a year (e.g. 2021)";
    }
    return null;
  }

  public Optional<Entry> find(String source, String dataset) {
    return entries.stream()
        .filter(e -> e.source().equals(source) && e.dataset().equals(dataset))
        .findFirst();
  }
}
