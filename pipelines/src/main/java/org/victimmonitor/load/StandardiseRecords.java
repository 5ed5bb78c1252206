package org.victimmonitor.load;

import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;

/** Turns valid delivery rows of every dataset into {@link StandardRecord}s. */
public final class StandardiseRecords
    extends PTransform<PCollection<DeliveryRow>, PCollection<StandardRecord>> {
  private final String linkageSchema;

  public StandardiseRecords(String linkageSchema) {
    this.linkageSchema = linkageSchema;
  }

  @Override
  public PCollection<StandardRecord> expand(PCollection<DeliveryRow> rows) {
    return rows.apply("StandardiseRecord", ParDo.of(new StandardiseRecordFn(linkageSchema)))
        .setCoder(LoadCoders.STANDARD_RECORD);
  }
}
