package org.victimmonitor.load;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.IterableCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;

/**
 * Groups values by key through a fixed number of hash buckets: the runner shuffles and groups
 * {@code buckets} large groups, and each bucket is split by key in memory. Same result as {@link
 * GroupByKey}, but a runner's per-key and per-element grouping cost (the DirectRunner runs every
 * key as its own bundle) is paid per bucket and per batch: elements travel in per-bundle batches. A
 * bucket holds 1/buckets of the input, so choose buckets so that this fits a worker's memory.
 */
public final class GroupInBuckets<V>
    extends PTransform<PCollection<KV<String, V>>, PCollection<KV<String, Iterable<V>>>> {
  private final Coder<V> valueCoder;
  private final int buckets;

  public GroupInBuckets(Coder<V> valueCoder, int buckets) {
    if (buckets < 1) {
      throw new IllegalArgumentException("buckets must be at least 1");
    }
    this.valueCoder = valueCoder;
    this.buckets = buckets;
  }

  @Override
  public PCollection<KV<String, Iterable<V>>> expand(PCollection<KV<String, V>> input) {
    PCollection<KV<Integer, Iterable<KV<String, V>>>> batches =
        input
            .apply("AssignBucket", ParDo.of(new AssignBucketFn<V>(buckets)))
            .setCoder(
                KvCoder.of(
                    VarIntCoder.of(),
                    IterableCoder.of(KvCoder.of(StringUtf8Coder.of(), valueCoder))));
    return batches
        .apply("GroupBuckets", GroupByKey.create())
        .apply("SplitBucket", ParDo.of(new SplitBucketFn<V>()))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), IterableCoder.of(valueCoder)));
  }

  /**
   * Keys elements by the bucket of their key, batched per bundle (at most {@link #BATCH} elements
   * held), so that the shuffle moves a few lists instead of many small elements.
   */
  static final class AssignBucketFn<V>
      extends DoFn<KV<String, V>, KV<Integer, Iterable<KV<String, V>>>> {
    // A batch is one shuffled record; Flink's sorter refuses a record larger than its sort
    // buffer (about 6 MB with a 2 GB heap), and 2,000 records with their tokens stay near 1 MB.
    static final int BATCH = 2_000;
    private final int buckets;
    private transient Map<Integer, List<KV<String, V>>> batch;
    private transient int held;

    AssignBucketFn(int buckets) {
      this.buckets = buckets;
    }

    @StartBundle
    public void start() {
      batch = new HashMap<>();
      held = 0;
    }

    @ProcessElement
    public void process(
        @Element KV<String, V> kv, OutputReceiver<KV<Integer, Iterable<KV<String, V>>>> out) {
      batch
          .computeIfAbsent(Math.floorMod(kv.getKey().hashCode(), buckets), b -> new ArrayList<>())
          .add(kv);
      if (++held >= BATCH) {
        batch.forEach((b, list) -> out.output(KV.of(b, list)));
        start();
      }
    }

    @FinishBundle
    public void finish(FinishBundleContext c) {
      batch.forEach(
          (b, list) ->
              c.output(
                  KV.of(b, list), GlobalWindow.INSTANCE.maxTimestamp(), GlobalWindow.INSTANCE));
      start();
    }
  }

  /** Splits one bucket into its keys' groups. */
  static final class SplitBucketFn<V>
      extends DoFn<KV<Integer, Iterable<Iterable<KV<String, V>>>>, KV<String, Iterable<V>>> {
    @ProcessElement
    public void process(
        @Element KV<Integer, Iterable<Iterable<KV<String, V>>>> bucket,
        OutputReceiver<KV<String, Iterable<V>>> out) {
      Map<String, List<V>> groups = new HashMap<>();
      for (Iterable<KV<String, V>> batch : bucket.getValue()) {
        for (KV<String, V> kv : batch) {
          groups.computeIfAbsent(kv.getKey(), k -> new ArrayList<>()).add(kv.getValue());
        }
      }
      groups.forEach((k, vs) -> out.output(KV.of(k, vs)));
    }
  }
}
