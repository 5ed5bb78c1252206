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
    // the counting views' columns, with the types DuckDB gives them over the star schema
    assertThat(d)
        .contains("| registrations | BIGINT | Registrations of the person in the year")
        .contains("| on_care | BOOLEAN |", "| cohort | INTEGER |", "| first_date | DATE |");
  }

  @Test
  void everyViewColumnHasItsLineAndNoLineNamesAMissingColumn() throws Exception {
    var columns = DataDictionary.viewColumns();
    assertThat(columns.get("person_year")).hasSize(18);
    assertThat(columns.get("person_cohort")).hasSize(9);
    for (Catalog.SqlFile f : Catalog.SqlFile.list("sql/warehouse")) {
      assertThat(DataDictionary.columnDocs(f.sql()).keySet())
          .as(f.name())
          .containsExactlyElementsOf(columns.get(f.name()).stream().map(c -> c[0]).toList());
    }
    assertThat(
            DataDictionary.columnDocs(
                "-- v: a view.\n-- Columns:\n--   a: One\n--     and more.\n--   b: Two.\nselect 1"))
        .containsExactly(
            org.assertj.core.api.Assertions.entry("a", "One and more."),
            org.assertj.core.api.Assertions.entry("b", "Two."));
    assertThat(DataDictionary.header("-- v: a view.\n-- Columns:\n--   a: One\nselect 1"))
        .isEqualTo("a view.\n");
  }
}
