package org.victimmonitor.delivery;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/**
 * Row-level checks of one delivery column value against its type and code list, and of the values
 * of one row against each other: shared by the pseudonymiser (at the provider) and the loader's
 * validation (at the office).
 */
public final class RowChecks {
  /** The oldest age at an event that the warehouse accepts (its data test c04). */
  public static final int MAX_AGE = 120;

  /** No date of the warehouse lies before this year (its data test c05). */
  public static final int FIRST_YEAR = 1900;

  /**
   * Reason code of a row whose record id an earlier row of the same delivery already has, or that
   * repeats an earlier delivery's row of the same source and dataset cell for cell.
   */
  public static final String DUPLICATE_RECORD_ID = "DUPLICATE_RECORD_ID";

  private RowChecks() {}

  /** What is wrong with one column of a row: the column's name and the problem, never the value. */
  public record Problem(String column, String text) {
    /** The reason code of the quarantine and the reject file: {@code BAD_<COLUMN>}. */
    public String reason() {
      return "BAD_" + column.toUpperCase(Locale.ROOT);
    }
  }

  /**
   * The first problem between the values of one row whose columns each passed {@link #check}, or
   * null. {@code values} holds at least the delivery columns, in the schema's order. The rules are
   * those of the warehouse's data tests, so that a row they would fail is quarantined at the office
   * (or rejected at the provider) instead of stopping the whole load after the job:
   *
   * <ul>
   *   <li>no date before {@value #FIRST_YEAR};
   *   <li>the end date (the schema's second date, as in support) not before the event date (its
   *       first);
   *   <li>the age at the event date, its year minus {@code birth_year}, from 0 to {@value
   *       #MAX_AGE}.
   * </ul>
   *
   * <p>{@code values} must each have passed {@link #check}: dates are valid, years are numbers.
   */
  public static Problem checkAcross(DeliverySchema schema, List<String> values) {
    return checkAcross(schema, values, null);
  }

  /**
   * The same, and the event date not later than the day after {@code made}, the day (UTC) the
   * delivery was made: a registration cannot be dated after its delivery (a mistyped year such as
   * 2091 would otherwise be loaded into a year of its own). The day of slack allows for time zones.
   * No such rule when {@code made} is null.
   */
  public static Problem checkAcross(DeliverySchema schema, List<String> values, LocalDate made) {
    List<DeliverySchema.Column> cols = schema.columns();
    int event = schema.eventDate();
    int end = schema.endDate();
    int birthYear = -1;
    for (int i = 0; i < cols.size(); i++) {
      DeliverySchema.Column c = cols.get(i);
      if (c.type() == DeliverySchema.Type.DATE) {
        String v = values.get(i);
        if (v != null && !v.isEmpty() && LocalDate.parse(v).getYear() < FIRST_YEAR) {
          return new Problem(c.name(), "before " + FIRST_YEAR);
        }
      } else if (c.name().equals("birth_year")) {
        birthYear = i;
      }
    }
    LocalDate start = date(values, event);
    if (start != null && made != null && start.isAfter(made.plusDays(1))) {
      return new Problem(cols.get(event).name(), "after the delivery was made");
    }
    LocalDate stop = date(values, end);
    if (start != null && stop != null && stop.isBefore(start)) {
      return new Problem(cols.get(end).name(), "before " + cols.get(event).name());
    }
    if (start != null && birthYear >= 0) {
      String v = values.get(birthYear);
      if (v != null && !v.isEmpty()) {
        int age = start.getYear() - Integer.parseInt(v);
        if (age < 0 || age > MAX_AGE) {
          return new Problem(
              "birth_year",
              "an age at " + cols.get(event).name() + (age < 0 ? " below 0" : " over " + MAX_AGE));
        }
      }
    }
    return null;
  }

  /** The day (UTC) of a manifest's {@code created} time, or null when it is not an ISO instant. */
  public static LocalDate madeOn(String created) {
    try {
      return created == null
          ? null
          : java.time.Instant.parse(created).atZone(java.time.ZoneOffset.UTC).toLocalDate();
    } catch (java.time.format.DateTimeParseException e) {
      return null;
    }
  }

  private static LocalDate date(List<String> values, int i) {
    if (i < 0) {
      return null;
    }
    String v = values.get(i);
    return v == null || v.isEmpty() ? null : LocalDate.parse(v);
  }

  /** The problem with a value, or null when it is valid. Never quotes the value. */
  public static String check(DeliverySchema.Column col, String v, CodeLists codes) {
    if (v == null || v.isEmpty()) {
      return col.nullable() ? null : "empty, but required";
    }
    switch (col.type()) {
      case DATE -> {
        if (!isIsoDate(v)) {
          return "not a date YYYY-MM-DD";
        }
      }
      case INT -> {
        try {
          Integer.parseInt(v);
        } catch (NumberFormatException e) {
          return "not a whole number";
        }
      }
      case STRING -> {
        // any text
      }
    }
    if (col.codes() != null && !codes.contains(col.codes(), v)) {
      return "not in the " + col.codes() + " code list";
    }
    return null;
  }

  /** True for a valid {@code YYYY-MM-DD} date. */
  public static boolean isIsoDate(String v) {
    if (v.length() != 10 || v.charAt(4) != '-' || v.charAt(7) != '-') {
      return false;
    }
    try {
      LocalDate.of(
          Integer.parseInt(v.substring(0, 4)),
          Integer.parseInt(v.substring(5, 7)),
          Integer.parseInt(v.substring(8, 10)));
      return true;
    } catch (NumberFormatException | DateTimeException e) {
      return false;
    }
  }
}
