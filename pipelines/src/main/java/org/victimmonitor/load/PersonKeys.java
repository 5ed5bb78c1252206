package org.victimmonitor.load;

/**
 * Person keys: a surrogate made from the position of the person's first record, with no token and
 * no hash in it. {@code key = source_key × 10^13 + period × 10^9 + row number}, where the first
 * record is the smallest by (period, source, dataset, record id, row). Ordering by period first
 * keeps a person's key when later years are loaded; it changes only when linking merges two earlier
 * persons (the merged person takes the smaller key) or splits one.
 */
public final class PersonKeys {
  private PersonKeys() {}

  public static long of(int sourceKey, String period, long rowNumber) {
    int year = Integer.parseInt(period);
    if (sourceKey < 1
        || sourceKey > 900
        || year < 1000
        || year > 9999
        || rowNumber >= 1_000_000_000L) {
      throw new IllegalArgumentException(
          "cannot make a person key for source "
              + sourceKey
              + ", period "
              + period
              + ", row "
              + rowNumber);
    }
    return sourceKey * 10_000_000_000_000L + year * 1_000_000_000L + rowNumber;
  }

  /** The label of a record: its ordered reference and its own candidate person key. */
  public static String label(StandardRecord r) {
    return r.ref() + '\u001e' + of(r.sourceKey(), r.period(), r.rowNumber());
  }

  /** The person key carried by a label. */
  public static long keyOf(String label) {
    return Long.parseLong(label.substring(label.lastIndexOf('\u001e') + 1));
  }
}
