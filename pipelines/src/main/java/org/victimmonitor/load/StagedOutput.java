package org.victimmonitor.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;
import java.util.stream.Stream;
import org.victimmonitor.common.JobFailedException;

/**
 * The last check before publishing: every table the job counted rows for has Parquet files in the
 * staging folder as this JVM sees it. On a cluster whose TaskManagers write to their own disks (the
 * warehouse not on a filesystem they share with the CLI) the counters add up but the files are
 * elsewhere: publishing would make an empty version current.
 */
final class StagedOutput {
  private StagedOutput() {}

  /** {@code rowsCounter} gives the counter of a counter name (LoadCounters.rows(table)). */
  static void check(Path staging, ToLongFunction<String> rowsCounter) throws IOException {
    List<String> tables = new ArrayList<>(TableSchemas.star());
    tables.addAll(TableSchemas.RESTRICTED);
    List<String> missing = new ArrayList<>();
    for (String t : tables) {
      Path dir =
          staging.resolve(TableSchemas.RESTRICTED.contains(t) ? "restricted" : "star").resolve(t);
      if (rowsCounter.applyAsLong(LoadCounters.rows(t)) > 0 && !hasParquet(dir)) {
        missing.add(t);
      }
    }
    if (!missing.isEmpty()) {
      throw new JobFailedException(
          "the job finished but its output for "
              + String.join(", ", missing)
              + " is not in "
              + staging
              + ": the warehouse must be on a filesystem that the cluster's TaskManagers and this"
              + " machine share, at the same path. Nothing was published");
    }
  }

  private static boolean hasParquet(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return false;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      return s.anyMatch(p -> p.toString().endsWith(".parquet"));
    }
  }
}
