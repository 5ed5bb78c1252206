package org.victimmonitor.link;

import java.io.Serializable;

/**
 * One delivered record as the linkage sees it: where it came from, its match keys (in the linkage
 * schema's order, null when missing), its field Bloom filters (in the order of the schema's Bloom
 * fields, null when missing) and the coarse attributes that take part in comparison and in the
 * hard-evidence guard. Never holds anything in clear beyond what the delivery already holds.
 *
 * <p>{@code attributes} are further coarse attributes in clear, in the order of {@link #ATTRIBUTES}
 * (null when missing or not delivered). {@code frequencies} holds, per Bloom field, how many
 * records of the run carry exactly the same filter (0 until {@link CountValueFrequencies} has
 * counted them): the term frequency of the field's value, without knowing the value.
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
    int birthYear,
    String[] attributes,
    int[] frequencies)
    implements Serializable {

  /** Coarse attributes in clear that take part in comparison, by delivery column name. */
  public static final java.util.List<String> ATTRIBUTES =
      java.util.List.of("nationality", "municipality");

  /** A record without further attributes or frequencies. */
  public LinkRecord(
      String source,
      String dataset,
      String period,
      String recordId,
      String[] keys,
      long[][] filters,
      String sex,
      int birthYear) {
    this(
        source,
        dataset,
        period,
        recordId,
        keys,
        filters,
        sex,
        birthYear,
        new String[ATTRIBUTES.size()],
        new int[filters.length]);
  }

  /** The delivery the record came from, never its tokens or attributes. */
  @Override
  public String toString() {
    return "LinkRecord[" + source + "/" + dataset + "/" + period + "]";
  }

  /** The same record with the term frequencies of its Bloom fields. */
  public LinkRecord withFrequencies(int[] f) {
    return new LinkRecord(
        source, dataset, period, recordId, keys, filters, sex, birthYear, attributes, f);
  }

  /** The frequency of Bloom field {@code i}'s value, 0 when not counted. */
  public int frequency(int i) {
    return i < frequencies.length ? frequencies[i] : 0;
  }

  /** Characters of a match-key token that the engine keeps: 96 bits of base64url. */
  public static final int KEY_CHARS = 16;

  /**
   * The part of a match-key token the engine compares and blocks on: its first {@link #KEY_CHARS}
   * characters (96 bits of the keyed hash; two different values collide with chance 2^-96, so about
   * 10^-17 among the pairs of a few million records). A record is copied into each of its blocks,
   * and the full 256-bit tokens would be a third of it. Null stays null.
   */
  public static String shortKey(String token) {
    return token == null || token.length() <= KEY_CHARS ? token : token.substring(0, KEY_CHARS);
  }

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
