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
}
