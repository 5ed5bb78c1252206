package org.victimmonitor.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The one pass that counts the records and sums their value frequencies. */
class RecordTotalsTest {
  static LinkRecord record(String id, int... frequencies) {
    long[][] filters = new long[frequencies.length][];
    return new LinkRecord("s", "d", "2020", id, new String[0], filters, "F", 1990)
        .withFrequencies(frequencies);
  }

  @Test
  void countsRecordsAndSumsCountedFrequenciesAcrossWorkers() {
    RecordTotals.SumTotalsFn fn = new RecordTotals.SumTotalsFn();
    // Worker 1: two records; frequency 0 means "missing" and is not counted.
    long[][] a = fn.createAccumulator();
    a = fn.addInput(a, record("1", 3, 0));
    a = fn.addInput(a, record("2", 1, 5));
    // Worker 2: one record with a third field; worker 3: none.
    long[][] b = fn.addInput(fn.createAccumulator(), record("3", 2, 4, 7));
    long[][] none = fn.createAccumulator();

    long[][] t = fn.extractOutput(fn.mergeAccumulators(List.<long[][]>of(a, none, b)));

    assertThat(t[0]).containsExactly(6, 9, 7); // sums of the counted frequencies
    assertThat(t[1]).containsExactly(3, 2, 1); // records with a counted value
    assertThat(t[RecordTotals.COUNT]).containsExactly(3); // all records, missing values or not
    assertThat(fn.extractOutput(fn.mergeAccumulators(List.<long[][]>of(none)))[RecordTotals.COUNT])
        .containsExactly(0);
  }
}
