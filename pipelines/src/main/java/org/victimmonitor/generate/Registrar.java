package org.victimmonitor.generate;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Writes down a person's identity the way a registering organisation does, with the linkage
 * difficulties of CALIBRATION.md ("Where linkage gets hard"). Each record is written independently,
 * so two records of one person differ in their own ways. The difficulties made are returned as
 * codes (and go to {@code truth/records.csv}); the rates, per record:
 *
 * <ul>
 *   <li>{@code first_name:typo|ocr|transposed|dropped_letter|added_letter} and the same for {@code
 *       surname}: keyboard typo 1.5%, OCR confusion (rn/m, cl/d, i/l, ...) 0.6%, transposed letters
 *       0.8%, dropped letter 0.8%, added (mostly doubled) letter 0.6%, per name.
 *   <li>{@code prefix:in_surname} 8% ({@code van der Berg} in the surname column), {@code
 *       prefix:joined} 6% ({@code Vanderberg}, {@code VanderBerg}), {@code prefix:dropped} 6%
 *       ({@code Berg}), of records of people with a Dutch surname prefix.
 *   <li>{@code names:swapped}: first and last name swapped, 1.5% (6% for Chinese, Vietnamese and
 *       Hungarian names, written surname first at home).
 *   <li>{@code first_name:nickname} 6% (a short form or nickname from the list's variants); for
 *       names from other scripts {@code first_name:transliteration} 6% and {@code
 *       surname:transliteration} 15% (another Latin transliteration); {@code
 *       surname:spelling_variant} 3% otherwise.
 *   <li>{@code name:native_script}: names in Cyrillic, Arabic or Hanzi, 4% of records of people
 *       whose list has such spellings.
 *   <li>{@code name:diacritics_stripped}: 40% of records of names with diacritics.
 *   <li>{@code name:upper_case}: the source system writes capitals (police 15%, border police 30%,
 *       others 2-5%).
 *   <li>{@code surname:married}: 40% of records of women with a spouse's surname (30% of women aged
 *       23 and over have one).
 *   <li>{@code dob:missing} 0.5-4%, {@code dob:year_only} 1-5%, {@code dob:year_month} 0.5-3% by
 *       source, three times as often for nationalities where documents are often missing; {@code
 *       dob:day_month_swapped} 1.5% (when the day is 12 or less), {@code dob:year_off_by_one} 1%.
 *   <li>{@code bsn:missing}: the person has a BSN but the source did not record it (police 10%,
 *       care 30%, ...); of recorded BSNs {@code bsn:typo} 0.5% (fails the 11-test) and {@code
 *       bsn:wrong_valid} 0.3% (another valid number).
 *   <li>{@code sex:missing} 1%, {@code nationality:missing} 1-3%, {@code birth_country:missing}
 *       5-30% by source.
 * </ul>
 *
 * Re-registrations, namesakes and the haystack are made by the population model, not here.
 */
public final class Registrar {

  /** How carefully a source records identities (rates per record). */
  public record Profile(
      String source,
      double bsnRecorded,
      double dobMissing,
      double dobYearOnly,
      double dobYearMonth,
      double nationalityMissing,
      double birthCountryMissing,
      double upperCase) {

    public static final Profile POLICE =
        new Profile("police", 0.90, 0.01, 0.02, 0.01, 0.02, 0.25, 0.15);
    public static final Profile KMAR =
        new Profile("kmar", 0.70, 0.005, 0.02, 0.01, 0.01, 0.05, 0.30);
    public static final Profile INSPECTORATE =
        new Profile("inspectorate", 0.80, 0.03, 0.05, 0.02, 0.03, 0.30, 0.05);
    public static final Profile CARE =
        new Profile("care", 0.70, 0.04, 0.05, 0.03, 0.02, 0.20, 0.02);
    public static final Profile MUNICIPALITY =
        new Profile("municipality", 0.98, 0.005, 0.01, 0.005, 0.01, 0.10, 0.05);

    /** The profile of a source (police rates for an unknown source). */
    public static Profile of(String source) {
      return switch (source) {
        case "kmar" -> KMAR;
        case "inspectorate" -> INSPECTORATE;
        case "care" -> CARE;
        case "municipality" -> MUNICIPALITY;
        default -> POLICE;
      };
    }
  }

  static final double MISSPELL_TYPO = 0.015;
  static final double MISSPELL_OCR = 0.006;
  static final double MISSPELL_TRANSPOSED = 0.008;
  static final double MISSPELL_DROPPED = 0.008;
  static final double MISSPELL_ADDED = 0.006;
  static final double PREFIX_IN_SURNAME = 0.08;
  static final double PREFIX_JOINED = 0.06;
  static final double PREFIX_DROPPED = 0.06;
  static final double NAMES_SWAPPED = 0.015;
  static final double NAMES_SWAPPED_SURNAME_FIRST = 0.06;
  static final double FIRST_NAME_VARIANT = 0.06;
  static final double SURNAME_TRANSLITERATION = 0.15;
  static final double SURNAME_SPELLING_VARIANT = 0.03;
  static final double NATIVE_SCRIPT = 0.04;
  static final double DIACRITICS_STRIPPED = 0.40;
  static final double MARRIED_NAME_USED = 0.40;
  static final double DOB_DAY_MONTH_SWAPPED = 0.015;
  static final double DOB_YEAR_OFF_BY_ONE = 0.01;
  static final double SEX_MISSING = 0.01;
  static final double BSN_TYPO = 0.005;
  static final double BSN_WRONG_VALID = 0.003;

  /** Name order surname-first at home: swapped more often. */
  static final Set<String> SURNAME_FIRST = Set.of("CN", "VN", "HU");

  /** Nationalities whose victims often lack documents: dates of birth more often partial. */
  static final Set<String> UNDOCUMENTED = Set.of("NG", "UG", "ER", "GH", "SY");

  private final Profile profile;

  public Registrar(Profile profile) {
    this.profile = profile;
  }

  public Profile profile() {
    return profile;
  }

  public WrittenIdentity write(Identity id, SplittableRandom rng) {
    List<String> diff = new ArrayList<>(4);
    NameList origin = id.origin();
    NameEntry sur = id.surname();
    if (id.marriedSurname() != null && rng.nextDouble() < MARRIED_NAME_USED) {
      sur = id.marriedSurname();
      diff.add("surname:married");
    }
    NameEntry firstEntry = id.firstName();
    String first = firstEntry.name();
    String surname = sur.name();
    String prefix = sur.prefix();
    boolean nativeScript =
        origin.nativeScript()
            && (!firstEntry.nativeVariants().isEmpty() || !sur.nativeVariants().isEmpty())
            && rng.nextDouble() < NATIVE_SCRIPT;
    if (nativeScript) {
      first = pickOr(firstEntry.nativeVariants(), first, rng);
      surname = pickOr(sur.nativeVariants(), surname, rng);
      diff.add("name:native_script");
    } else {
      if (!firstEntry.latinVariants().isEmpty() && rng.nextDouble() < FIRST_NAME_VARIANT) {
        first = pickOr(firstEntry.latinVariants(), first, rng);
        diff.add(origin.nativeScript() ? "first_name:transliteration" : "first_name:nickname");
      }
      double pv = origin.nativeScript() ? SURNAME_TRANSLITERATION : SURNAME_SPELLING_VARIANT;
      if (!sur.latinVariants().isEmpty() && rng.nextDouble() < pv) {
        surname = pickOr(sur.latinVariants(), surname, rng);
        diff.add(origin.nativeScript() ? "surname:transliteration" : "surname:spelling_variant");
      }
      if (rng.nextDouble() < DIACRITICS_STRIPPED) {
        String f = Misspellings.stripDiacritics(first);
        String s = Misspellings.stripDiacritics(surname);
        if (!f.equals(first) || !s.equals(surname)) {
          first = f;
          surname = s;
          diff.add("name:diacritics_stripped");
        }
      }
      first = misspell(first, "first_name", diff, rng);
      surname = misspell(surname, "surname", diff, rng);
    }
    if (!prefix.isEmpty()) {
      double u = rng.nextDouble();
      if (u < PREFIX_IN_SURNAME) {
        surname = prefix + " " + surname;
        prefix = "";
        diff.add("prefix:in_surname");
      } else if (u < PREFIX_IN_SURNAME + PREFIX_JOINED) {
        surname = joinPrefix(prefix, surname, rng.nextBoolean());
        prefix = "";
        diff.add("prefix:joined");
      } else if (u < PREFIX_IN_SURNAME + PREFIX_JOINED + PREFIX_DROPPED) {
        prefix = "";
        diff.add("prefix:dropped");
      }
    }
    double swap =
        SURNAME_FIRST.contains(origin.country()) ? NAMES_SWAPPED_SURNAME_FIRST : NAMES_SWAPPED;
    if (rng.nextDouble() < swap) {
      String full = prefix.isEmpty() ? surname : prefix + " " + surname;
      surname = first;
      first = full;
      prefix = "";
      diff.add("names:swapped");
    }
    if (rng.nextDouble() < profile.upperCase()) {
      first = first.toUpperCase(Locale.ROOT);
      surname = surname.toUpperCase(Locale.ROOT);
      prefix = prefix.toUpperCase(Locale.ROOT);
      diff.add("name:upper_case");
    }
    String dob = writeDateOfBirth(id, diff, rng);
    String sex = id.sex();
    if (rng.nextDouble() < SEX_MISSING) {
      sex = "";
      diff.add("sex:missing");
    }
    String bsn = "";
    if (id.bsn() != null) {
      if (rng.nextDouble() < profile.bsnRecorded()) {
        double u = rng.nextDouble();
        if (u < BSN_TYPO) {
          bsn = Bsn.typo(id.bsn(), rng);
          diff.add("bsn:typo");
        } else if (u < BSN_TYPO + BSN_WRONG_VALID) {
          bsn = Bsn.forIndex(rng.nextLong(Bsn.CAPACITY));
          diff.add("bsn:wrong_valid");
        } else {
          bsn = id.bsn();
        }
      } else {
        diff.add("bsn:missing");
      }
    }
    String nationality = id.nationality();
    if (rng.nextDouble() < profile.nationalityMissing()) {
      nationality = "";
      diff.add("nationality:missing");
    }
    String birthCountry = id.birthCountry();
    if (rng.nextDouble() < profile.birthCountryMissing()) {
      birthCountry = "";
      diff.add("birth_country:missing");
    }
    return new WrittenIdentity(
        first, prefix, surname, dob, sex, bsn, nationality, birthCountry, List.copyOf(diff));
  }

  private String writeDateOfBirth(Identity id, List<String> diff, SplittableRandom rng) {
    LocalDate dob = id.dateOfBirth();
    double f = UNDOCUMENTED.contains(id.nationality()) ? 3 : 1;
    double u = rng.nextDouble();
    double missing = profile.dobMissing() * f;
    double yearOnly = missing + profile.dobYearOnly() * f;
    double yearMonth = yearOnly + profile.dobYearMonth() * f;
    if (u < missing) {
      diff.add("dob:missing");
      return "";
    }
    if (u < yearOnly) {
      diff.add("dob:year_only");
      return dob.toString().substring(0, 4);
    }
    if (u < yearMonth) {
      diff.add("dob:year_month");
      return dob.toString().substring(0, 7);
    }
    LocalDate d = dob;
    if (d.getDayOfMonth() <= 12
        && d.getDayOfMonth() != d.getMonthValue()
        && rng.nextDouble() < DOB_DAY_MONTH_SWAPPED) {
      d = LocalDate.of(d.getYear(), d.getDayOfMonth(), d.getMonthValue());
      diff.add("dob:day_month_swapped");
    }
    if (rng.nextDouble() < DOB_YEAR_OFF_BY_ONE) {
      d = d.withYear(d.getYear() + (rng.nextBoolean() ? 1 : -1));
      diff.add("dob:year_off_by_one");
    }
    return d.toString();
  }

  private static String misspell(String s, String field, List<String> diff, SplittableRandom rng) {
    double u = rng.nextDouble();
    Misspellings.Kind kind;
    if (u < MISSPELL_TYPO) {
      kind = Misspellings.Kind.TYPO;
    } else if (u < MISSPELL_TYPO + MISSPELL_OCR) {
      kind = Misspellings.Kind.OCR;
    } else if (u < MISSPELL_TYPO + MISSPELL_OCR + MISSPELL_TRANSPOSED) {
      kind = Misspellings.Kind.TRANSPOSED;
    } else if (u < MISSPELL_TYPO + MISSPELL_OCR + MISSPELL_TRANSPOSED + MISSPELL_DROPPED) {
      kind = Misspellings.Kind.DROPPED_LETTER;
    } else if (u
        < MISSPELL_TYPO + MISSPELL_OCR + MISSPELL_TRANSPOSED + MISSPELL_DROPPED + MISSPELL_ADDED) {
      kind = Misspellings.Kind.ADDED_LETTER;
    } else {
      return s;
    }
    String out = Misspellings.apply(kind, s, rng);
    if (!out.equals(s)) {
      diff.add(field + ":" + kind.code());
    }
    return out;
  }

  /** {@code van der} + {@code Berg} written together: {@code Vanderberg} or {@code VanderBerg}. */
  static String joinPrefix(String prefix, String surname, boolean keepCapital) {
    String p = prefix.replace(" ", "").replace("'", "");
    p =
        p.isEmpty()
            ? p
            : Character.toUpperCase(p.charAt(0)) + p.substring(1).toLowerCase(Locale.ROOT);
    return p + (keepCapital ? surname : surname.toLowerCase(Locale.ROOT));
  }

  private static String pickOr(List<String> options, String fallback, SplittableRandom rng) {
    return options.isEmpty() ? fallback : options.get(rng.nextInt(options.size()));
  }
}
