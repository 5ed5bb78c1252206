package org.victimmonitor.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/data-dictionary.md is what the generator makes of the current schemas and SQL. */
class DataDictionaryTest {
  @Test
  void theCommittedDataDictionaryIsUpToDate() throws Exception {
    Path file =
        Path.of(System.getProperty("project.root", "..")).resolve("docs/data-dictionary.md");
    String expected = DataDictionary.render();
    assertThat(file).exists();
    assertThat(Files.readString(file))
        .as("docs/data-dictionary.md is out of date: run bin/monitor data-dictionary")
        .isEqualTo(expected);
  }

  @Test
  void itCoversEveryTableColumnAndMonitorQuery() throws Exception {
    String d = DataDictionary.render();
    assertThat(d)
        .contains("### fact_registration", "| person_key | long |", "| registration_date | date |")
        .contains("| age_at_registration | int, nullable |")
        .contains("### person_year", "### m06_repeat_victimisation: Repeat victimisation")
        .contains("| c03_referential_integrity |", "### m10_estimate");
  }
}
