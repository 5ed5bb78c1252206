package org.victimmonitor.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.runners.flink.FlinkRunner;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.Max;
import org.apache.beam.sdk.transforms.join.CoGbkResult;
import org.apache.beam.sdk.transforms.join.KeyedPCollectionTuple;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.jupiter.api.Test;

/**
 * The groupings give what Beam's GroupByKey, CoGroupByKey, Combine.perKey and Count.perElement
 * give, on the DirectRunner with its checks on (where they go through buckets) and on embedded
 * Flink (where they are Beam's own): every key once with all its values, with more keys than
 * buckets and more elements than one batch. The expected groups are worked out here in plain Java.
 */
class GroupingTest {
  static final int KEYS = 60;

  static Pipeline direct() {
    DirectOptions o = PipelineOptionsFactory.create().as(DirectOptions.class);
    o.setRunner(DirectRunner.class);
    return Pipeline.create(o);
  }

  static Pipeline flink() {
    FlinkPipelineOptions o = PipelineOptionsFactory.create().as(FlinkPipelineOptions.class);
    o.setRunner(FlinkRunner.class);
    o.setFlinkMaster("[local]");
    o.setParallelism(2);
    return Pipeline.create(o);
  }

  /** Key k has the values 0, 1+k, 2(1+k), ... up to 100k: 5,000+ elements, groups of 1 to 101. */
  static List<KV<String, Integer>> input() {
    List<KV<String, Integer>> in = new ArrayList<>();
    for (int k = 0; k < KEYS; k++) {
      for (int v = 0; v <= k * 100; v += 1 + k) {
        in.add(KV.of("k" + k, v));
      }
    }
    return in;
  }

  static TreeMap<String, List<Integer>> expectedGroups() {
    TreeMap<String, List<Integer>> groups = new TreeMap<>();
    for (KV<String, Integer> kv : input()) {
      groups.computeIfAbsent(kv.getKey(), k -> new ArrayList<>()).add(kv.getValue());
    }
    return groups;
  }

  static PCollection<KV<String, Integer>> create(Pipeline p) {
    return p.apply(
        Create.of(input()).withCoder(KvCoder.of(StringUtf8Coder.of(), VarIntCoder.of())));
  }

  static String sorted(Iterable<Integer> values) {
    List<Integer> xs = new ArrayList<>();
    values.forEach(xs::add);
    xs.sort(Integer::compare);
    return xs.toString();
  }

  @Test
  void theDirectRunnerGroupsThroughBucketsAndFlinkDoesNot() {
    assertThat(Grouping.bucketed(direct())).isTrue();
    assertThat(Grouping.bucketed(flink())).isFalse();
  }

  @Test
  void byKeyGivesEveryKeyOnceWithAllItsValues() {
    assertThat(input()).hasSizeGreaterThan(2 * Grouping.BATCH);
    assertGroupsEveryKeyOnce(Grouping.byKey());
  }

  @Test
  void inBucketsGroupsTheSameOnEveryRunnerWithFewerBucketsThanKeys() {
    assertGroupsEveryKeyOnce(Grouping.inBuckets(3));
  }

  static void assertGroupsEveryKeyOnce(Grouping.ByKey<String, Integer> grouping) {
    List<String> expected = new ArrayList<>();
    expectedGroups().forEach((k, vs) -> expected.add(k + "=" + sorted(vs)));
    for (Pipeline p : List.of(direct(), flink())) {
      PCollection<String> out =
          create(p)
              .apply(grouping)
              .apply(
                  MapElements.into(TypeDescriptors.strings())
                      .via(g -> g.getKey() + "=" + sorted(g.getValue())));
      PAssert.that(out).containsInAnyOrder(expected);
      p.run().waitUntilFinish();
    }
  }

  @Test
  void coGroupByKeyKeepsEachInputsValuesApartAndKeysOfOneSideOnly() {
    TupleTag<Integer> all = new TupleTag<>("all");
    TupleTag<Integer> even = new TupleTag<>("even");
    List<String> expected = new ArrayList<>();
    expectedGroups()
        .forEach(
            (k, vs) -> {
              // only the keys with an even number have values in the second input
              int n = Integer.parseInt(k.substring(1));
              List<Integer> second = n % 2 == 0 ? vs.stream().map(v -> -v).toList() : List.of();
              expected.add(k + "=" + sorted(vs) + "|" + sorted(second));
            });
    expected.add("only-second=[]|[7]");
    for (Pipeline p : List.of(direct(), flink())) {
      PCollection<KV<String, Integer>> in = create(p);
      PCollection<KV<String, Integer>> evens =
          p.apply(
              "Evens",
              Create.of(evenKeysNegated())
                  .withCoder(KvCoder.of(StringUtf8Coder.of(), VarIntCoder.of())));
      PCollection<String> out =
          KeyedPCollectionTuple.of(all, in)
              .and(even, evens)
              .apply(Grouping.coGroupByKey())
              .apply(
                  MapElements.into(TypeDescriptors.strings())
                      .via(
                          (KV<String, CoGbkResult> g) ->
                              g.getKey()
                                  + "="
                                  + sorted(g.getValue().getAll(all))
                                  + "|"
                                  + sorted(g.getValue().getAll(even))));
      PAssert.that(out).containsInAnyOrder(expected);
      p.run().waitUntilFinish();
    }
  }

  static List<KV<String, Integer>> evenKeysNegated() {
    List<KV<String, Integer>> out = new ArrayList<>();
    for (KV<String, Integer> kv : input()) {
      if (Integer.parseInt(kv.getKey().substring(1)) % 2 == 0) {
        out.add(KV.of(kv.getKey(), -kv.getValue()));
      }
    }
    out.add(KV.of("only-second", 7));
    return out;
  }

  @Test
  void combinePerKeyAndCountPerElementGiveEachKeysResult() {
    List<KV<String, Integer>> maxima = new ArrayList<>();
    List<KV<String, Long>> counts = new ArrayList<>();
    expectedGroups()
        .forEach(
            (k, vs) -> {
              maxima.add(KV.of(k, vs.stream().mapToInt(Integer::intValue).max().orElseThrow()));
              counts.add(KV.of(k, (long) vs.size()));
            });
    for (Pipeline p : List.of(direct(), flink())) {
      PCollection<KV<String, Integer>> in = create(p);
      PAssert.that(in.apply(Grouping.combinePerKey(Max.ofIntegers()))).containsInAnyOrder(maxima);
      PAssert.that(
              in.apply(MapElements.into(TypeDescriptors.strings()).via(KV::getKey))
                  .apply(Grouping.countPerElement()))
          .containsInAnyOrder(counts);
      p.run().waitUntilFinish();
    }
  }
}
