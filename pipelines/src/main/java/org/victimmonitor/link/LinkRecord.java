package org.victimmonitor.link;

import java.io.Serializable;

/**
 * One delivered record as the linkage sees it: where it came from, its match keys (in the linkage
 * schema's order, null when missing), its field Bloom filters (in the order of the schema's Bloom
 * fields, null when missing) and the coarse attributes that take part in comparison and in the
 * hard-evidence guard. Never holds anything in clear beyond what the delivery already holds.
 *
 * <p>Arrays are never modified after construction.
 */
public record LinkRecord(
    String source,
    String dataset,
    String period,
    String recordId,
    String[] keys,
    long[][] filters,
    String sex,
    int birthYear)
    implements Serializable {

  /** Separator of {@link #id()}: below every printable character, so ids sort like tuples. */
  public static final char SEP = '\t';

  /**
   * The record's node id {@code source TAB dataset TAB period TAB record_id}: unique across the
   * deliveries of a run, and sorting it sorts by (source, dataset, period, record_id).
   */
  public String id() {
    return id(source, dataset, period, recordId);
  }

  public static String id(String source, String dataset, String period, String recordId) {
    return source + SEP + dataset + SEP + period + SEP + recordId;
  }

  /** Splits a node id into its four parts. */
  public static String[] parts(String id) {
    String[] p = id.split(String.valueOf(SEP), 4);
    if (p.length != 4) {
      throw new IllegalArgumentException("not a record id: " + id.length() + " chars");
    }
    return p;
  }
}
