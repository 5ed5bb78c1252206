package org.victimmonitor.load;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;
import org.victimmonitor.delivery.SourceCatalog;

/**
 * For one person, given the references of their records: keeps every record when the person has a
 * registration record (is in the monitor population); otherwise drops their police victimisation
 * and suspect records, counting them per delivery. Emits (reference, person key) for each record
 * kept; nothing of a dropped record goes further.
 */
public final class MinimisePersonFn extends DoFn<KV<Long, Iterable<String>>, KV<String, Long>> {
  static final List<String> POLICE_FOLLOW_UP =
      List.of(StandardRecord.VICTIMISATION, StandardRecord.SUSPECT);

  private transient SourceCatalog catalog;
  private transient Map<String, String> roles;
  // Minimised records per delivery in this bundle, counted when it ends: one metric update per
  // record would be one per police record of the country.
  private transient Map<String, Long> minimised;

  @Setup
  public void setup() {
    catalog = SourceCatalog.load();
    roles = new HashMap<>();
  }

  @StartBundle
  public void start() {
    minimised = new HashMap<>();
  }

  @ProcessElement
  public void process(
      @Element KV<Long, Iterable<String>> person, OutputReceiver<KV<String, Long>> out) {
    // each reference is split once: period, source, dataset, record id, row
    List<String[]> parts = new ArrayList<>();
    boolean inPopulation = false;
    for (String ref : person.getValue()) {
      String[] p = StandardRecord.refParts(ref);
      parts.add(p);
      inPopulation |= role(p).equals(StandardRecord.REGISTRATION);
    }
    int i = 0;
    for (String ref : person.getValue()) {
      String[] p = parts.get(i++);
      if (inPopulation || !POLICE_FOLLOW_UP.contains(role(p))) {
        out.output(KV.of(ref, person.getKey()));
      } else {
        minimised.merge(StandardRecord.deliveryOf(p), 1L, Long::sum);
      }
    }
  }

  @FinishBundle
  public void finish() {
    minimised.forEach(
        (delivery, n) ->
            Metrics.counter(LoadCounters.NAMESPACE, LoadCounters.minimised(delivery)).inc(n));
    minimised = new HashMap<>();
  }

  private String role(String[] p) {
    return roles.computeIfAbsent(
        p[1] + '/' + p[2],
        k ->
            catalog
                .find(p[1], p[2])
                .orElseThrow(
                    () ->
                        new IllegalStateException(
                            "a record of an unknown dataset " + p[1] + "/" + p[2]))
                .role());
  }
}
