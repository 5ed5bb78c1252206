package org.victimmonitor.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.victimmonitor.link.Blocking;
import org.victimmonitor.load.LoadYearJob;
import org.victimmonitor.warehouse.Catalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code monitor load}: the annual load, on embedded Flink by default. */
@Command(
    name = "load",
    mixinStandardHelpOptions = true,
    description =
        "Load the deliveries up to a year into a new warehouse version: validate, standardise,"
            + " link, minimise, star schema in Parquet, vault and quarantine, then publish"
            + " atomically. A failed or interrupted load leaves the published version untouched.")
final class LoadCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--deliveries",
      required = true,
      paramLabel = "DIR",
      description = "Root folder of deliveries.")
  Path deliveries;

  @Mixin WarehouseOption warehouseOption;

  @Option(
      names = "--year",
      paramLabel = "Y",
      description = "Load year (default: the latest delivered period).")
  Integer year;

  @Option(
      names = "--runner",
      defaultValue = "FlinkRunner",
      paramLabel = "RUNNER",
      description =
          "FlinkRunner or DirectRunner (default: ${DEFAULT-VALUE}). DirectRunner is for tests"
              + " and tiny data: a demo-scale load did not finish on it in 15 minutes.")
  String runner;

  @Option(
      names = "--flinkMaster",
      defaultValue = "[local]",
      paramLabel = "MASTER",
      description =
          "[local] for an embedded Flink, or HOST:PORT of a cluster (default: ${DEFAULT-VALUE}).")
  String flinkMaster;

  @Option(
      names = "--job-jar",
      paramLabel = "FILE",
      description =
          "Job jar to submit to a Flink cluster (default: $MONITOR_JOB_JAR, else monitor-job.jar"
              + " beside the CLI jar). Not used by the embedded Flink.")
  Path jobJar;

  @Option(
      names = "--parallelism",
      paramLabel = "N",
      description = "Parallelism (default: the number of cores).")
  Integer parallelism;

  @Option(
      names = "--keep",
      defaultValue = "5",
      paramLabel = "N",
      description = "Versions to keep (default: ${DEFAULT-VALUE}).")
  int keep;

  @Option(
      names = "--max-quarantine-share",
      defaultValue = "0.05",
      paramLabel = "SHARE",
      description = "Largest share of bad rows in a delivery (default: ${DEFAULT-VALUE}).")
  double maxQuarantineShare;

  @Option(
      names = "--linker",
      defaultValue = "probabilistic",
      paramLabel = "LINKER",
      description =
          "probabilistic (Fellegi-Sunter engine, docs/linkage.md) or exact (records sharing a"
              + " match key are one person). Default: ${DEFAULT-VALUE}.")
  String linker;

  @Option(
      names = "--blocking",
      defaultValue = "auto",
      paramLabel = "RULES",
      description =
          "Blocking rules of the probabilistic linker: thorough, scalable, or auto (scalable above"
              + " 250,000 records; docs/linkage.md). Default: ${DEFAULT-VALUE}.")
  String blocking;

  @Option(names = "--verbose", description = "Show the engine's logs (info level).")
  boolean verbose;

  static final List<String> EMBEDDED_MASTERS = List.of("[local]", "[auto]", "[collection]");
  static final String JOB_JAR_ENV = "MONITOR_JOB_JAR";
  static final String JOB_JAR = "monitor-job.jar";

  /** --job-jar, else $MONITOR_JOB_JAR, else monitor-job.jar beside the jar this class came from. */
  Path findJobJar() {
    Path jar = jobJar;
    String how = "--job-jar";
    if (jar == null
        && System.getenv(JOB_JAR_ENV) != null
        && !System.getenv(JOB_JAR_ENV).isBlank()) {
      jar = Path.of(System.getenv(JOB_JAR_ENV));
      how = "$" + JOB_JAR_ENV;
    }
    if (jar == null) {
      how = "beside the CLI jar";
      try {
        Path self =
            Path.of(LoadCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        // pipelines/target/monitor-cli.jar, or pipelines/target/classes when run from the build
        jar = self.getParent().resolve(JOB_JAR);
      } catch (java.net.URISyntaxException | RuntimeException e) {
        jar = Path.of(JOB_JAR);
      }
    }
    if (!Files.isRegularFile(jar)) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(),
          "no job jar for the Flink cluster at "
              + jar
              + " ("
              + how
              + "): build it with `mvn -DskipTests package` (pipelines/target/"
              + JOB_JAR
              + "), or give --job-jar FILE or $"
              + JOB_JAR_ENV);
    }
    return jar.toAbsolutePath().normalize();
  }

  @Override
  public Integer call() throws Exception {
    if (!(maxQuarantineShare >= 0 && maxQuarantineShare <= 1)) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "--max-quarantine-share: a share from 0 to 1 (0.05 is 5%)");
    }
    Path warehouse = warehouseOption.dir;
    if (verbose) {
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "info");
      // off by default: a failed job's stack trace can quote record contents
      System.setProperty(
          "org.slf4j.simpleLogger.log.org.apache.beam.runners.flink.FlinkRunner", "info");
    }
    PrintWriter out = spec.commandLine().getOut();
    List<String> args = new ArrayList<>();
    args.add("--deliveries=" + deliveries);
    args.add("--warehouse=" + warehouse);
    if (year != null) {
      args.add("--year=" + year);
    }
    args.add("--keepVersions=" + keep);
    args.add("--maxQuarantineShare=" + maxQuarantineShare);
    if (!linker.equals("probabilistic") && !linker.equals("exact")) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "--linker must be probabilistic or exact, not " + linker);
    }
    args.add("--linker=" + linker);
    try {
      Blocking.Profile.choose(blocking, 0); // the job chooses by its rows; this checks the name
    } catch (IllegalArgumentException e) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--" + e.getMessage());
    }
    args.add("--blocking=" + blocking);
    int cores = parallelism != null ? parallelism : Runtime.getRuntime().availableProcessors();
    switch (runner) {
      case "FlinkRunner" -> {
        args.add("--runner=FlinkRunner");
        args.add("--flinkMaster=" + flinkMaster);
        if (!EMBEDDED_MASTERS.contains(flinkMaster)) {
          // the cluster brings Flink; the job jar brings the load's code and Beam (no DuckDB)
          args.add("--filesToStage=" + findJobJar());
        }
        args.add("--parallelism=" + cores);
        // the DoFns never change their inputs or outputs, so chained operators may share objects
        args.add("--objectReuse=true");
        args.add("--fasterCopy=true");
      }
      case "DirectRunner" -> {
        args.add("--runner=DirectRunner");
        // the DirectRunner waits on its many small stages: more threads than cores hide that
        args.add("--targetParallelism=" + Math.max(8, cores));
        // the DirectRunner's re-encoding checks make data runs 3-6x slower; tests keep them on
        args.add("--enforceImmutability=false");
        args.add("--enforceEncodability=false");
      }
      default ->
          throw new picocli.CommandLine.ParameterException(
              spec.commandLine(), "--runner must be FlinkRunner or DirectRunner, not " + runner);
    }
    LoadYearJob.Options options =
        PipelineOptionsFactory.fromArgs(args.toArray(String[]::new))
            .withValidation()
            .as(LoadYearJob.Options.class);
    LoadYearJob.Summary s = LoadYearJob.run(options, out);
    // the DuckDB views follow CURRENT; DuckDB stays out of the Beam job itself
    List<String> views = Catalog.rebuild(warehouse);
    out.printf(
        "Loaded version %s in %.1f s; run manifest %s; %d views in %s%n",
        s.version(), s.seconds(), s.runJson(), views.size(), warehouse.resolve(Catalog.FILE));
    out.flush();
    return ExitCodes.OK;
  }
}
