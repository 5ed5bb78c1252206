package org.victimmonitor.load;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.victimmonitor.common.JobFailedException;

/** The check that the job's files are where the CLI publishes them from. */
class StagedOutputTest {
  @TempDir Path staging;

  @Test
  void countedTablesWithoutFilesFailTheLoadAndAreNamed() throws Exception {
    Files.createDirectories(staging.resolve("star/dim_person"));
    Files.writeString(staging.resolve("star/dim_person/part-00000-of-00001.parquet"), "x");
    Map<String, Long> counters =
        Map.of(
            LoadCounters.rows("dim_person"), 3L,
            LoadCounters.rows("fact_registration"), 5L,
            LoadCounters.rows("vault"), 8L);
    assertThatThrownBy(() -> StagedOutput.check(staging, n -> counters.getOrDefault(n, 0L)))
        .isInstanceOf(JobFailedException.class)
        .hasMessageContaining("output for fact_registration, vault is not in " + staging)
        .hasMessageContaining("filesystem that the cluster's TaskManagers and this machine share")
        .hasMessageNotContaining("dim_person");
  }

  @Test
  void everyCountedTableWithAFilePasses() throws Exception {
    Files.createDirectories(staging.resolve("star/fact_registration/year=2015"));
    Files.writeString(
        staging.resolve("star/fact_registration/year=2015/part-00000-of-00001.parquet"), "x");
    Map<String, Long> counters = Map.of(LoadCounters.rows("fact_registration"), 5L);
    assertThatCode(() -> StagedOutput.check(staging, n -> counters.getOrDefault(n, 0L)))
        .doesNotThrowAnyException();
  }
}
