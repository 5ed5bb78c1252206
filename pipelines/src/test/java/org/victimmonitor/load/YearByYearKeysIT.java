package org.victimmonitor.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.victimmonitor.generate.GeneratorConfig;
import org.victimmonitor.generate.ProgressListener;
import org.victimmonitor.generate.Scale;
import org.victimmonitor.generate.SyntheticDataGenerator;
import org.victimmonitor.generate.YearRange;
import org.victimmonitor.pseudonymise.ExtractFolder;
import org.victimmonitor.pseudonymise.LinkageSchema;

/**
 * Annual loads one year at a time with the probabilistic linker: 2014, then 2015 on top of it (the
 * second load carries keys from the first one's vault), against 2015 loaded at once into another
 * warehouse. The persons must be the same, and every person of the first load whose records are
 * still one person, with no record of another earlier person joined to it, keeps its key.
 */
class YearByYearKeysIT {
  @TempDir static Path tmp;

  static LoadYearJob.Summary load(Path warehouse, Path deliveries, int year) throws Exception {
    List<String> args =
        List.of(
            "--runner=FlinkRunner",
            "--flinkMaster=[local]",
            "--parallelism=2",
            "--deliveries=" + deliveries,
            "--warehouse=" + warehouse,
            "--year=" + year,
            "--buckets=8");
    LoadYearJob.Options o =
        PipelineOptionsFactory.fromArgs(args.toArray(String[]::new))
            .withValidation()
            .as(LoadYearJob.Options.class);
    return LoadYearJob.run(o, new PrintWriter(new StringWriter()));
  }

  /** Record (source/dataset/period/record_id/row) -> person key, from a version's vault. */
  static Map<String, Long> vault(Path version) throws Exception {
    Map<String, Long> out = new TreeMap<>();
    for (ParquetTables.Row row : ParquetTables.read(version.resolve("restricted/vault"))) {
      var g = row.record();
      out.put(
          g.get("source")
              + "/"
              + g.get("dataset")
              + "/"
              + g.get("period")
              + "/"
              + g.get("record_id")
              + "/"
              + g.get("row_number"),
          (Long) g.get("person_key"));
    }
    return out;
  }

  static Map<Long, Set<String>> persons(Map<String, Long> vault) {
    Map<Long, Set<String>> out = new HashMap<>();
    vault.forEach((r, k) -> out.computeIfAbsent(k, x -> new TreeSet<>()).add(r));
    return out;
  }

  @Test
  void keysOfUnchangedPersonsStayTheSame() throws Exception {
    new SyntheticDataGenerator(GeneratorConfig.of(Scale.TINY, YearRange.parse("2014-2015"), 3))
        .generate(tmp.resolve("gen"), ProgressListener.NONE);
    Path deliveries = tmp.resolve("deliveries");
    ExtractFolder.pseudonymiseAll(
        tmp.resolve("gen/extracts"),
        deliveries,
        LoadYearJobIT.key(),
        LinkageSchema.builtIn("person-v1"),
        0.05);
    Path stepwise = tmp.resolve("stepwise");
    LoadYearJob.Summary first = load(stepwise, deliveries, 2014);
    LoadYearJob.Summary second = load(stepwise, deliveries, 2015);
    LoadYearJob.Summary atOnce = load(tmp.resolve("at-once"), deliveries, 2015);
    // The console's "linked" tally counts every record the linker gave a person: all rows read
    // that were not quarantined (police records outside the population are minimised later).
    JsonNode counts = new ObjectMapper().readTree(atOnce.runJson().toFile()).get("counts");
    assertThat(LoadProgress.LINKED.get())
        .isEqualTo(counts.get("read").asLong() - counts.get("quarantined").asLong())
        .isPositive();

    Map<String, Long> v1 = vault(first.runJson().getParent());
    Map<String, Long> v2 = vault(second.runJson().getParent());
    Map<String, Long> all = vault(atOnce.runJson().getParent());
    assertThat(v1).isNotEmpty();
    assertThat(v2.keySet()).isEqualTo(all.keySet());
    // A police record kept in 2014 may be minimised in 2015 when the re-fitted model no longer
    // links it to a registered person (and the reverse): a handful at most.
    long dropped = v1.keySet().stream().filter(r -> !v2.containsKey(r)).count();
    assertThat(dropped).isLessThan(v1.size() / 100 + 1);
    // The same persons, whichever way the years were loaded
    assertThat(new HashSet<>(persons(v2).values())).isEqualTo(new HashSet<>(persons(all).values()));

    int unchanged = 0;
    int changed = 0;
    for (Map.Entry<Long, Set<String>> p : persons(v1).entrySet()) {
      Set<Long> now = new HashSet<>();
      p.getValue().stream().filter(v2::containsKey).forEach(r -> now.add(v2.get(r)));
      if (now.isEmpty()) {
        changed++;
        continue;
      }
      long earlierOthers =
          persons(v2).getOrDefault(now.iterator().next(), Set.of()).stream()
              .filter(r -> v1.containsKey(r) && !p.getValue().contains(r))
              .count();
      if (now.size() == 1 && earlierOthers == 0) {
        unchanged++;
        assertThat(now).as("key of an unchanged person").containsExactly(p.getKey());
      } else {
        changed++;
      }
    }
    JsonNode keys =
        new ObjectMapper()
            .readTree(second.runJson().toFile())
            .path("linkage")
            .path("person_keys_from_previous_version");
    System.out.printf(
        "year by year: %d persons after 2014, %d unchanged in 2015, %d merged or split; %s%n",
        persons(v1).size(), unchanged, changed, keys);
    assertThat(unchanged).isGreaterThan(persons(v1).size() * 9 / 10);
    assertThat(keys.path("kept").asLong()).isPositive();
    // Every changed person is counted as a merge or a split.
    assertThat(keys.path("merges").asLong() + keys.path("splits").asLong())
        .isGreaterThanOrEqualTo(changed == 0 ? 0 : 1);
  }
}
