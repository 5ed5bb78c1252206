package org.victimmonitor.load;

import java.io.Serializable;
import java.util.Map;

/**
 * One accepted delivery to load: where its records.csv is, what it is, the day it was made ({@code
 * YYYY-MM-DD}, UTC, from its manifest's {@code created}) and its rows that repeat a row of an
 * earlier delivery of its source and dataset (row number to {@code row N of SOURCE/DATASET/PERIOD},
 * see {@link org.victimmonitor.delivery.DeliveryValidator.Overlap}), which the checks quarantine.
 */
public record DeliveryRef(
    String source,
    String dataset,
    String period,
    String recordsPath,
    String madeOn,
    Map<Long, String> repeatedRows)
    implements Serializable {

  public DeliveryRef {
    repeatedRows = Map.copyOf(repeatedRows);
  }

  public DeliveryRef(
      String source, String dataset, String period, String recordsPath, String madeOn) {
    this(source, dataset, period, recordsPath, madeOn, Map.of());
  }

  /** The delivery's id in counters, run.json and messages: {@code source/dataset/period}. */
  public String id() {
    return source + "/" + dataset + "/" + period;
  }
}
