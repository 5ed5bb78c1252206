package org.victimmonitor.delivery;

import java.time.DateTimeException;
import java.time.LocalDate;

/**
 * Row-level checks of one delivery column value against its type and code list: shared by the
 * pseudonymiser (at the provider) and the loader's validation (at the office).
 */
public final class RowChecks {
  private RowChecks() {}

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
