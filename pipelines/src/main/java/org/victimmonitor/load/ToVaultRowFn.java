package org.victimmonitor.load;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.transforms.DoFn;

/** The vault row of a loaded record: its reference, person key and tokens. */
public final class ToVaultRowFn extends DoFn<LinkedRecord, GenericRecord> {
  private transient Schema schema;

  @Setup
  public void setup() {
    schema = TableSchemas.get("vault");
  }

  @ProcessElement
  public void process(@Element LinkedRecord linked, OutputReceiver<GenericRecord> out) {
    StandardRecord r = linked.record();
    GenericRecord row = new GenericData.Record(schema);
    row.put("person_key", linked.personKey());
    row.put("source", r.source());
    row.put("dataset", r.dataset());
    row.put("period", r.period());
    row.put("record_id", r.recordId());
    row.put("row_number", r.rowNumber());
    for (Schema.Field f : schema.getFields()) {
      if (f.name().startsWith("mk_") || f.name().startsWith("bf_")) {
        row.put(f.name(), r.tokens().get(f.name()));
      }
    }
    out.output(row);
  }
}
