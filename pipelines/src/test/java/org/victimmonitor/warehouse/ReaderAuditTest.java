package org.victimmonitor.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The outside reader's audit ({@link ReaderAudit}) finds what the tables read together give back,
 * and finds nothing once they are protected together: the audit used on the demo's exports of every
 * year (MonitorTablesDemoIT) can fail.
 */
class ReaderAuditTest {
  static final DisclosureRules RULES = DisclosureRules.defaults();

  @Test
  void m02AndM03ReadTogetherGiveTheSexCountsBackUntilProtectedTogether() throws Exception {
    QueryResult m02 = LinkedSuppressionTest.m02of2018();
    QueryResult m03 = LinkedSuppressionTest.m03of2018();
    List<MonitorQuery> qs =
        List.of(LinkedSuppressionTest.query("m02"), LinkedSuppressionTest.query("m03"));
    List<PublishedTable> alone =
        List.of(
            DisclosureControl.apply(qs.get(0), m02, RULES),
            DisclosureControl.apply(qs.get(1), m03, RULES));
    // each table by itself leaves nothing to work out
    for (PublishedTable t : alone) {
      ReaderAudit one = new ReaderAudit(RULES.threshold());
      one.report(2018, List.of(t));
      assertThat(one.workedOut()).isEmpty();
    }
    ReaderAudit both = new ReaderAudit(RULES.threshold());
    both.report(2018, alone);
    // 10 distinct <10 figures (the sex totals are one figure in both tables); unknown = 2 over
    // two age groups is 1 and 1
    assertThat(both.suppressed()).isEqualTo(10);
    assertThat(both.workedOut())
        .containsExactlyInAnyOrder(
            "sex|2018|X = 1 (2018/m02)",
            "sex|2018|unknown = 2 (2018/m02)",
            "m02|2018|sexual|X = 1 (2018/m02)",
            "m02|2018|sexual|unknown = 2 (2018/m02)",
            "m03|2018|18_22|X = 1 (2018/m03)",
            "m03|2018|18_22|unknown = 1 (2018/m03)",
            "m03|2018|23_plus|unknown = 1 (2018/m03)");

    List<List<List<String>>> cells = LinkedSuppressionTest.mutable(alone);
    LinkedSuppression.protect(
        MonitorTables.linkedProblem(null, 2018, qs, alone, Map.of("m02", m02, "m03", m03)),
        cells,
        RULES);
    List<PublishedTable> together = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      together.add(alone.get(i).withRows(cells.get(i), 0));
    }
    ReaderAudit after = new ReaderAudit(RULES.threshold());
    after.report(2018, together);
    assertThat(after.workedOut()).isEmpty();
  }

  @Test
  void aFigureSuppressedInOneYearAndShownInAnotherIsReported() throws Exception {
    QueryResult m01 =
        LinkedSuppressionTest.result(
            List.of("year", "source", "persons", "reports"),
            List.of(
                List.of("2020", "police", "40", "41"),
                List.of("2020", "kmar", "3", "3"),
                List.of("2020", "care", "12", "12"),
                List.of("2020", "all", "50", "56")));
    PublishedTable protectedTable =
        DisclosureControl.apply(LinkedSuppressionTest.query("m01"), m01, RULES);
    PublishedTable unprotected = protectedTable.withRows(m01.rows(), 0);
    ReaderAudit audit = new ReaderAudit(RULES.threshold());
    audit.report(2020, List.of(protectedTable));
    assertThat(audit.workedOut()).isEmpty();
    audit.report(2021, List.of(unprotected));
    assertThat(audit.workedOut())
        .contains("m01|2020|kmar|persons (2020/m01, 2021/m01)")
        .contains("m01|2020|kmar|reports (2020/m01, 2021/m01)");
  }

  /** An m07 result: "cohort period persons suspects" rows, pct computed. */
  static QueryResult m07(String rows) {
    List<List<String>> out = new ArrayList<>();
    String[] t = rows.trim().split("\\s+");
    for (int k = 0; k < t.length; k += 4) {
      long persons = Long.parseLong(t[k + 2]);
      long suspects = Long.parseLong(t[k + 3]);
      out.add(
          List.of(
              t[k],
              t[k + 1],
              t[k + 2],
              t[k + 3],
              String.format(java.util.Locale.ROOT, "%.1f", 100.0 * suspects / persons)));
    }
    return new QueryResult(
        List.of("cohort", "period", "persons", "suspects", "pct"),
        out,
        List.of(false, false, true, true, true));
  }

  static String suspects(PublishedTable t, String cohort, String period) {
    return t.rows().stream()
        .filter(r -> r.get(0).equals(cohort) && r.get(1).equals(period))
        .findFirst()
        .orElseThrow()
        .get(3);
  }

  @Test
  void m07OfTwoReportsGivesTheNewestCohortBackUntilProtectedOneAfterTheOther() throws Exception {
    MonitorQuery q = LinkedSuppressionTest.query("m07");
    QueryResult y2020 =
        m07(
            "2019 before 300 5  2019 after 300 40  2020 before 250 20  2020 after 250 30"
                + "  all before 550 25  all after 550 70");
    QueryResult y2021 =
        m07(
            "2019 before 300 5  2019 after 300 52  2020 before 250 20  2020 after 250 41"
                + "  2021 before 200 4  2021 after 200 15"
                + "  all before 750 29  all after 750 108");
    PublishedTable r2020 = DisclosureControl.apply(q, y2020, RULES);
    PublishedTable r2021 = DisclosureControl.apply(q, y2021, RULES);
    // each report by itself: 2020 hides 2020's 20 as 2019's partner, 2021 shows it (its two
    // small cohorts protect each other)
    assertThat(suspects(r2020, "2020", "before")).isEqualTo("x");
    assertThat(suspects(r2021, "2020", "before")).isEqualTo("20");
    assertThat(suspects(r2021, "all", "before")).isEqualTo("29");
    ReaderAudit apart = new ReaderAudit(RULES.threshold());
    apart.report(2020, List.of(r2020));
    apart.report(2021, List.of(r2021));
    // 2019 = 25 - 20 from the report of 2020, 2021 = 29 - 25
    assertThat(apart.workedOut())
        .containsExactlyInAnyOrder(
            "m07|2019|before|suspects = 5 (2020/m07)", "m07|2021|before|suspects = 4 (2021/m07)");

    PublishedTable after = MonitorTables.afterThePrevious(q, y2021, r2021, r2020, RULES);
    // the older cohorts' rows as the report of 2020 published them; 'all' goes with 2021's 4
    assertThat(suspects(after, "2020", "before")).isEqualTo("x");
    assertThat(suspects(after, "2021", "before")).isEqualTo("<10");
    assertThat(suspects(after, "all", "before")).isEqualTo("x");
    assertThat(after.rows().get(6)).containsExactly("all", "before", "750", "x", "x");
    ReaderAudit together = new ReaderAudit(RULES.threshold());
    together.report(2020, List.of(r2020));
    together.report(2021, List.of(after));
    assertThat(together.workedOut()).isEmpty();
  }
}
