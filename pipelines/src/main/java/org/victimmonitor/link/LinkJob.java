package org.victimmonitor.link;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.runners.flink.FlinkRunner;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.io.TextIO;
import org.apache.beam.sdk.metrics.DistributionResult;
import org.apache.beam.sdk.metrics.MetricQueryResults;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.victimmonitor.common.ConsoleProgress;
import org.victimmonitor.common.FileTrees;
import org.victimmonitor.load.FlinkJob;

/**
 * The linkage job: deliveries in, one person key per record out. {@link #run} wires the stages of
 * the architecture's data flow; the driver then checks that clustering converged (re-running with
 * twice the rounds if not), merges the sharded output into a sorted {@code clusters.csv}, and
 * writes {@code model.json} and {@code link-run.json} (the counters).
 */
public final class LinkJob {
  /** Metric namespace of the job's counters. */
  public static final String METRICS = "link";

  public static final String CLUSTERS = "clusters.csv";
  public static final String MODEL = "model.json";
  public static final String RUN = "link-run.json";
  public static final String WEIGHTS = "match-weights.json";
  public static final String KEY_CHANGES = "key-changes.csv";
  public static final List<String> HEADER = List.of("source", "dataset", "record_id", "person_key");

  /** Which runner: embedded Flink (default) or the DirectRunner (tests, with its checks on). */
  public enum Runner {
    FlinkRunner,
    DirectRunner
  }

  /**
   * What to link and how.
   *
   * @param deliveries delivery folders (each with records.csv and manifest.json)
   * @param schemaId the linkage schema (built-in id or file)
   * @param directChecks DirectRunner only: keep its immutability and encodability checks on
   * @param parallelism workers (0: the number of cores)
   * @param previous the clusters.csv of a previous run whose keys are to be kept, or null
   */
  public record Settings(
      List<Path> deliveries,
      Path out,
      String schemaId,
      LinkConfig config,
      Runner runner,
      boolean directChecks,
      int parallelism,
      Path previous) {

    public Settings(
        List<Path> deliveries,
        Path out,
        String schemaId,
        LinkConfig config,
        Runner runner,
        boolean directChecks,
        int parallelism) {
      this(deliveries, out, schemaId, config, runner, directChecks, parallelism, null);
    }
  }

  /** Outcome of a run: the fitted model and the counters written to link-run.json. */
  public record Result(LinkageModel model, Map<String, Object> counters, long millis) {}

  private LinkJob() {}

  /** Runs the job, re-running with more rounds until the clustering has converged. */
  public static Result run(Settings s) throws IOException {
    return run(s, null);
  }

  /** The same, printing its stages and tallies to {@code progress} (when not null). */
  public static Result run(Settings s, ConsoleProgress progress) throws IOException {
    long start = System.nanoTime();
    Files.createDirectories(s.out());
    Path parts = s.out().resolve(".parts");
    LinkConfig config = s.config();
    stage(
        progress, "job", "blocking, comparing, fitting the model, clustering (" + s.runner() + ")");
    long salt = 0;
    while (true) {
      FileTrees.deleteTree(parts);
      PipelineResult result = buildAndRun(s, config, salt, parts);
      Map<String, Object> counters = counters(result);
      long collisions = (Long) counters.getOrDefault("node_fingerprint_collisions", 0L);
      if (collisions > 0 && salt < 8) {
        // two record ids shared a 64-bit fingerprint in the clustering: another salt
        salt++;
        stage(progress, "job", "two record ids shared a fingerprint: running again");
        continue;
      }
      if (collisions > 0) {
        throw new IllegalStateException("record ids shared a fingerprint under 9 salts");
      }
      long unconverged = (Long) counters.getOrDefault("unconverged_nodes", 0L);
      if (unconverged > 0 && config.starRounds() < 64) {
        config = config.withStarRounds(config.starRounds() * 2);
        stage(
            progress,
            "job",
            String.format(
                "clustering had not converged: running again with %d rounds", config.starRounds()));
        continue;
      }
      if (unconverged > 0) {
        throw new IllegalStateException("clustering did not converge in 64 rounds");
      }
      stage(progress, "write", "writing " + CLUSTERS + " sorted by source, dataset, record id");
      LinkageModel model = ModelJson.read(Files.readString(parts.resolve("model.json")));
      Files.writeString(s.out().resolve(MODEL), ModelJson.write(model));
      Files.copy(
          parts.resolve("weights.json"),
          s.out().resolve(WEIGHTS),
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      long rows = writeSortedClusters(parts, s.out().resolve(CLUSTERS));
      if (s.previous() != null) {
        writeSortedChanges(parts, s.out().resolve(KEY_CHANGES));
      }
      FileTrees.deleteTree(parts);
      long millis = (System.nanoTime() - start) / 1_000_000;
      counters.put("star_rounds", config.starRounds());
      counters.put("clusters_csv_rows", rows);
      writeRunReport(s, config, counters, millis);
      return new Result(model, counters, millis);
    }
  }

  private static void stage(ConsoleProgress progress, String name, String what) {
    if (progress != null) {
      progress.stage(name, what);
    }
  }

  private static PipelineResult buildAndRun(Settings s, LinkConfig config, long salt, Path parts)
      throws IOException {
    PipelineOptions options = options(s);
    Pipeline p = Pipeline.create(options);

    // Read the delivered tokens and coarse attributes
    PCollection<LinkRecord> records =
        p.apply("ReadLinkRecords", new ReadLinkRecords(s.deliveries(), s.schemaId()))
            // How many records share each name value (term frequencies, without the terms)
            .apply(
                "CountValueFrequencies",
                new CountValueFrequencies(CountValueFrequencies.fieldsOf(config.comparisons())));
    // Group records that share a blocking key; split and count oversized blocks
    // The record count and value-frequency sums, in one pass over the records
    RecordTotals totals = RecordTotals.of(records);
    PCollection<Block> blocks =
        records.apply("BlockRecords", new BlockRecords(config.blocking(), totals.count()));
    // Compare each candidate pair once, field by field, into a comparison pattern
    PCollection<ComparedPair> pairs =
        blocks.apply(
            "CompareCandidates", new CompareCandidates(config.comparisons(), config.blocking()));
    // Fit u on random pairs and m by EM on the pattern counts
    PCollection<LinkageModel> model =
        pairs.apply("EstimateModel", new EstimateModel(config, records, totals));
    PCollectionView<LinkageModel> modelView = model.apply("ModelView", View.asSingleton());
    // Keep the pairs over the threshold that no hard evidence contradicts
    PCollection<ComparedPair> links =
        pairs.apply("ScoreLinks", new ScoreLinks(modelView, config.strongThreshold(), salt));
    // Connected components of the links, singletons included
    PCollection<Membership> clusters =
        links.apply(
            "ClusterPersons",
            new ClusterPersons(records, config.starRounds(), config.maxClusterSize(), salt));
    // Surrogate person keys, kept from the previous mapping where the persons are the same
    PCollection<String> previous =
        s.previous() == null
            ? null
            : p.apply("ReadPreviousMapping", TextIO.read().from(s.previous().toString()));
    PCollectionTuple keys = clusters.apply("AssignPersonKeys", new AssignPersonKeys(previous));
    PCollection<Membership> keyed = keys.get(AssignPersonKeys.KEYED);
    keys.get(AssignPersonKeys.CHANGES)
        .apply(
            "WriteKeyChanges",
            TextIO.write().to(parts.resolve("changes").toString()).withSuffix(".csv"));

    keyed
        .apply("FormatRows", MapElements.into(TypeDescriptors.strings()).via(LinkJob::csvRow))
        .apply(
            "WriteClusterParts",
            TextIO.write().to(parts.resolve("clusters").toString()).withSuffix(".csv"));
    model
        .apply("FormatModel", MapElements.into(TypeDescriptors.strings()).via(ModelJson::write))
        .apply(
            "WriteModel",
            TextIO.write()
                .to(parts.resolve("model").toString())
                .withSuffix(".json")
                .withoutSharding());
    pairs
        .apply("HistogramWeights", new HistogramWeights(modelView))
        .apply(
            "WriteWeights",
            TextIO.write()
                .to(parts.resolve("weights").toString())
                .withSuffix(".json")
                .withoutSharding());
    // The embedded engine's temporary files (sort spills hold tokens) stay in an owner-only
    // folder of the output, cleared before and after the run.
    Path scratch = s.out().resolve(".scratch");
    FileTrees.deleteTree(scratch);
    Files.createDirectory(scratch, FileTrees.OWNER_ONLY);
    try (FlinkJob job = FlinkJob.prepare(options, "monitor-link", scratch)) {
      PipelineResult result = p.run();
      result.waitUntilFinish();
      return result;
    } finally {
      FileTrees.deleteTree(scratch);
    }
  }

  static PipelineOptions options(Settings s) {
    PipelineOptions o = PipelineOptionsFactory.create();
    o.setJobName("monitor-link");
    if (s.runner() == Runner.DirectRunner) {
      o.setRunner(DirectRunner.class);
      DirectOptions d = o.as(DirectOptions.class);
      d.setEnforceImmutability(s.directChecks());
      d.setEnforceEncodability(s.directChecks());
      if (s.parallelism() > 0) {
        d.setTargetParallelism(s.parallelism());
      }
    } else {
      o.setRunner(FlinkRunner.class);
      FlinkPipelineOptions f = o.as(FlinkPipelineOptions.class);
      f.setFlinkMaster("[local]");
      f.setParallelism(
          s.parallelism() > 0 ? s.parallelism() : Runtime.getRuntime().availableProcessors());
      // the DoFns never change their inputs or outputs (the DirectRunner's checks in the tests),
      // so chained operators may pass elements on without copying them through their coders
      f.setObjectReuse(true);
      f.setFasterCopy(true);
    }
    return o;
  }

  /** One clusters.csv row: source, dataset, record_id, person_key. */
  static String csvRow(Membership m) {
    LinkProgress.KEYED.incrementAndGet();
    String[] id = LinkRecord.parts(m.node());
    // one line without its record separator; the format is built once, not per row
    return CSVFormat.DEFAULT.format(id[0], id[1], id[3], m.cluster());
  }

  /** Merges the shards into one file with the header, sorted by source, dataset, record id. */
  static long writeSortedClusters(Path parts, Path target) throws IOException {
    List<SortedRow> rows = new ArrayList<>();
    List<Path> shards;
    try (Stream<Path> files = Files.list(parts)) {
      shards =
          files.filter(f -> f.getFileName().toString().startsWith("clusters")).sorted().toList();
    }
    for (Path shard : shards) {
      try (Reader r = Files.newBufferedReader(shard, StandardCharsets.UTF_8);
          CSVParser parser = CSVFormat.DEFAULT.parse(r)) {
        for (CSVRecord rec : parser) {
          rows.add(SortedRow.of(rec.get(0), rec.get(1), rec.get(2), rec.get(3)));
        }
      }
    }
    SortedRow[] sorted = rows.toArray(SortedRow[]::new);
    rows = null;
    java.util.Arrays.parallelSort(sorted);
    Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
    try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8);
        CSVPrinter printer =
            new CSVPrinter(w, CSVFormat.DEFAULT.builder().setRecordSeparator("\n").get())) {
      printer.printRecord(HEADER);
      for (SortedRow r : sorted) {
        printer.printRecord((Object[]) r.fields());
      }
    }
    Files.move(tmp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    return sorted.length;
  }

  /**
   * A clusters.csv row with its sort key: the fields joined by NUL, so one string comparison orders
   * rows field by field (NUL sorts below every other character). A row with a NUL inside a field
   * has no such key and is compared field by field.
   */
  record SortedRow(String key, String[] withNul) implements Comparable<SortedRow> {
    private static final String NUL = "\0";

    static SortedRow of(String... fields) {
      for (String f : fields) {
        if (f.contains(NUL)) {
          return new SortedRow(null, fields);
        }
      }
      return new SortedRow(String.join(NUL, fields), null);
    }

    String[] fields() {
      return key == null ? withNul : key.split(NUL, -1);
    }

    @Override
    public int compareTo(SortedRow o) {
      if (key != null && o.key != null) {
        return key.compareTo(o.key);
      }
      String[] a = fields();
      String[] b = o.fields();
      for (int i = 0; i < a.length; i++) {
        int c = a[i].compareTo(b[i]);
        if (c != 0) {
          return c;
        }
      }
      return 0;
    }
  }

  /** Merges the change shards into key-changes.csv ({@code change,previous_key,person_key}). */
  static void writeSortedChanges(Path parts, Path target) throws IOException {
    List<String> lines = new ArrayList<>();
    try (Stream<Path> files = Files.list(parts)) {
      for (Path f : files.filter(f -> f.getFileName().toString().startsWith("changes")).toList()) {
        lines.addAll(Files.readAllLines(f, StandardCharsets.UTF_8));
      }
    }
    lines.removeIf(String::isBlank);
    lines.sort(null);
    lines.add(0, "change,previous_key,person_key");
    Files.write(target, lines, StandardCharsets.UTF_8);
  }

  /** The job's counters and distributions by name, and the weight histogram. */
  static Map<String, Object> counters(PipelineResult result) {
    MetricQueryResults q = result.metrics().queryMetrics(MetricsFilter.builder().build());
    Map<String, Object> out = new TreeMap<>();
    for (MetricResult<Long> c : q.getCounters()) {
      String ns = c.getName().getNamespace();
      String name = c.getName().getName();
      long v = attempted(c);
      if (ns.equals(METRICS)) {
        out.merge(name, v, (a, b) -> (Long) a + (Long) b);
      }
    }
    // A distribution updated in several steps (block_size) is reported once, over all of them.
    Map<String, DistributionResult> merged = new TreeMap<>();
    for (MetricResult<DistributionResult> d : q.getDistributions()) {
      if (d.getName().getNamespace().equals(METRICS)) {
        merged.merge(d.getName().getName(), d.getAttempted(), LinkJob::combine);
      }
    }
    merged.forEach(
        (name, r) -> {
          Map<String, Object> stats = new TreeMap<>();
          stats.put("count", r.getCount());
          stats.put("min", r.getCount() == 0 ? 0 : r.getMin());
          stats.put("max", r.getCount() == 0 ? 0 : r.getMax());
          stats.put("mean", r.getCount() == 0 ? 0 : r.getMean());
          out.put(name, stats);
        });
    return out;
  }

  private static DistributionResult combine(DistributionResult a, DistributionResult b) {
    if (a.getCount() == 0) {
      return b;
    }
    if (b.getCount() == 0) {
      return a;
    }
    return DistributionResult.create(
        a.getSum() + b.getSum(),
        a.getCount() + b.getCount(),
        Math.min(a.getMin(), b.getMin()),
        Math.max(a.getMax(), b.getMax()));
  }

  private static long attempted(MetricResult<Long> c) {
    try {
      return c.getCommitted();
    } catch (UnsupportedOperationException e) {
      return c.getAttempted();
    }
  }

  private static void writeRunReport(
      Settings s, LinkConfig config, Map<String, Object> counters, long millis) throws IOException {
    ObjectMapper json = new ObjectMapper();
    ObjectNode root = json.createObjectNode();
    root.put("linkage_schema", s.schemaId());
    root.put("runner", s.runner().name());
    root.put("deliveries", s.deliveries().size());
    root.put("threshold", config.threshold());
    root.put("strong_threshold", config.strongThreshold());
    root.put("max_block_size", config.blocking().maxBlockSize());
    root.put("max_cluster_size", config.maxClusterSize());
    root.putPOJO(
        "blocking_rules", config.blocking().rules().stream().map(Blocking.Rule::name).toList());
    root.put("wall_time_ms", millis);
    root.putPOJO("counters", counters);
    json.writerWithDefaultPrettyPrinter().writeValue(s.out().resolve(RUN).toFile(), root);
  }
}
