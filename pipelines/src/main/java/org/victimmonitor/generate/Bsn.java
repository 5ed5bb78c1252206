package org.victimmonitor.generate;

import java.util.SplittableRandom;

/**
 * Dutch citizen service numbers (BSN): nine digits passing the 11-test, sum of (9..2) x d1..d8
 * minus d9 divisible by 11. Numbers are made from a person index by a bijection, so two people
 * never share one by accident; errors are made deliberately and recorded in the truth.
 */
public final class Bsn {

  /** Distinct numbers available: indices 0 .. CAPACITY-1 give distinct valid BSNs. */
  public static final long CAPACITY = 9_000_000L;

  private static final long MULTIPLIER = 7_654_321L; // coprime with 9,000,000
  private static final long OFFSET = 1_234_567L;

  private Bsn() {}

  /** Whether the text is nine digits passing the 11-test (the pseudonymiser's own check). */
  public static boolean isValid(String s) {
    return org.victimmonitor.pseudonymise.Bsn.passesElevenTest(s);
  }

  /** The valid BSN of person number {@code index}; distinct indices give distinct numbers. */
  public static String forIndex(long index) {
    if (index < 0 || index >= CAPACITY) {
      throw new IllegalArgumentException("BSN index out of range: " + index);
    }
    long body = 1_000_000L + Math.floorMod(index * MULTIPLIER + OFFSET, CAPACITY);
    char[] d = new char[9];
    String b = Long.toString(body);
    int sum = 0;
    for (int i = 0; i < 7; i++) {
      d[i] = b.charAt(i);
      sum += (9 - i) * (d[i] - '0');
    }
    // d8 is free: pick one (varying with the index) for which the check digit is 0..9.
    int start = (int) Math.floorMod(index * 7, 10L);
    for (int k = 0; k < 10; k++) {
      int d8 = (start + k) % 10;
      int check = Math.floorMod(sum + 2 * d8, 11);
      if (check <= 9) {
        d[7] = (char) ('0' + d8);
        d[8] = (char) ('0' + check);
        return new String(d);
      }
    }
    throw new AssertionError("no check digit for " + index);
  }

  /**
   * A typing error: one digit changed or two neighbouring digits swapped. Either always fails the
   * 11-test (weights and 11 are coprime), which is what makes the test useful.
   */
  public static String typo(String bsn, SplittableRandom rng) {
    char[] d = bsn.toCharArray();
    if (rng.nextBoolean()) {
      for (int tries = 0; tries < 20; tries++) {
        int i = rng.nextInt(8);
        if (d[i] != d[i + 1]) {
          char t = d[i];
          d[i] = d[i + 1];
          d[i + 1] = t;
          return new String(d);
        }
      }
    }
    int i = rng.nextInt(9);
    d[i] = (char) ('0' + Math.floorMod(d[i] - '0' + 1 + rng.nextInt(9), 10));
    return new String(d);
  }
}
