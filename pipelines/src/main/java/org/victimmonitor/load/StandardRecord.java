package org.victimmonitor.load;

import java.io.Serializable;
import java.util.Map;

/**
 * A valid delivery row in the load's common form, whatever its dataset: typed event date and code,
 * coarse attributes, and the tokens by column name (mk_* and bf_*; empty tokens left out). Dates
 * are days since 1970-01-01.
 *
 * @param role the dataset's role in the monitor (registration, support, victimisation, suspect)
 * @param code the event's code: exploitation form, crime type or support type
 * @param endDay last day of a support trajectory, or null
 */
public record StandardRecord(
    String source,
    String dataset,
    String period,
    String recordId,
    long rowNumber,
    int sourceKey,
    String role,
    int eventDay,
    Integer endDay,
    String code,
    Integer birthYear,
    String sex,
    String nationality,
    String municipality,
    Map<String, String> tokens)
    implements Serializable {

  public static final String REGISTRATION = "registration";
  public static final String SUPPORT = "support";
  public static final String VICTIMISATION = "victimisation";
  public static final String SUSPECT = "suspect";

  /** Where the record came from, never its values or tokens (a record may end up in a log). */
  @Override
  public String toString() {
    return "StandardRecord[" + source + "/" + dataset + "/" + period + " row " + rowNumber + "]";
  }

  /**
   * The record's reference, unique across deliveries and ordered by (period, source, dataset,
   * record id, row number): the separator sorts below every printable character, so string order is
   * tuple order.
   */
  public String ref() {
    return period
        + '\u001f'
        + source
        + '\u001f'
        + dataset
        + '\u001f'
        + recordId
        + '\u001f'
        + String.format("%010d", rowNumber);
  }

  public String deliveryId() {
    return source + "/" + dataset + "/" + period;
  }

  /** A {@link #ref()} split into period, source, dataset, record id and row number. */
  public static String[] refParts(String ref) {
    String[] p = ref.split("\u001f", -1);
    if (p.length != 5) {
      throw new IllegalArgumentException("not a record reference (" + p.length + " parts)");
    }
    return p;
  }

  /** The {@link #deliveryId()} of the record a {@link #ref()} names. */
  public static String deliveryOf(String ref) {
    return deliveryOf(refParts(ref));
  }

  /** The {@link #deliveryId()} of a reference's {@link #refParts parts}. */
  public static String deliveryOf(String[] parts) {
    return parts[1] + "/" + parts[2] + "/" + parts[0];
  }
}
