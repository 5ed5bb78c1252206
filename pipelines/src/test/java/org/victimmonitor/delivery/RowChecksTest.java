package org.victimmonitor.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The row-level checks of the delivery contract that the office's validation applies. */
class RowChecksTest {
  private final CodeLists codes = CodeLists.get();

  static DeliverySchema.Column column(String dataset, String name) {
    return DeliverySchema.forDataset(dataset).columns().stream()
        .filter(c -> c.name().equals(name))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void everyDatasetsSexIsCheckedAgainstTheSexCodeList() {
    for (SourceCatalog.Entry e : SourceCatalog.load().entries()) {
      DeliverySchema.Column sex = column(e.dataset(), "sex");
      assertThat(sex.codes()).as(e.dataset()).isEqualTo("sex");
      for (String ok : new String[] {"M", "F", "X", ""}) {
        assertThat(RowChecks.check(sex, ok, codes)).as(e.dataset() + " " + ok).isNull();
      }
      // a value the load would otherwise carry into dim_person, where data test c04 fails the load
      assertThat(RowChecks.check(sex, "Q", codes)).isEqualTo("not in the sex code list");
      assertThat(RowChecks.check(sex, "m", codes)).isEqualTo("not in the sex code list");
    }
  }

  @Test
  void typesAndRequiredColumnsAreChecked() {
    DeliverySchema.Column form = column("registration", "exploitation_form");
    assertThat(RowChecks.check(form, "piracy", codes))
        .isEqualTo("not in the exploitation_form code list");
    assertThat(RowChecks.check(form, "labour", codes)).isNull();
    DeliverySchema.Column year = column("registration", "birth_year");
    assertThat(RowChecks.check(year, "19x0", codes)).isEqualTo("not a whole number");
    assertThat(RowChecks.check(year, "1990", codes)).isNull();
    DeliverySchema.Column id = column("registration", "record_id");
    assertThat(RowChecks.check(id, "", codes)).isEqualTo("empty, but required");
    assertThat(RowChecks.isIsoDate("2021-02-29")).isFalse();
    assertThat(RowChecks.isIsoDate("2020-02-29")).isTrue();
  }
}
