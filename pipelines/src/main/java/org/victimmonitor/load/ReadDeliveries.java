package org.victimmonitor.load;

import java.util.List;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.victimmonitor.common.Grouping;

/**
 * Reads the rows of the accepted deliveries (already checked whole by the delivery-level
 * validation) and spreads them over the workers.
 */
public final class ReadDeliveries extends PTransform<PBegin, PCollection<DeliveryRow>> {
  private final List<DeliveryRef> deliveries;

  public ReadDeliveries(List<DeliveryRef> deliveries) {
    this.deliveries = deliveries;
  }

  @Override
  public PCollection<DeliveryRow> expand(PBegin input) {
    PCollection<DeliveryRef> listed =
        input.apply(
            "ListDeliveries",
            Create.of(deliveries).withCoder(SerializableCoder.of(DeliveryRef.class)));
    // one file per element: spread the deliveries so that big ones go to different workers
    return Grouping.spread("SpreadDeliveries", listed)
        .apply("ReadRows", ParDo.of(new ReadDeliveryRowsFn()))
        .setCoder(LoadCoders.DELIVERY_ROW);
  }
}
