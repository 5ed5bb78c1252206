package org.victimmonitor.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * A cohort's m08 row is the same in every later report year's table. Published in two years with
 * different suppression, the cells one year hides and the other shows would give each other back;
 * and a row pooling the cohorts, which grows by one cohort a year, would give the newest cohort
 * back as the difference of two years' pooled rows. m08 therefore has no pooled row, and each row
 * is protected on its own: the same cells hidden in every year.
 */
class CohortRowsAcrossYearsTest {
  static final List<String> AGES = List.of("under_18", "18_22", "23_plus", "unknown");

  /** persons and supported of one cohort and support type, by age group. */
  static final Map<String, long[][]> COHORTS =
      Map.of(
          "2018", new long[][] {{193, 244, 530, 51}, {10, 4, 21, 3}},
          "2019", new long[][] {{203, 257, 556, 53}, {10, 10, 22, 2}},
          "2020", new long[][] {{168, 213, 462, 44}, {6, 7, 18, 0}});

  static QueryResult m08(List<String> cohorts) {
    List<List<String>> rows = new ArrayList<>();
    for (String cohort : cohorts) {
      long[][] v = COHORTS.get(cohort);
      long persons = 0;
      long supported = 0;
      for (int a = 0; a < AGES.size(); a++) {
        rows.add(row(cohort, AGES.get(a), v[0][a], v[1][a]));
        persons += v[0][a];
        supported += v[1][a];
      }
      rows.add(row(cohort, "all", persons, supported));
    }
    return new QueryResult(
        List.of("cohort", "support_type", "age_group", "persons", "supported", "pct"),
        rows,
        List.of(false, false, false, true, true, true));
  }

  static List<String> row(String cohort, String age, long persons, long supported) {
    return List.of(
        cohort,
        "housing",
        age,
        Long.toString(persons),
        Long.toString(supported),
        String.format(java.util.Locale.ROOT, "%.1f", 100.0 * supported / persons));
  }

  static Map<String, List<List<String>>> byCohort(PublishedTable t) {
    Map<String, List<List<String>>> out = new TreeMap<>();
    for (List<String> r : t.rows()) {
      out.computeIfAbsent(r.get(0), k -> new ArrayList<>()).add(r);
    }
    return out;
  }

  @Test
  void aCohortRowHidesTheSameCellsInEveryReportYear() throws Exception {
    MonitorQuery q =
        MonitorTables.queries().stream()
            .filter(m -> m.id().equals("m08"))
            .findFirst()
            .orElseThrow();
    assertThat(q.sql()).doesNotContain("'all' as cohort").doesNotContain("coalesce(cohort");
    DisclosureRules rules = DisclosureRules.defaults();
    Map<String, List<List<String>>> y2020 =
        byCohort(DisclosureControl.apply(q, m08(List.of("2018", "2019")), rules));
    Map<String, List<List<String>>> y2021 =
        byCohort(DisclosureControl.apply(q, m08(List.of("2018", "2019", "2020")), rules));
    assertThat(y2021.get("2018")).isEqualTo(y2020.get("2018"));
    assertThat(y2021.get("2019")).isEqualTo(y2020.get("2019"));
    // and each row protects its small cells by itself: two hidden cells or none
    for (List<List<String>> cohort : y2021.values()) {
      long hidden = cohort.stream().filter(r -> !r.get(4).matches("\\d+")).count();
      assertThat(hidden).isNotEqualTo(1);
    }
    assertThat(y2021.get("2018").get(1).get(4)).isEqualTo("<10"); // 4 supported aged 18-22
    assertThat(y2021.get("2020").stream().map(r -> r.get(4)).toList())
        .containsExactly("<10", "<10", "18", "0", "31");
    assertThat(Collections.frequency(y2021.get("2019").stream().map(r -> r.get(4)).toList(), "x"))
        .isEqualTo(1);
  }
}
