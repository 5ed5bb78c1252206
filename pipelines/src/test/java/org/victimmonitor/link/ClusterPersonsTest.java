package org.victimmonitor.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;
import org.junit.jupiter.api.Test;

/** Large-star/small-star connected components on the DirectRunner with its checks on. */
class ClusterPersonsTest {

  static LinkRecord rec(String id) {
    return new LinkRecord("s", "d", "p", id, new String[0], new long[0][], null, 0);
  }

  static String node(String id) {
    return LinkRecord.id("s", "d", "p", id);
  }

  static ComparedPair link(String a, String b) {
    String x = node(a);
    String y = node(b);
    return x.compareTo(y) < 0 ? new ComparedPair(x, y, 0, false) : new ComparedPair(y, x, 0, false);
  }

  static long counter(PipelineResult r, String name) {
    return BlockRecordsTest.counter(r, name);
  }

  /** A pipeline on the DirectRunner, with its checks on. */
  static Pipeline directPipeline() {
    DirectOptions o = PipelineOptionsFactory.create().as(DirectOptions.class);
    o.setRunner(DirectRunner.class);
    return Pipeline.create(o);
  }

  @Test
  void chainsStarsAndSingletons() {
    Pipeline p = directPipeline();
    List<LinkRecord> records = new ArrayList<>();
    List<ComparedPair> links = new ArrayList<>();
    // A chain c00 - c01 - ... - c11 given in scrambled order, a star around s5, a pair, a
    // singleton.
    for (int i = 0; i < 12; i++) {
      records.add(rec(String.format("c%02d", i)));
      if (i > 0) {
        links.add(
            link(String.format("c%02d", (i * 7) % 12), String.format("c%02d", (i * 7 + 1) % 12)));
      }
    }
    for (String s : List.of("s1", "s2", "s3", "s4", "s5")) {
      records.add(rec(s));
      if (!s.equals("s5")) {
        links.add(link("s5", s));
      }
    }
    records.add(rec("x1"));
    records.add(rec("x2"));
    links.add(link("x2", "x1"));
    records.add(rec("alone"));
    PCollection<LinkRecord> recs =
        p.apply("Records", Create.of(records).withCoder(LinkRecordCoder.of()));
    PCollection<Membership> members =
        p.apply("Links", Create.of(links).withCoder(ComparedPair.Coder.of()))
            .apply("ClusterPersons", new ClusterPersons(recs, 6, 10));
    List<Membership> expected = new ArrayList<>();
    for (LinkRecord r : records) {
      String root =
          switch (r.recordId().charAt(0)) {
            case 'c' -> node("c00");
            case 's' -> node("s1");
            case 'x' -> node("x1");
            default -> node("alone");
          };
      expected.add(new Membership(r.id(), root));
    }
    PAssert.that(members).containsInAnyOrder(expected);
    PipelineResult result = p.run();
    result.waitUntilFinish();
    assertThat(counter(result, "clusters")).isEqualTo(4);
    assertThat(counter(result, "oversized_clusters")).isEqualTo(1);
    assertThat(counter(result, "records_in_oversized_clusters")).isEqualTo(12);
    assertThat(counter(result, "unlinked_records")).isEqualTo(1);
    assertThat(counter(result, "unconverged_nodes")).isZero();
  }

  @Test
  void tooFewRoundsAreDetected() {
    Pipeline p = directPipeline();
    List<LinkRecord> records = new ArrayList<>();
    List<ComparedPair> links = new ArrayList<>();
    for (int i = 0; i < 64; i++) {
      records.add(rec(String.format("c%02d", i)));
      if (i > 0) {
        links.add(
            link(String.format("c%02d", (i * 37) % 64), String.format("c%02d", (i * 37 + 1) % 64)));
      }
    }
    PCollection<LinkRecord> recs =
        p.apply("Records", Create.of(records).withCoder(LinkRecordCoder.of()));
    p.apply("Links", Create.of(links).withCoder(ComparedPair.Coder.of()))
        .apply("ClusterPersons", new ClusterPersons(recs, 1, 100));
    PipelineResult result = p.run();
    result.waitUntilFinish();
    // One round cannot turn a 64-node path into a star; the job re-runs with more rounds.
    assertThat(counter(result, "unconverged_nodes")).isPositive();
  }

  /** Records and links of the first test, run with a given salt and fingerprint mask. */
  static PipelineResult chains(long salt, long mask, List<Membership> expectedOrNull) {
    Pipeline p = directPipeline();
    List<LinkRecord> records = new ArrayList<>();
    List<ComparedPair> links = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      records.add(rec(String.format("r%02d", i)));
      // components {0..9} as a path, {10..19} as pairs, 20..39 alone
      if (i > 0 && i < 10) {
        links.add(link(String.format("r%02d", i - 1), String.format("r%02d", i)));
      }
      if (i >= 10 && i < 20 && i % 2 == 1) {
        links.add(link(String.format("r%02d", i - 1), String.format("r%02d", i)));
      }
    }
    PCollection<LinkRecord> recs =
        p.apply("Records", Create.of(records).withCoder(LinkRecordCoder.of()));
    PCollection<Membership> members =
        p.apply("Links", Create.of(links).withCoder(ComparedPair.Coder.of()))
            .apply("ClusterPersons", new ClusterPersons(recs, 6, 50, salt, mask));
    if (expectedOrNull != null) {
      PAssert.that(members).containsInAnyOrder(expectedOrNull);
    }
    PipelineResult result = p.run();
    result.waitUntilFinish();
    return result;
  }

  @Test
  void theClustersDoNotDependOnTheSalt() {
    List<Membership> expected = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      String root = i < 10 ? "r00" : i < 20 ? String.format("r%02d", i - i % 2) : null;
      String id = String.format("r%02d", i);
      expected.add(new Membership(node(id), node(root == null ? id : root)));
    }
    for (long salt : new long[] {0, 1, 77}) {
      PipelineResult r = chains(salt, -1L, expected);
      assertThat(counter(r, "clusters")).isEqualTo(1 + 5 + 20);
      assertThat(counter(r, "records")).isEqualTo(40);
      assertThat(counter(r, "unlinked_records")).isEqualTo(20);
      assertThat(counter(r, "node_fingerprint_collisions")).isZero();
    }
  }

  @Test
  void idsSharingAFingerprintAreCounted() {
    long mask = 0x7;
    java.util.Map<Long, Integer> perPrint = new java.util.HashMap<>();
    for (int i = 0; i < 40; i++) {
      perPrint.merge(
          ClusterPersons.fingerprint(node(String.format("r%02d", i)), 3, mask), 1, Integer::sum);
    }
    // 40 ids on at most 8 fingerprints: each id after the first of its fingerprint is counted
    PipelineResult r = chains(3, mask, null);
    assertThat(counter(r, "node_fingerprint_collisions")).isEqualTo(40 - perPrint.size());
    assertThat(counter(r, "records")).isEqualTo(40);
  }

  @Test
  void fingerprintsOfDistinctIdsDiffer() {
    java.util.Set<Long> seen = new java.util.HashSet<>();
    for (int i = 0; i < 300_000; i++) {
      String id = LinkRecord.id("police", "bvh", String.valueOf(2014 + i % 8), "R" + (i * 7919L));
      assertThat(seen.add(ClusterPersons.fingerprint(id, 0))).as(id).isTrue();
    }
    // the salt changes them
    assertThat(ClusterPersons.fingerprint(node("a"), 0))
        .isNotEqualTo(ClusterPersons.fingerprint(node("a"), 1));
  }
}
