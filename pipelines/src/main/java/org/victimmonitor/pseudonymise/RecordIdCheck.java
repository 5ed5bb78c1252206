package org.victimmonitor.pseudonymise;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.victimmonitor.pseudonymise.LinkageSchema.Field;

/**
 * Whether a record id holds its own row's identity: a provider that builds its ids from the name or
 * the date of birth ({@code JANSEN-19900203}) would send them in clear to the office, where the id
 * is kept in the restricted vault and quarantine and in {@code monitor link}'s clusters.csv. Only
 * the row's own values are looked for, so ids such as {@code CARE-2015-000001} pass:
 *
 * <ul>
 *   <li>a name or surname (normalised as for the tokens) of at least 4 letters that is a run of
 *       letters of the id, or of at least 5 letters inside one ({@code VANDENBERG}); shorter names
 *       are not looked for, as a provider's letter code such as {@code POL} may equal one;
 *   <li>a full date of birth as 8 digits among the id's digits, year first or day first;
 *   <li>the BSN's 9 digits among the id's digits.
 * </ul>
 */
final class RecordIdCheck {
  private static final int LETTERS_EQUAL = 4;
  private static final int LETTERS_INSIDE = 5;

  private RecordIdCheck() {}

  /**
   * The field whose value the record id holds, or null.
   *
   * @param raw the row's raw value of a column by name (null when absent)
   */
  static String identityIn(String recordId, LinkageSchema schema, Function<String, String> raw) {
    List<String> runs = List.of(Normaliser.name(recordId).split(" "));
    String digits = recordId.replaceAll("[^0-9]", "");
    for (Field f : schema.fields()) {
      String v = raw.apply(f.name());
      if (v == null || v.isBlank()) {
        continue;
      }
      boolean found =
          switch (f.kind()) {
            case NAME -> holdsName(runs, names(Normaliser.name(v), null));
            case SURNAME -> {
              String prefix = f.prefixColumn() == null ? null : raw.apply(f.prefixColumn());
              Normaliser.Surname s = Normaliser.surname(prefix, v);
              yield holdsName(runs, names(Normaliser.name(v), s.prefix() + s.joinedCore()));
            }
            case DATE -> holdsDate(digits, v.strip());
            case BSN -> {
              String d = Bsn.digits(v.strip());
              yield d != null && d.length() == 9 && digits.contains(d);
            }
            default -> false;
          };
      if (found) {
        return f.name();
      }
    }
    return null;
  }

  /** The words of a normalised name, the words joined, and {@code also} (if given). */
  private static List<String> names(String normalised, String also) {
    List<String> out = new ArrayList<>(List.of(normalised.split(" ")));
    out.add(normalised.replace(" ", ""));
    if (also != null) {
      out.add(also);
    }
    return out;
  }

  private static boolean holdsName(List<String> runs, List<String> names) {
    for (String n : names) {
      if (n.length() < LETTERS_EQUAL) {
        continue;
      }
      for (String r : runs) {
        if (r.equals(n) || (n.length() >= LETTERS_INSIDE && r.contains(n))) {
          return true;
        }
      }
    }
    return false;
  }

  /** A full date {@code YYYY-MM-DD} as {@code YYYYMMDD} or {@code DDMMYYYY} among the digits. */
  private static boolean holdsDate(String digits, String date) {
    if (!date.matches("\\d{4}-\\d{2}-\\d{2}")) {
      return false;
    }
    String y = date.substring(0, 4);
    String m = date.substring(5, 7);
    String d = date.substring(8, 10);
    return digits.contains(y + m + d) || digits.contains(d + m + y);
  }
}
