package org.victimmonitor.generate;

import java.time.LocalDate;
import java.time.Period;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Makes true identities: names drawn from the frequency list of the person's origin (Dutch
 * nationals partly of Moroccan or Surinamese descent), birth country, a spouse's surname for some
 * women, and a BSN for nearly all Dutch nationals but few foreign victims.
 */
final class IdentityFactory {

  static final Set<String> EU = Set.of("NL", "PL", "RO", "BG", "HU", "LT", "SK", "DE");
  private static final double MARRIED_SHARE = 0.30;

  private final NameLists names;
  private final Map<String, Double> dutchOrigins = new LinkedHashMap<>();

  IdentityFactory(NameLists names) {
    this.names = names;
    // Dutch nationals' name origins (assumption in line with CBS migration background figures).
    dutchOrigins.put("NL", 0.82);
    dutchOrigins.put("MA", 0.07);
    dutchOrigins.put("SR", 0.07);
    dutchOrigins.put("DE", 0.02);
    dutchOrigins.put("CN", 0.01);
    dutchOrigins.put("VN", 0.01);
  }

  Identity create(
      String sex,
      LocalDate dob,
      String nationality,
      long bsnIndex,
      LocalDate at,
      SplittableRandom rng) {
    String origin = nationality;
    String birthCountry = nationality;
    if (nationality.equals("NL")) {
      origin = Quotas.pick(dutchOrigins, rng);
      if (!origin.equals("NL") && rng.nextDouble() < 0.4) {
        birthCountry = origin;
      }
    } else if (rng.nextDouble() < 0.02) {
      birthCountry = "NL";
    }
    NameList list = names.get(origin);
    NameList.Kind kind =
        switch (sex) {
          case "M" -> NameList.Kind.MALE;
          case "F" -> NameList.Kind.FEMALE;
          default -> rng.nextBoolean() ? NameList.Kind.MALE : NameList.Kind.FEMALE;
        };
    NameEntry first = list.sample(kind, rng);
    NameEntry surname = list.sample(NameList.Kind.SURNAME, rng);
    NameEntry married = null;
    if (sex.equals("F")) {
      surname = feminine(surname, origin, false);
      if (Period.between(dob, at).getYears() >= 23 && rng.nextDouble() < MARRIED_SHARE) {
        NameList spouse = nationality.equals("NL") && rng.nextBoolean() ? names.get("NL") : list;
        married = feminine(spouse.sample(NameList.Kind.SURNAME, rng), spouse.country(), true);
        if (married.name().equals(surname.name())) {
          married = null;
        }
      }
    }
    String bsn = rng.nextDouble() < bsnShare(nationality) ? Bsn.forIndex(bsnIndex) : null;
    return new Identity(sex, dob, nationality, birthCountry, list, first, surname, married, bsn);
  }

  /** Countries whose surnames have a feminine form (given among the list's variants). */
  static final Set<String> GENDERED_SURNAMES = Set.of("PL", "BG", "LT", "SK", "UA");

  /**
   * The feminine form of a surname where the language has one ({@code Kowalski -> Kowalska}, {@code
   * Ivanov -> Ivanova}, {@code Horváth -> Horváthová}, Lithuanian {@code Kazlauskas ->
   * Kazlauskaitė}, or {@code Kazlauskienė} when married), taken from the list's variants. The
   * masculine form stays a variant: registrars sometimes write it for a woman.
   */
  static NameEntry feminine(NameEntry e, String country, boolean married) {
    if (!GENDERED_SURNAMES.contains(country)) {
      return e;
    }
    String stem = e.name().substring(0, Math.min(3, e.name().length()));
    String form = null;
    for (String v : e.latinVariants()) {
      if (!v.startsWith(stem) || !looksFeminine(v)) {
        continue;
      }
      boolean wifeForm = v.endsWith("ienė");
      if (country.equals("LT") && wifeForm != married) {
        continue;
      }
      form = v;
      break;
    }
    if (form == null) {
      return e;
    }
    List<String> latin = new java.util.ArrayList<>();
    latin.add(e.name());
    for (String v : e.latinVariants()) {
      if (!v.equals(form) && looksFeminine(v) && !(country.equals("LT") && v.endsWith("ienė"))) {
        latin.add(v);
      }
    }
    List<String> nat = e.nativeVariants().stream().filter(v -> v.endsWith("а")).toList();
    return new NameEntry(
        e.prefix(), form, List.copyOf(latin), nat.isEmpty() ? e.nativeVariants() : nat);
  }

  private static boolean looksFeminine(String v) {
    return v.endsWith("a") || v.endsWith("á") || v.endsWith("ė");
  }

  /**
   * Chance of having a BSN: Dutch nationals nearly always; EU workers registered in the population
   * register fairly often; other foreign nationals seldom (assumptions).
   */
  static double bsnShare(String nationality) {
    if (nationality.equals("NL")) {
      return 0.97;
    }
    if (EU.contains(nationality)) {
      return 0.35;
    }
    if (List.of("SR", "MA").contains(nationality)) {
      return 0.25;
    }
    return 0.05;
  }
}
