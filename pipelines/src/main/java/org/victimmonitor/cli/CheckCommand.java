package org.victimmonitor.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.victimmonitor.warehouse.Catalog;
import org.victimmonitor.warehouse.WarehouseChecks;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** {@code monitor check}: the data tests of sql/checks on the published version. */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    description =
        "Run the data tests of sql/checks (unique keys, not null, referential integrity, accepted"
            + " values, dates in range) on the published version. The load runs them before it"
            + " publishes. Exit 0 when all pass, 3 when one fails.")
final class CheckCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin WarehouseOption warehouseOption;

  @Override
  public Integer call() throws Exception {
    List<WarehouseChecks.Outcome> outcomes =
        WarehouseChecks.run(Catalog.currentStar(warehouseOption.dir));
    PrintWriter o = spec.commandLine().getOut();
    int failed = 0;
    for (WarehouseChecks.Outcome c : outcomes) {
      o.printf(
          "%-4s %-28s %s%s%n",
          c.passed() ? "ok" : "FAIL",
          c.name(),
          c.description(),
          c.passed() ? "" : " (" + c.rows() + " rows)");
      failed += c.passed() ? 0 : 1;
    }
    o.printf("%d of %d data tests passed%n", outcomes.size() - failed, outcomes.size());
    o.flush();
    return failed == 0 ? ExitCodes.OK : ExitCodes.BAD_INPUT;
  }
}
