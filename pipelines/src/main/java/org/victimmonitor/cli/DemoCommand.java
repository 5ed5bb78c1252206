package org.victimmonitor.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.victimmonitor.common.BadInputException;
import org.victimmonitor.delivery.DeliveryValidator;
import org.victimmonitor.generate.GenerationSummary;
import org.victimmonitor.generate.GeneratorConfig;
import org.victimmonitor.generate.ProgressListener;
import org.victimmonitor.generate.Scale;
import org.victimmonitor.generate.SyntheticDataGenerator;
import org.victimmonitor.generate.YearRange;
import org.victimmonitor.pseudonymise.ExtractFolder;
import org.victimmonitor.pseudonymise.LinkageKey;
import org.victimmonitor.pseudonymise.LinkageSchema;
import org.victimmonitor.pseudonymise.Pseudonymiser;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code monitor demo}: the first command a new user runs. Generates demo-scale synthetic data,
 * pseudonymises every extract as the providers would, validates the deliveries as the office would,
 * and prints what it made and where. Later stages (load, tables, dashboard) extend it.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description =
        "Run the monitor end to end on synthetic demo data: generate, pseudonymise, validate,"
            + " load the warehouse."
            + " Safe to re-run: it replaces its own output folder.")
final class DemoCommand implements Callable<Integer> {
  static final String MARKER = "MONITOR-DEMO.txt";

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--out",
      defaultValue = "monitor-demo",
      paramLabel = "DIR",
      description = "Folder for everything the demo makes (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(
      names = "--seed",
      defaultValue = "1",
      description = "Random seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--scale",
      defaultValue = "demo",
      description =
          "Scale of the synthetic data: tiny, demo or national (default: ${DEFAULT-VALUE}).")
  String scale;

  @Override
  public Integer call() throws Exception {
    PrintWriter o = spec.commandLine().getOut();
    prepare(out);
    long t0 = System.nanoTime();

    o.printf("monitor demo: writing to %s%n", out.toAbsolutePath().normalize());
    o.printf("[1/4] generate synthetic population (scale %s, seed %d) ...%n", scale, seed);
    o.flush();
    GenerationSummary g =
        new SyntheticDataGenerator(
                GeneratorConfig.of(Scale.named(scale), YearRange.parse("2014-2021"), seed))
            .generate(out, ProgressListener.NONE);
    o.printf(
        "      %,d records in %d raw extracts; registered persons per year %s%n",
        g.totalRecords(), g.files(), g.registeredPerYear());

    o.printf("[2/4] pseudonymise every extract at its source (linkage schema person-v1) ...%n");
    o.flush();
    Path keyFile = out.resolve("keys/linkage.key");
    LinkageKey key = LinkageKey.generate();
    key.writeNew(keyFile);
    LinkageSchema schema = LinkageSchema.builtIn("person-v1");
    List<Pseudonymiser.Summary> ps =
        ExtractFolder.pseudonymiseAll(
            out.resolve("extracts"), out.resolve("deliveries"), key, schema, 0.05);
    long rows = ps.stream().mapToLong(Pseudonymiser.Summary::rows).sum();
    long written = ps.stream().mapToLong(Pseudonymiser.Summary::written).sum();
    Map<String, Long> reasons = new TreeMap<>();
    ps.forEach(s -> s.rejectsByReason().forEach((k, v) -> reasons.merge(k, v, Long::sum)));
    double secs = ps.stream().mapToDouble(Pseudonymiser.Summary::seconds).sum();
    o.printf(
        "      %d deliveries, %,d rows pseudonymised, %,d rejected at source %s (%,.0f records/s)%n",
        ps.size(), written, rows - written, reasons.isEmpty() ? "" : reasons, rows / secs);

    o.printf("[3/4] validate the deliveries as the office's load will ...%n");
    o.flush();
    List<DeliveryValidator.Result> vr =
        new DeliveryValidator(schema).validateAll(out.resolve("deliveries"));
    long rejected = vr.stream().filter(r -> !r.accepted()).count();
    for (DeliveryValidator.Result r : vr) {
      if (!r.accepted()) {
        spec.commandLine().getErr().println("REJECTED  " + r.problem());
      }
    }
    o.printf(
        "      %d deliveries checked, %d accepted, %d rejected%n",
        vr.size(), vr.size() - rejected, rejected);
    if (rejected > 0) {
      throw new BadInputException(rejected + " deliveries rejected");
    }

    o.printf("[4/4] load the warehouse (annual load on embedded Flink) ...%n");
    o.flush();
    Path wh = out.resolve("warehouse");
    int loaded =
        spec.root()
            .commandLine()
            .execute(
                "load",
                "--deliveries",
                out.resolve("deliveries").toString(),
                "--warehouse",
                wh.toString());
    if (loaded != ExitCodes.OK) {
      return loaded;
    }
    o.println();
    o.println(
        "Registered persons per year in the warehouse (probabilistic linkage, docs/linkage.md):");
    try (java.sql.Connection c = org.victimmonitor.warehouse.Catalog.openReadOnly(wh)) {
      org.victimmonitor.warehouse.QueryResult.run(
              c,
              "select year, count(distinct person_key) as persons, count(*) as reports"
                  + " from fact_registration group by year order by year")
          .printAligned(o);
    }
    o.printf("Planted in the synthetic truth: %s%n", g.registeredPerYear());

    o.println();
    o.println("What the demo made:");
    o.printf(
        "  %-26s raw extracts with synthetic plaintext identities (what providers hold)%n",
        rel("extracts/"));
    o.printf(
        "  %-26s ground truth, never delivered: records.csv, persons.csv, planted.json%n",
        rel("truth/"));
    o.printf(
        "  %-26s the linkage key (mode 0600), fingerprint %s%n",
        rel("keys/linkage.key"), key.fingerprint());
    o.printf(
        "  %-26s deliveries: records.csv (tokens + coarse attributes) + manifest.json%n",
        rel("deliveries/"));
    o.printf(
        "  %-26s the warehouse: versions/, CURRENT, monitor.duckdb (views for DuckDB clients)%n",
        rel("warehouse/"));
    o.printf(
        "Done in %.0f s. Next: monitor sql --warehouse %s \"select * from dim_source\"%n",
        (System.nanoTime() - t0) / 1e9, wh);
    o.flush();
    return ExitCodes.OK;
  }

  private String rel(String p) {
    return out.resolve(p).toString() + (p.endsWith("/") ? "/" : "");
  }

  /** Empties the demo folder (only a folder the demo made itself, or an empty one). */
  static void prepare(Path dir) throws java.io.IOException {
    if (Files.exists(dir)) {
      boolean empty;
      try (Stream<Path> s = Files.list(dir)) {
        empty = s.findAny().isEmpty();
      }
      if (!empty && !Files.exists(dir.resolve(MARKER))) {
        throw new BadInputException(
            dir + ": exists and was not made by monitor demo; choose another --out");
      }
      try (Stream<Path> s = Files.walk(dir)) {
        for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
          if (!p.equals(dir)) {
            Files.delete(p);
          }
        }
      }
    }
    Files.createDirectories(dir);
    Files.writeString(
        dir.resolve(MARKER),
        "Made by `monitor demo`; the whole folder is replaced when the demo runs again.\n");
  }
}
