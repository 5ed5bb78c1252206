package org.victimmonitor.link;

import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * The run's totals over its records, made in one pass: the number of records (it sizes the blocking
 * sketch and the random buckets of u) and, per Bloom field, the sum of the records' value
 * frequencies and the number of records with a counted value (their ratio is the mean frequency
 * that term-frequency adjustment compares a pair's value with). One pass instead of one per total:
 * on Flink every further reader of the records decodes every record again.
 *
 * @param count the number of records
 * @param frequencies {@code [0][field]} the frequency sum and {@code [1][field]} the records with a
 *     counted value
 */
public record RecordTotals(PCollectionView<Long> count, PCollectionView<long[][]> frequencies) {

  /** Row of the totals that holds the record count, in its only column. */
  static final int COUNT = 2;

  /** Applies the pass (transform names prefixed {@code RecordTotals}) to the records. */
  public static RecordTotals of(PCollection<LinkRecord> records) {
    PCollection<long[][]> totals =
        records.apply("RecordTotals", Combine.globally(new SumTotalsFn()));
    PCollectionView<Long> count =
        totals
            .apply(
                "RecordTotalsCount",
                MapElements.into(TypeDescriptors.longs()).via((long[][] t) -> t[COUNT][0]))
            .apply("RecordTotalsCountView", View.asSingleton());
    return new RecordTotals(count, totals.apply("RecordTotalsView", View.asSingleton()));
  }

  /** Sums the frequencies and counts the records. */
  static final class SumTotalsFn extends Combine.CombineFn<LinkRecord, long[][], long[][]> {
    @Override
    public long[][] createAccumulator() {
      return new long[][] {new long[0], new long[0], new long[1]};
    }

    @Override
    public long[][] addInput(long[][] acc, LinkRecord r) {
      int n = r.frequencies().length;
      grow(acc, n);
      for (int i = 0; i < n; i++) {
        if (r.frequencies()[i] > 0) {
          acc[0][i] += r.frequencies()[i];
          acc[1][i]++;
        }
      }
      acc[COUNT][0]++;
      return acc;
    }

    @Override
    public long[][] mergeAccumulators(Iterable<long[][]> accs) {
      long[][] out = createAccumulator();
      for (long[][] a : accs) {
        grow(out, a[0].length);
        for (int i = 0; i < a[0].length; i++) {
          out[0][i] += a[0][i];
          out[1][i] += a[1][i];
        }
        out[COUNT][0] += a[COUNT][0];
      }
      return out;
    }

    private static void grow(long[][] acc, int n) {
      if (acc[0].length < n) {
        acc[0] = java.util.Arrays.copyOf(acc[0], n);
        acc[1] = java.util.Arrays.copyOf(acc[1], n);
      }
    }

    @Override
    public long[][] extractOutput(long[][] acc) {
      return acc;
    }

    @Override
    public Coder<long[][]> getAccumulatorCoder(
        CoderRegistry registry, Coder<LinkRecord> inputCoder) {
      return new Summaries.CountTableCoder();
    }

    @Override
    public Coder<long[][]> getDefaultOutputCoder(
        CoderRegistry registry, Coder<LinkRecord> inputCoder) {
      return new Summaries.CountTableCoder();
    }
  }
}
