package org.victimmonitor.load;

import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;

/**
 * Joins a record with its person assignment; a record with none or several breaks the linker's
 * contract and fails the load (rather than silently losing the row).
 */
public final class AttachPersonFn
    extends DoFn<KV<String, Iterable<MinimiseRecords.RecordOrPerson>>, LinkedRecord> {
  @ProcessElement
  public void process(
      @Element KV<String, Iterable<MinimiseRecords.RecordOrPerson>> joined,
      OutputReceiver<LinkedRecord> out) {
    StandardRecord record = null;
    Long key = null;
    int assignments = 0;
    for (MinimiseRecords.RecordOrPerson x : joined.getValue()) {
      if (x.record() != null) {
        if (record != null) {
          throw new IllegalStateException("two records with the same reference");
        }
        record = x.record();
      } else {
        assignments++;
        key = x.person().personKey();
      }
    }
    if (record == null) {
      throw new IllegalStateException("the linker assigned a person to an unknown record");
    }
    if (assignments != 1) {
      throw new IllegalStateException(
          "the linker assigned "
              + assignments
              + " persons to a record of "
              + record.deliveryId()
              + " row "
              + record.rowNumber()
              + " (exactly one expected)");
    }
    out.output(new LinkedRecord(record, key));
  }
}
