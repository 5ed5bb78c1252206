package org.victimmonitor.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * m06's survival percentages: before censoring starts a percentage times the cohort's persons (m07)
 * is the cohort's cumulative events, so two shown points of a curve give the events between them. A
 * point is shown only when its events exceed the previous shown point's by 0 or at least the
 * threshold.
 */
class KaplanMeierDisclosureTest {
  static final List<String> COLUMNS =
      List.of(
          "cohort",
          "years",
          "crime_type",
          "cumulative_pct",
          "lower_pct",
          "upper_pct",
          "at_risk",
          "events",
          "cohort_persons");

  /** One curve point of a cohort of 200 followed in full: percentages from the events. */
  static List<String> point(String cohort, int years, String type, int events) {
    return point(cohort, years, type, events, 0);
  }

  /** The same with {@code censored} persons no longer followed (the percentage is then KM's). */
  static List<String> point(String cohort, int years, String type, int events, int censored) {
    String pct = String.format(java.util.Locale.ROOT, "%.1f", 100.0 * events / 200);
    return List.of(
        cohort,
        Integer.toString(years),
        type,
        pct,
        pct,
        pct,
        Integer.toString(200 - events - censored),
        Integer.toString(events),
        "200");
  }

  static List<String> shown(PublishedTable t) {
    List<String> out = new ArrayList<>();
    for (List<String> r : t.rows()) {
      out.add(r.get(0) + "/" + r.get(1) + "/" + r.get(2) + ":" + r.get(3));
    }
    return out;
  }

  @Test
  void twoShownPointsOfACurveNeverDifferByAFewEvents() throws Exception {
    MonitorQuery m06 = LinkedSuppressionTest.query("m06");
    QueryResult raw =
        new QueryResult(
            COLUMNS,
            List.of(
                // events 12, 15, 25, 25, 31, 44: the step 12 -> 15 is 3, so year 2 goes; year 3 is
                // 13 above year 1, year 4 adds none, year 5 only 6 (hidden), year 6 19 above year 4
                point("2015", 1, "any", 12),
                point("2015", 2, "any", 15),
                point("2015", 3, "any", 25),
                point("2015", 4, "any", 25),
                point("2015", 5, "any", 31),
                point("2015", 6, "any", 44),
                // another curve starts again from 0 events: 4 is small, 10 is not
                point("2015", 1, "violence", 4),
                point("2015", 2, "violence", 10),
                // listed out of order: the horizon orders the points
                point("2016", 2, "any", 20),
                point("2016", 1, "any", 14),
                // once censoring starts the percentage is no longer events over persons: a step
                // of 4 events then keeps its point
                point("all", 1, "any", 30, 5),
                point("all", 2, "any", 34, 60)),
            List.of(false, true, false, false, false, false, true, true, true));
    PublishedTable t = DisclosureControl.apply(m06, raw, DisclosureRules.defaults());
    assertThat(t.columns()).doesNotContain("at_risk", "events", "cohort_persons");
    assertThat(shown(t))
        .containsExactly(
            "2015/1/any:6.0",
            "2015/2/any:x",
            "2015/3/any:12.5",
            "2015/4/any:12.5",
            "2015/5/any:x",
            "2015/6/any:22.0",
            "2015/1/violence:x",
            "2015/2/violence:5.0",
            "2016/2/any:x",
            "2016/1/any:7.0",
            "all/1/any:15.0",
            "all/2/any:17.0");
  }
}
