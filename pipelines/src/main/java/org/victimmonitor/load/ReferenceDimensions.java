package org.victimmonitor.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.commons.csv.CSVRecord;
import org.victimmonitor.delivery.CodeLists;
import org.victimmonitor.delivery.SourceCatalog;

/**
 * The small dimensions that come from configuration, not from the deliveries: dim_source (the
 * source catalog), dim_municipality (the CBS reference list with province and police unit) and the
 * code list dimensions.
 */
public final class ReferenceDimensions {
  private ReferenceDimensions() {}

  public static List<GenericRecord> rows(String table) {
    Schema s = TableSchemas.get(table);
    List<GenericRecord> rows = new ArrayList<>();
    switch (table) {
      case "dim_source" -> {
        List<SourceCatalog.Entry> entries = SourceCatalog.load().entries();
        for (int i = 0; i < entries.size(); i++) {
          SourceCatalog.Entry e = entries.get(i);
          rows.add(
              row(
                  s,
                  "source_key",
                  i + 1,
                  "source",
                  e.source(),
                  "dataset",
                  e.dataset(),
                  "role",
                  e.role(),
                  "label",
                  e.label()));
        }
      }
      case "dim_municipality" -> {
        try {
          for (CSVRecord r : CodeLists.municipalityRecords()) {
            rows.add(
                row(
                    s,
                    "municipality_code",
                    r.get("municipality_code"),
                    "municipality_name",
                    r.get("municipality_name"),
                    "safety_region_code",
                    r.get("safety_region_code"),
                    "province",
                    r.get("province"),
                    "police_unit",
                    r.get("police_unit")));
          }
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      case "dim_exploitation_form" -> {
        for (String c : CodeLists.get().codes("exploitation_form")) {
          String group = List.of("sexual", "labour", "criminal").contains(c) ? c : "other_unknown";
          rows.add(row(s, "exploitation_form", c, "label", label(c), "monitor_group", group));
        }
      }
      case "dim_crime_type" -> {
        for (String c : CodeLists.get().codes("crime_type")) {
          rows.add(row(s, "crime_type", c, "label", label(c)));
        }
      }
      case "dim_support_type" -> {
        for (String c : CodeLists.get().codes("support_type")) {
          rows.add(row(s, "support_type", c, "label", label(c)));
        }
      }
      default -> throw new IllegalArgumentException("not a reference dimension: " + table);
    }
    return rows;
  }

  private static GenericRecord row(Schema s, Object... fieldsAndValues) {
    GenericRecord r = new GenericData.Record(s);
    for (int i = 0; i < fieldsAndValues.length; i += 2) {
      r.put((String) fieldsAndValues[i], fieldsAndValues[i + 1]);
    }
    return r;
  }

  /** "care_coordination" becomes "Care coordination". */
  static String label(String code) {
    String s = code.replace('_', ' ');
    return s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
  }
}
