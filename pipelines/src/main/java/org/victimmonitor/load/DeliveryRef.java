package org.victimmonitor.load;

import java.io.Serializable;

/**
 * One accepted delivery to load: where its records.csv is, what it is and the day it was made
 * ({@code YYYY-MM-DD}, UTC, from its manifest's {@code created}).
 */
public record DeliveryRef(
    String source, String dataset, String period, String recordsPath, String madeOn)
    implements Serializable {

  /** The delivery's id in counters, run.json and messages: {@code source/dataset/period}. */
  public String id() {
    return source + "/" + dataset + "/" + period;
  }
}
