package org.victimmonitor.load;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.beam.sdk.transforms.DoFn;
import org.victimmonitor.delivery.DeliverySchema;
import org.victimmonitor.delivery.SourceCatalog;
import org.victimmonitor.pseudonymise.LinkageSchema;

/**
 * Maps a row that passed the row checks to a {@link StandardRecord}, driven by the delivery schema:
 * the first date column is the event date, a second one the end date, the column coded from an
 * event code list (exploitation form, crime type, support type) the code. Codes are trimmed and
 * sex, nationality and municipality upper-cased.
 */
public final class StandardiseRecordFn extends DoFn<DeliveryRow, StandardRecord> {
  static final Set<String> EVENT_CODE_LISTS =
      Set.of("exploitation_form", "crime_type", "support_type");

  private final String linkageSchema;
  private transient Map<String, Layout> layouts;
  private transient List<String> tokenNames;
  private transient SourceCatalog catalog;

  /** Where the standard fields sit in a dataset's rows. */
  private record Layout(
      int recordId,
      int event,
      int end,
      int code,
      int birthYear,
      int sex,
      int nationality,
      int municipality,
      int tokensFrom) {}

  public StandardiseRecordFn(String linkageSchema) {
    this.linkageSchema = linkageSchema;
  }

  @Setup
  public void setup() {
    layouts = new HashMap<>();
    tokenNames = LinkageSchema.builtIn(linkageSchema).tokenColumns();
    catalog = SourceCatalog.load();
  }

  @ProcessElement
  public void process(@Element DeliveryRow row, OutputReceiver<StandardRecord> out) {
    Layout l = layouts.computeIfAbsent(row.dataset(), StandardiseRecordFn::layout);
    List<String> v = row.values();
    Map<String, String> tokens = new TreeMap<>();
    for (int i = 0; i < tokenNames.size(); i++) {
      String t = v.get(l.tokensFrom() + i).strip();
      if (!t.isEmpty()) {
        tokens.put(tokenNames.get(i), t);
      }
    }
    int sourceKey =
        catalog.entries().indexOf(catalog.find(row.source(), row.dataset()).orElseThrow()) + 1;
    String role = catalog.entries().get(sourceKey - 1).role();
    out.output(
        new StandardRecord(
            row.source(),
            row.dataset(),
            row.period(),
            v.get(l.recordId()).strip(),
            row.rowNumber(),
            sourceKey,
            role,
            (int) LocalDate.parse(v.get(l.event())).toEpochDay(),
            day(l.end() < 0 ? "" : v.get(l.end())),
            cell(v, l.code(), false),
            year(cell(v, l.birthYear(), false)),
            cell(v, l.sex(), true),
            cell(v, l.nationality(), true),
            cell(v, l.municipality(), true),
            tokens));
  }

  private static Layout layout(String dataset) {
    DeliverySchema schema = DeliverySchema.forDataset(dataset);
    List<DeliverySchema.Column> cols = schema.columns();
    int event = schema.eventDate();
    int end = schema.endDate();
    int code = -1;
    Map<String, Integer> byName = new HashMap<>();
    for (int i = 0; i < cols.size(); i++) {
      DeliverySchema.Column c = cols.get(i);
      byName.put(c.name(), i);
      if (c.codes() != null && EVENT_CODE_LISTS.contains(c.codes())) {
        code = i;
      }
    }
    if (event < 0 || code < 0) {
      throw new IllegalStateException(
          "delivery schema " + dataset + " has no event date or no event code column");
    }
    return new Layout(
        byName.getOrDefault("record_id", 0),
        event,
        end,
        code,
        byName.getOrDefault("birth_year", -1),
        byName.getOrDefault("sex", -1),
        byName.getOrDefault("nationality", -1),
        byName.getOrDefault("municipality", -1),
        cols.size());
  }

  private static String cell(List<String> v, int i, boolean upper) {
    if (i < 0) {
      return null;
    }
    String s = v.get(i).strip();
    if (s.isEmpty()) {
      return null;
    }
    return upper ? s.toUpperCase(Locale.ROOT) : s;
  }

  private static Integer day(String s) {
    return s == null || s.isBlank() ? null : (int) LocalDate.parse(s.strip()).toEpochDay();
  }

  private static Integer year(String s) {
    return s == null ? null : Integer.valueOf(s);
  }
}
