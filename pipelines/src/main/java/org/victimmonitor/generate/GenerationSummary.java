package org.victimmonitor.generate;

import java.nio.file.Path;
import java.util.Map;

/**
 * What a run wrote: where, how many files and records per dataset, and the headline planted
 * figures. Holds counts only, never record contents.
 */
public record GenerationSummary(
    Path extractsDir,
    Path truthDir,
    int files,
    Map<String, Long> recordsPerDataset,
    long backgroundRecords,
    Map<Integer, Integer> registeredPerYear,
    Map<Integer, Integer> hiddenPerYear,
    double repeatWithin5Years,
    double repeatWithin7Years) {

  public long totalRecords() {
    return recordsPerDataset.values().stream().mapToLong(Long::longValue).sum();
  }
}
