package org.victimmonitor.common;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.coders.IterableCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Reshuffle;
import org.apache.beam.sdk.transforms.Sum;
import org.apache.beam.sdk.transforms.join.CoGbkResult;
import org.apache.beam.sdk.transforms.join.CoGbkResultSchema;
import org.apache.beam.sdk.transforms.join.CoGroupByKey;
import org.apache.beam.sdk.transforms.join.KeyedPCollectionTuple;
import org.apache.beam.sdk.transforms.join.RawUnionValue;
import org.apache.beam.sdk.transforms.join.UnionCoder;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.apache.beam.sdk.util.CoderUtils;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;

/**
 * The pipelines' groupings: {@link GroupByKey}, {@link CoGroupByKey} and per-key combines, with the
 * same results on every runner but a different physical plan on the DirectRunner.
 *
 * <p>The DirectRunner hands every key of a grouping's output to the next steps as a bundle of its
 * own, and pays a fixed cost per bundle in every step after it: it updates the watermarks of the
 * whole pipeline, and a later grouping copies its growing state for each bundle it receives. A link
 * over 100,000 records makes hundreds of thousands of keys, and a demo-scale load did not end in 15
 * minutes. On the DirectRunner the groupings here therefore shuffle {@link #DIRECT_BUCKETS} hash
 * buckets of batched elements and split each bucket by key in memory, so that every step sees a
 * handful of bundles. On Flink (embedded or a cluster) they are Beam's own transforms, which the
 * runner sorts and spills; nothing is held in memory per bucket there.
 *
 * <p>The keys are compared by their coder's structural value, as {@link GroupByKey} does, and the
 * key coder must be deterministic.
 */
public final class Grouping {
  /** Buckets of a grouping on the DirectRunner; a bucket is held in memory while it is split. */
  public static final int DIRECT_BUCKETS = 16;

  /**
   * Elements a bucket batch holds before it is emitted. A batch is one shuffled record; Flink's
   * sorter refuses a record larger than its sort buffer (about 6 MB with a 2 GB heap), and 2,000
   * records with their tokens stay near 1 MB.
   */
  static final int BATCH = 2_000;

  private Grouping() {}

  /** Whether this pipeline's groupings go through buckets (the DirectRunner's plan). */
  public static boolean bucketed(Pipeline pipeline) {
    return pipeline.getOptions().getRunner().getSimpleName().equals("DirectRunner");
  }

  /**
   * Spreads a few large work items (one delivery each) over the workers: {@link
   * Reshuffle#viaRandomKey()} under {@code name} on Flink. On the DirectRunner the input unchanged:
   * there the reshuffle's every key would become a bundle of its own in every later step (a
   * demo-scale load took 187 s with it and 116 s without), and its thread pool already runs the
   * input's splits side by side.
   */
  public static <T> PCollection<T> spread(String name, PCollection<T> input) {
    return bucketed(input.getPipeline()) ? input : input.apply(name, Reshuffle.viaRandomKey());
  }

  /** Same result as {@link GroupByKey#create()}. */
  public static <K, V> ByKey<K, V> byKey() {
    return new ByKey<>(0);
  }

  /**
   * Same result as {@link GroupByKey#create()}, through {@code buckets} hash buckets on every
   * runner: the runner shuffles and groups a few large batches, and each bucket is split by key in
   * memory, so choose buckets so that 1/buckets of the input fits a worker's memory. For steps
   * whose keys are many and groups small, where a runner's per-key cost dominates.
   */
  public static <K, V> ByKey<K, V> inBuckets(int buckets) {
    if (buckets < 1) {
      throw new IllegalArgumentException("buckets must be at least 1");
    }
    return new ByKey<>(buckets);
  }

  /** Same result as {@link CoGroupByKey#create()}. */
  public static <K> CoGroup<K> coGroupByKey() {
    return new CoGroup<>();
  }

  /** Same result as {@link Combine#perKey(Combine.CombineFn)}. */
  public static <K, V, A, O> PerKey<K, V, O> combinePerKey(Combine.CombineFn<V, A, O> fn) {
    return new PerKey<>(fn);
  }

  /** Same result as {@link org.apache.beam.sdk.transforms.Count#perElement()}. */
  public static <T> CountPerElement<T> countPerElement() {
    return new CountPerElement<>();
  }

  /** {@link GroupByKey}, bucketed on the DirectRunner or when buckets are given. */
  public static final class ByKey<K, V>
      extends PTransform<PCollection<KV<K, V>>, PCollection<KV<K, Iterable<V>>>> {
    private final int buckets;

    ByKey(int buckets) {
      this.buckets = buckets;
    }

    @Override
    public PCollection<KV<K, Iterable<V>>> expand(PCollection<KV<K, V>> input) {
      if (buckets == 0 && !bucketed(input.getPipeline())) {
        return input.apply("GroupByKey", GroupByKey.create());
      }
      int n = buckets > 0 ? buckets : DIRECT_BUCKETS;
      KvCoder<K, V> coder = kvCoder(input);
      try {
        coder.getKeyCoder().verifyDeterministic();
      } catch (Coder.NonDeterministicException e) {
        throw new IllegalStateException("the key coder of a grouping must be deterministic", e);
      }
      return input
          .apply("AssignBucket", ParDo.of(new BatchByBucketFn<K, V>(coder, n)))
          .setCoder(KvCoder.of(VarIntCoder.of(), ByteArrayCoder.of()))
          .apply("GroupBuckets", GroupByKey.create())
          .apply("SplitBucket", ParDo.of(new SplitBucketFn<K, V>(coder)))
          .setCoder(KvCoder.of(coder.getKeyCoder(), IterableCoder.of(coder.getValueCoder())));
    }
  }

  /** {@link CoGroupByKey}, bucketed on the DirectRunner. */
  public static final class CoGroup<K>
      extends PTransform<KeyedPCollectionTuple<K>, PCollection<KV<K, CoGbkResult>>> {
    @Override
    public PCollection<KV<K, CoGbkResult>> expand(KeyedPCollectionTuple<K> input) {
      if (!bucketed(input.getPipeline())) {
        return input.apply("CoGroupByKey", CoGroupByKey.create());
      }
      CoGbkResultSchema schema = input.getCoGbkResultSchema();
      List<KeyedPCollectionTuple.TaggedKeyedPCollection<K, ?>> inputs = input.getKeyedCollections();
      List<Coder<?>> valueCoders = new ArrayList<>();
      for (int i = 0; i < schema.size(); i++) {
        valueCoders.add(null);
      }
      for (KeyedPCollectionTuple.TaggedKeyedPCollection<K, ?> t : inputs) {
        valueCoders.set(
            schema.getIndex(t.getTupleTag()), kvCoder(t.getCollection()).getValueCoder());
      }
      UnionCoder unionCoder = UnionCoder.of(valueCoders);
      KvCoder<K, RawUnionValue> taggedCoder = KvCoder.of(input.getKeyCoder(), unionCoder);
      PCollectionList<KV<K, RawUnionValue>> tagged = PCollectionList.empty(input.getPipeline());
      for (KeyedPCollectionTuple.TaggedKeyedPCollection<K, ?> t : inputs) {
        int index = schema.getIndex(t.getTupleTag());
        tagged = tagged.and(tag(t, index, taggedCoder));
      }
      return tagged
          .apply("FlattenTagged", Flatten.pCollections())
          .setCoder(taggedCoder)
          .apply("Group", new ByKey<>(0))
          .apply("ToResults", ParDo.of(new ToResultFn<K>(schema)))
          .setCoder(
              KvCoder.of(input.getKeyCoder(), CoGbkResult.CoGbkResultCoder.of(schema, unionCoder)));
    }
  }

  /** {@link Combine#perKey}, through {@link ByKey} on the DirectRunner. */
  public static final class PerKey<K, V, O>
      extends PTransform<PCollection<KV<K, V>>, PCollection<KV<K, O>>> {
    private final Combine.CombineFn<V, ?, O> fn;

    PerKey(Combine.CombineFn<V, ?, O> fn) {
      this.fn = fn;
    }

    @Override
    public PCollection<KV<K, O>> expand(PCollection<KV<K, V>> input) {
      if (!bucketed(input.getPipeline())) {
        return input.apply("Combine", Combine.perKey(fn));
      }
      return input.apply("Group", new ByKey<>(0)).apply("CombineGroups", Combine.groupedValues(fn));
    }
  }

  /** {@link org.apache.beam.sdk.transforms.Count#perElement()}, bucketed on the DirectRunner. */
  public static final class CountPerElement<T>
      extends PTransform<PCollection<T>, PCollection<KV<T, Long>>> {
    @Override
    public PCollection<KV<T, Long>> expand(PCollection<T> input) {
      if (!bucketed(input.getPipeline())) {
        return input.apply("Count", org.apache.beam.sdk.transforms.Count.perElement());
      }
      return input
          .apply("One", ParDo.of(new OneFn<T>()))
          .setCoder(KvCoder.of(input.getCoder(), VarLongCoder.of()))
          .apply("Sum", new PerKey<>(Sum.ofLongs()));
    }
  }

  static <K, V> PCollection<KV<K, RawUnionValue>> tag(
      KeyedPCollectionTuple.TaggedKeyedPCollection<K, V> t,
      int index,
      KvCoder<K, RawUnionValue> coder) {
    return t.getCollection().apply("Tag" + index, ParDo.of(new TagFn<K, V>(index))).setCoder(coder);
  }

  @SuppressWarnings("unchecked")
  static <K, V> KvCoder<K, V> kvCoder(PCollection<KV<K, V>> input) {
    if (!(input.getCoder() instanceof KvCoder)) {
      throw new IllegalStateException(
          "a grouping needs a KvCoder on its input, not " + input.getCoder());
    }
    return (KvCoder<K, V>) input.getCoder();
  }

  /**
   * Keys elements by the hash bucket of their key, in encoded batches per bundle (at most {@link
   * #BATCH} elements held), so that the shuffle moves a few byte arrays instead of many elements.
   * Bytes, because the DirectRunner copies a bucket's grouped state for every bundle that adds to
   * it: a byte array is copied as memory, an element through its coder.
   */
  static final class BatchByBucketFn<K, V> extends DoFn<KV<K, V>, KV<Integer, byte[]>> {
    private final KvCoder<K, V> coder;
    private final int buckets;
    private transient Map<Integer, List<KV<K, V>>> batches;
    private transient int held;

    BatchByBucketFn(KvCoder<K, V> coder, int buckets) {
      this.coder = coder;
      this.buckets = buckets;
    }

    @StartBundle
    public void start() {
      batches = new HashMap<>();
      held = 0;
    }

    @ProcessElement
    public void process(@Element KV<K, V> kv, OutputReceiver<KV<Integer, byte[]>> out)
        throws CoderException {
      Object key = coder.getKeyCoder().structuralValue(kv.getKey());
      int bucket = Math.floorMod(key.hashCode(), buckets);
      batches.computeIfAbsent(bucket, b -> new ArrayList<>()).add(kv);
      if (++held >= BATCH) {
        for (Map.Entry<Integer, List<KV<K, V>>> e : batches.entrySet()) {
          out.output(KV.of(e.getKey(), encode(e.getValue())));
        }
        start();
      }
    }

    @FinishBundle
    public void finish(FinishBundleContext c) throws CoderException {
      for (Map.Entry<Integer, List<KV<K, V>>> e : batches.entrySet()) {
        c.output(
            KV.of(e.getKey(), encode(e.getValue())),
            GlobalWindow.INSTANCE.maxTimestamp(),
            GlobalWindow.INSTANCE);
      }
      start();
    }

    private byte[] encode(List<KV<K, V>> batch) throws CoderException {
      return CoderUtils.encodeToByteArray(ListCoder.of(coder), batch);
    }
  }

  /** One bucket's batches into one group per key. */
  static final class SplitBucketFn<K, V>
      extends DoFn<KV<Integer, Iterable<byte[]>>, KV<K, Iterable<V>>> {
    private final KvCoder<K, V> coder;

    SplitBucketFn(KvCoder<K, V> coder) {
      this.coder = coder;
    }

    @ProcessElement
    public void process(
        @Element KV<Integer, Iterable<byte[]>> bucket, OutputReceiver<KV<K, Iterable<V>>> out)
        throws CoderException {
      Coder<K> keyCoder = coder.getKeyCoder();
      Map<Object, KV<K, List<V>>> groups = new HashMap<>();
      for (byte[] batch : bucket.getValue()) {
        for (KV<K, V> kv : CoderUtils.decodeFromByteArray(ListCoder.of(coder), batch)) {
          groups
              .computeIfAbsent(
                  keyCoder.structuralValue(kv.getKey()), s -> KV.of(kv.getKey(), new ArrayList<>()))
              .getValue()
              .add(kv.getValue());
        }
      }
      for (KV<K, List<V>> group : groups.values()) {
        out.output(KV.of(group.getKey(), group.getValue()));
      }
    }
  }

  /** A keyed value as the union value of its input. */
  static final class TagFn<K, V> extends DoFn<KV<K, V>, KV<K, RawUnionValue>> {
    private final int index;

    TagFn(int index) {
      this.index = index;
    }

    @ProcessElement
    public void process(@Element KV<K, V> kv, OutputReceiver<KV<K, RawUnionValue>> out) {
      out.output(KV.of(kv.getKey(), new RawUnionValue(index, kv.getValue())));
    }
  }

  /** A key's tagged values as the result {@link CoGroupByKey} gives. */
  static final class ToResultFn<K>
      extends DoFn<KV<K, Iterable<RawUnionValue>>, KV<K, CoGbkResult>> {
    private final CoGbkResultSchema schema;

    ToResultFn(CoGbkResultSchema schema) {
      this.schema = schema;
    }

    @ProcessElement
    public void process(
        @Element KV<K, Iterable<RawUnionValue>> kv, OutputReceiver<KV<K, CoGbkResult>> out) {
      out.output(KV.of(kv.getKey(), new CoGbkResult(schema, kv.getValue())));
    }
  }

  /** An element counted once. */
  static final class OneFn<T> extends DoFn<T, KV<T, Long>> {
    @ProcessElement
    public void process(@Element T t, OutputReceiver<KV<T, Long>> out) {
      out.output(KV.of(t, 1L));
    }
  }
}
