package org.victimmonitor.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
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
    return LinkJob.run(
        new LinkJob.Settings(
            deliveries,
            out,
            "person-v1",
            // Clusters of at most 3 records converge in 2 rounds; fewer stages keep the test fast.
            LinkConfig.defaults(LinkageSchema.builtIn("person-v1")).withStarRounds(2),
            runner,
            true,
            2));
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

  @BeforeAll
  static void linkOnBothRunners() throws IOException {
    deliver();
    direct = tmp.resolve("direct");
    flink = tmp.resolve("flink");
    directResult = link(LinkJob.Runner.DirectRunner, direct);
    link(LinkJob.Runner.FlinkRunner, flink);
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
}
