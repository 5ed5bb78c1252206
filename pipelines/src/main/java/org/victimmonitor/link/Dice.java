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

  /**
   * One filter against many, as anonlink's benchmark compares them: {@code out[i]} is the Dice
   * similarity of {@code query} and the {@code i}-th filter of {@code packed} (filters of {@code
   * query.length} words back to back), exactly as {@link #similarity(long[], int, long[], int)}
   * gives it. Cardinalities are known, and must be the filters' own ({@link #cardinality}).
   * 1024-bit filters take a path with the query's words held in registers and no loop per filter.
   *
   * @param cards the cardinality of each packed filter
   * @param out at least {@code packed.length / query.length} long
   */
  public static void similarities(
      long[] query, int queryCard, long[] packed, int[] cards, double[] out) {
    int words = query.length;
    if (words == 0 || packed.length % words != 0) {
      throw new IllegalArgumentException(
          "packed filters must be whole filters of " + words + " words");
    }
    int n = packed.length / words;
    if (cards.length < n || out.length < n) {
      throw new IllegalArgumentException("cards and out must hold " + n + " filters");
    }
    if (words == 16) {
      similarities1024(query, queryCard, packed, cards, out, n);
      return;
    }
    for (int i = 0, o = 0; i < n; i++, o += words) {
      int inter = 0;
      for (int w = 0; w < words; w++) {
        inter += Long.bitCount(query[w] & packed[o + w]);
      }
      out[i] = dice(inter, queryCard + cards[i]);
    }
  }

  private static void similarities1024(
      long[] q, int queryCard, long[] f, int[] cards, double[] out, int n) {
    long q0 = q[0], q1 = q[1], q2 = q[2], q3 = q[3], q4 = q[4], q5 = q[5], q6 = q[6], q7 = q[7];
    long q8 = q[8], q9 = q[9], q10 = q[10], q11 = q[11];
    long q12 = q[12], q13 = q[13], q14 = q[14], q15 = q[15];
    for (int i = 0; i < n; i++) {
      int o = i << 4;
      // four independent sums, so the popcounts do not wait on one another
      int a =
          Long.bitCount(q0 & f[o])
              + Long.bitCount(q1 & f[o + 1])
              + Long.bitCount(q2 & f[o + 2])
              + Long.bitCount(q3 & f[o + 3]);
      int b =
          Long.bitCount(q4 & f[o + 4])
              + Long.bitCount(q5 & f[o + 5])
              + Long.bitCount(q6 & f[o + 6])
              + Long.bitCount(q7 & f[o + 7]);
      int c =
          Long.bitCount(q8 & f[o + 8])
              + Long.bitCount(q9 & f[o + 9])
              + Long.bitCount(q10 & f[o + 10])
              + Long.bitCount(q11 & f[o + 11]);
      int d =
          Long.bitCount(q12 & f[o + 12])
              + Long.bitCount(q13 & f[o + 13])
              + Long.bitCount(q14 & f[o + 14])
              + Long.bitCount(q15 & f[o + 15]);
      // Cardinalities are the filters' own, so a total of 0 means an intersection of 0: dividing
      // by max(total, 1) gives the 0.0 of two empty filters without a branch in the loop.
      out[i] = 2.0 * ((a + b) + (c + d)) / Math.max(queryCard + cards[i], 1);
    }
  }

  private static double dice(int intersection, int total) {
    return total == 0 ? 0.0 : 2.0 * intersection / total;
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
