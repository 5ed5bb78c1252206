package org.victimmonitor.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.victimmonitor.delivery.DeliveryValidator;

/** The load's rule on a delivery's share of bad rows, which monitor validate applies too. */
class LoadPlanTest {
  static DeliveryValidator.Result result(long rows, long duplicates, int repeated, long bad) {
    Map<Long, String> repeats = new java.util.HashMap<>();
    for (long i = 1; i <= repeated; i++) {
      repeats.put(i, "row " + i + " of police/trafficking_report/2021");
    }
    Map<String, Long> problems = new java.util.TreeMap<>();
    if (duplicates > 0) {
      problems.put("DUPLICATE_RECORD_ID", duplicates);
    }
    if (bad > 0) {
      problems.put("BAD_REPORT_DATE", bad);
    }
    return new DeliveryValidator.Result(
        Path.of("d/police/trafficking_report/2021-Q1"),
        null,
        null,
        rows,
        problems,
        new DeliveryValidator.Overlap(
            repeats, 0, new TreeSet<>(java.util.List.of("police/trafficking_report/2021"))));
  }

  @Test
  void aShareAtTheLimitPassesAndAboveItTheMessageSaysWhatToDo() {
    assertThat(LoadPlan.tooManyBadRows(result(100, 0, 0, 5), 0.05)).isNull();
    assertThat(LoadPlan.tooManyBadRows(result(100, 0, 0, 6), 0.05))
        .isEqualTo(
            "d/police/trafficking_report/2021-Q1/records.csv: 6 of 100 rows fail the row checks"
                + " {BAD_REPORT_DATE=6}, more than the allowed 5.0%; ask the provider for a"
                + " corrected delivery");
    // every row repeats the year's delivery: nothing new in it
    assertThat(LoadPlan.tooManyBadRows(result(20, 20, 20, 0), 0.05))
        .endsWith(
            "20 of them repeat rows of police/trafficking_report/2021: the deliveries overlap"
                + " (as a year's delivery and its quarters would) and this one holds nothing new;"
                + " move it out of the deliveries folder");
    // some rows repeat: moving it out would lose the others
    assertThat(LoadPlan.tooManyBadRows(result(20, 5, 5, 0), 0.05))
        .endsWith(
            "5 of them repeat rows of police/trafficking_report/2021: the deliveries overlap and"
                + " would count those registrations twice; ask the provider which delivery holds"
                + " what, or allow the share with --max-quarantine-share (the repeated rows are"
                + " then quarantined and counted once)");
    assertThat(LoadPlan.tooManyBadRows(result(20, 5, 5, 0), 0.25)).isNull();
  }
}
