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
    // The thorough rules: no rule whose blocks are summarised (see the next test).
    Blocking blocking = Blocking.of(LinkageSchema.builtIn("person-v1"), Blocking.Profile.THOROUGH);
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
    assertThat(singletons).isGreaterThan(500L);

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

  /**
   * Blocks that compare nothing are left out (name LSH blocks of records with the same names,
   * blocks of the when-year-missing rule where every record has a year), and yet the candidate
   * pairs are exactly those that share a key whose rule allows them, each once; every copy of a
   * record under a key is accounted for.
   */
  @Test
  void leavesOutBlocksThatCompareNothingAndComparesTheSamePairs() {
    LinkageSchema schema = LinkageSchema.builtIn("person-v1");
    Blocking blocking = Blocking.of(schema, Blocking.Profile.SCALABLE);
    SplittableRandom rnd = new SplittableRandom(5);
    List<LinkRecord> records = new ArrayList<>();
    for (int i = 0; i < 600; i++) {
      // Few names, so that many records share their names (and their name LSH keys).
      int first = rnd.nextInt(12);
      int last = rnd.nextInt(12);
      int dob = rnd.nextInt(40);
      String[] keys = {null, null, rnd.nextInt(3) == 0 ? null : "s" + dob, null};
      long[][] filters = {small(first), small(100 + last), small(200 + dob)};
      int year = rnd.nextInt(8) == 0 ? 0 : 1990 + rnd.nextInt(3);
      records.add(
          new LinkRecord("src", "ds", "2020", String.format("r%05d", i), keys, filters, "F", year));
    }
    // Plain grouping, and which blocks may be left out.
    Map<Long, List<LinkRecord>> groups = new TreeMap<>();
    for (LinkRecord r : records) {
      for (long code : blocking.codes(r)) {
        groups.computeIfAbsent(code, x -> new ArrayList<>()).add(r);
      }
    }
    java.util.Set<String> plain = new java.util.TreeSet<>();
    java.util.Set<String> mustKeep = new java.util.TreeSet<>();
    long occurrences = 0;
    int prunable = 0;
    for (Map.Entry<Long, List<LinkRecord>> g : groups.entrySet()) {
      occurrences += g.getValue().size();
      if (g.getValue().size() < 2) {
        continue;
      }
      String block = g.getKey() + "=" + ids(g.getValue());
      plain.add(block);
      int rule = Blocking.ruleOfCode(g.getKey());
      boolean compares = !blocking.summarised(rule);
      if (blocking.rules().get(rule).year() == Blocking.Rule.Year.MISSING) {
        compares = g.getValue().stream().anyMatch(r -> r.birthYear() <= 0);
      } else if (blocking.summarised(rule)) {
        int cover = blocking.coveringRule(rule);
        List<Long> covers =
            g.getValue().stream()
                .map(
                    r ->
                        cover >= 0
                            ? smallestOfRule(blocking.codes(r), cover)
                            : blocking.smallestEarlierCode(blocking.codes(r), rule))
                .toList();
        compares = covers.contains(-1L) || covers.stream().distinct().count() > 1;
      }
      if (compares) {
        mustKeep.add(block);
      } else {
        prunable++;
      }
    }
    assertThat(prunable).isGreaterThan(200);
    int atMost = mustKeep.size() + prunable / 2; // at least half of them left out
    assertThat(mustKeep).hasSizeGreaterThan(200);
    assertThat(
            mustKeep.stream()
                .filter(b -> Blocking.ruleOfCode(Long.parseLong(b.split("=")[0])) == 6)
                .count())
        .as("name LSH blocks of different names are kept")
        .isGreaterThan(20);
    // Candidate pairs by brute force: sharing a key whose rule compares them.
    List<String> pairs = new ArrayList<>();
    for (int i = 0; i < records.size(); i++) {
      for (int j = i + 1; j < records.size(); j++) {
        LinkRecord a = records.get(i);
        LinkRecord b = records.get(j);
        java.util.Set<Long> shared = new java.util.HashSet<>();
        for (long c : blocking.codes(a)) {
          shared.add(c);
        }
        boolean candidate = false;
        for (long c : blocking.codes(b)) {
          candidate |=
              shared.contains(c) && blocking.rules().get(Blocking.ruleOfCode(c)).allows(a, b);
        }
        if (candidate) {
          pairs.add(a.id() + "|" + b.id());
        }
      }
    }
    assertThat(pairs).hasSizeGreaterThan(1000);

    Pipeline p = directPipeline();
    PCollection<Block> blocks =
        p.apply(Create.of(records).withCoder(LinkRecordCoder.of()))
            .apply(new BlockRecords(blocking));
    PCollection<String> emitted =
        blocks.apply(
            "Describe",
            MapElements.into(TypeDescriptors.strings())
                .via(b -> b.code() + "=" + ids(b.records())));
    PAssert.that(emitted)
        .satisfies(
            got -> {
              java.util.Set<String> g = new java.util.TreeSet<>();
              got.forEach(g::add);
              assertThat(plain).containsAll(g);
              assertThat(g).containsAll(mustKeep);
              assertThat(g.size()).isLessThanOrEqualTo(atMost);
              return null;
            });
    PCollection<String> compared =
        blocks
            .apply(new CompareCandidates(Comparisons.defaults(schema), blocking))
            .apply(
                "PairIds",
                MapElements.into(TypeDescriptors.strings()).via(c -> c.left() + "|" + c.right()));
    PAssert.that(compared).containsInAnyOrder(pairs);
    PipelineResult result = p.run();
    result.waitUntilFinish();
    long pruned = counter(result, "copies_in_pruned_blocks");
    assertThat(pruned).isGreaterThan(0);
    long sizes = 0;
    for (var d :
        result
            .metrics()
            .queryMetrics(
                MetricsFilter.builder()
                    .addNameFilter(MetricNameFilter.named(LinkJob.METRICS, "block_size"))
                    .build())
            .getDistributions()) {
      sizes += d.getAttempted().getSum();
    }
    assertThat(sizes + pruned).as("every copy under a key accounted for").isEqualTo(occurrences);
  }

  /** A link counter's total over the steps that update it. */
  static long counter(PipelineResult result, String name) {
    long n = 0;
    for (var c :
        result
            .metrics()
            .queryMetrics(
                MetricsFilter.builder()
                    .addNameFilter(MetricNameFilter.named(LinkJob.METRICS, name))
                    .build())
            .getCounters()) {
      n += c.getAttempted();
    }
    return n;
  }

  private static String ids(List<LinkRecord> rs) {
    return String.join(",", rs.stream().map(LinkRecord::recordId).sorted().toList());
  }

  private static long smallestOfRule(long[] sorted, int rule) {
    for (long c : sorted) {
      if (Blocking.ruleOfCode(c) == rule) {
        return c;
      }
    }
    return -1;
  }

  /** A 512-bit filter (person-v1's size) of one value: 20 bits drawn from the value's seed. */
  static long[] small(int value) {
    SplittableRandom v = new SplittableRandom(value);
    long[] f = new long[8];
    for (int i = 0; i < 20; i++) {
      int p = v.nextInt(512);
      f[p >>> 6] |= 1L << (p & 63);
    }
    return f;
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
