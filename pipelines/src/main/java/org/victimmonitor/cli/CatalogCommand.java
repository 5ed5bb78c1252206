package org.victimmonitor.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.victimmonitor.warehouse.Catalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** {@code monitor catalog}: rebuilds monitor.duckdb over the current version. */
@Command(
    name = "catalog",
    mixinStandardHelpOptions = true,
    description =
        "Rebuild WAREHOUSE/monitor.duckdb (the views statisticians open) over the version named by"
            + " CURRENT. The load does this after every publish; run it after moving a warehouse.")
final class CatalogCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin WarehouseOption warehouseOption;

  @Override
  public Integer call() throws Exception {
    Path warehouse = warehouseOption.dir;
    List<String> views = Catalog.rebuild(warehouse);
    spec.commandLine()
        .getOut()
        .printf(
            "rebuilt %s with %d views: %s%n",
            warehouse.resolve(Catalog.FILE), views.size(), String.join(", ", views));
    return ExitCodes.OK;
  }
}
