package org.victimmonitor.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.victimmonitor.common.BadInputException;
import org.victimmonitor.common.ConsoleProgress;
import org.victimmonitor.delivery.DeliveryValidator;
import org.victimmonitor.link.Blocking;
import org.victimmonitor.link.LinkConfig;
import org.victimmonitor.link.LinkJob;
import org.victimmonitor.link.LinkProgress;
import org.victimmonitor.link.LinkageModel;
import org.victimmonitor.pseudonymise.LinkageSchema;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code monitor link}: links the records of every delivery under a folder (deduplication within
 * each delivery and linkage across all of them, in one run) and writes one person key per record.
 */
@Command(
    name = "link",
    mixinStandardHelpOptions = true,
    description = {
      "Link the records of all deliveries under a folder into persons: blocking on match keys and"
          + " LSH of the Bloom filters, comparison per field, a Fellegi-Sunter model fitted by EM,"
          + " connected components. Duplicates within a delivery and across deliveries are found"
          + " in the same run; nothing assumes one record per person per delivery.",
      "Writes DIR/clusters.csv (source,dataset,record_id,person_key; one row per record, sorted),"
          + " DIR/model.json (see 'monitor linkage-model DIR'), DIR/match-weights.json and"
          + " DIR/link-run.json (counters: blocks, split blocks, pairs, links, clusters)."
    })
public final class LinkCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--deliveries",
      required = true,
      paramLabel = "DIR",
      description =
          "Root folder of deliveries (SOURCE/DATASET/PERIOD/{records.csv,manifest.json}).")
  Path deliveries;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "DIR",
      description = "Output folder (created when missing; earlier results in it are replaced).")
  Path out;

  @Option(
      names = "--runner",
      defaultValue = "FlinkRunner",
      paramLabel = "RUNNER",
      description =
          "Beam runner: FlinkRunner (embedded Flink on this machine) or DirectRunner (for tests)."
              + " Default: ${DEFAULT-VALUE}.")
  LinkJob.Runner runner;

  @Option(
      names = "--linkage-schema",
      defaultValue = "person-v1",
      paramLabel = "SCHEMA",
      description =
          "Linkage schema the deliveries were pseudonymised with: person-v1, febrl-v1 or a file."
              + " Default: ${DEFAULT-VALUE}.")
  String linkageSchema;

  @Option(
      names = "--threshold",
      paramLabel = "P",
      defaultValue = "" + LinkageModel.DEFAULT_THRESHOLD,
      description =
          "Link a pair when its posterior match probability is at least P (0 < P < 1)."
              + " Default: ${DEFAULT-VALUE}.")
  double threshold;

  @Option(
      names = "--strong-threshold",
      paramLabel = "P",
      defaultValue = "" + LinkConfig.DEFAULT_STRONG_THRESHOLD,
      description =
          "Links below this posterior (and at least --threshold) are weak: kept only when they are"
              + " the best link of one of their records (the chaining guard). Set it to the"
              + " threshold to turn the guard off. Default: ${DEFAULT-VALUE}.")
  double strongThreshold;

  @Option(
      names = "--max-block",
      paramLabel = "N",
      defaultValue = "1000",
      description =
          "Split blocks of more than N records into parts of N (the pairs between parts are not"
              + " compared, and are counted in link-run.json). Default: ${DEFAULT-VALUE}.")
  int maxBlock;

  @Option(
      names = "--blocking",
      defaultValue = "auto",
      paramLabel = "RULES",
      description =
          "Blocking rules: thorough, scalable, or auto (scalable above 250,000 records;"
              + " docs/linkage.md). Default: ${DEFAULT-VALUE}.")
  String blocking;

  @Option(
      names = "--max-cluster",
      paramLabel = "N",
      defaultValue = "" + LinkConfig.DEFAULT_MAX_CLUSTER,
      description =
          "Report clusters of more than N records as oversized (a sign of chaining)."
              + " Default: ${DEFAULT-VALUE}.")
  int maxCluster;

  @Option(
      names = "--previous",
      paramLabel = "FILE",
      description =
          "clusters.csv of a previous run: keep its person keys where the persons are the same,"
              + " and write the merges and splits to DIR/key-changes.csv.")
  Path previous;

  @Option(
      names = "--parallelism",
      paramLabel = "N",
      defaultValue = "0",
      description = "Parallel workers; 0 means one per core. Default: ${DEFAULT-VALUE}.")
  int parallelism;

  @Override
  public Integer call() throws Exception {
    if (!(strongThreshold > 0 && strongThreshold < 1)) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--strong-threshold must be between 0 and 1 (exclusive)");
    }
    if (!(threshold > 0 && threshold < 1)) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--threshold must be between 0 and 1 (exclusive)");
    }
    if (maxBlock < 2 || maxCluster < 2 || parallelism < 0) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--max-block and --max-cluster must be at least 2");
    }
    if (previous != null && !java.nio.file.Files.isRegularFile(previous)) {
      throw new BadInputException(previous + ": previous mapping not found");
    }
    LinkageSchema schema = LinkageSchema.load(linkageSchema);
    PrintWriter err = spec.commandLine().getErr();
    LinkJob.Result result;
    try (ConsoleProgress progress = LinkProgress.start(err, 10_000)) {
      result = validateAndLink(schema, progress);
    }
    printSummary(result);
    return ExitCodes.OK;
  }

  private LinkJob.Result validateAndLink(LinkageSchema schema, ConsoleProgress progress)
      throws IOException {
    progress.stage("validate", "checking deliveries in " + deliveries);
    List<DeliveryValidator.Result> results = new DeliveryValidator(schema).validateAll(deliveries);
    if (results.isEmpty()) {
      throw new BadInputException(deliveries + ": no deliveries found (no */*/*/manifest.json)");
    }
    List<Path> folders = new ArrayList<>();
    long rows = 0;
    for (DeliveryValidator.Result r : results) {
      if (!r.accepted()) {
        throw new BadInputException(
            r.problem() + " (run 'monitor validate --deliveries " + deliveries + "' for all)");
      }
      folders.add(r.folder());
      rows += r.rows();
    }
    progress.stage(
        "validate",
        String.format(
            Locale.ROOT,
            "%d deliveries accepted, %,d records, schema %s, runner %s",
            folders.size(),
            rows,
            schema.id(),
            runner));
    Blocking.Profile profile;
    try {
      profile = Blocking.Profile.choose(blocking, rows);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--" + e.getMessage());
    }
    LinkConfig config =
        LinkConfig.defaults(schema)
            .withBlocking(Blocking.of(schema, profile))
            .withThreshold(threshold)
            .withStrongThreshold(strongThreshold)
            .withMaxBlockSize(maxBlock)
            .withMaxClusterSize(maxCluster);
    return LinkJob.run(
        new LinkJob.Settings(folders, out, linkageSchema, config, runner, false, parallelism),
        progress);
  }

  private void printSummary(LinkJob.Result result) {
    PrintWriter o = spec.commandLine().getOut();
    Map<String, Object> c = result.counters();
    o.printf(
        Locale.ROOT,
        "Linked %,d records into %,d persons in %.1f s%n",
        c.getOrDefault("records", 0L),
        c.getOrDefault("clusters", 0L),
        result.millis() / 1000.0);
    o.printf(
        Locale.ROOT,
        "  blocks %,d (%,d split as oversized, %,d pairs not compared), comparisons %,d,"
            + " candidate pairs %,d%n",
        c.getOrDefault("blocks", 0L),
        c.getOrDefault("oversized_blocks", 0L),
        c.getOrDefault("pairs_skipped_in_oversized_blocks", 0L),
        c.getOrDefault("comparisons", 0L),
        c.getOrDefault("candidate_pairs", 0L));
    o.printf(
        Locale.ROOT,
        "  links %,d (%,d weak ones dropped by the chaining guard, %,d refused by hard evidence),"
            + " oversized clusters %,d (> %d records)%n",
        (Long) c.getOrDefault("strong_links", 0L) + (Long) c.getOrDefault("weak_links_kept", 0L),
        c.getOrDefault("weak_links_dropped", 0L),
        c.getOrDefault("links_refused_by_hard_evidence", 0L),
        c.getOrDefault("oversized_clusters", 0L),
        maxCluster);
    o.printf(
        Locale.ROOT,
        "  model: lambda %.4f, EM %s after %d iterations, threshold P >= %s%n",
        result.model().lambda(),
        result.model().converged() ? "converged" : "NOT converged",
        result.model().iterations(),
        threshold);
    if (previous != null) {
      o.printf(
          Locale.ROOT,
          "  person keys: %,d kept from %s, %,d new, %,d merges, %,d splits (%s)%n",
          c.getOrDefault("person_keys_kept", 0L),
          previous,
          c.getOrDefault("person_keys_new", 0L),
          c.getOrDefault("person_key_merges", 0L),
          c.getOrDefault("person_key_splits", 0L),
          LinkJob.KEY_CHANGES);
    }
    o.println("Wrote " + out.resolve(LinkJob.CLUSTERS) + ", " + LinkJob.MODEL + ", " + LinkJob.RUN);
    o.flush();
  }
}
