package org.victimmonitor.generate;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * One chunk of the haystack: police victimisation and suspect records of people outside the monitor
 * population. Chunks are independent (own random stream, own person and BSN numbers), so they can
 * be made in parallel and written in chunk order, and the whole haystack is never in memory. Each
 * chunk starts with its share of deliberate namesakes: people with the first name, surname and
 * birth year of a registered victim, the false links a linkage must avoid.
 */
final class BackgroundChunk {

  /** Background person numbers (for BSNs) start here, clear of the victim population. */
  static final long BSN_INDEX_BASE = 1_000_000L;

  static final long PERSONS_PER_CHUNK_MAX = 100_000L;

  /** A registered victim to copy names and birth year from. */
  record Namesake(String victimId, Identity victim) {}

  /** What a chunk produced: its records and the truth rows of its persons. */
  record Result(int chunk, List<ExtractRecord> records, List<String[]> personRows, int namesakes) {}

  /** Crime types of background victimisations and suspects (assumption). */
  static final Map<String, Double> VICTIM_CRIMES = new LinkedHashMap<>();

  static final Map<String, Double> SUSPECT_CRIMES = new LinkedHashMap<>();

  static {
    String[] types = {"property", "violence", "sexual", "trafficking", "other"};
    double[] victim = {0.55, 0.25, 0.05, 0.01, 0.14};
    double[] suspect = {0.40, 0.25, 0.04, 0.01, 0.30};
    for (int i = 0; i < types.length; i++) {
      VICTIM_CRIMES.put(types[i], victim[i]);
      SUSPECT_CRIMES.put(types[i], suspect[i]);
    }
  }

  /** Nationalities of people in police records (assumption: mostly Dutch nationals). */
  static final Map<String, Double> NATIONALITY_MIX = new LinkedHashMap<>();

  static {
    NATIONALITY_MIX.put("NL", 0.80);
    String[] other = {"PL", "MA", "SR", "DE", "RO", "BG", "SY", "ER", "HU", "LT", "NG", "UA", "CN"};
    double[] share = {
      0.03, 0.03, 0.02, 0.02, 0.015, 0.015, 0.01, 0.01, 0.01, 0.01, 0.01, 0.01, 0.01
    };
    for (int i = 0; i < other.length; i++) {
      NATIONALITY_MIX.put(other[i], share[i]);
    }
    double rest = 1 - NATIONALITY_MIX.values().stream().mapToDouble(Double::doubleValue).sum();
    for (String cc : List.of("VN", "IN", "BR", "SK", "TH", "PH", "AL", "GH", "UG")) {
      NATIONALITY_MIX.put(cc, rest / 9);
    }
  }

  private final RecordFactory records;
  private final IdentityFactory identities;
  private final Municipalities municipalities;
  private final YearRange years;
  private final long seed;

  BackgroundChunk(
      RecordFactory records,
      IdentityFactory identities,
      Municipalities municipalities,
      YearRange years,
      long seed) {
    this.records = records;
    this.identities = identities;
    this.municipalities = municipalities;
    this.years = years;
    this.seed = seed;
  }

  Result generate(int chunk, int recordTarget, List<Namesake> namesakes) {
    SplittableRandom rng = Seeds.stream(seed, "background", chunk);
    List<ExtractRecord> out = new ArrayList<>(recordTarget + 16);
    List<String[]> persons = new ArrayList<>();
    long windowDays = ChronoUnit.DAYS.between(years.start(), years.end()) + 1;
    int local = 0;
    int namesakesMade = 0;
    while (out.size() < recordTarget) {
      if (local >= PERSONS_PER_CHUNK_MAX) {
        throw new IllegalStateException("background chunk " + chunk + " has too many persons");
      }
      String personId = "B" + ExtractWriter.pad(chunk, 3) + ExtractWriter.pad(local, 6);
      long bsnIndex = BSN_INDEX_BASE + chunk * PERSONS_PER_CHUNK_MAX + local;
      local++;
      double role = rng.nextDouble(); // victim only, suspect only, or both
      boolean victim = role < 0.70;
      boolean suspect = role >= 0.55;
      Identity id;
      String namesakeOf = "";
      LocalDate mid = years.start().plusDays(windowDays / 2);
      if (namesakesMade < namesakes.size()) {
        Namesake n = namesakes.get(namesakesMade++);
        id = namesakeOf(n.victim(), bsnIndex, mid, rng);
        namesakeOf = n.victimId();
      } else {
        String nat = Quotas.pick(NATIONALITY_MIX, rng);
        String sex = rng.nextDouble() < (suspect && !victim ? 0.8 : 0.5) ? "M" : "F";
        int age = 12 + (int) Math.floor(68 * Math.pow(rng.nextDouble(), 1.4));
        LocalDate dob = mid.minusYears(age).minusDays(rng.nextInt(365));
        id = identities.create(sex, dob, nat, bsnIndex, mid, rng);
      }
      String residence = municipalities.sample(rng);
      int n = recordCount(rng);
      for (int i = 0; i < n && out.size() < recordTarget; i++) {
        boolean asVictim = victim && (!suspect || rng.nextBoolean());
        LocalDate d = years.start().plusDays(rng.nextLong(windowDays));
        if (asVictim) {
          Map<String, String> ev =
              Map.of("incident_date", d.toString(), "crime_type", Quotas.pick(VICTIM_CRIMES, rng));
          records.add(out, records.victimisation, personId, id, residence, d, ev, rng);
        } else {
          Map<String, String> ev =
              Map.of(
                  "registration_date",
                  d.toString(),
                  "crime_type",
                  Quotas.pick(SUSPECT_CRIMES, rng));
          records.add(out, records.suspect, personId, id, residence, d, ev, rng);
        }
      }
      persons.add(TruthWriter.backgroundRow(personId, id, namesakeOf));
    }
    return new Result(chunk, out, persons, namesakesMade);
  }

  /** Same names (as registered at birth), sex and birth year; another day of birth and BSN. */
  private Identity namesakeOf(Identity v, long bsnIndex, LocalDate at, SplittableRandom rng) {
    LocalDate dob = v.dateOfBirth();
    LocalDate other = dob;
    while (other.equals(dob)) {
      other = LocalDate.ofYearDay(dob.getYear(), 1 + rng.nextInt(dob.lengthOfYear()));
    }
    Identity base = identities.create(v.sex(), other, v.nationality(), bsnIndex, at, rng);
    return new Identity(
        v.sex(),
        other,
        v.nationality(),
        base.birthCountry(),
        v.origin(),
        v.firstName(),
        v.surname(),
        null,
        base.bsn());
  }

  /** Records per background person: 1 (60%), 2 (20%), 3 (10%), 4-8 (10%). */
  static int recordCount(SplittableRandom rng) {
    double u = rng.nextDouble();
    if (u < 0.60) {
      return 1;
    }
    if (u < 0.80) {
      return 2;
    }
    if (u < 0.90) {
      return 3;
    }
    return 4 + rng.nextInt(5);
  }
}
