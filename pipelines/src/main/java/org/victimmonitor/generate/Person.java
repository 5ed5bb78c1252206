package org.victimmonitor.generate;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.TreeSet;

/**
 * A person of the victim population (registered in at least one year, or hidden: a victim on no
 * list) with what the generator planted for them. Mutable while the population is built; read only
 * afterwards.
 */
final class Person {

  /** Registration of the person by one list on one date (one raw-extract record). */
  record Registration(RegistrationList list, LocalDate date, String formCode) {}

  /** A police record (victimisation or suspect) planted for the person. */
  record PlantedEvent(LocalDate date, String crimeType, String kind) {}

  /** One municipal support trajectory; {@code end} null while it continues. */
  record SupportTrajectory(String type, LocalDate start, LocalDate end) {}

  /** The person's registrations in one year. */
  static final class Episode {
    final int year;
    final EnumSet<RegistrationList> lists;
    ExploitationForm form;
    final List<Registration> registrations = new ArrayList<>();

    Episode(int year, EnumSet<RegistrationList> lists) {
      this.year = year;
      this.lists = lists;
    }

    LocalDate firstDate() {
      LocalDate d = null;
      for (Registration r : registrations) {
        if (d == null || r.date().isBefore(d)) {
          d = r.date();
        }
      }
      return d;
    }
  }

  final int index;
  final String id;
  Identity identity;
  String residence;
  final List<Episode> episodes = new ArrayList<>();
  final List<Integer> hiddenYears = new ArrayList<>();

  final List<PlantedEvent> victimisations = new ArrayList<>();
  final List<PlantedEvent> suspicions = new ArrayList<>();
  final List<SupportTrajectory> support = new ArrayList<>();

  /** 0: no later victimisation within 7 years; k: the first falls in year k after registration. */
  int repeatYear;

  LocalDate repeatFirstDate;
  String repeatFirstType;
  final TreeSet<String> repeatTypesWithin5Years = new TreeSet<>();
  LocalDate suspectBefore;
  LocalDate suspectAfter;

  Person(int index) {
    this.index = index;
    this.id = String.format("P%07d", index + 1);
  }

  boolean registered() {
    return !episodes.isEmpty();
  }

  String kind() {
    return registered() ? "registered" : "hidden";
  }

  LocalDate firstRegistration() {
    return episodes.isEmpty() ? null : episodes.get(0).firstDate();
  }

  Episode firstEpisode() {
    return episodes.get(0);
  }

  /** Age in whole years on a date. */
  int ageOn(LocalDate d) {
    return java.time.Period.between(identity.dateOfBirth(), d).getYears();
  }

  boolean minorAtFirstRegistration() {
    return registered() && ageOn(firstRegistration()) < 18;
  }

  EnumSet<RegistrationList> allLists() {
    EnumSet<RegistrationList> s = EnumSet.noneOf(RegistrationList.class);
    episodes.forEach(e -> s.addAll(e.lists));
    return s;
  }
}
