package org.victimmonitor.link;

/**
 * Dice coefficient of two Bloom filters held as {@code long[]} words: {@code 2|A∩B| / (|A|+|B|)}.
 * One pass of popcounts, no allocation, so it can run billions of times per job.
 */
public final class Dice {
  private Dice() {}

  /**
   * Dice similarity in [0, 1]. Two empty filters count as 0 (nothing in common to measure); the
   * filters must have the same length.
   */
  public static double similarity(long[] a, long[] b) {
    int inter = 0;
    int total = 0;
    for (int i = 0; i < a.length; i++) {
      long x = a[i];
      long y = b[i];
      inter += Long.bitCount(x & y);
      total += Long.bitCount(x) + Long.bitCount(y);
    }
    return total == 0 ? 0.0 : 2.0 * inter / total;
  }

  /**
   * Dice similarity when the filters' cardinalities are known (computed once per record): only the
   * intersection is counted, half the popcounts of {@link #similarity(long[], long[])}.
   */
  public static double similarity(long[] a, int cardA, long[] b, int cardB) {
    int total = cardA + cardB;
    if (total == 0) {
      return 0.0;
    }
    int inter = 0;
    for (int i = 0; i < a.length; i++) {
      inter += Long.bitCount(a[i] & b[i]);
    }
    return 2.0 * inter / total;
  }

  /** Number of bits set in a filter. */
  public static int cardinality(long[] a) {
    int n = 0;
    for (long x : a) {
      n += Long.bitCount(x);
    }
    return n;
  }

  /** True when both filters have exactly the same bits. */
  public static boolean identical(long[] a, long[] b) {
    if (a.length != b.length) {
      return false;
    }
    for (int i = 0; i < a.length; i++) {
      if (a[i] != b[i]) {
        return false;
      }
    }
    return true;
  }
}
