package org.victimmonitor.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.victimmonitor.load.Warehouse;
import org.victimmonitor.warehouse.Catalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code monitor rollback}: point CURRENT back at an earlier version. */
@Command(
    name = "rollback",
    mixinStandardHelpOptions = true,
    description =
        "Publish an earlier version again (switches CURRENT atomically; deletes nothing).")
final class RollbackCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin WarehouseOption warehouseOption;

  @Parameters(
      paramLabel = "VERSION",
      description = "Version to publish, as listed by monitor versions.")
  String version;

  @Override
  public Integer call() throws Exception {
    Path warehouse = warehouseOption.dir;
    Warehouse w = new Warehouse(warehouse);
    String before = w.current().orElse("(none)");
    w.switchTo(version);
    Catalog.rebuild(warehouse); // the views follow CURRENT
    spec.commandLine().getOut().printf("CURRENT: %s -> %s%n", before, version);
    spec.commandLine().getOut().flush();
    return ExitCodes.OK;
  }
}
