package org.victimmonitor.load;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;

/**
 * The dim_person row of one person: coarse attributes resolved as the most frequent non-empty value
 * over the person's records (ties: the smallest value, so the result does not depend on order), the
 * first registration and the number of registering sources.
 */
public final class SummarisePersonFn
    extends DoFn<KV<String, Iterable<LinkedRecord>>, GenericRecord> {
  private transient Schema schema;

  @Setup
  public void setup() {
    schema = TableSchemas.get("dim_person");
  }

  @ProcessElement
  public void process(
      @Element KV<String, Iterable<LinkedRecord>> person, OutputReceiver<GenericRecord> out) {
    Map<Integer, Integer> birthYears = new TreeMap<>();
    Map<String, Integer> sexes = new TreeMap<>();
    Map<String, Integer> nationalities = new TreeMap<>();
    Set<String> registeringSources = new HashSet<>();
    Integer firstRegistration = null;
    int registrations = 0;
    int records = 0;
    for (LinkedRecord lr : person.getValue()) {
      StandardRecord r = lr.record();
      records++;
      if (r.birthYear() != null) {
        birthYears.merge(r.birthYear(), 1, Integer::sum);
      }
      if (r.sex() != null) {
        sexes.merge(r.sex(), 1, Integer::sum);
      }
      if (r.nationality() != null) {
        nationalities.merge(r.nationality(), 1, Integer::sum);
      }
      if (r.role().equals(StandardRecord.REGISTRATION)) {
        registrations++;
        registeringSources.add(r.source());
        if (firstRegistration == null || r.eventDay() < firstRegistration) {
          firstRegistration = r.eventDay();
        }
      }
    }
    GenericRecord row = new GenericData.Record(schema);
    row.put("person_key", Long.parseLong(person.getKey()));
    row.put("birth_year", mostFrequent(birthYears));
    row.put("sex", mostFrequent(sexes));
    row.put("nationality", mostFrequent(nationalities));
    row.put("first_registration_date", firstRegistration);
    row.put(
        "first_registration_year",
        firstRegistration == null ? null : LocalDate.ofEpochDay(firstRegistration).getYear());
    row.put("registration_count", registrations);
    row.put("registering_sources", registeringSources.size());
    row.put("record_count", records);
    Metrics.counter(LoadCounters.NAMESPACE, LoadCounters.PERSONS).inc();
    out.output(row);
  }

  /** The most frequent key; the first (smallest) among equals, as the map is sorted. */
  static <T> T mostFrequent(Map<T, Integer> counts) {
    T best = null;
    int n = 0;
    for (Map.Entry<T, Integer> e : counts.entrySet()) {
      if (e.getValue() > n) {
        best = e.getKey();
        n = e.getValue();
      }
    }
    return best;
  }
}
