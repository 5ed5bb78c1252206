package org.victimmonitor.load;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
  private final Map<String, String> madeOn;
  private final Map<String, Map<Long, String>> repeatedRows;

  /**
   * @param linkageSchema id of the linkage schema naming the token columns (person-v1)
   * @param deliveries the deliveries read: the day each was made bounds its event dates
   */
  public ValidateRecords(String linkageSchema, List<DeliveryRef> deliveries) {
    this.linkageSchema = linkageSchema;
    Map<String, String> m = new HashMap<>();
    Map<String, Map<Long, String>> repeated = new HashMap<>();
    for (DeliveryRef d : deliveries) {
      m.put(d.id(), d.madeOn());
      if (!d.repeatedRows().isEmpty()) {
        repeated.put(d.id(), d.repeatedRows());
      }
    }
    this.madeOn = m;
    this.repeatedRows = repeated;
  }

  @Override
  public PCollectionTuple expand(PCollection<DeliveryRow> rows) {
    PCollectionTuple out =
        rows.apply(
            "CheckRows",
            ParDo.of(new CheckRowFn(linkageSchema, madeOn, repeatedRows))
                .withOutputTags(VALID, TupleTagList.of(QUARANTINED)));
    out.get(VALID).setCoder(LoadCoders.DELIVERY_ROW);
    out.get(QUARANTINED).setCoder(SerializableCoder.of(QuarantinedRow.class));
    return out;
  }
}
