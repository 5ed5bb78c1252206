package org.victimmonitor.generate;

import java.time.LocalDate;

/**
 * A person's true identity: what a perfect registrar would write. {@code marriedSurname} is set for
 * women who may be registered under a spouse's name; {@code bsn} is null for people without a
 * citizen service number (most foreign victims).
 */
public record Identity(
    String sex,
    LocalDate dateOfBirth,
    String nationality,
    String birthCountry,
    NameList origin,
    NameEntry firstName,
    NameEntry surname,
    NameEntry marriedSurname,
    String bsn) {}
