package org.victimmonitor.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The data tests of sql/checks pass on a sound warehouse and each one catches its own fault. */
class WarehouseChecksTest {
  @TempDir Path tmp;

  static Path star(Path wh) {
    return wh.resolve("versions/v0001/star");
  }

  @Test
  void allPassOnTheHandMadeWarehouse() throws Exception {
    Path wh = HandMadeWarehouse.write(tmp.resolve("wh"));
    List<WarehouseChecks.Outcome> outcomes = WarehouseChecks.run(star(wh));
    assertThat(outcomes)
        .extracting(WarehouseChecks.Outcome::name)
        .containsExactly(
            "c01_unique_keys",
            "c02_not_null",
            "c03_referential_integrity",
            "c04_accepted_values",
            "c05_dates_in_range");
    assertThat(outcomes).allMatch(WarehouseChecks.Outcome::passed);
    assertThat(WarehouseChecks.runOrFail(star(wh))).isEqualTo("5 data tests passed");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "c01_unique_keys|insert into dim_person select * from dim_person where person_key = 2",
        "c02_not_null|update fact_victimisation set crime_type = null where person_key = 2",
        "c03_referential_integrity|update fact_support set support_type = 'income' where person_key = 2",
        "c03_referential_integrity|delete from dim_person where person_key = 4",
        "c04_accepted_values|update dim_person set sex = 'female' where person_key = 1",
        "c04_accepted_values|update dim_person set registration_count = 5 where person_key = 2",
        "c05_dates_in_range|update fact_registration set registration_date = date '2020-12-31'"
            + " where person_key = 4",
        "c05_dates_in_range|update fact_support set end_date = date '2019-01-01' where person_key = 1",
      })
  void eachCheckCatchesItsFault(String check, String fault) throws Exception {
    Path wh = HandMadeWarehouse.write(tmp.resolve("wh"), fault);
    List<WarehouseChecks.Outcome> outcomes = WarehouseChecks.run(star(wh));
    assertThat(outcomes.stream().filter(o -> !o.passed()).map(WarehouseChecks.Outcome::name))
        .containsExactly(check);
    assertThatThrownBy(() -> WarehouseChecks.runOrFail(star(wh)))
        .hasMessageContaining("data tests failed, nothing published")
        .hasMessageContaining(check);
  }
}
