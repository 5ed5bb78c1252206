package org.victimmonitor.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every monitor query on {@link HandMadeWarehouse}, report year 2021, against rows worked out by
 * hand (see the fixture's description of its four persons).
 */
class MonitorQueriesGoldenTest {
  @TempDir static Path tmp;
  static Path warehouse;
  static Map<String, MonitorQuery> queries = new TreeMap<>();

  @BeforeAll
  static void build() throws Exception {
    warehouse = HandMadeWarehouse.write(tmp.resolve("wh"));
    for (MonitorQuery q : MonitorTables.queries()) {
      queries.put(q.id(), q);
    }
  }

  static QueryResult run(String id) throws Exception {
    try (Connection c = Catalog.openReadOnly(warehouse)) {
      return MonitorTables.raw(c, queries.get(id), 2021);
    }
  }

  static void assertRows(String id, String header, String... rows) throws Exception {
    QueryResult r = run(id);
    assertThat(String.join(",", r.columns())).isEqualTo(header);
    assertThat(r.rows())
        .as(id)
        .containsExactlyElementsOf(
            Arrays.stream(rows).map(s -> Arrays.asList(s.split(",", -1))).toList());
  }

  @Test
  void m01PersonsAndReportsPerYearAndSourceWithUniquePersonsOverAll() throws Exception {
    assertRows(
        "m01",
        "year,source,persons,reports",
        "2020,police,1,1",
        "2020,inspectorate,1,1",
        "2020,care,1,1",
        "2020,all,2,3",
        "2021,police,2,2",
        "2021,kmar,1,1",
        "2021,care,1,1",
        "2021,all,3,4");
  }

  @Test
  void m02ClassifiesEachPersonByTheFirstRegistrationOfTheYear() throws Exception {
    // person 1's first registration of 2021 is labour (2020's were sexual); person 3's is care's
    // criminal (kmar's sexual came later); person 4 has form unknown and no sex
    assertRows(
        "m02",
        "year,exploitation_group,sex,persons",
        "2021,labour,F,1",
        "2021,labour,all,1",
        "2021,criminal,F,1",
        "2021,criminal,all,1",
        "2021,other_unknown,unknown,1",
        "2021,other_unknown,all,1",
        "2021,all,F,2",
        "2021,all,unknown,1",
        "2021,all,all,3");
  }

  @Test
  void m03AgeGroupsAtRegistration() throws Exception {
    assertRows(
        "m03",
        "year,age_group,sex,persons",
        "2021,under_18,F,1",
        "2021,under_18,all,1",
        "2021,18_22,F,1",
        "2021,18_22,all,1",
        "2021,unknown,unknown,1",
        "2021,unknown,all,1",
        "2021,all,F,2",
        "2021,all,unknown,1",
        "2021,all,all,3");
  }

  @Test
  void m04NationalityGroupsAndTopNationalities() throws Exception {
    assertRows(
        "m04",
        "year,nationality_group,nationality,persons",
        "2021,netherlands,NL,1",
        "2021,netherlands,all,1",
        "2021,non_eu,NG,1",
        "2021,non_eu,all,1",
        "2021,unknown,other,1",
        "2021,unknown,all,1",
        "2021,all,all,3");
  }

  @Test
  void m05PoliceUnitsAndProvincesOfTheFirstRegistrationOfTheYear() throws Exception {
    assertRows(
        "m05",
        "year,region_type,region,persons",
        "2021,police_unit,Midden-Nederland,1",
        "2021,police_unit,Rotterdam,1",
        "2021,police_unit,unknown,1",
        "2021,police_unit,all,3",
        "2021,province,Utrecht,1",
        "2021,province,Zuid-Holland,1",
        "2021,province,unknown,1",
        "2021,province,all,3");
  }

  @Test
  void m06KaplanMeierCountsOnlyLaterVictimisationsAndCensorsAtTheEndOfTheYear() throws Exception {
    // times from first registration: person 1 property at day 311 (its trafficking record before
    // registration does not count), person 2 violence at day 412, person 3 censored at 345 (its
    // same-day record does not count), person 4 censored at 183. One year = 365 days: only
    // person 2 is still followed then, and nobody at two years (731 days), so only years = 1.
    // all/any: S = 2/3 after day 311 (3 at risk, 1 event); Greenwood 1/6; log(-log) interval.
    // 2020/any: S = 1/2 (2 at risk, 1 event). cohort_persons: 4 in all, 2 in cohort 2020; at one
    // year 2020/any is not yet censored (1 at risk + 1 event = 2), all/any is (1 + 1 < 4).
    assertRows(
        "m06",
        "cohort,years,crime_type,cumulative_pct,lower_pct,upper_pct,at_risk,events,cohort_persons",
        "all,1,any,33.3,5.5,94.6,1,1,4",
        "all,1,property,33.3,5.5,94.6,1,1,4",
        "all,1,violence,0.0,0.0,0.0,2,0,4",
        "all,1,sexual,0.0,0.0,0.0,2,0,4",
        "all,1,trafficking,0.0,0.0,0.0,2,0,4",
        "all,1,other,0.0,0.0,0.0,2,0,4",
        "2020,1,any,50.0,9.0,99.4,1,1,2",
        "2020,1,property,50.0,9.0,99.4,1,1,2",
        "2020,1,violence,0.0,0.0,0.0,2,0,2",
        "2020,1,sexual,0.0,0.0,0.0,2,0,2",
        "2020,1,trafficking,0.0,0.0,0.0,2,0,2",
        "2020,1,other,0.0,0.0,0.0,2,0,2");
  }

  @Test
  void m07SuspectsBeforeAndAfterTheFirstRegistration() throws Exception {
    assertRows(
        "m07",
        "cohort,period,persons,suspects,pct",
        "2020,before,2,1,50.0",
        "2020,after,2,0,0.0",
        "2021,before,2,0,0.0",
        "2021,after,2,1,50.0",
        "all,before,4,1,25.0",
        "all,after,4,1,25.0");
  }

  @Test
  void m08SupportWithinTwelveMonthsForCohortsWithFullFollowUp() throws Exception {
    // cohort 2021 has no full year of follow-up; person 2's legal aid starts 13.5 months late;
    // no row pools the cohorts
    assertRows(
        "m08",
        "cohort,support_type,age_group,persons,supported,pct",
        "2020,any,18_22,1,1,100.0",
        "2020,any,23_plus,1,0,0.0",
        "2020,any,all,2,1,50.0",
        "2020,legal_aid,18_22,1,0,0.0",
        "2020,legal_aid,23_plus,1,0,0.0",
        "2020,legal_aid,all,2,0,0.0",
        "2020,shelter,18_22,1,1,100.0",
        "2020,shelter,23_plus,1,0,0.0",
        "2020,shelter,all,2,1,50.0");
  }

  @Test
  void m09ListCombinationsOfTheYearWithSummaryRows() throws Exception {
    assertRows(
        "m09",
        "year,police,kmar,inspectorate,care,lists,persons,grp,combo",
        "2021,1,0,0,0,1,2,1,police",
        "2021,0,1,0,1,2,1,2,kmar+care",
        "2021,,,,,1,2,1,all",
        "2021,,,,,2,1,2,all",
        "2021,,,,,all,3,all,all");
  }

  @Test
  void everyQueryHasItsHeader() {
    assertThat(queries.keySet())
        .containsExactly("m01", "m02", "m03", "m04", "m05", "m06", "m07", "m08", "m09");
    for (MonitorQuery q : queries.values()) {
      assertThat(q.title()).as(q.name()).isNotBlank();
      for (String section : List.of("Purpose", "Grain", "Inputs")) {
        assertThat(q.section(section)).as(q.name() + " " + section).isNotBlank();
      }
      assertThat(!q.counts().isEmpty() || q.km() != null)
          .as(q.name() + " protects its counts, or its percentages with the counts behind them")
          .isTrue();
    }
  }
}
