package org.victimmonitor.generate;

import java.util.List;

/**
 * The identity columns of one raw-extract record as a registrar wrote them, with the linkage
 * difficulties introduced (codes listed in {@link Registrar}).
 */
public record WrittenIdentity(
    String firstName,
    String surnamePrefix,
    String surname,
    String dateOfBirth,
    String sex,
    String bsn,
    String nationality,
    String birthCountry,
    List<String> difficulties) {

  /** The identity columns after record_id, in raw-extract order (ARCHITECTURE.md 4.1). */
  public String[] columns() {
    return new String[] {
      firstName, surnamePrefix, surname, dateOfBirth, sex, bsn, nationality, birthCountry
    };
  }
}
