package org.victimmonitor.load;

import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Row-level checks (types, dates, code lists, column count) of every delivery row: valid rows go to
 * {@link #VALID}, the others to {@link #QUARANTINED} with a reason code and the original row.
 */
public final class ValidateRecords extends PTransform<PCollection<DeliveryRow>, PCollectionTuple> {
  public static final TupleTag<DeliveryRow> VALID = new TupleTag<>() {};
  public static final TupleTag<QuarantinedRow> QUARANTINED = new TupleTag<>() {};

  private final String linkageSchema;

  /**
   * @param linkageSchema id of the linkage schema naming the token columns (person-v1)
   */
  public ValidateRecords(String linkageSchema) {
    this.linkageSchema = linkageSchema;
  }

  @Override
  public PCollectionTuple expand(PCollection<DeliveryRow> rows) {
    PCollectionTuple out =
        rows.apply(
            "CheckRows",
            ParDo.of(new CheckRowFn(linkageSchema))
                .withOutputTags(VALID, TupleTagList.of(QUARANTINED)));
    out.get(VALID).setCoder(LoadCoders.DELIVERY_ROW);
    out.get(QUARANTINED).setCoder(SerializableCoder.of(QuarantinedRow.class));
    return out;
  }
}
