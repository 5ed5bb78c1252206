package org.victimmonitor.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.victimmonitor.warehouse.DisclosureRules;
import org.victimmonitor.warehouse.MonitorTables;
import org.victimmonitor.warehouse.PublishedTable;
import org.victimmonitor.warehouse.Revisions;
import org.victimmonitor.warehouse.TableExport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code monitor tables}: the yearly monitor tables, disclosure-controlled, as files. */
@Command(
    name = "tables",
    mixinStandardHelpOptions = true,
    description =
        "Compute all monitor tables (sql/monitor/m01..m09 and the estimate m10) for a report year"
            + " and write them after disclosure control: CSV (one file per table), XLSX (one"
            + " sheet per table) and/or HTML.")
final class TablesCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin WarehouseOption warehouseOption;

  @Option(
      names = "--year",
      required = true,
      paramLabel = "YEAR",
      description = "The report year (data up to 31 December of it).")
  int year;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
  Path out;

  @Option(
      names = "--format",
      paramLabel = "LIST",
      defaultValue = "csv,xlsx,html",
      description = "Comma-separated formats: csv, xlsx, html (default: ${DEFAULT-VALUE}).")
  String format;

  @Option(
      names = "--disclosure",
      paramLabel = "FILE",
      description =
          "Disclosure rules (JSON: threshold, suppress_zeros, rounding_base); default threshold"
              + " 10, no rounding.")
  Path disclosure;

  @Option(
      names = "--previous",
      paramLabel = "DIR",
      description =
          "The folder an earlier edition's monitor tables were written to (its CSV files): the"
              + " figures this report changes in it go to OUT/revisions.csv (years before the"
              + " report year revised, cohorts followed up a year longer).")
  Path previous;

  @Override
  public Integer call() throws Exception {
    java.util.Set<TableExport.Format> formats;
    try {
      formats = TableExport.Format.parse(format);
    } catch (org.victimmonitor.common.BadInputException e) {
      // an invalid option value: a usage error, as for every other option
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    DisclosureRules rules =
        disclosure == null ? DisclosureRules.defaults() : DisclosureRules.read(disclosure);
    long t0 = System.nanoTime();
    List<PublishedTable> tables = MonitorTables.publish(warehouseOption.dir, year, rules);
    // read before anything is written: the earlier edition may sit in the output folder
    List<Revisions.Revision> revisions =
        previous == null ? List.of() : Revisions.compare(tables, year, previous, rules);
    List<Path> files = TableExport.write(tables, year, out, formats, rules);
    PrintWriter o = spec.commandLine().getOut();
    for (PublishedTable t : tables) {
      o.printf(
          "%-26s %4d rows, %3d suppressed, %3d hidden  %s%n",
          t.name(), t.rows().size(), t.primary(), t.secondary(), t.title());
    }
    if (previous != null) {
      Path file = out.resolve("revisions.csv");
      Revisions.write(revisions, file);
      files = new java.util.ArrayList<>(files);
      files.add(file);
      o.printf("against %s: %s; see %s%n", previous, Revisions.summary(revisions, rules), file);
    }
    o.printf(
        "wrote %d files to %s in %.1f s (threshold %d)%n",
        files.size(), out, (System.nanoTime() - t0) / 1e9, rules.threshold());
    o.flush();
    return ExitCodes.OK;
  }
}
