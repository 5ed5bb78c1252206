package org.victimmonitor.load;

import java.util.List;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;

/**
 * For one person: keeps every record when the person has a registration record (is in the monitor
 * population); otherwise drops their police victimisation and suspect records, counting them per
 * delivery. Nothing of a dropped record is emitted.
 */
public final class MinimisePersonFn extends DoFn<KV<String, Iterable<LinkedRecord>>, LinkedRecord> {
  static final List<String> POLICE_FOLLOW_UP =
      List.of(StandardRecord.VICTIMISATION, StandardRecord.SUSPECT);

  @ProcessElement
  public void process(
      @Element KV<String, Iterable<LinkedRecord>> person, OutputReceiver<LinkedRecord> out) {
    boolean inPopulation = false;
    for (LinkedRecord r : person.getValue()) {
      if (r.record().role().equals(StandardRecord.REGISTRATION)) {
        inPopulation = true;
        break;
      }
    }
    for (LinkedRecord r : person.getValue()) {
      if (inPopulation || !POLICE_FOLLOW_UP.contains(r.record().role())) {
        out.output(r);
      } else {
        Metrics.counter(LoadCounters.NAMESPACE, LoadCounters.minimised(r.record().deliveryId()))
            .inc();
      }
    }
  }
}
