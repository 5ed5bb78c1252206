package org.victimmonitor.load;

import java.io.Serializable;

/**
 * A delivery row that failed a row-level check: the dead-letter element of the load. Keeps the
 * original row (re-serialised as one CSV line) so that the provider can be told what to fix.
 */
public record QuarantinedRow(
    String source,
    String dataset,
    String period,
    long rowNumber,
    String reason,
    String detail,
    String originalRow)
    implements Serializable {

  public String deliveryId() {
    return source + "/" + dataset + "/" + period;
  }

  /** Where the row came from and why it was quarantined, never the row itself. */
  @Override
  public String toString() {
    return "QuarantinedRow[" + deliveryId() + " row " + rowNumber + ", " + reason + "]";
  }
}
