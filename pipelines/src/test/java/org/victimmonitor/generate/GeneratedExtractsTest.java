package org.victimmonitor.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Generates tiny-scale data once and checks the files against the contract, the calibration targets
 * and the truth.
 */
class GeneratedExtractsTest {

  static final YearRange YEARS = new YearRange(2014, 2021);
  static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
  static final Pattern DOB = Pattern.compile("|\\d{4}|\\d{4}-\\d{2}|\\d{4}-\\d{2}-\\d{2}");

  @TempDir static Path dir;
  static GenerationSummary summary;
  static DeliveryLayout layout;
  static JsonNode planted;
  static Map<String, Map<String, String>> persons = new HashMap<>();

  /** source/dataset/year/record_id -> extract row (as a header map). */
  static Map<String, Map<String, String>> records = new HashMap<>();

  static Map<String, CSVRecord> truth = new HashMap<>();

  @BeforeAll
  static void generate() throws IOException {
    summary =
        new SyntheticDataGenerator(GeneratorConfig.of(Scale.TINY, YEARS, 1))
            .generate(dir, ProgressListener.NONE);
    layout = DeliveryLayout.load();
    planted = new ObjectMapper().readTree(dir.resolve("truth/planted.json").toFile());
    for (CSVRecord r : read(dir.resolve("truth/persons.csv"))) {
      persons.put(r.get("person_id"), r.toMap());
    }
    for (CSVRecord r : read(dir.resolve("truth/records.csv"))) {
      String key =
          r.get("source")
              + "/"
              + r.get("dataset")
              + "/"
              + r.get("period")
              + "/"
              + r.get("record_id");
      assertThat(truth.put(key, r)).as("record twice in truth: %s", key).isNull();
    }
    for (SourceDataset ds : layout.datasets()) {
      for (int year : YEARS.years()) {
        for (CSVRecord r : read(extract(ds, year))) {
          String key = ds.key() + "/" + year + "/" + r.get("record_id");
          assertThat(records.put(key, r.toMap())).as("record id twice: %s", key).isNull();
        }
      }
    }
  }

  static Path extract(SourceDataset ds, int year) {
    return dir.resolve("extracts")
        .resolve(ds.source())
        .resolve(ds.dataset())
        .resolve(year + ".csv");
  }

  static List<CSVRecord> read(Path file) throws IOException {
    CSVFormat f = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        CSVParser p = f.parse(in)) {
      return p.getRecords();
    }
  }

  static List<Map<String, String>> recordsOf(String source, String dataset) {
    List<Map<String, String>> out = new ArrayList<>();
    records.forEach(
        (k, v) -> {
          if (k.startsWith(source + "/" + dataset + "/")) {
            out.add(v);
          }
        });
    return out;
  }

  static String person(String key) {
    return truth.get(key).get("person_id");
  }

  @Test
  void everyExtractHasTheContractHeader() throws IOException {
    assertThat(layout.datasets())
        .extracting(SourceDataset::key)
        .containsExactly(
            "police/trafficking_report",
            "kmar/trafficking_report",
            "inspectorate/trafficking_report",
            "care/registration",
            "municipality/support",
            "police/victimisation",
            "police/suspect");
    String identity =
        "record_id,first_name,surname_prefix,surname,date_of_birth,sex,bsn,nationality,birth_country";
    Map<String, String> events =
        Map.of(
            "trafficking_report", "report_date,exploitation_form",
            "registration", "registration_date,exploitation_form",
            "support", "support_type,start_date,end_date",
            "victimisation", "incident_date,crime_type",
            "suspect", "registration_date,crime_type");
    for (SourceDataset ds : layout.datasets()) {
      for (int year : YEARS.years()) {
        String header;
        try (var lines = Files.lines(extract(ds, year), StandardCharsets.UTF_8)) {
          header = lines.findFirst().orElseThrow();
        }
        assertThat(header).isEqualTo(identity + "," + events.get(ds.dataset()) + ",municipality");
      }
    }
    assertThat(summary.files()).isEqualTo(7 * 8);
  }

  @Test
  void everyRecordIsInTheTruthExactlyOnceAndViceVersa() {
    assertThat(truth.keySet()).isEqualTo(records.keySet());
    for (CSVRecord t : truth.values()) {
      assertThat(persons).containsKey(t.get("person_id"));
    }
    assertThat((long) records.size()).isEqualTo(summary.totalRecords());
  }

  @Test
  void uniquePersonsRegisteredPerYearEqualTheScaledTargets() {
    Map<Integer, Set<String>> perYear = new TreeMap<>();
    for (Map.Entry<String, CSVRecord> e : truth.entrySet()) {
      CSVRecord t = e.getValue();
      boolean registration =
          t.get("dataset").equals("trafficking_report") || t.get("dataset").equals("registration");
      if (registration) {
        perYear
            .computeIfAbsent(Integer.parseInt(t.get("period")), y -> new HashSet<>())
            .add(t.get("person_id"));
      }
    }
    for (int year : YEARS.years()) {
      int target = (int) Math.round(CalibrationTargets.registered(year) * 0.05);
      assertThat(perYear.get(year)).as("%d", year).hasSize(target);
      assertThat(planted.at("/registered_persons_per_year/" + year).asInt()).isEqualTo(target);
    }
    // Some persons are registered in two years and count in both.
    Set<String> all = new HashSet<>();
    int sum = 0;
    for (Set<String> s : perYear.values()) {
      all.addAll(s);
      sum += s.size();
    }
    assertThat(all.size()).isLessThan(sum);
    // Re-registrations: some person has two records in one source and year.
    Map<String, Integer> perSourceYear = new HashMap<>();
    truth.values().stream()
        .filter(
            t ->
                t.get("dataset").equals("trafficking_report")
                    || t.get("dataset").equals("registration"))
        .forEach(
            t ->
                perSourceYear.merge(
                    t.get("source") + t.get("period") + t.get("person_id"), 1, Integer::sum));
    assertThat(perSourceYear.values()).anyMatch(n -> n >= 2);
  }

  @Test
  void hiddenVictimsAddUpAndHaveNoRecords() {
    int registered = 0;
    int hidden = 0;
    int total = 0;
    for (int year : YEARS.years()) {
      registered += planted.at("/registered_persons_per_year/" + year).asInt();
      hidden += planted.at("/hidden_per_year/" + year).asInt();
      total += planted.at("/true_population_per_year/" + year).asInt();
    }
    assertThat(total).isEqualTo(registered + hidden);
    // The ratio itself is checked at a larger scale in PopulationModelTest (tiny is too noisy).
    assertThat(total / (double) registered).isBetween(4.0, 6.5);
    // Hidden persons have no record anywhere.
    Set<String> withRecords = new HashSet<>();
    truth.values().forEach(t -> withRecords.add(t.get("person_id")));
    long hiddenPersons =
        persons.values().stream()
            .filter(p -> p.get("kind").equals("hidden"))
            .peek(p -> assertThat(withRecords).doesNotContain(p.get("person_id")))
            .count();
    assertThat(hiddenPersons).isGreaterThan(3L * registered / 2);
    // Border police and inspectorate never register the same person in a year.
    for (JsonNode year : planted.get("list_overlap_per_year")) {
      for (JsonNode cell : year) {
        assertThat(cell.get("kmar").asInt() + cell.get("inspectorate").asInt()).isLessThan(2);
      }
    }
  }

  @Test
  void repeatVictimisationIsPlantedAt45And50Percent() {
    JsonNode share = planted.at("/repeat_victimisation/cumulative_share");
    assertThat(share.get("5").asDouble()).isCloseTo(0.45, within(0.01));
    assertThat(share.get("7").asDouble()).isCloseTo(0.50, within(0.01));
    JsonNode byType = planted.at("/repeat_victimisation/within_5_years_by_crime_type");
    assertThat(byType.get("property").asDouble()).isCloseTo(0.33, within(0.01));
    assertThat(byType.get("violence").asDouble()).isCloseTo(0.25, within(0.01));
    assertThat(byType.get("trafficking").asDouble()).isCloseTo(0.08, within(0.01));
    assertThat(byType.get("sexual").asDouble()).isCloseTo(0.08, within(0.01));

    // Recomputed from persons.csv, by date.
    int n = 0;
    int within5 = 0;
    int within7 = 0;
    for (Map<String, String> p : persons.values()) {
      if (!p.get("kind").equals("registered")) {
        continue;
      }
      n++;
      if (p.get("repeat_first_date").isEmpty()) {
        continue;
      }
      LocalDate first = LocalDate.parse(p.get("first_registration_date"));
      LocalDate repeat = LocalDate.parse(p.get("repeat_first_date"));
      assertThat(repeat).isAfter(first);
      if (!repeat.isAfter(first.plusYears(5))) {
        within5++;
      }
      if (!repeat.isAfter(first.plusYears(7))) {
        within7++;
      }
    }
    assertThat(n).isEqualTo(planted.at("/repeat_victimisation/registered_persons").asInt());
    assertThat(within5 / (double) n).isCloseTo(0.45, within(0.01));
    assertThat(within7 / (double) n).isCloseTo(0.50, within(0.01));
  }

  @Test
  void repeatVictimisationRecordsAreCensoredAtTheEndOfData() {
    // Every police victimisation of a registered person dated after the first registration is a
    // planted repeat; none is dated after the data window.
    for (Map.Entry<String, CSVRecord> e : truth.entrySet()) {
      CSVRecord t = e.getValue();
      Map<String, String> r = records.get(e.getKey());
      String date =
          switch (t.get("dataset")) {
            case "trafficking_report" -> r.get("report_date");
            case "registration", "suspect" -> r.get("registration_date");
            case "victimisation" -> r.get("incident_date");
            default -> r.get("start_date");
          };
      assertThat(date).matches(DATE);
      assertThat(date).startsWith(t.get("period"));
      Map<String, String> p = persons.get(t.get("person_id"));
      if (t.get("dataset").equals("victimisation") && p.get("kind").equals("registered")) {
        LocalDate first = LocalDate.parse(p.get("first_registration_date"));
        if (LocalDate.parse(date).isAfter(first)) {
          assertThat(p.get("repeat_first_date")).isNotEmpty();
          assertThat(LocalDate.parse(date))
              .isAfterOrEqualTo(LocalDate.parse(p.get("repeat_first_date")));
        }
      }
    }
  }

  @Test
  void codesAndFormatsAreValid() throws IOException {
    JsonNode codes =
        new ObjectMapper()
            .readTree(getClass().getResourceAsStream("/schemas/deliveries/codes.json"));
    Set<String> forms = set(codes.get("exploitation_form"));
    Set<String> crimes = set(codes.get("crime_type"));
    Set<String> support = set(codes.get("support_type"));
    Set<String> municipalities = new HashSet<>(Municipalities.load().codes());
    for (Map.Entry<String, Map<String, String>> e : records.entrySet()) {
      Map<String, String> r = e.getValue();
      assertThat(r.get("record_id")).matches("[A-Z]+-\\d{4}-\\d{6,}");
      assertThat(r.get("date_of_birth")).matches(DOB);
      assertThat(r.get("sex")).isIn("M", "F", "X", "");
      assertThat(r.get("nationality")).matches("[A-Z]{2}|");
      assertThat(r.get("birth_country")).matches("[A-Z]{2}|");
      assertThat(r.get("municipality").isEmpty() || municipalities.contains(r.get("municipality")))
          .isTrue();
      if (r.containsKey("exploitation_form")) {
        assertThat(r.get("exploitation_form")).isIn(forms);
      }
      if (r.containsKey("crime_type")) {
        assertThat(r.get("crime_type")).isIn(crimes);
      }
      if (r.containsKey("support_type")) {
        assertThat(r.get("support_type")).isIn(support);
        assertThat(r.get("end_date")).matches(DATE.pattern() + "|");
      }
      String bsn = r.get("bsn");
      if (!bsn.isEmpty()) {
        String diff = truth.get(e.getKey()).get("difficulties");
        assertThat(Bsn.isValid(bsn) || diff.contains("bsn:typo")).as(e.getKey()).isTrue();
        String trueBsn = persons.get(person(e.getKey())).get("bsn");
        assertThat(
                bsn.equals(trueBsn)
                    || diff.contains("bsn:typo")
                    || diff.contains("bsn:wrong_valid"))
            .isTrue();
      }
    }
  }

  static Set<String> set(JsonNode array) {
    Set<String> s = new HashSet<>();
    array.forEach(n -> s.add(n.asText()));
    return s;
  }

  @Test
  void everyLinkageDifficultyOccurs() {
    Map<String, Integer> count = new TreeMap<>();
    for (CSVRecord t : truth.values()) {
      for (String d : t.get("difficulties").split("\\|")) {
        if (!d.isEmpty()) {
          count.merge(d, 1, Integer::sum);
        }
      }
    }
    assertThat(count.keySet())
        .contains(
            "first_name:typo",
            "surname:typo",
            "first_name:ocr",
            "surname:ocr",
            "first_name:transposed",
            "surname:transposed",
            "first_name:dropped_letter",
            "surname:dropped_letter",
            "first_name:added_letter",
            "surname:added_letter",
            "prefix:in_surname",
            "prefix:joined",
            "prefix:dropped",
            "names:swapped",
            "first_name:nickname",
            "first_name:transliteration",
            "surname:transliteration",
            "name:native_script",
            "name:diacritics_stripped",
            "surname:married",
            "dob:day_month_swapped",
            "dob:year_only",
            "dob:year_month",
            "dob:missing",
            "dob:year_off_by_one",
            "bsn:missing",
            "bsn:typo",
            "sex:missing");
    int n = truth.size();
    // Each at a realistic rate: present but not dominant.
    count.forEach((d, c) -> assertThat(c / (double) n).as(d).isLessThan(0.30));

    boolean partialDate = false;
    boolean swapped = false;
    boolean cyrillic = false;
    boolean prefixJoined = false;
    boolean nickname = false;
    for (Map.Entry<String, Map<String, String>> e : records.entrySet()) {
      Map<String, String> r = e.getValue();
      Map<String, String> p = persons.get(person(e.getKey()));
      String diff = truth.get(e.getKey()).get("difficulties");
      partialDate |= r.get("date_of_birth").matches("\\d{4}(-\\d{2})?");
      swapped |= diff.contains("names:swapped") && r.get("first_name").endsWith(p.get("surname"));
      cyrillic |=
          r.get("first_name")
              .codePoints()
              .anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.CYRILLIC);
      prefixJoined |=
          !p.get("surname_prefix").isEmpty()
              && r.get("surname_prefix").isEmpty()
              && r.get("surname")
                  .replace(" ", "")
                  .equalsIgnoreCase(
                      p.get("surname_prefix").replace(" ", "").replace("'", "") + p.get("surname"));
      nickname |=
          diff.contains("first_name:nickname")
              && !r.get("first_name").equalsIgnoreCase(p.get("first_name"));
    }
    assertThat(partialDate).isTrue();
    assertThat(swapped).isTrue();
    assertThat(cyrillic).isTrue();
    assertThat(prefixJoined).isTrue();
    assertThat(nickname).isTrue();
  }

  @Test
  void foreignVictimsMostlyLackABsnAndDutchOnesMostlyHaveOne() {
    int nl = 0;
    int nlWith = 0;
    int foreign = 0;
    int foreignWith = 0;
    for (Map<String, String> p : persons.values()) {
      if (p.get("kind").equals("background")) {
        continue;
      }
      boolean has = !p.get("bsn").isEmpty();
      if (p.get("nationality").equals("NL")) {
        nl++;
        nlWith += has ? 1 : 0;
      } else {
        foreign++;
        foreignWith += has ? 1 : 0;
      }
    }
    assertThat(nlWith / (double) nl).isGreaterThan(0.9);
    assertThat(foreignWith / (double) foreign).isLessThan(0.3);
  }

  @Test
  void theHaystackHoldsBackgroundPeopleAndNamesakes() {
    assertThat(planted.at("/background/records").asLong())
        .isEqualTo(Scale.TINY.backgroundRecords());
    long background =
        truth.values().stream().filter(t -> t.get("person_id").startsWith("B")).count();
    assertThat(background).isEqualTo(Scale.TINY.backgroundRecords());
    List<Map<String, String>> namesakes =
        persons.values().stream().filter(p -> !p.get("namesake_of").isEmpty()).toList();
    assertThat(namesakes).isNotEmpty();
    for (Map<String, String> b : namesakes) {
      Map<String, String> v = persons.get(b.get("namesake_of"));
      assertThat(v.get("kind")).isEqualTo("registered");
      assertThat(b.get("first_name")).isEqualTo(v.get("first_name"));
      assertThat(b.get("surname")).isEqualTo(v.get("surname"));
      assertThat(b.get("surname_prefix")).isEqualTo(v.get("surname_prefix"));
      assertThat(b.get("date_of_birth").substring(0, 4))
          .isEqualTo(v.get("date_of_birth").substring(0, 4));
      assertThat(b.get("date_of_birth")).isNotEqualTo(v.get("date_of_birth"));
    }
    // Victims' police records are spread through the file, not grouped at its start.
    List<Map<String, String>> victimisation = recordsOf("police", "victimisation");
    assertThat(victimisation.size()).isGreaterThan(1000);
  }

  @Test
  void sameSeedGivesIdenticalBytesAndAnotherSeedDifferentData(
      @TempDir Path again, @TempDir Path other) throws IOException {
    new SyntheticDataGenerator(new GeneratorConfig(Scale.TINY, YEARS, 1, 1))
        .generate(again, ProgressListener.NONE);
    new SyntheticDataGenerator(GeneratorConfig.of(Scale.TINY, YEARS, 2))
        .generate(other, ProgressListener.NONE);
    List<Path> files;
    try (Stream<Path> s = Files.walk(dir)) {
      files = s.filter(Files::isRegularFile).map(dir::relativize).sorted().toList();
    }
    assertThat(files).hasSize(7 * 8 + 3);
    int differing = 0;
    for (Path f : files) {
      assertThat(Files.mismatch(dir.resolve(f), again.resolve(f))).as(f.toString()).isEqualTo(-1L);
      if (Files.mismatch(dir.resolve(f), other.resolve(f)) != -1L) {
        differing++;
      }
    }
    assertThat(differing).isGreaterThan(files.size() / 2);
    assertThat(Files.mismatch(dir.resolve("truth/persons.csv"), other.resolve("truth/persons.csv")))
        .isNotEqualTo(-1L);
  }
}
