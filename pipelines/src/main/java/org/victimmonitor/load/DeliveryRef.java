package org.victimmonitor.load;

import java.io.Serializable;

/** One accepted delivery to load: where its records.csv is and what it is. */
public record DeliveryRef(String source, String dataset, String period, String recordsPath)
    implements Serializable {

  /** The delivery's id in counters, run.json and messages: {@code source/dataset/period}. */
  public String id() {
    return source + "/" + dataset + "/" + period;
  }
}
