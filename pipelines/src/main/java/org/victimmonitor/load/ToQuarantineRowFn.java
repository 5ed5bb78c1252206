package org.victimmonitor.load;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.transforms.DoFn;

/** The quarantine row of a rejected delivery row. */
public final class ToQuarantineRowFn extends DoFn<QuarantinedRow, GenericRecord> {
  private transient Schema schema;

  @Setup
  public void setup() {
    schema = TableSchemas.get("quarantine");
  }

  @ProcessElement
  public void process(@Element QuarantinedRow q, OutputReceiver<GenericRecord> out) {
    GenericRecord row = new GenericData.Record(schema);
    row.put("source", q.source());
    row.put("dataset", q.dataset());
    row.put("period", q.period());
    row.put("row_number", q.rowNumber());
    row.put("reason", q.reason());
    row.put("detail", q.detail());
    row.put("original_row", q.originalRow());
    out.output(row);
  }
}
