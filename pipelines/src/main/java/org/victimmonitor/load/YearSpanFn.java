package org.victimmonitor.load;

import java.time.LocalDate;
import org.apache.beam.sdk.transforms.Combine;

/** The first and last calendar year of every date on the records: a fixed-size global summary. */
public final class YearSpanFn extends Combine.CombineFn<LinkedRecord, int[], int[]> {
  @Override
  public int[] createAccumulator() {
    return new int[] {Integer.MAX_VALUE, Integer.MIN_VALUE};
  }

  @Override
  public int[] addInput(int[] acc, LinkedRecord r) {
    add(acc, r.record().eventDay());
    if (r.record().endDay() != null) {
      add(acc, r.record().endDay());
    }
    return acc;
  }

  private static void add(int[] acc, int day) {
    int y = LocalDate.ofEpochDay(day).getYear();
    acc[0] = Math.min(acc[0], y);
    acc[1] = Math.max(acc[1], y);
  }

  @Override
  public int[] mergeAccumulators(Iterable<int[]> accs) {
    int[] m = createAccumulator();
    for (int[] a : accs) {
      m[0] = Math.min(m[0], a[0]);
      m[1] = Math.max(m[1], a[1]);
    }
    return m;
  }

  @Override
  public int[] extractOutput(int[] acc) {
    return acc;
  }
}
