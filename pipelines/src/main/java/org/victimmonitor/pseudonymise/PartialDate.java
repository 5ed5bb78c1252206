package org.victimmonitor.pseudonymise;

import java.time.DateTimeException;
import java.time.LocalDate;

/**
 * A date of birth that may be partial: year only, year and month, or a full date (month and day are
 * 0 when unknown). Parses {@code YYYY-MM-DD}, {@code YYYY-MM}, {@code YYYY} and the compact {@code
 * YYYYMMDD} of the FEBRL files.
 */
public record PartialDate(int year, int month, int day) {

  public boolean isFull() {
    return month > 0 && day > 0;
  }

  /** ISO form of what is known: "1990-05-14", "1990-05" or "1990". */
  public String iso() {
    // hand-formatted: String.format dominated the pseudonymiser's profile
    StringBuilder sb = new StringBuilder(10);
    pad(sb, year, 4);
    if (month > 0) {
      pad(sb.append('-'), month, 2);
      if (day > 0) {
        pad(sb.append('-'), day, 2);
      }
    }
    return sb.toString();
  }

  private static void pad(StringBuilder sb, int v, int width) {
    String s = Integer.toString(v);
    for (int i = s.length(); i < width; i++) {
      sb.append('0');
    }
    sb.append(s);
  }

  /** Thrown for a value that is not a date; the message never quotes the value. */
  public static final class InvalidDateException extends Exception {
    public InvalidDateException(String message) {
      super(message);
    }
  }

  /**
   * Parses and checks a date. With {@code lenient}, digits are split by position without range
   * checks (benchmark files hold impossible dates on purpose); otherwise an impossible or future
   * date is an error.
   */
  public static PartialDate parse(String value, boolean lenient, int maxYear)
      throws InvalidDateException {
    String s = value.strip();
    int y;
    int m = 0;
    int d = 0;
    if (s.length() == 8 && digits(s, 0, 8)) {
      y = num(s, 0, 4);
      m = num(s, 4, 6);
      d = num(s, 6, 8);
    } else if (s.length() == 10
        && digits(s, 0, 4)
        && s.charAt(4) == '-'
        && digits(s, 5, 7)
        && s.charAt(7) == '-'
        && digits(s, 8, 10)) {
      y = num(s, 0, 4);
      m = num(s, 5, 7);
      d = num(s, 8, 10);
    } else if (s.length() == 7 && digits(s, 0, 4) && s.charAt(4) == '-' && digits(s, 5, 7)) {
      y = num(s, 0, 4);
      m = num(s, 5, 7);
    } else if (s.length() == 4 && digits(s, 0, 4)) {
      y = num(s, 0, 4);
    } else {
      throw new InvalidDateException("not a date (expected YYYY-MM-DD, YYYY-MM or YYYY)");
    }
    if (lenient) {
      return new PartialDate(y, m, d);
    }
    if (y < 1900 || y > maxYear) {
      throw new InvalidDateException("year out of range 1900-" + maxYear);
    }
    if (m < 0 || m > 12 || (s.length() == 7 && m == 0)) {
      throw new InvalidDateException("month out of range 1-12");
    }
    if (d > 0 || s.length() >= 8) {
      try {
        LocalDate.of(y, m, d);
      } catch (DateTimeException e) {
        throw new InvalidDateException("no such day in that month");
      }
    }
    return new PartialDate(y, m, d);
  }

  private static boolean digits(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  private static int num(String s, int from, int to) {
    return Integer.parseInt(s.substring(from, to));
  }
}
