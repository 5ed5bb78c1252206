package org.victimmonitor.generate;

import java.time.LocalDate;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/** The delivery years to generate, first to last inclusive (one annual extract per year). */
public record YearRange(int first, int last) {

  public static final int EARLIEST = 1990;
  public static final int LATEST = 2100;
  public static final int MAX_YEARS = 40;
  private static final Pattern FORMAT = Pattern.compile("(\\d{4})(?:\\s*-\\s*(\\d{4}))?");

  public YearRange {
    if (first > last) {
      throw new IllegalArgumentException(
          first + "-" + last + ": the first year comes after the last; write e.g. 2014-2021");
    }
    if (first < EARLIEST || last > LATEST) {
      throw new IllegalArgumentException(
          first + "-" + last + ": years must lie between " + EARLIEST + " and " + LATEST);
    }
    if (last - first + 1 > MAX_YEARS) {
      throw new IllegalArgumentException(
          first + "-" + last + ": at most " + MAX_YEARS + " years can be generated");
    }
  }

  /** Parses {@code 2014-2021} or a single year {@code 2019}. */
  public static YearRange parse(String text) {
    Matcher m = FORMAT.matcher(text.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a year range; write FIRST-LAST, e.g. 2014-2021");
    }
    int a = Integer.parseInt(m.group(1));
    int b = m.group(2) == null ? a : Integer.parseInt(m.group(2));
    return new YearRange(a, b);
  }

  public List<Integer> years() {
    return IntStream.rangeClosed(first, last).boxed().toList();
  }

  public int count() {
    return last - first + 1;
  }

  public LocalDate start() {
    return LocalDate.of(first, 1, 1);
  }

  public LocalDate end() {
    return LocalDate.of(last, 12, 31);
  }

  /** Whether a record dated {@code d} falls in the data window (and so is delivered). */
  public boolean contains(LocalDate d) {
    return d != null && !d.isBefore(start()) && !d.isAfter(end());
  }

  @Override
  public String toString() {
    return first + "-" + last;
  }
}
