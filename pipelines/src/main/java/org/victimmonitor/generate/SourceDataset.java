package org.victimmonitor.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One source's dataset as configured in {@code schemas/deliveries/sources.json}, with the event
 * columns of its delivery schema (the {@code .avsc} fields after record_id and before the coarse
 * attributes). {@code index} is its position in sources.json.
 */
public record SourceDataset(
    int index,
    String source,
    String dataset,
    String role,
    List<String> eventColumns,
    String recordIdPrefix) {

  /** Identity columns of every raw extract (ARCHITECTURE.md 4.1), record_id first. */
  public static final List<String> IDENTITY_COLUMNS =
      List.of(
          "record_id",
          "first_name",
          "surname_prefix",
          "surname",
          "date_of_birth",
          "sex",
          "bsn",
          "nationality",
          "birth_country");

  public String key() {
    return source + "/" + dataset;
  }

  /** The raw extract's header: identity columns, event columns, municipality. */
  public List<String> header() {
    List<String> h = new ArrayList<>(IDENTITY_COLUMNS);
    h.addAll(eventColumns);
    h.add("municipality");
    return h;
  }

  /**
   * The event column values in schema order, taken by name from {@code values} (which may hold more
   * names than this dataset needs).
   */
  public String[] events(Map<String, String> values) {
    String[] out = new String[eventColumns.size()];
    for (int i = 0; i < out.length; i++) {
      String v = values.get(eventColumns.get(i));
      if (v == null) {
        throw new IllegalStateException(
            "the generator has no value for column " + eventColumns.get(i) + " of " + key());
      }
      out[i] = v;
    }
    return out;
  }
}
