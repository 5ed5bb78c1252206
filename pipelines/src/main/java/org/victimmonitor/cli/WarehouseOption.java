package org.victimmonitor.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --warehouse DIR} option shared by the commands that work on a warehouse. */
final class WarehouseOption {
  @Option(
      names = "--warehouse",
      required = true,
      paramLabel = "DIR",
      description = "The warehouse folder (holding CURRENT, versions/ and monitor.duckdb).")
  Path dir;
}
