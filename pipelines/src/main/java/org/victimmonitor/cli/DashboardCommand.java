package org.victimmonitor.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.EnumSet;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.victimmonitor.common.BadInputException;
import org.victimmonitor.common.FileTrees;
import org.victimmonitor.dashboard.DashboardBuilder;
import org.victimmonitor.warehouse.Catalog;
import org.victimmonitor.warehouse.DisclosureRules;
import org.victimmonitor.warehouse.MonitorTables;
import org.victimmonitor.warehouse.PublishedTable;
import org.victimmonitor.warehouse.TableExport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code monitor dashboard}: exports the disclosure-controlled monitor tables of every loaded year
 * (as {@code monitor tables} does, into a temporary folder) and draws them as one offline HTML
 * page. The page sees only those tables, never the warehouse.
 */
@Command(
    name = "dashboard",
    mixinStandardHelpOptions = true,
    description =
        "Write the dashboard: one self-contained HTML page (DIR/index.html, no network needed to"
            + " view it) of the disclosure-controlled monitor tables of every loaded report year"
            + " up to --year, with a year selector, charts and their data tables.")
final class DashboardCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin WarehouseOption warehouseOption;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "DIR",
      description = "Output folder; the page is DIR/index.html.")
  Path out;

  @Option(
      names = "--year",
      paramLabel = "YEAR",
      description =
          "The report year the page opens on; years after it are left out (default: the last"
              + " loaded year).")
  Integer year;

  @Option(
      names = "--disclosure",
      paramLabel = "FILE",
      description =
          "Disclosure rules (JSON: threshold, suppress_zeros, rounding_base), as for monitor"
              + " tables; default threshold 10, no rounding.")
  Path disclosure;

  @Override
  public Integer call() throws Exception {
    Path warehouse = warehouseOption.dir;
    DisclosureRules rules =
        disclosure == null ? DisclosureRules.defaults() : DisclosureRules.read(disclosure);
    List<Integer> loaded;
    int last;
    try (Connection c = Catalog.openReadOnly(warehouse)) {
      loaded = MonitorTables.loadedYears(c);
      if (loaded.isEmpty()) {
        throw new BadInputException(
            warehouse + ": no registrations loaded; run monitor load first");
      }
      last = year == null ? loaded.get(loaded.size() - 1) : year;
      MonitorTables.requireLoaded(c, last);
    }
    PrintWriter o = spec.commandLine().getOut();
    long t0 = System.nanoTime();
    Path tables = Files.createTempDirectory("monitor-dashboard-tables");
    try {
      SortedMap<Integer, Path> perYear = new TreeMap<>();
      List<Integer> years = loaded.stream().filter(y -> y <= last).toList();
      o.printf("monitor tables for %d-%d ...%n", years.get(0), last);
      o.flush();
      SortedMap<Integer, List<PublishedTable>> published;
      try (Connection c = Catalog.openReadOnly(warehouse)) {
        // one pass over the years: each report repeats the earlier years' protection
        published = MonitorTables.publishYears(c, years, rules);
      }
      for (var e : published.entrySet()) {
        Path dir = tables.resolve(Integer.toString(e.getKey()));
        TableExport.write(e.getValue(), e.getKey(), dir, EnumSet.of(TableExport.Format.CSV), rules);
        perYear.put(e.getKey(), dir);
      }
      Path page = new DashboardBuilder().build(perYear, last, out);
      o.printf(
          "wrote %s (%d report years, %d-%d; %.1f MB) in %.1f s%n",
          page,
          perYear.size(),
          perYear.firstKey(),
          perYear.lastKey(),
          Files.size(page) / 1e6,
          (System.nanoTime() - t0) / 1e9);
      o.flush();
      return ExitCodes.OK;
    } finally {
      FileTrees.deleteTree(tables);
    }
  }
}
