package org.victimmonitor.generate;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Turns a person and an event into a raw-extract record: the source's {@link Registrar} writes the
 * identity, the event columns are filled by name, and the municipality is the person's own (85%) or
 * where the event happened. Records outside the data window are not made (censoring).
 */
final class RecordFactory {

  static final double MUNICIPALITY_ELSEWHERE = 0.15;
  static final double MUNICIPALITY_MISSING = 0.01;

  private final DeliveryLayout layout;
  private final YearRange years;
  private final Municipalities municipalities;
  private final Map<String, Registrar> registrars = new HashMap<>();
  private final Map<RegistrationList, SourceDataset> registrationDatasets =
      new EnumMap<>(RegistrationList.class);
  final SourceDataset victimisation;
  final SourceDataset suspect;
  final SourceDataset support;

  RecordFactory(DeliveryLayout layout, YearRange years, Municipalities municipalities) {
    this.layout = layout;
    this.years = years;
    this.municipalities = municipalities;
    for (RegistrationList l : RegistrationList.values()) {
      registrationDatasets.put(l, layout.of(l));
    }
    this.victimisation = layout.get("police", "victimisation");
    this.suspect = layout.get("police", "suspect");
    this.support = layout.get("municipality", "support");
    // Filled once here: background chunks share this factory across threads.
    for (SourceDataset d : layout.datasets()) {
      registrars.putIfAbsent(d.source(), new Registrar(Registrar.Profile.of(d.source())));
    }
  }

  DeliveryLayout layout() {
    return layout;
  }

  /** All records of a registered person that fall in the data window. */
  List<ExtractRecord> recordsOf(Person p, SplittableRandom rng) {
    List<ExtractRecord> out = new ArrayList<>();
    for (Person.Episode e : p.episodes) {
      for (Person.Registration r : e.registrations) {
        String d = r.date().toString();
        Map<String, String> ev =
            Map.of("report_date", d, "registration_date", d, "exploitation_form", r.formCode());
        add(
            out,
            registrationDatasets.get(r.list()),
            p.id,
            p.identity,
            p.residence,
            r.date(),
            ev,
            rng);
      }
    }
    for (Person.PlantedEvent v : p.victimisations) {
      Map<String, String> ev =
          Map.of("incident_date", v.date().toString(), "crime_type", v.crimeType());
      add(out, victimisation, p.id, p.identity, p.residence, v.date(), ev, rng);
    }
    for (Person.PlantedEvent s : p.suspicions) {
      Map<String, String> ev =
          Map.of("registration_date", s.date().toString(), "crime_type", s.crimeType());
      add(out, suspect, p.id, p.identity, p.residence, s.date(), ev, rng);
    }
    for (Person.SupportTrajectory t : p.support) {
      boolean ongoing = t.end() == null || t.end().isAfter(years.end());
      Map<String, String> ev =
          Map.of(
              "support_type", t.type(),
              "start_date", t.start().toString(),
              "end_date", ongoing ? "" : t.end().toString());
      add(out, support, p.id, p.identity, p.residence, t.start(), ev, rng);
    }
    return out;
  }

  /** Adds the record if its date is in the data window. */
  void add(
      List<ExtractRecord> out,
      SourceDataset ds,
      String personId,
      Identity identity,
      String residence,
      LocalDate date,
      Map<String, String> eventValues,
      SplittableRandom rng) {
    if (!years.contains(date)) {
      return;
    }
    Registrar registrar = registrars.get(ds.source());
    WrittenIdentity w = registrar.write(identity, rng);
    String municipality =
        rng.nextDouble() < MUNICIPALITY_ELSEWHERE ? municipalities.sample(rng) : residence;
    List<String> difficulties = w.difficulties();
    if (rng.nextDouble() < MUNICIPALITY_MISSING) {
      municipality = "";
      difficulties = new ArrayList<>(difficulties);
      difficulties.add("municipality:missing");
    }
    out.add(
        new ExtractRecord(
            ds,
            date.getYear(),
            date,
            personId,
            w.columns(),
            ds.events(eventValues),
            municipality,
            String.join("|", difficulties)));
  }
}
