package org.victimmonitor.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.victimmonitor.estimate.MultipleSystemsEstimation;
import org.victimmonitor.estimate.OverlapTable;
import org.victimmonitor.estimate.OverlapTableCsv;
import org.victimmonitor.estimate.PopulationEstimate;
import org.victimmonitor.estimate.SelectionMethod;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code monitor estimate}: estimates the total number of victims, registered or not, from an
 * overlap table of registering organisations by multiple systems estimation. Consumes a CSV with
 * one 0/1 column per list and a {@code count} column; prints a short report, or with {@code --json}
 * one JSON object with the observed count, the estimate, the 95% interval and the model.
 */
@Command(
    name = "estimate",
    mixinStandardHelpOptions = true,
    description = {
      "Estimate the total population, including people on no list, from the overlap of lists"
          + " (multiple systems estimation with Poisson log-linear models, after SparseMSE).",
      "The table has one 0/1 column per list and a 'count' column: the number of people seen on"
          + " exactly that combination of lists. Combinations not in the file count zero."
    })
public final class EstimateCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @CommandLine.ArgGroup(exclusive = true, multiplicity = "1")
  Input input;

  /** Where the overlap table comes from: a CSV file, or a warehouse's m09 for a year. */
  static final class Input {
    @Option(
        names = "--table",
        paramLabel = "FILE.csv",
        description = "Overlap table: one 0/1 column per list, plus 'count'.")
    Path table;

    @CommandLine.ArgGroup(exclusive = false)
    FromWarehouse warehouse;
  }

  /** The list-overlap table m09 of a loaded warehouse. */
  static final class FromWarehouse {
    @Option(
        names = "--warehouse",
        required = true,
        paramLabel = "DIR",
        description = "Estimate from this warehouse's list-overlap table (m09) ...")
    Path dir;

    @Option(
        names = "--year",
        required = true,
        paramLabel = "YEAR",
        description = "... for this registration year.")
    int year;
  }

  @Option(
      names = "--method",
      paramLabel = "METHOD",
      converter = MethodConverter.class,
      description =
          "How to choose the two-list interactions: stepwise (SparseMSE's p-value search),"
              + " main (main effects only) or bic (lowest BIC). Default: stepwise.")
  SelectionMethod method;

  @Option(
      names = "--interactions",
      paramLabel = "A:B,...",
      split = ",",
      description =
          "Fit this model instead of choosing one: main effects plus these two-list"
              + " interactions, named by the table's list names (e.g. police:kmar,inspectorate:care)."
              + " For a dependence known from how the lists work, which the data are too sparse to"
              + " show (docs/estimation.md, Coverage).")
  List<String> interactions;

  @Option(
      names = "--threshold",
      paramLabel = "P",
      defaultValue = "0.02",
      description =
          "Stepwise only: add an interaction while its Poisson p-value is below P."
              + " Default: ${DEFAULT-VALUE}.")
  double threshold;

  @Option(
      names = "--bootstrap",
      paramLabel = "N",
      description =
          "Replace the lognormal interval by a parametric bootstrap of N replicates that"
              + " chooses the model again on each (slower; wider, more honest on sparse tables).")
  Integer bootstrap;

  @Option(
      names = "--seed",
      paramLabel = "S",
      defaultValue = "1",
      description = "Seed of the bootstrap, so the interval can be reproduced. Default: 1.")
  long seed;

  @Option(
      names = "--json",
      description =
          "Print one JSON object {observed, estimate, lower, upper, model} instead of the report.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    if (!(threshold >= 0 && threshold <= 1)) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--threshold must be between 0 and 1");
    }
    if (bootstrap != null && bootstrap < 10) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--bootstrap needs at least 10 replicates (1000 is usual)");
    }
    if (interactions != null && method != null) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--interactions fixes the model; leave out --method");
    }
    OverlapTable overlaps =
        input.table != null ? OverlapTableCsv.read(input.table) : fromWarehouse();
    SelectionMethod chosen = method == null ? SelectionMethod.STEPWISE : method;
    PopulationEstimate result;
    if (interactions != null) {
      result =
          MultipleSystemsEstimation.estimateGiven(
              overlaps,
              interactions,
              bootstrap == null ? 0 : bootstrap,
              seed,
              this::reportProgress);
    } else if (bootstrap == null) {
      result = MultipleSystemsEstimation.estimate(overlaps, chosen, threshold);
    } else {
      result =
          MultipleSystemsEstimation.estimateWithBootstrap(
              overlaps, chosen, threshold, bootstrap, seed, this::reportProgress);
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println(json ? toJson(result) : report(result));
    out.flush();
    return ExitCodes.OK;
  }

  private OverlapTable fromWarehouse() throws Exception {
    int year = input.warehouse.year;
    try (java.sql.Connection c =
        org.victimmonitor.warehouse.Catalog.openReadOnly(input.warehouse.dir)) {
      org.victimmonitor.warehouse.MonitorTables.requireLoaded(c, year);
      org.victimmonitor.warehouse.MonitorQuery m09 =
          org.victimmonitor.warehouse.MonitorTables.queries().stream()
              .filter(q -> q.id().equals("m09"))
              .findFirst()
              .orElseThrow();
      return org.victimmonitor.warehouse.MonitorTables.overlapTable(
          year, org.victimmonitor.warehouse.MonitorTables.raw(c, m09, year));
    }
  }

  /** The JSON form: exactly these five keys, so that scripts can rely on them. */
  static String toJson(PopulationEstimate e) throws JsonProcessingException {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("observed", e.observed());
    o.put("estimate", e.estimate());
    o.put("lower", e.lower());
    o.put("upper", e.upper());
    o.put("model", e.model());
    return new ObjectMapper().writeValueAsString(o);
  }

  private String report(PopulationEstimate e) {
    StringBuilder s = new StringBuilder();
    s.append("Multiple systems estimation: ")
        .append(
            input.table != null
                ? input.table.getFileName().toString()
                : "warehouse " + input.warehouse.dir + ", year " + input.warehouse.year)
        .append('\n');
    s.append(
        String.format(
            Locale.ROOT, "Lists (%d): %s%n", e.lists().size(), String.join(", ", e.lists())));
    s.append(String.format(Locale.ROOT, "Observed: %s people%n", whole(e.observed())));
    String choice =
        switch (e.method()) {
          case MAIN -> "main effects only";
          case STEPWISE -> "stepwise, p < " + e.threshold();
          case BIC -> "lowest BIC";
          case GIVEN -> "given with --interactions";
        };
    s.append(
        String.format(
            Locale.ROOT,
            "Model: main effects%s (%s)%n",
            e.model().isEmpty() ? "" : " + " + String.join(", ", e.model()),
            choice));
    if (!e.emptyOverlaps().isEmpty()) {
      s.append(
          String.format(
              Locale.ROOT,
              "  lists that share nobody, their cells fixed at zero: %s%n",
              String.join(", ", e.emptyOverlaps())));
    }
    s.append(
        String.format(
            Locale.ROOT,
            "Estimated total: %s (on no list: %s)%n",
            whole(e.estimate()),
            whole(e.unobserved())));
    s.append(
        String.format(Locale.ROOT, "95%% interval: %s to %s", whole(e.lower()), whole(e.upper())));
    PopulationEstimate.Bootstrap b = e.bootstrap();
    if (b == null) {
      s.append(" (lognormal, taking the model as given)");
    } else {
      s.append(
          String.format(
              Locale.ROOT,
              " (parametric bootstrap, %d replicates, seed %d, %s",
              b.replicates(),
              b.seed(),
              e.method() == SelectionMethod.GIVEN
                  ? "the same model refitted each time"
                  : "model chosen again each time"));
      if (b.failed() > 0) {
        s.append(
            String.format(
                Locale.ROOT, "; %d replicates had no estimate and are left out", b.failed()));
      }
      s.append(')');
    }
    return s.toString();
  }

  private static String whole(double x) {
    return String.format(Locale.ROOT, "%,.0f", x);
  }

  private void reportProgress(int done) {
    int step = Math.max(1, bootstrap / 10);
    if (done % step == 0 || done == bootstrap) {
      PrintWriter err = spec.commandLine().getErr();
      err.printf("bootstrap: %d/%d replicates%n", done, bootstrap);
      err.flush();
    }
  }

  /** Accepts the method names in lower case, as users type them. */
  static final class MethodConverter implements CommandLine.ITypeConverter<SelectionMethod> {
    @Override
    public SelectionMethod convert(String value) {
      try {
        SelectionMethod m = SelectionMethod.valueOf(value.trim().toUpperCase(Locale.ROOT));
        if (m == SelectionMethod.GIVEN) {
          throw new CommandLine.TypeConversionException(
              "a given model is named with --interactions, not --method");
        }
        return m;
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(
            "unknown method '" + value + "'; use stepwise, main or bic");
      }
    }
  }
}
