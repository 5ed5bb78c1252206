package org.victimmonitor.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricQueryResults;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.jupiter.api.Test;
import org.victimmonitor.pseudonymise.LinkageSchema;

/**
 * The blocks are exactly the groups of two or more records sharing a key, as plain grouping gives
 * them, although keys no other record has are dropped before the shuffle; and every key of one
 * record is still counted as a block of one record.
 */
class BlockRecordsTest {

  @Test
  void sameBlocksAsPlainGroupingAndEverySingletonCounted() {
    Blocking blocking = Blocking.of(LinkageSchema.builtIn("person-v1"), Blocking.Profile.SCALABLE);
    SplittableRandom rnd = new SplittableRandom(11);
    List<LinkRecord> records = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      // Small vocabularies, so that some keys are shared and most are not.
      String[] keys = {
        "n" + rnd.nextInt(800), rnd.nextInt(4) == 0 ? null : "i" + rnd.nextInt(700), null, null
      };
      long[][] filters = {
        filter(rnd.nextInt(100)), filter(1000 + rnd.nextInt(100)), filter(2000 + rnd.nextInt(300))
      };
      int year = rnd.nextInt(10) == 0 ? 0 : 1980 + rnd.nextInt(20);
      records.add(
          new LinkRecord("src", "ds", "2020", String.format("r%05d", i), keys, filters, "F", year));
    }
    Map<Long, List<String>> groups = new TreeMap<>();
    for (LinkRecord r : records) {
      for (String k : blocking.keys(r)) {
        groups.computeIfAbsent(Blocking.code(k), x -> new ArrayList<>()).add(r.recordId());
      }
    }
    List<String> expected = new ArrayList<>();
    long singletons = 0;
    for (Map.Entry<Long, List<String>> g : groups.entrySet()) {
      if (g.getValue().size() < 2) {
        singletons++;
      } else {
        expected.add(g.getKey() + "=" + String.join(",", g.getValue().stream().sorted().toList()));
      }
    }
    assertThat(expected).hasSizeGreaterThan(1000);
    assertThat(singletons).isGreaterThan(2L * expected.size());

    Pipeline p = directPipeline();
    PCollection<String> blocks =
        p.apply(Create.of(records).withCoder(LinkRecordCoder.of()))
            .apply(new BlockRecords(blocking))
            .apply(
                MapElements.into(TypeDescriptors.strings())
                    .via(
                        b ->
                            b.code()
                                + "="
                                + String.join(
                                    ",", b.records().stream().map(LinkRecord::recordId).toList())));
    PAssert.that(blocks).containsInAnyOrder(expected);
    PipelineResult result = p.run();
    result.waitUntilFinish();
    MetricQueryResults m =
        result
            .metrics()
            .queryMetrics(
                MetricsFilter.builder()
                    .addNameFilter(MetricNameFilter.named(LinkJob.METRICS, "blocks_of_one_record"))
                    .build());
    // Counted where dropped before the shuffle, and (the sketch's false positives) after it.
    long counted = 0;
    for (var c : m.getCounters()) {
      counted += c.getAttempted();
    }
    assertThat(counted).isEqualTo(singletons);
  }

  /** A pipeline on the DirectRunner, its checks on. */
  static Pipeline directPipeline() {
    DirectOptions o = PipelineOptionsFactory.create().as(DirectOptions.class);
    o.setRunner(DirectRunner.class);
    return Pipeline.create(o);
  }

  /** A filter of one value: 30 bits drawn from the value's own seed. */
  static long[] filter(int value) {
    SplittableRandom v = new SplittableRandom(value);
    long[] f = new long[16];
    for (int i = 0; i < 30; i++) {
      int p = v.nextInt(1024);
      f[p >>> 6] |= 1L << (p & 63);
    }
    return f;
  }
}
