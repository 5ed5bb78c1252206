package org.victimmonitor.load;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;

/**
 * Makes the fact row of one linked record, in the fact table of its role, and counts it as loaded
 * for its delivery. Copies only what the table's schema has: no token, no record id.
 */
public final class ToFactRowFn extends DoFn<LinkedRecord, GenericRecord> {
  private transient Map<String, Schema> schemas;

  @Setup
  public void setup() {
    schemas = new HashMap<>();
    for (String t : TableSchemas.FACTS) {
      schemas.put(t, TableSchemas.get(t));
    }
  }

  @ProcessElement
  public void process(@Element LinkedRecord linked, MultiOutputReceiver out) {
    StandardRecord r = linked.record();
    String table = StarSchema.factOf(r.role());
    GenericRecord row = new GenericData.Record(schemas.get(table));
    row.put("person_key", linked.personKey());
    row.put("source_key", r.sourceKey());
    row.put("municipality_code", r.municipality());
    switch (table) {
      case "fact_registration" -> {
        row.put("registration_date_key", dateKey(r.eventDay()));
        row.put("registration_date", r.eventDay());
        row.put("exploitation_form", r.code());
        row.put(
            "age_at_registration",
            r.birthYear() == null
                ? null
                : LocalDate.ofEpochDay(r.eventDay()).getYear() - r.birthYear());
      }
      case "fact_victimisation" -> {
        row.put("incident_date_key", dateKey(r.eventDay()));
        row.put("incident_date", r.eventDay());
        row.put("crime_type", r.code());
      }
      case "fact_suspect" -> {
        row.put("registration_date_key", dateKey(r.eventDay()));
        row.put("registration_date", r.eventDay());
        row.put("crime_type", r.code());
      }
      default -> {
        row.put("start_date_key", dateKey(r.eventDay()));
        row.put("start_date", r.eventDay());
        row.put("end_date", r.endDay());
        row.put("support_type", r.code());
      }
    }
    Metrics.counter(LoadCounters.NAMESPACE, LoadCounters.loaded(r.deliveryId())).inc();
    out.get(StarSchema.tag(table)).output(row);
  }

  /** The dim_date key yyyymmdd of a day since 1970-01-01. */
  public static int dateKey(int epochDay) {
    LocalDate d = LocalDate.ofEpochDay(epochDay);
    return d.getYear() * 10_000 + d.getMonthValue() * 100 + d.getDayOfMonth();
  }
}
