package org.victimmonitor.load;

import java.io.Serializable;
import java.util.List;

/**
 * One row of a delivery's records.csv as read, before any check: the delivery it came from, its row
 * number (from 1, after the header), the number of the delivery's first row with the same record id
 * when an earlier row has it (0 otherwise) and its cells in file order.
 */
public record DeliveryRow(
    String source,
    String dataset,
    String period,
    long rowNumber,
    long firstRow,
    List<String> values)
    implements Serializable {

  public String deliveryId() {
    return source + "/" + dataset + "/" + period;
  }

  /** Where the row came from, never its cells (a row may end up in a log). */
  @Override
  public String toString() {
    return "DeliveryRow[" + deliveryId() + " row " + rowNumber + "]";
  }
}
