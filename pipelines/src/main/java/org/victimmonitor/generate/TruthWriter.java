package org.victimmonitor.generate;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Writes {@code truth/persons.csv}: one row per person of the synthetic population (registered,
 * hidden and background) with their true identity and what was planted for them. It lives apart
 * from the extracts and is never delivered; tests and linkage evaluation read it.
 */
final class TruthWriter implements Closeable {

  static final List<String> PERSON_HEADER =
      List.of(
          "person_id",
          "kind",
          "first_registration_year",
          "first_registration_date",
          "registration_years",
          "lists",
          "exploitation_forms",
          "hidden_years",
          "sex",
          "date_of_birth",
          "nationality",
          "birth_country",
          "name_origin",
          "first_name",
          "surname_prefix",
          "surname",
          "married_surname",
          "bsn",
          "minor_at_first_registration",
          "repeat_within_years",
          "repeat_first_date",
          "repeat_first_crime_type",
          "repeat_crime_types_5y",
          "suspect_before_date",
          "suspect_after_date",
          "support_trajectories",
          "support_first_start",
          "namesake_of");

  private final java.io.Writer persons;

  TruthWriter(Path personsFile) throws IOException {
    persons = ExtractWriter.writer(personsFile);
    writeLine(format(PERSON_HEADER.toArray(String[]::new)));
  }

  /** One persons.csv line (without line end), formatted by commons-csv; worker threads call it. */
  static String format(String[] row) {
    return ExtractWriter.FORMAT.format((Object[]) row);
  }

  void write(String[] row) {
    writeLine(format(row));
  }

  void writeLine(String line) {
    try {
      persons.write(line);
      persons.write('\n');
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() throws IOException {
    persons.close();
  }

  /** The row of a person of the victim population (registered or hidden). */
  static String[] victimRow(Person p) {
    Identity id = p.identity;
    String[] row = identityRow(p.id, p.kind(), id, "");
    if (p.registered()) {
      LocalDate first = p.firstRegistration();
      row[2] = Integer.toString(p.firstEpisode().year);
      row[3] = first.toString();
      row[4] =
          p.episodes.stream().map(e -> Integer.toString(e.year)).collect(Collectors.joining("|"));
      row[5] =
          p.episodes.stream()
              .map(
                  e ->
                      e.year
                          + ":"
                          + e.lists.stream()
                              .map(RegistrationList::source)
                              .collect(Collectors.joining("+")))
              .collect(Collectors.joining("|"));
      row[6] =
          p.episodes.stream()
              .map(e -> e.year + ":" + e.form.label())
              .collect(Collectors.joining("|"));
      row[18] = Boolean.toString(p.minorAtFirstRegistration());
      row[19] = p.repeatYear == 0 ? "" : Integer.toString(p.repeatYear);
      row[20] = str(p.repeatFirstDate);
      row[21] = p.repeatFirstType == null ? "" : p.repeatFirstType;
      row[22] = String.join("|", p.repeatTypesWithin5Years);
      row[23] = str(p.suspectBefore);
      row[24] = str(p.suspectAfter);
      row[25] = Integer.toString(p.support.size());
      row[26] = p.support.isEmpty() ? "" : p.support.get(0).start().toString();
    }
    row[7] = p.hiddenYears.stream().map(String::valueOf).collect(Collectors.joining("|"));
    return row;
  }

  /** The row of a background person (police records only). */
  static String[] backgroundRow(String personId, Identity id, String namesakeOf) {
    return identityRow(personId, "background", id, namesakeOf);
  }

  private static String[] identityRow(
      String personId, String kind, Identity id, String namesakeOf) {
    String[] row = new String[PERSON_HEADER.size()];
    java.util.Arrays.fill(row, "");
    row[0] = personId;
    row[1] = kind;
    row[8] = id.sex();
    row[9] = id.dateOfBirth().toString();
    row[10] = id.nationality();
    row[11] = id.birthCountry();
    row[12] = id.origin().country();
    row[13] = id.firstName().name();
    row[14] = id.surname().prefix();
    row[15] = id.surname().name();
    row[16] = id.marriedSurname() == null ? "" : id.marriedSurname().full();
    row[17] = id.bsn() == null ? "" : id.bsn();
    row[27] = namesakeOf;
    return row;
  }

  private static String str(LocalDate d) {
    return d == null ? "" : d.toString();
  }

  static List<String> header() {
    return new ArrayList<>(PERSON_HEADER);
  }
}
