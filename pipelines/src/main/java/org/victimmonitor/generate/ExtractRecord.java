package org.victimmonitor.generate;

import java.time.LocalDate;

/**
 * One record of a raw extract before it gets its record id: the identity columns as written, the
 * event columns, the municipality, and for the truth the person and the difficulties made.
 */
record ExtractRecord(
    SourceDataset dataset,
    int year,
    LocalDate date,
    String personId,
    String[] identity,
    String[] events,
    String municipality,
    String difficulties) {}
