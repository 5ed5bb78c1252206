package org.victimmonitor.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.victimmonitor.common.ConsoleProgress;
import org.victimmonitor.pseudonymise.LinkageKey;
import org.victimmonitor.pseudonymise.LinkageSchema;
import org.victimmonitor.pseudonymise.Pseudonymiser;

/**
 * The whole link job on two small hand-made deliveries: a re-registration within one delivery, the
 * same people again in the other, a namesake with another BSN (hard evidence) and singletons. Runs
 * on the DirectRunner with its checks on and on embedded Flink, and both must give the same file.
 */
class LinkJobTest {
  @TempDir static Path tmp;
  static List<Path> deliveries;

  static void deliver() throws IOException {
    byte[] k = new byte[32];
    for (int i = 0; i < 32; i++) {
      k[i] = (byte) (3 * i + 1);
    }
    LinkageKey key = LinkageKey.of(k);
    deliveries =
        List.of(
            deliver(key, "police", "2019", "police_2019.csv"),
            deliver(key, "kmar", "2020", "kmar_2020.csv"));
  }

  static Path deliver(LinkageKey key, String source, String period, String resource)
      throws IOException {
    Path raw = tmp.resolve(resource);
    try (InputStream in = LinkJobTest.class.getResourceAsStream(resource)) {
      Files.copy(in, raw, StandardCopyOption.REPLACE_EXISTING);
    }
    return Pseudonymiser.run(
            new Pseudonymiser.Request(
                key,
                LinkageSchema.builtIn("person-v1"),
                source,
                "trafficking_report",
                period,
                raw,
                tmp.resolve("deliveries"),
                0.05,
                null))
        .delivery();
  }

  static LinkJob.Result link(LinkJob.Runner runner, Path out) throws IOException {
    return link(runner, out, null);
  }

  static LinkJob.Result link(LinkJob.Runner runner, Path out, ConsoleProgress progress)
      throws IOException {
    // Clusters of at most 3 records converge in 2 rounds; fewer stages keep the test fast.
    return link(
        runner,
        out,
        progress,
        LinkConfig.defaults(LinkageSchema.builtIn("person-v1")).withStarRounds(2));
  }

  static LinkJob.Result link(
      LinkJob.Runner runner, Path out, ConsoleProgress progress, LinkConfig config)
      throws IOException {
    return LinkJob.run(
        new LinkJob.Settings(deliveries, out, "person-v1", config, runner, true, 2), progress);
  }

  /** Clusters as sets of record ids, ignoring the keys. */
  static Set<Set<String>> clusters(Path csv) throws IOException {
    Map<String, Set<String>> byKey = new TreeMap<>();
    ClusterFiles.readClusters(csv)
        .forEach(
            (record, key) ->
                byKey
                    .computeIfAbsent(key, x -> new TreeSet<>())
                    .add(record.substring(record.lastIndexOf(LinkRecord.SEP) + 1)));
    return new java.util.HashSet<>(byKey.values());
  }

  static Path direct;
  static Path flink;
  static LinkJob.Result directResult;
  static LinkJob.Result flinkResult;
  static final StringWriter flinkConsole = new StringWriter();
  static long[] flinkTallies;

  @BeforeAll
  static void linkOnBothRunners() throws IOException {
    deliver();
    direct = tmp.resolve("direct");
    flink = tmp.resolve("flink");
    directResult = link(LinkJob.Runner.DirectRunner, direct);
    try (ConsoleProgress progress = LinkProgress.start(new PrintWriter(flinkConsole), 60_000)) {
      flinkResult = link(LinkJob.Runner.FlinkRunner, flink, progress);
      flinkTallies =
          new long[] {
            LinkProgress.READ.get(),
            CompareCandidates.PAIRS_COMPARED.get(),
            LinkProgress.SCORED.get(),
            LinkProgress.KEYED.get()
          };
    }
  }

  @Test
  void theConsoleTalliesAreTheRunsCounts() {
    // The embedded engine runs in this JVM, so its DoFns bump the console's tallies.
    Map<String, Object> c = flinkResult.counters();
    assertThat(flinkTallies)
        .containsExactly(10L, (Long) c.get("comparisons"), (Long) c.get("candidate_pairs"), 10L);
    assertThat((Long) c.get("comparisons")).isPositive();
    assertThat(flinkConsole.toString())
        .contains("] job       blocking, comparing, fitting the model, clustering (FlinkRunner)")
        .contains("] write     writing clusters.csv sorted by source, dataset, record id");
  }

  /**
   * The scalable rules leave out blocks before the shuffle (a second pass over the records with
   * side inputs): on both runners the same clusters as the thorough rules give here.
   */
  @Test
  void scalableRulesLeaveOutBlocksAndGiveTheSameClustersOnBothRunners() throws IOException {
    LinkConfig scalable =
        LinkConfig.defaults(LinkageSchema.builtIn("person-v1"))
            .withStarRounds(2)
            .withBlocking(
                Blocking.of(LinkageSchema.builtIn("person-v1"), Blocking.Profile.SCALABLE));
    Path d = tmp.resolve("scalable-direct");
    Path f = tmp.resolve("scalable-flink");
    LinkJob.Result onDirect = link(LinkJob.Runner.DirectRunner, d, null, scalable);
    LinkJob.Result onFlink = link(LinkJob.Runner.FlinkRunner, f, null, scalable);
    assertThat(Files.readAllLines(f.resolve(LinkJob.CLUSTERS)))
        .isEqualTo(Files.readAllLines(d.resolve(LinkJob.CLUSTERS)));
    assertThat(clusters(f.resolve(LinkJob.CLUSTERS)))
        .isEqualTo(clusters(direct.resolve(LinkJob.CLUSTERS)));
    for (LinkJob.Result r : List.of(onDirect, onFlink)) {
      assertThat((Long) r.counters().get("copies_in_pruned_blocks")).isPositive();
    }
    assertThat(onFlink.counters().get("copies_in_pruned_blocks"))
        .isEqualTo(onDirect.counters().get("copies_in_pruned_blocks"));
    assertThat(onFlink.counters().get("candidate_pairs"))
        .isEqualTo(onDirect.counters().get("candidate_pairs"));
  }

  @Test
  void directAndFlinkGiveTheSameClusters() throws IOException {
    List<String> lines = Files.readAllLines(direct.resolve(LinkJob.CLUSTERS));
    assertThat(lines.get(0)).isEqualTo("source,dataset,record_id,person_key");
    assertThat(lines).hasSize(11);
    assertThat(lines.subList(1, lines.size())).isSortedAccordingTo(String::compareTo);
    assertThat(Files.readAllLines(flink.resolve(LinkJob.CLUSTERS))).isEqualTo(lines);

    assertThat(clusters(direct.resolve(LinkJob.CLUSTERS)))
        .containsExactlyInAnyOrder(
            Set.of("POL-1", "POL-2", "KM-1"),
            Set.of("POL-3", "KM-2"),
            Set.of("POL-5", "KM-5"),
            Set.of("POL-4"),
            Set.of("KM-3"),
            Set.of("KM-4"));
    Map<String, Object> c = directResult.counters();
    assertThat(c.get("records")).isEqualTo(10L);
    assertThat(c.get("clusters")).isEqualTo(6L);
    assertThat((Long) c.get("links_refused_by_hard_evidence")).isPositive();
    assertThat(c.get("unconverged_nodes")).isIn(null, 0L);
    assertThat(direct.resolve(LinkJob.MODEL)).exists();
    assertThat(direct.resolve(LinkJob.RUN)).exists();
  }

  @Test
  void personKeysAreDerivedFromTheSmallestMemberAndCarryNoToken() throws IOException {
    Map<String, String> keys =
        new HashMap<>(ClusterFiles.readClusters(direct.resolve(LinkJob.CLUSTERS)));
    // The cluster {KM-1, POL-1, POL-2}: kmar sorts before police, so KM-1 is its smallest member.
    String key = PersonKeys.of(LinkRecord.id("kmar", "trafficking_report", "2020", "KM-1"));
    assertThat(key).matches("p[0-9a-f]{20}");
    assertThat(keys.get("kmar\ttrafficking_report\tKM-1")).isEqualTo(key);
    assertThat(keys.get("police\ttrafficking_report\tPOL-2")).isEqualTo(key);
    for (Path d : deliveries) {
      String tokens = Files.readString(d.resolve("records.csv"));
      for (String k : keys.values()) {
        assertThat(tokens).doesNotContain(k.substring(1));
      }
    }
  }

  @Test
  void clusterShardsAreMergedInFieldOrder(@TempDir Path dir) throws IOException {
    Path parts = Files.createDirectories(dir.resolve(".parts"));
    // Out of order over two shards: a field that is a prefix of another ("ab" before "abc" and
    // "ab-"), quoting, a NUL inside a field, and rows equal up to their last field.
    Files.writeString(
        parts.resolve("clusters-00001-of-00002.csv"),
        "abc,d,1,p2\nab,\"x,y\",2,p1\n\"a\u0000b\",d,3,p4\nab,d,9,p3\n");
    Files.writeString(
        parts.resolve("clusters-00000-of-00002.csv"),
        "ab-,d,1,p5\nab,d,10,p6\nab,d,9,p0\na,zz,1,p7\n");
    Files.writeString(parts.resolve("model.json"), "{}"); // not a cluster shard
    Path target = dir.resolve("clusters.csv");

    assertThat(LinkJob.writeSortedClusters(parts, target)).isEqualTo(8);

    assertThat(Files.readString(target))
        .isEqualTo(
            String.join(
                "\n",
                "source,dataset,record_id,person_key",
                "a,zz,1,p7",
                "a\u0000b,d,3,p4",
                "ab,d,10,p6",
                "ab,d,9,p0",
                "ab,d,9,p3",
                "ab,\"x,y\",2,p1",
                "ab-,d,1,p5",
                "abc,d,1,p2",
                ""));
  }
}
