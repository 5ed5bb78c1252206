package org.victimmonitor.load;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.options.Validation;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.victimmonitor.common.ConsoleProgress;
import org.victimmonitor.common.JobFailedException;
import org.victimmonitor.link.Blocking;
import org.victimmonitor.link.LinkConfig;
import org.victimmonitor.pseudonymise.LinkageSchema;

/**
 * The annual load (ARCHITECTURE.md §2): deliveries up to the load year → validate → standardise →
 * link → minimise → star schema, vault and quarantine in Parquet → publish as a new warehouse
 * version. Delivery-level validation and publishing happen around the Beam pipeline; everything per
 * record happens inside it.
 */
public final class LoadYearJob {

  /** Options of the load; runner options (FlinkRunner, DirectRunner) come on top. */
  public interface Options extends PipelineOptions {
    @Description("Root folder of the deliveries (<source>/<dataset>/<period>/records.csv).")
    @Validation.Required
    String getDeliveries();

    void setDeliveries(String value);

    @Description("Warehouse folder; the load publishes a new version under versions/.")
    @Validation.Required
    String getWarehouse();

    void setWarehouse(String value);

    @Description("Load year: deliveries of later periods are left out. Default: the latest period.")
    Integer getYear();

    void setYear(Integer value);

    @Description("Linkage schema that made the deliveries' tokens.")
    @Default.String("person-v1")
    String getLinkageSchema();

    void setLinkageSchema(String value);

    @Description(
        "Largest share of a delivery's rows that may be quarantined before the load fails.")
    @Default.Double(0.05)
    Double getMaxQuarantineShare();

    void setMaxQuarantineShare(Double value);

    @Description(
        "Linker: 'probabilistic' (the Fellegi-Sunter engine of docs/linkage.md) or 'exact'"
            + " (records sharing any mk_* key are one person).")
    @Default.String("probabilistic")
    String getLinker();

    void setLinker(String value);

    @Description(
        "Blocking rules of the probabilistic linker: 'thorough', 'scalable', or 'auto' (scalable"
            + " above 250,000 records; docs/linkage.md).")
    @Default.String("auto")
    String getBlocking();

    void setBlocking(String value);

    @Description(
        "Rounds of label propagation (exact linker; bounds a person's diameter) or of"
            + " large-star/small-star (probabilistic linker); the load fails if they do not"
            + " suffice.")
    @Default.Integer(6)
    Integer getLinkRounds();

    void setLinkRounds(Integer value);

    @Description(
        "Probabilistic linker: link a pair when its posterior match probability is at least"
            + " this.")
    @Default.Double(0.9)
    Double getLinkThreshold();

    void setLinkThreshold(Double value);

    @Description(
        "Probabilistic linker: links below this posterior are kept only when they are the"
            + " best link of one of their records (chaining guard).")
    @Default.Double(0.99)
    Double getStrongLinkThreshold();

    void setStrongLinkThreshold(Double value);

    @Description(
        "Hash buckets of the grouping steps (linking, minimising, persons): each holds about"
            + " 1/buckets of the records in memory.")
    @Default.Integer(16)
    Integer getBuckets();

    void setBuckets(Integer value);

    @Description("Parquet files per year partition of each fact table.")
    @Default.Integer(1)
    Integer getFactShards();

    void setFactShards(Integer value);

    @Description("Parquet files of dim_person.")
    @Default.Integer(2)
    Integer getPersonShards();

    void setPersonShards(Integer value);

    @Description("Parquet files of the vault.")
    @Default.Integer(2)
    Integer getVaultShards();

    void setVaultShards(Integer value);

    @Description("Number of published versions to keep (the current one is always kept).")
    @Default.Integer(5)
    Integer getKeepVersions();

    void setKeepVersions(Integer value);
  }

  /** What a successful load published. */
  public record Summary(String version, Path runJson, RunManifest manifest, double seconds) {}

  private LoadYearJob() {}

  public static void main(String[] args) throws Exception {
    Options options = PipelineOptionsFactory.fromArgs(args).withValidation().as(Options.class);
    run(options, new PrintWriter(System.out, true, StandardCharsets.UTF_8));
  }

  public static Summary run(Options options, PrintWriter console) throws Exception {
    Map<String, Double> timings = new LinkedHashMap<>();
    // a cluster's TaskManagers resolve relative paths against their own working folder
    options.setDeliveries(Path.of(options.getDeliveries()).toAbsolutePath().normalize().toString());
    options.setWarehouse(Path.of(options.getWarehouse()).toAbsolutePath().normalize().toString());
    try (ConsoleProgress progress = LoadProgress.start(console, 5_000)) {
      progress.stage("validate", "checking deliveries in " + options.getDeliveries());
      LoadPlan plan =
          LoadPlan.prepare(
              Path.of(options.getDeliveries()),
              options.getYear(),
              options.getLinkageSchema(),
              options.getMaxQuarantineShare());
      timings.put("validate", progress.elapsed());
      long planned = plan.inputs().stream().mapToLong(LoadPlan.Input::rows).sum();
      progress.stage(
          "validate",
          String.format(
              "%d deliveries accepted, %,d rows, load year %d",
              plan.inputs().size(), planned, plan.year()));
      for (LoadPlan.Input in : plan.inputs()) {
        if (in.overlap().idsWithOtherCells() > 0) {
          progress.stage(
              "validate",
              String.format(
                  "note: %s: %,d record %s also in %s with other cells; both rows are loaded"
                      + " (ids that start again each year do this, but a corrected row sent in a"
                      + " second delivery is counted twice)",
                  in.delivery().id(),
                  in.overlap().idsWithOtherCells(),
                  in.overlap().idsWithOtherCells() == 1 ? "id is" : "ids are",
                  String.join(", ", in.overlap().earlier())));
        }
      }

      Warehouse warehouse = new Warehouse(Path.of(options.getWarehouse()));
      Map<String, Object> engine;
      try (Warehouse.Staging staging = warehouse.stage()) {
        String star = staging.dir().resolve("star").toString();
        String restricted = staging.dir().resolve("restricted").toString();
        LinkPersons linker = linker(options, restricted, planned);
        Pipeline p = Pipeline.create(options);

        // Read every row of the accepted deliveries
        PCollection<DeliveryRow> rows =
            p.apply("ReadDeliveries", new ReadDeliveries(plan.deliveries()));
        // Row-level checks: bad rows go to quarantine with a reason code and the original row
        PCollectionTuple checked =
            rows.apply(
                "ValidateRecords",
                new ValidateRecords(options.getLinkageSchema(), plan.deliveries()));
        // One common form for every dataset
        PCollection<StandardRecord> standard =
            checked
                .get(ValidateRecords.VALID)
                .apply("StandardiseRecords", new StandardiseRecords(options.getLinkageSchema()));
        // Assign every record to a person
        PCollection<PersonAssignment> linked = standard.apply("LinkPersons", linker);
        // Keep the previous version's person keys where the persons are the same
        String previousVault = previousVault(warehouse);
        PCollection<PersonAssignment> persons =
            previousVault == null
                ? linked
                : linked.apply("CarryPersonKeys", new CarryPersonKeys(previousVault));
        // Drop police records of persons outside the monitor population (counted only)
        PCollection<LinkedRecord> kept =
            PCollectionTuple.of(MinimiseRecords.RECORDS, standard)
                .and(MinimiseRecords.ASSIGNMENTS, persons)
                .apply("MinimiseRecords", new MinimiseRecords(options.getBuckets()));
        // Dimensions and facts, written as Parquet
        kept.apply("BuildStarSchema", new BuildStarSchema(options.getBuckets()))
            .apply("WriteStarSchema", new WriteStarSchema(star, shards(options)));
        // Vault and quarantine, restricted
        PCollectionTuple.of(WriteRestricted.LOADED, kept)
            .and(WriteRestricted.QUARANTINED, checked.get(ValidateRecords.QUARANTINED))
            .apply("WriteRestricted", new WriteRestricted(restricted, options.getVaultShards()));

        progress.stage("pipeline", "running on " + options.getRunner().getSimpleName());
        double t0 = progress.elapsed();
        PipelineResult result;
        try (FlinkJob flink =
            FlinkJob.prepare(options, "monitor-load-" + plan.year(), staging.scratch())) {
          result = runPipeline(p, flink, progress);
          engine = flink == null ? null : flink.manifestEntry();
        }
        timings.put("pipeline", progress.elapsed() - t0);

        RunManifest manifest = new RunManifest(plan, RunManifest.counters(result));
        manifest.engine(engine);
        progress.stage("reconcile", reconcileLine(manifest));
        manifest.reconcile();
        StagedOutput.check(staging.dir(), manifest::counter);

        // Data tests of sql/checks on the new version: a failure publishes nothing
        progress.stage(
            "checks",
            org.victimmonitor.warehouse.WarehouseChecks.runOrFail(staging.dir().resolve("star")));
        String version = staging.nextVersion();
        timings.put("total_before_publish", progress.elapsed());
        Path runJson = staging.dir().resolve(Warehouse.RUN_JSON);
        manifest.write(
            runJson,
            version,
            plan,
            linker,
            options.getRunner().getSimpleName(),
            parameters(options),
            timings);
        staging.publish(version);
        warehouse.applyRetention(options.getKeepVersions());
        progress.stage("publish", "CURRENT = " + version + " in " + warehouse.root());
        return new Summary(
            version,
            warehouse.version(version).resolve(Warehouse.RUN_JSON),
            manifest,
            progress.elapsed());
      }
    }
  }

  /** Glob of the current version's vault, or null when there is no current version or vault. */
  static String previousVault(Warehouse warehouse) throws java.io.IOException {
    java.util.Optional<String> current = warehouse.current();
    if (current.isEmpty()) {
      return null;
    }
    Path vault = warehouse.version(current.get()).resolve("restricted").resolve("vault");
    if (!java.nio.file.Files.isDirectory(vault)) {
      return null;
    }
    try (var files = java.nio.file.Files.list(vault)) {
      if (files.noneMatch(f -> f.toString().endsWith(".parquet"))) {
        return null;
      }
    }
    return vault.resolve("*.parquet").toString();
  }

  /** The linker chosen by {@code --linker}, its blocking by {@code --blocking} and the rows. */
  static LinkPersons linker(Options o, String restricted, long rows) throws java.io.IOException {
    switch (o.getLinker()) {
      case "exact":
        return new LinkByExactKeys(o.getLinkRounds(), o.getBuckets());
      case "probabilistic":
        LinkageSchema schema = LinkageSchema.load(o.getLinkageSchema());
        LinkConfig config =
            LinkConfig.defaults(schema)
                .withBlocking(Blocking.of(schema, Blocking.Profile.choose(o.getBlocking(), rows)))
                .withThreshold(o.getLinkThreshold())
                .withStrongThreshold(o.getStrongLinkThreshold())
                .withStarRounds(o.getLinkRounds());
        return new LinkProbabilistically(
            o.getLinkageSchema(),
            config,
            Path.of(restricted).resolve("linkage").resolve("model.json").toString());
      default:
        throw new IllegalArgumentException(
            "unknown --linker " + o.getLinker() + ": expected probabilistic or exact");
    }
  }

  /**
   * Runs the pipeline and waits for it. On Flink the job gets a known id (printed, and recorded in
   * run.json) and, on a cluster, its progress is printed from the REST API; a job that fails or is
   * cancelled becomes a {@link org.victimmonitor.common.JobFailedException} whose message holds no
   * record contents.
   */
  private static PipelineResult runPipeline(Pipeline p, FlinkJob flink, ConsoleProgress progress) {
    if (flink == null) {
      return runOnDirectRunner(p);
    }
    if (!flink.remote()) {
      progress.stage("pipeline", "embedded Flink job " + flink.jobId());
    }
    flink.watch(progress, 5_000);
    PipelineResult result;
    PipelineResult.State state;
    try {
      result = p.run();
      state = result.waitUntilFinish();
    } catch (RuntimeException e) {
      throw flink.failed("failed", e);
    } finally {
      flink.stopWatching();
    }
    if (state != PipelineResult.State.DONE) {
      throw flink.failed("ended " + state, null);
    }
    if (flink.remote()) {
      progress.stage(
          "flink",
          "FINISHED · job "
              + flink.jobId()
              + (flink.restarts() > 0 ? " after " + flink.restarts() + " restart(s)" : ""));
    }
    return result;
  }

  /** Runs the pipeline on the DirectRunner; a failure goes through {@link #directRunnerFailure}. */
  private static PipelineResult runOnDirectRunner(Pipeline p) {
    HeapWatch heap = new HeapWatch();
    RuntimeException failure;
    try {
      PipelineResult result = p.run();
      PipelineResult.State state = result.waitUntilFinish();
      if (state == PipelineResult.State.DONE) {
        return result;
      }
      // an OutOfMemoryError can also leave the DirectRunner's result RUNNING, without a cause
      failure =
          new IllegalStateException("the load pipeline ended " + state + "; nothing published");
    } catch (RuntimeException e) {
      failure = e;
    }
    throw directRunnerFailure(failure, heap.exhausted(), Runtime.getRuntime().maxMemory());
  }

  /**
   * Whether the heap stayed nearly full (95%) after a garbage collection since this watch was made:
   * the JVM's collection usage thresholds on the heap pools that have them.
   */
  static final class HeapWatch {
    private final Map<MemoryPoolMXBean, Long> counts = new HashMap<>();

    HeapWatch() {
      for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
        long max = pool.getUsage().getMax();
        if (pool.getType() == MemoryType.HEAP && pool.isCollectionUsageThresholdSupported()) {
          if (max > 0) {
            pool.setCollectionUsageThreshold((long) (0.95 * max));
            counts.put(pool, pool.getCollectionUsageThresholdCount());
          }
        }
      }
    }

    boolean exhausted() {
      return counts.entrySet().stream()
          .anyMatch(e -> e.getKey().getCollectionUsageThresholdCount() > e.getValue());
    }
  }

  /**
   * What a failed DirectRunner pipeline becomes: running out of memory is no bug but the
   * DirectRunner holding each step's data in memory, so it gets a message saying what to do (exit
   * 5); anything else stays as it was (a bug in the job: its trace is printed).
   */
  static RuntimeException directRunnerFailure(
      RuntimeException e, boolean heapExhausted, long maxHeapBytes) {
    for (Throwable c = e; c != null; c = c.getCause()) {
      if (heapExhausted || c instanceof OutOfMemoryError) {
        return new JobFailedException(
            String.format(
                Locale.ROOT,
                "the DirectRunner ran out of memory (heap limit %.1f GiB): it holds each step's data"
                    + " in memory, and a demo-scale load needs about 6 GB. Nothing was published."
                    + " Load on embedded Flink (the default runner), or give the JVM more heap"
                    + " (MONITOR_JAVA_OPTS=-Xmx8g bin/monitor load ...)",
                maxHeapBytes / (double) (1L << 30)));
      }
    }
    return e;
  }

  private static String reconcileLine(RunManifest m) {
    long read = m.deliveries().stream().mapToLong(RunManifest.DeliveryCounts::read).sum();
    long loaded = m.deliveries().stream().mapToLong(RunManifest.DeliveryCounts::loaded).sum();
    long q = m.deliveries().stream().mapToLong(RunManifest.DeliveryCounts::quarantinedTotal).sum();
    long min = m.deliveries().stream().mapToLong(RunManifest.DeliveryCounts::minimised).sum();
    return String.format(
        "read %,d = loaded %,d + quarantined %,d + minimised %,d; %,d persons",
        read, loaded, q, min, m.counter(LoadCounters.PERSONS));
  }

  private static Map<String, Integer> shards(Options o) {
    Map<String, Integer> s = new LinkedHashMap<>();
    for (String f : TableSchemas.FACTS) {
      s.put(f, o.getFactShards());
    }
    s.put("dim_person", o.getPersonShards());
    return s;
  }

  private static Map<String, Object> parameters(Options o) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("deliveries", o.getDeliveries());
    m.put("max_quarantine_share", o.getMaxQuarantineShare());
    m.put("linkage_schema", o.getLinkageSchema());
    m.put("linker", o.getLinker());
    m.put("link_rounds", o.getLinkRounds());
    m.put("buckets", o.getBuckets());
    m.put("fact_shards", o.getFactShards());
    m.put("person_shards", o.getPersonShards());
    m.put("vault_shards", o.getVaultShards());
    m.put("keep_versions", o.getKeepVersions());
    return m;
  }
}
