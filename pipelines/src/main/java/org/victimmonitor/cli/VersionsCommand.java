package org.victimmonitor.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.victimmonitor.common.BadInputException;
import org.victimmonitor.load.RunManifest;
import org.victimmonitor.load.Warehouse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** {@code monitor versions}: the warehouse's versions with their run summary. */
@Command(
    name = "versions",
    mixinStandardHelpOptions = true,
    description = "List the published versions of a warehouse, the current one marked with *.")
final class VersionsCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin WarehouseOption warehouseOption;

  @Override
  public Integer call() throws Exception {
    Path warehouse = warehouseOption.dir;
    Warehouse w = new Warehouse(warehouse);
    List<String> versions = w.versions();
    if (versions.isEmpty()) {
      throw new BadInputException(warehouse + ": no versions (run monitor load first)");
    }
    String current = w.current().orElse("");
    PrintWriter out = spec.commandLine().getOut();
    out.printf(
        "  %-8s %-6s %-10s %10s %10s %11s %10s %9s%n",
        "version", "year", "runner", "read", "loaded", "quarantined", "minimised", "persons");
    for (String v : versions) {
      JsonNode run = RunManifest.read(w.version(v).resolve(Warehouse.RUN_JSON));
      JsonNode c = run.path("counts");
      out.printf(
          "%s %-8s %-6s %-10s %,10d %,10d %,11d %,10d %,9d%n",
          v.equals(current) ? "*" : " ",
          v,
          run.path("load_year").asText(),
          run.path("runner").asText(),
          c.path("read").asLong(),
          c.path("loaded").asLong(),
          c.path("quarantined").asLong(),
          c.path("minimised").asLong(),
          c.path("persons").asLong());
    }
    out.flush();
    return ExitCodes.OK;
  }
}
