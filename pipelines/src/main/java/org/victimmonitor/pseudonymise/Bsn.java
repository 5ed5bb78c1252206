package org.victimmonitor.pseudonymise;

/** The Dutch citizen service number (BSN) and its 11-test. */
public final class Bsn {
  private Bsn() {}

  /** Digits of a BSN as written ("1234.56.782", "12345678" with its leading zero dropped). */
  public static String digits(String value) {
    StringBuilder sb = new StringBuilder(9);
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c >= '0' && c <= '9') {
        sb.append(c);
      } else if (c != ' ' && c != '.' && c != '-') {
        return null;
      }
    }
    if (sb.length() == 8) {
      sb.insert(0, '0');
    }
    return sb.length() == 9 ? sb.toString() : null;
  }

  /** True when nine digits pass the 11-test: 9*d1 + 8*d2 + ... + 2*d8 - d9 = 0 mod 11. */
  public static boolean passesElevenTest(String nineDigits) {
    if (nineDigits == null || nineDigits.length() != 9) {
      return false;
    }
    int sum = 0;
    for (int i = 0; i < 8; i++) {
      int d = nineDigits.charAt(i) - '0';
      if (d < 0 || d > 9) {
        return false;
      }
      sum += (9 - i) * d;
    }
    int last = nineDigits.charAt(8) - '0';
    if (last < 0 || last > 9) {
      return false;
    }
    sum -= last;
    return sum % 11 == 0 && !nineDigits.equals("000000000");
  }
}
