package org.victimmonitor.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
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

  /** A registration row (record_id, registration_date, exploitation_form, birth_year, …). */
  private static RowChecks.Problem registration(String date, String birthYear) {
    List<String> v = new ArrayList<>(Collections.nCopies(8, ""));
    v.set(0, "R-1");
    v.set(1, date);
    v.set(2, "sexual");
    v.set(3, birthYear);
    return RowChecks.checkAcross(DeliverySchema.forDataset("registration"), v);
  }

  @Test
  void theAgeAtTheEventDateIsFrom0To120() {
    assertThat(registration("2015-06-30", "2015")).isNull();
    assertThat(registration("2015-06-30", "1895")).isNull();
    assertThat(registration("2015-06-30", "")).isNull();
    RowChecks.Problem young = registration("2015-06-30", "2016");
    assertThat(young.reason()).isEqualTo("BAD_BIRTH_YEAR");
    assertThat(young.text()).isEqualTo("an age at registration_date below 0");
    RowChecks.Problem old = registration("2015-06-30", "1894");
    assertThat(old.reason()).isEqualTo("BAD_BIRTH_YEAR");
    assertThat(old.text()).isEqualTo("an age at registration_date over 120").doesNotContain("1894");
  }

  @Test
  void noEventAfterTheDayAfterTheDeliveryWasMade() {
    DeliverySchema reg = DeliverySchema.forDataset("registration");
    List<String> v = new ArrayList<>(Collections.nCopies(reg.columns().size(), ""));
    v.set(0, "R-1");
    v.set(2, "sexual");
    LocalDate made = RowChecks.madeOn("2022-02-01T23:30:00Z");
    assertThat(made).isEqualTo(LocalDate.of(2022, 2, 1));
    v.set(1, "2022-02-02"); // a day of slack for time zones
    assertThat(RowChecks.checkAcross(reg, v, made)).isNull();
    v.set(1, "2022-02-03");
    RowChecks.Problem late = RowChecks.checkAcross(reg, v, made);
    assertThat(late.reason()).isEqualTo("BAD_REGISTRATION_DATE");
    assertThat(late.text()).isEqualTo("after the delivery was made");
    assertThat(RowChecks.checkAcross(reg, v)).as("no delivery day, no rule").isNull();
    assertThat(RowChecks.madeOn("2022-02-01")).isNull();
    assertThat(RowChecks.madeOn(null)).isNull();
  }

  @Test
  void noDateBefore1900AndNoEndBeforeItsStart() {
    assertThat(registration("1900-01-01", "")).isNull();
    RowChecks.Problem early = registration("1899-12-31", "1850");
    assertThat(early.reason()).isEqualTo("BAD_REGISTRATION_DATE");
    assertThat(early.text()).isEqualTo("before 1900");

    DeliverySchema support = DeliverySchema.forDataset("support");
    // record_id, support_type, start_date, end_date, birth_year, …
    List<String> v = new ArrayList<>(Collections.nCopies(support.columns().size(), ""));
    v.set(0, "S-1");
    v.set(1, "shelter");
    v.set(2, "2019-01-02");
    assertThat(RowChecks.checkAcross(support, v)).as("no end date").isNull();
    v.set(3, "2019-01-02");
    assertThat(RowChecks.checkAcross(support, v)).as("ends the day it starts").isNull();
    v.set(3, "2019-01-01");
    RowChecks.Problem end = RowChecks.checkAcross(support, v);
    assertThat(end.reason()).isEqualTo("BAD_END_DATE");
    assertThat(end.text()).isEqualTo("before start_date");
    // the age counts from the start date
    v.set(3, "");
    v.set(4, "2020");
    assertThat(RowChecks.checkAcross(support, v).reason()).isEqualTo("BAD_BIRTH_YEAR");
  }
}
