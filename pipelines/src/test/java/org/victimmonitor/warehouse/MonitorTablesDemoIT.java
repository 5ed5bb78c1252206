package org.victimmonitor.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.concurrent.TimeUnit;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.victimmonitor.cli.CliRun;
import org.victimmonitor.cli.MonitorCli;
import org.victimmonitor.load.RunManifest;
import org.victimmonitor.load.SameTables;
import org.victimmonitor.load.Warehouse;

/**
 * The monitor tables of a demo-scale run (generate → pseudonymise → load → tables, as {@code
 * monitor demo} does) against the generator's truth, and disclosure control on real-sized tables.
 *
 * <p>The tolerances are what linkage error leaves: the warehouse counts linked persons, the truth
 * knows the real ones.
 */
class MonitorTablesDemoIT {
  /** Relative tolerance on person counts. */
  static final double PERSONS = 0.03;

  /** Tolerance on percentages, in percentage points. */
  static final double POINTS = 3.0;

  static final int YEAR = 2021;

  @TempDir static Path tmp;
  static Path dir;
  static JsonNode planted;

  @BeforeAll
  static void demo() throws Exception {
    dir = tmp.resolve("demo");
    CliRun r = CliRun.of("demo", "--scale", "demo", "--out", dir.toString());
    assertThat(r.code()).as(r.err()).isZero();
    planted = new ObjectMapper().readTree(dir.resolve("truth/planted.json").toFile());
  }

  static List<CSVRecord> table(String name) throws Exception {
    try (Reader in = Files.newBufferedReader(dir.resolve("tables").resolve(name + ".csv"))) {
      return new ArrayList<>(
          CSVFormat.DEFAULT
              .builder()
              .setHeader()
              .setSkipHeaderRecord(true)
              .get()
              .parse(in)
              .getRecords());
    }
  }

  static CSVRecord row(String name, String... keyValues) throws Exception {
    for (CSVRecord r : table(name)) {
      boolean match = true;
      for (int i = 0; i < keyValues.length; i += 2) {
        match &= r.get(keyValues[i]).equals(keyValues[i + 1]);
      }
      if (match) {
        return r;
      }
    }
    throw new AssertionError(name + ": no row " + String.join(",", keyValues));
  }

  static long count(CSVRecord r, String column) {
    String v = r.get(column);
    assertThat(v).as("%s is published", column).matches("\\d+");
    return Long.parseLong(v);
  }

  /** A row of a monitor query's unprotected result (inside the secure environment). */
  static long rawCount(String name, String column, String... keyValues) throws Exception {
    try (Connection c = Catalog.openReadOnly(dir.resolve("warehouse"))) {
      MonitorQuery q =
          MonitorTables.queries().stream()
              .filter(x -> x.name().equals(name))
              .findFirst()
              .orElseThrow();
      QueryResult r = MonitorTables.raw(c, q, YEAR);
      for (List<String> values : r.rows()) {
        boolean match = true;
        for (int i = 0; i < keyValues.length; i += 2) {
          match &= values.get(r.columns().indexOf(keyValues[i])).equals(keyValues[i + 1]);
        }
        if (match) {
          return Long.parseLong(values.get(r.columns().indexOf(column)));
        }
      }
    }
    throw new AssertionError(name + ": no row " + String.join(",", keyValues));
  }

  static void assertPersons(String what, long actual, long truth) {
    assertThat((double) actual)
        .as(what + " (truth " + truth + ")")
        .isCloseTo(truth, within(Math.max(3.0, PERSONS * truth)));
  }

  @Test
  void m01PersonsPerYearAndSourceMatchTheTruth() throws Exception {
    for (var y : iterable(planted.get("registered_persons_per_year").fields())) {
      long all = count(row("m01_registrations", "year", y.getKey(), "source", "all"), "persons");
      assertPersons("m01 " + y.getKey() + " all", all, y.getValue().asLong());
    }
    for (var list : iterable(planted.get("persons_per_list_per_year").get("" + YEAR).fields())) {
      CSVRecord r = row("m01_registrations", "year", "" + YEAR, "source", list.getKey());
      if (r.get("persons").matches("\\d+")) {
        assertPersons("m01 " + list.getKey(), count(r, "persons"), list.getValue().asLong());
      }
    }
  }

  @Test
  void breakdownsAddUpToTheYearsPersonsAndMatchTheTruth() throws Exception {
    long persons = count(row("m01_registrations", "year", "" + YEAR, "source", "all"), "persons");
    assertThat(count(row("m02_exploitation", "exploitation_group", "all", "sex", "all"), "persons"))
        .isEqualTo(persons);
    assertThat(count(row("m03_age_sex", "age_group", "all", "sex", "all"), "persons"))
        .isEqualTo(persons);
    assertThat(
            count(
                row("m04_nationality", "nationality_group", "all", "nationality", "all"),
                "persons"))
        .isEqualTo(persons);
    assertThat(count(row("m05_region", "region_type", "police_unit", "region", "all"), "persons"))
        .isEqualTo(persons);
    assertThat(count(row("m05_region", "region_type", "province", "region", "all"), "persons"))
        .isEqualTo(persons);
    assertThat(count(row("m09_source_overlap", "lists", "all"), "persons")).isEqualTo(persons);
    assertThat(count(row("m10_estimate", "year", "" + YEAR), "observed")).isEqualTo(persons);

    JsonNode sex = planted.get("registered_by_sex_per_year").get("" + YEAR);
    for (String s : List.of("F", "M")) {
      assertPersons(
          "m02 sex " + s,
          rawCount("m02_exploitation", "persons", "exploitation_group", "all", "sex", s),
          sex.get(s).asLong());
    }
    assertPersons(
        "m03 minors",
        rawCount("m03_age_sex", "persons", "age_group", "under_18", "sex", "all"),
        minorsByBirthYear());
    Map<String, Long> groups = new HashMap<>();
    for (var n :
        iterable(planted.get("registered_by_nationality_per_year").get("" + YEAR).fields())) {
      groups.merge(group(n.getKey()), n.getValue().asLong(), Long::sum);
    }
    for (var g : groups.entrySet()) {
      assertPersons(
          "m04 " + g.getKey(),
          rawCount(
              "m04_nationality", "persons", "nationality_group", g.getKey(), "nationality", "all"),
          g.getValue());
    }
    // m04 lists a group's nationalities in code order, not by size (which would bound a hidden
    // count by its neighbours)
    Map<String, List<String>> codes = new java.util.LinkedHashMap<>();
    for (CSVRecord r : table("m04_nationality")) {
      if (r.get("nationality").length() == 2) {
        codes
            .computeIfAbsent(r.get("nationality_group"), k -> new ArrayList<>())
            .add(r.get("nationality"));
      }
    }
    assertThat(codes.get("other_eu")).hasSizeGreaterThan(1);
    codes.values().forEach(c -> assertThat(c).isSorted());
    // m09: persons on one list, from the truth's overlap table
    long oneList = 0;
    for (JsonNode cell : planted.get("list_overlap_per_year").get("" + YEAR)) {
      int lists = 0;
      for (String l : MonitorTables.LISTS) {
        lists += cell.get(l).asInt();
      }
      oneList += lists == 1 ? cell.get("count").asLong() : 0;
    }
    assertPersons(
        "m09 on one list",
        rawCount("m09_source_overlap", "persons", "lists", "1", "grp", "1", "combo", "all"),
        oneList);
  }

  @Test
  void m06HeadlineRepeatVictimisationMatchesThePlantedCurve() throws Exception {
    JsonNode curve = planted.get("repeat_victimisation").get("cumulative_share");
    for (int k = 1; k <= 7; k++) {
      CSVRecord r =
          row("m06_repeat_victimisation", "cohort", "all", "years", "" + k, "crime_type", "any");
      assertThat(Double.parseDouble(r.get("cumulative_pct")))
          .as("m06 within %d years", k)
          .isCloseTo(100 * curve.get("" + k).asDouble(), within(POINTS));
      assertThat(Double.parseDouble(r.get("lower_pct")))
          .isLessThan(Double.parseDouble(r.get("cumulative_pct")));
      assertThat(Double.parseDouble(r.get("upper_pct")))
          .isGreaterThan(Double.parseDouble(r.get("cumulative_pct")));
    }
    JsonNode byType = planted.get("repeat_victimisation").get("within_5_years_by_crime_type");
    for (var t : iterable(byType.fields())) {
      CSVRecord r =
          row("m06_repeat_victimisation", "cohort", "all", "years", "5", "crime_type", t.getKey());
      assertThat(Double.parseDouble(r.get("cumulative_pct")))
          .as("m06 %s within 5 years", t.getKey())
          .isCloseTo(100 * t.getValue().asDouble(), within(POINTS));
    }
  }

  @Test
  void m07AndM08MatchThePlantedShares() throws Exception {
    JsonNode overlap = planted.get("victim_offender_overlap");
    assertThat(
            Double.parseDouble(
                row("m07_victim_offender", "cohort", "all", "period", "before").get("pct")))
        .as("suspect before")
        .isCloseTo(100 * overlap.get("share_suspect_before").asDouble(), within(POINTS));
    // m08 pools no cohorts (a pooled row would give cohorts back across years): pool them here
    long persons = 0;
    long supported = 0;
    int cohorts = 0;
    for (CSVRecord r : table("m08_support")) {
      if (r.get("support_type").equals("any") && r.get("age_group").equals("all")) {
        persons += count(r, "persons");
        supported += count(r, "supported");
        cohorts++;
      }
    }
    assertThat(cohorts).isEqualTo(YEAR - 2014);
    assertThat(100.0 * supported / persons)
        .as("support within 12 months")
        .isCloseTo(
            100
                * planted
                    .get("municipal_support")
                    .get("share_with_support_within_12_months")
                    .asDouble(),
            within(POINTS));
  }

  @Test
  void noSmallCountIsShownAndNoHiddenCellCanBeWorkedOut() throws Exception {
    DisclosureRules rules = DisclosureRules.defaults();
    Path wh = dir.resolve("warehouse");
    try (Connection c = Catalog.openReadOnly(wh)) {
      List<PublishedTable> linked = MonitorTables.publish(c, YEAR, rules);
      int hiddenByLinks = 0;
      for (MonitorQuery q : MonitorTables.queries()) {
        QueryResult raw = MonitorTables.raw(c, q, YEAR);
        PublishedTable pub = DisclosureControl.apply(q, raw, rules);
        DisclosureOracle.assertNoSmallCountShown(q, pub, rules.threshold());
        DisclosureOracle.assertNoHiddenCellIsDetermined(q, raw, pub);
        // protected with the tables linked to it, it only hides more cells
        PublishedTable all =
            linked.stream().filter(t -> t.name().equals(q.name())).findFirst().orElseThrow();
        assertThat(all.rows()).hasSize(pub.rows().size());
        for (int i = 0; i < pub.rows().size(); i++) {
          for (int j = 0; j < pub.rows().get(i).size(); j++) {
            String alone = pub.rows().get(i).get(j);
            String together = all.rows().get(i).get(j);
            if (!together.equals(alone)) {
              assertThat(together).isEqualTo(DisclosureControl.HIDDEN);
              assertThat(alone).matches("\\d+");
              hiddenByLinks++;
            }
          }
        }
        // what was exported is exactly this
        List<CSVRecord> exported = table(q.name());
        assertThat(exported).hasSize(all.rows().size());
        for (int i = 0; i < exported.size(); i++) {
          assertThat(exported.get(i).toList()).isEqualTo(all.rows().get(i));
        }
      }
      // the demo's m09 and m05 need it (m09 with m01, police units with provinces)
      assertThat(hiddenByLinks).isPositive();
    }
  }

  @Test
  void anOutsideReaderWorksOutNoSuppressedCellFromTheExportsOfEveryYear() throws Exception {
    // the reader's own audit (integer programming over every report year's tables at once, the
    // figures they share, and public geography), independent of the code that protects them
    DisclosureRules rules = DisclosureRules.defaults();
    ReaderAudit audit = new ReaderAudit(rules.threshold());
    try (Connection c = Catalog.openReadOnly(dir.resolve("warehouse"))) {
      audit.geography(MonitorTables.unitProvince(c));
      List<Integer> years = MonitorTables.loadedYears(c);
      assertThat(years).hasSize(8);
      Map<Integer, List<List<String>>> m01 = new HashMap<>();
      // as the dashboard makes them: the earlier years' protection worked out once
      SortedMap<Integer, List<PublishedTable>> all = MonitorTables.publishYears(c, years, rules);
      assertThat(all.keySet()).containsExactlyElementsOf(years);
      for (int y : years) {
        List<PublishedTable> tables = all.get(y);
        audit.report(y, tables);
        m01.put(
            y, tables.stream().filter(t -> t.id().equals("m01")).findFirst().orElseThrow().rows());
      }
      // the same tables as a report made on its own (monitor tables), for the last year, which
      // repeats every earlier year's m01 rows and m07's whole chain of reports
      int last = years.get(years.size() - 1);
      assertThat(all.get(last)).isEqualTo(MonitorTables.publish(c, last, rules));
      // every report shows the earlier years' m01 rows as those years' reports showed them
      for (int y : years) {
        for (int earlier : years.subList(0, years.indexOf(y))) {
          String e = Integer.toString(earlier);
          assertThat(m01.get(y).stream().filter(r -> r.get(0).equals(e)).toList())
              .as("m01 %s in the report of %s", earlier, y)
              .isEqualTo(m01.get(earlier).stream().filter(r -> r.get(0).equals(e)).toList());
        }
      }
    }
    assertThat(audit.suppressed()).isGreaterThan(100);
    assertThat(audit.workedOut()).isEmpty();
  }

  @Test
  void theCatalogOpensReadOnlyFromAnotherProcessAndListsOnlyWarehouseViews() throws Exception {
    Path wh = dir.resolve("warehouse");
    try (Connection held = Catalog.openReadOnly(wh)) {
      Process p =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-cp",
                  System.getProperty("java.class.path"),
                  ListViews.class.getName(),
                  wh.resolve(Catalog.FILE).toString())
              .redirectErrorStream(true)
              .start();
      String out = new String(p.getInputStream().readAllBytes());
      assertThat(p.waitFor()).as(out).isZero();
      assertThat(out.lines().filter(l -> l.startsWith("view ")).toList())
          .containsExactly(
              "view dim_crime_type",
              "view dim_date",
              "view dim_exploitation_form",
              "view dim_municipality",
              "view dim_person",
              "view dim_source",
              "view dim_support_type",
              "view fact_registration",
              "view fact_support",
              "view fact_suspect",
              "view fact_victimisation",
              "view person_cohort",
              "view person_year");
      assertThat(out).contains("write refused");
    }
  }

  /**
   * The demo's deliveries loaded again on the DirectRunner give the same rows in every star and
   * restricted table as the demo's load on embedded Flink, person keys included, and the same
   * reconciliation. In a JVM of its own with a larger heap: the DirectRunner holds each step's data
   * in memory (about 5 GB live at demo scale, docs/load.md).
   */
  @Test
  void theDirectRunnerLoadsTheDemoDeliveriesIntoTheSameTablesRowByRow() throws Exception {
    Path flink = dir.resolve("warehouse");
    Path direct = tmp.resolve("direct-warehouse");
    Path log = tmp.resolve("direct-load.log");
    Process p =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx8g",
                "-cp",
                System.getProperty("java.class.path"),
                MonitorCli.class.getName(),
                "load",
                "--deliveries",
                dir.resolve("deliveries").toString(),
                "--warehouse",
                direct.toString(),
                "--runner",
                "DirectRunner")
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    if (!p.waitFor(15, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError("the DirectRunner load ran over 15 minutes");
    }
    String out = Files.readString(log);
    assertThat(p.exitValue()).as(out).isZero();

    String flinkVersion = new Warehouse(flink).current().orElseThrow();
    JsonNode f =
        RunManifest.read(flink.resolve("versions").resolve(flinkVersion).resolve("run.json"));
    JsonNode d = RunManifest.read(direct.resolve("versions/v0001/run.json"));
    assertThat(f.at("/runner").asText()).isEqualTo("FlinkRunner");
    assertThat(d.at("/runner").asText()).isEqualTo("DirectRunner");
    assertThat(d.at("/counts/read").asLong()).isGreaterThan(90_000);
    assertThat(d.get("counts")).isEqualTo(f.get("counts"));
    assertThat(d.get("rows_per_table")).isEqualTo(f.get("rows_per_table"));
    assertThat(d.get("inputs")).isEqualTo(f.get("inputs"));
    SameTables.assertSameTables(
        flink.resolve("versions").resolve(flinkVersion), direct.resolve("versions/v0001"));
  }

  @Test
  void estimateFromTheWarehouseIsM10() throws Exception {
    CliRun r =
        CliRun.of(
            "estimate",
            "--warehouse",
            dir.resolve("warehouse").toString(),
            "--year",
            "" + YEAR,
            "--json");
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode e = new ObjectMapper().readTree(r.out());
    CSVRecord m10 = row("m10_estimate", "year", "" + YEAR);
    assertThat(e.get("observed").asLong()).isEqualTo(count(m10, "observed"));
    assertThat(Math.round(e.get("estimate").asDouble())).isEqualTo(count(m10, "estimate"));
    assertThat(Math.round(e.get("lower").asDouble())).isEqualTo(count(m10, "lower"));
    assertThat(Math.round(e.get("upper").asDouble())).isEqualTo(count(m10, "upper"));
    assertThat(e.get("estimate").asDouble()).isGreaterThan(e.get("observed").asDouble());
  }

  /**
   * Persons registered in the report year who reach at most 17 in it, from the truth's dates of
   * birth: the rule of the monitor, whose deliveries carry the birth year only (the planted figure
   * counts exact ages, so it also holds those who turn 18 later in the year).
   */
  static long minorsByBirthYear() throws Exception {
    long n = 0;
    try (Reader in = Files.newBufferedReader(dir.resolve("truth/persons.csv"))) {
      for (CSVRecord p :
          CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
        if (p.get("kind").equals("registered")
            && List.of(p.get("registration_years").split("\\|")).contains("" + YEAR)
            && YEAR - Integer.parseInt(p.get("date_of_birth").substring(0, 4)) < 18) {
          n++;
        }
      }
    }
    return n;
  }

  static String group(String nationality) {
    if (nationality.equals("NL")) {
      return "netherlands";
    }
    return List.of(
                "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU",
                "IE", "IT", "LT", "LU", "LV", "MT", "PL", "PT", "RO", "SE", "SI", "SK")
            .contains(nationality)
        ? "other_eu"
        : "non_eu";
  }

  static <T> Iterable<T> iterable(java.util.Iterator<T> it) {
    return () -> it;
  }

  /** Run in a separate JVM: opens the catalog read-only like any DuckDB client would. */
  public static final class ListViews {
    public static void main(String[] args) throws Exception {
      java.util.Properties ro = new java.util.Properties();
      ro.setProperty("duckdb.read_only", "true");
      try (Connection c = java.sql.DriverManager.getConnection("jdbc:duckdb:" + args[0], ro);
          java.sql.Statement st = c.createStatement()) {
        try (java.sql.ResultSet rs =
            st.executeQuery(
                "select table_name, table_type from information_schema.tables order by 1")) {
          while (rs.next()) {
            System.out.println(
                (rs.getString(2).equals("VIEW") ? "view " : "table ") + rs.getString(1));
          }
        }
        try (java.sql.ResultSet rs = st.executeQuery("select count(*) from fact_registration")) {
          rs.next();
          System.out.println("registrations " + rs.getLong(1));
        }
        try {
          st.execute("create table x as select 1");
          System.out.println("write accepted");
        } catch (java.sql.SQLException e) {
          System.out.println("write refused");
        }
      }
    }
  }
}
