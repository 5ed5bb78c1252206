package org.victimmonitor.generate;

import java.time.LocalDate;
import java.time.Year;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Draws the victim population year by year. Each year, victims are drawn one by one (new people, or
 * people who were victims in an earlier year) and put on the registering lists by the {@link
 * CaptureModel}; drawing stops when exactly the year's target of registered persons is reached, and
 * the victims on no list are that year's hidden victims. Registered persons then get their form of
 * exploitation, nationality, sex and age from exact yearly quotas ({@link CalibrationTargets}),
 * with affinities that plant realistic correlations; their registrations get dates and
 * re-registrations. The follow-up (repeat victimisation, suspects, support) is planted afterwards
 * by {@link FollowUpPlanter}.
 */
public final class PopulationModel {

  /** Share of a year's draws that are people registered in an earlier year (re-registration). */
  static final double RETURN_REGISTERED = 0.05;

  /** Share of a year's draws that are earlier hidden victims. */
  static final double RETURN_HIDDEN = 0.03;

  /** Per list and year: chance of a second record of the same person (a third: 20% of those). */
  static final double REREGISTRATION = 0.08;

  private final GeneratorConfig config;
  private final Municipalities municipalities;
  private final IdentityFactory identities;
  private final Map<Integer, Map<String, Double>> nationalityShares = new TreeMap<>();

  public PopulationModel(GeneratorConfig config, NameLists names, Municipalities municipalities) {
    this.config = config;
    this.municipalities = municipalities;
    this.identities = new IdentityFactory(names);
  }

  /** Figures of one year as drawn: these go to planted.json. */
  public record YearFigures(
      int year,
      int target,
      int registered,
      int hidden,
      int returningRegistered,
      Map<RegistrationList, Integer> personsPerList,
      Map<String, Integer> listOverlap,
      double captureProbability) {

    public int truePopulation() {
      return registered + hidden;
    }
  }

  /** The drawn population: persons in index order, and the figures per year. */
  public record VictimPopulation(List<Person> persons, Map<Integer, YearFigures> years) {

    List<Person> registered() {
      return persons.stream().filter(Person::registered).toList();
    }
  }

  public VictimPopulation build() {
    List<Person> persons = new ArrayList<>();
    List<Person> registeredPool = new ArrayList<>();
    List<Person> hiddenPool = new ArrayList<>();
    Map<Integer, YearFigures> figures = new TreeMap<>();
    for (int year : config.years().years()) {
      SplittableRandom rng = Seeds.stream(config.seed(), "population-year", year);
      figures.put(year, drawYear(year, persons, registeredPool, hiddenPool, rng));
    }
    return new VictimPopulation(Collections.unmodifiableList(persons), figures);
  }

  private YearFigures drawYear(
      int year,
      List<Person> persons,
      List<Person> registeredPool,
      List<Person> hiddenPool,
      SplittableRandom rng) {
    int target = CalibrationTargets.registered(year, config.scale());
    CaptureModel capture = CaptureModel.forYear(year);
    Set<Person> drawn = new HashSet<>();
    List<Person> registered = new ArrayList<>();
    List<Person> hidden = new ArrayList<>();
    int returning = 0;
    while (registered.size() < target) {
      Person p = null;
      double u = rng.nextDouble();
      if (u < RETURN_REGISTERED) {
        p = pickUnused(registeredPool, drawn, rng);
      } else if (u < RETURN_REGISTERED + RETURN_HIDDEN) {
        p = pickUnused(hiddenPool, drawn, rng);
      }
      if (p == null) {
        p = new Person(persons.size());
        persons.add(p);
      }
      drawn.add(p);
      EnumSet<RegistrationList> lists = capture.draw(rng);
      if (lists.isEmpty()) {
        hidden.add(p);
        p.hiddenYears.add(year);
      } else {
        if (p.registered()) {
          returning++;
        }
        registered.add(p);
        Person.Episode e = new Person.Episode(year, lists);
        addRegistrations(e, rng);
        p.episodes.add(e);
      }
    }
    assignForms(year, registered, rng);
    assignNewRegisteredAttributes(year, registered, rng);
    for (Person p : hidden) {
      if (p.identity == null) {
        createHiddenIdentity(year, p, rng);
      }
    }
    for (Person p : registered) {
      writeFormCodes(p.episodes.get(p.episodes.size() - 1), rng);
    }
    // Pools for the following years.
    for (Person p : registered) {
      if (p.episodes.size() == 1) {
        registeredPool.add(p);
      }
    }
    hiddenPool.removeIf(Person::registered);
    for (Person p : hidden) {
      if (!p.registered() && p.hiddenYears.size() == 1) {
        hiddenPool.add(p);
      }
    }
    Map<RegistrationList, Integer> perList = new LinkedHashMap<>();
    for (RegistrationList l : RegistrationList.values()) {
      perList.put(l, 0);
    }
    Map<String, Integer> overlap = new TreeMap<>();
    for (Person p : registered) {
      Person.Episode e = p.episodes.get(p.episodes.size() - 1);
      e.lists.forEach(l -> perList.merge(l, 1, Integer::sum));
      overlap.merge(overlapKey(e.lists), 1, Integer::sum);
    }
    return new YearFigures(
        year,
        target,
        registered.size(),
        hidden.size(),
        returning,
        perList,
        overlap,
        capture.probabilityCaptured());
  }

  /** Key of a list combination: one 0/1 per list in {@link RegistrationList} order. */
  static String overlapKey(Set<RegistrationList> lists) {
    StringBuilder b = new StringBuilder();
    for (RegistrationList l : RegistrationList.values()) {
      b.append(lists.contains(l) ? '1' : '0');
    }
    return b.toString();
  }

  private static Person pickUnused(List<Person> pool, Set<Person> drawn, SplittableRandom rng) {
    for (int tries = 0; tries < 5 && !pool.isEmpty(); tries++) {
      Person p = pool.get(rng.nextInt(pool.size()));
      if (!drawn.contains(p)) {
        return p;
      }
    }
    return null;
  }

  /** Dates of the year's records per list, with re-registrations by the same list. */
  private static void addRegistrations(Person.Episode e, SplittableRandom rng) {
    LocalDate yearEnd = LocalDate.of(e.year, 12, 31);
    LocalDate anchor = randomDay(e.year, rng);
    boolean firstList = true;
    for (RegistrationList list : e.lists) {
      LocalDate d;
      if (firstList) {
        d = anchor;
      } else if (rng.nextDouble() < 0.6) {
        // Another organisation registers the same case soon after (referral).
        d = min(anchor.plusDays(rng.nextInt(91)), yearEnd);
      } else {
        d = randomDay(e.year, rng);
      }
      firstList = false;
      int count = 1;
      if (rng.nextDouble() < REREGISTRATION) {
        count += rng.nextDouble() < 0.2 ? 2 : 1;
      }
      for (int i = 0; i < count; i++) {
        e.registrations.add(new Person.Registration(list, d, null));
        d = min(d.plusDays(14 + rng.nextInt(107)), yearEnd);
      }
    }
  }

  private void assignForms(int year, List<Person> registered, SplittableRandom rng) {
    Map<ExploitationForm, Integer> quotas = CalibrationTargets.forms(year, registered.size());
    Map<Person, ExploitationForm> forms =
        Quotas.assign(registered, quotas, (p, f) -> formAffinity(lastEpisode(p).lists, f), rng);
    forms.forEach((p, f) -> lastEpisode(p).form = f);
  }

  private static Person.Episode lastEpisode(Person p) {
    return p.episodes.get(p.episodes.size() - 1);
  }

  /** Inspectorate cases are mostly labour exploitation; border police mostly sexual. */
  static double formAffinity(Set<RegistrationList> lists, ExploitationForm f) {
    double a = 1;
    if (lists.contains(RegistrationList.INSPECTORATE)) {
      a *=
          switch (f) {
            case LABOUR -> 8;
            case CRIMINAL -> 2;
            case SEXUAL -> 0.1;
            default -> 1;
          };
    }
    if (lists.contains(RegistrationList.KMAR)) {
      a *= f == ExploitationForm.SEXUAL ? 1.5 : 1;
    }
    if (lists.contains(RegistrationList.POLICE)) {
      a *= f == ExploitationForm.SEXUAL ? 1.2 : 1;
    }
    return a;
  }

  /** Nationality, sex, age and identity of the year's newly registered persons, by quota. */
  private void assignNewRegisteredAttributes(
      int year, List<Person> registered, SplittableRandom rng) {
    int n = registered.size();
    List<Person> fresh = new ArrayList<>();
    Map<String, Integer> fixedNat = new LinkedHashMap<>();
    Map<String, Integer> fixedSex = new LinkedHashMap<>();
    int fixedMinors = 0;
    for (Person p : registered) {
      if (p.identity == null) {
        fresh.add(p);
      } else {
        fixedNat.merge(p.identity.nationality(), 1, Integer::sum);
        fixedSex.merge(p.identity.sex(), 1, Integer::sum);
        if (p.ageOn(lastEpisode(p).firstDate()) < 18) {
          fixedMinors++;
        }
      }
    }
    Map<String, Integer> natQuota =
        Quotas.subtract(CalibrationTargets.nationalities(year, n), fixedNat);
    Map<Person, String> nat =
        Quotas.assign(
            fresh,
            natQuota,
            (p, cc) -> nationalityAffinity(cc, lastEpisode(p).lists, lastEpisode(p).form),
            rng);
    Map<String, Integer> sexQuota = Quotas.subtract(CalibrationTargets.sexes(year, n), fixedSex);
    Map<Person, String> sex =
        Quotas.assign(fresh, sexQuota, (p, s) -> sexAffinity(s, lastEpisode(p).form), rng);
    int minors = Math.max(0, CalibrationTargets.minors(year, n) - fixedMinors);
    minors = Math.min(minors, fresh.size());
    Map<Boolean, Integer> minorQuota = new LinkedHashMap<>();
    minorQuota.put(true, minors);
    minorQuota.put(false, fresh.size() - minors);
    Map<Person, Boolean> minor =
        Quotas.assign(
            fresh,
            minorQuota,
            (p, m) -> m ? minorAffinity(nat.get(p), sex.get(p), lastEpisode(p)) : 1,
            rng);
    for (Person p : fresh) {
      LocalDate first = lastEpisode(p).firstDate();
      int age = minor.get(p) ? minorAge(rng) : adultAge(rng);
      LocalDate dob = first.minusYears(age).minusDays(rng.nextInt(365));
      p.identity = identities.create(sex.get(p), dob, nat.get(p), p.index, first, rng);
      p.residence = municipalities.sample(rng);
    }
  }

  static double nationalityAffinity(String cc, Set<RegistrationList> lists, ExploitationForm form) {
    double a = 1;
    boolean labour = form == ExploitationForm.LABOUR || form == ExploitationForm.CRIMINAL;
    switch (cc) {
      case "NL" -> {
        a *= lists.contains(RegistrationList.KMAR) ? 0.1 : 1;
        a *= lists.contains(RegistrationList.INSPECTORATE) ? 0.3 : 1;
        a *= form == ExploitationForm.SEXUAL ? 1.3 : labour ? 0.6 : 1;
      }
      case "PL", "LT", "SK", "UA" -> {
        a *= lists.contains(RegistrationList.INSPECTORATE) ? 3 : 1;
        a *= form == ExploitationForm.LABOUR ? 2 : 1;
      }
      case "RO", "BG", "HU" -> a *= form == ExploitationForm.SEXUAL ? 1.5 : 1;
      case "NG", "UG", "GH", "ER" -> {
        a *= lists.contains(RegistrationList.KMAR) ? 2 : 1;
        a *= form == ExploitationForm.SEXUAL ? 1.5 : 1;
      }
      case "CN", "VN", "IN", "PH", "TH" -> {
        a *= lists.contains(RegistrationList.INSPECTORATE) ? 2 : 1;
        a *= labour ? 2 : 1;
      }
      default -> {}
    }
    return a;
  }

  static double sexAffinity(String sex, ExploitationForm form) {
    return switch (sex) {
      case "F" ->
          switch (form) {
            case SEXUAL -> 9;
            case LABOUR -> 0.5;
            case CRIMINAL -> 0.8;
            case SEXUAL_AND_LABOUR -> 3;
            default -> 1.5;
          };
      case "M" ->
          switch (form) {
            case SEXUAL -> 0.3;
            case LABOUR -> 2.5;
            case CRIMINAL -> 1.8;
            default -> 1;
          };
      default -> 1;
    };
  }

  /** Minors are mostly Dutch girls exploited sexually or criminally (loverboy cases). */
  static double minorAffinity(String nationality, String sex, Person.Episode e) {
    double a = nationality.equals("NL") ? 4 : 1;
    a *= sex.equals("F") ? 1.5 : 1;
    a *=
        switch (e.form) {
          case SEXUAL -> 2;
          case CRIMINAL -> 1.5;
          case LABOUR -> 0.2;
          default -> 1;
        };
    if (e.lists.contains(RegistrationList.INSPECTORATE)) {
      a *= 0.05;
    }
    if (e.lists.contains(RegistrationList.KMAR)) {
      a *= 0.5;
    }
    return a;
  }

  private static final int[] MINOR_AGES = {12, 13, 14, 15, 16, 17};
  private static final double[] MINOR_AGE_WEIGHTS = {0.05, 0.07, 0.12, 0.20, 0.26, 0.30};

  static int minorAge(SplittableRandom rng) {
    return MINOR_AGES[Quotas.pick(MINOR_AGE_WEIGHTS, rng)];
  }

  /** Adults: 18-22 25%, 23-29 30%, 30-39 25%, 40-59 20% (assumption). */
  static int adultAge(SplittableRandom rng) {
    double u = rng.nextDouble();
    if (u < 0.25) {
      return 18 + rng.nextInt(5);
    }
    if (u < 0.55) {
      return 23 + rng.nextInt(7);
    }
    if (u < 0.80) {
      return 30 + rng.nextInt(10);
    }
    return 40 + rng.nextInt(20);
  }

  /** Hidden victims: attributes drawn from the year's shares (no quota: nobody counts them). */
  private void createHiddenIdentity(int year, Person p, SplittableRandom rng) {
    String nat =
        Quotas.pick(
            nationalityShares.computeIfAbsent(year, CalibrationTargets::nationalityShares), rng);
    double female = CalibrationTargets.femaleShare(year);
    String sex = rng.nextDouble() < female ? "F" : "M";
    LocalDate when = randomDay(year, rng);
    int age =
        rng.nextDouble() < CalibrationTargets.minorShare(year) ? minorAge(rng) : adultAge(rng);
    LocalDate dob = when.minusYears(age).minusDays(rng.nextInt(365));
    p.identity = identities.create(sex, dob, nat, p.index, when, rng);
    p.residence = municipalities.sample(rng);
  }

  /**
   * The form code on each record: the episode's form; a person with two forms has at least two
   * records, the first of each form.
   */
  private static void writeFormCodes(Person.Episode e, SplittableRandom rng) {
    List<String> codes = e.form.codes();
    if (codes.size() > 1 && e.registrations.size() < codes.size()) {
      Person.Registration last = e.registrations.get(e.registrations.size() - 1);
      LocalDate d = min(last.date().plusDays(7 + rng.nextInt(54)), LocalDate.of(e.year, 12, 31));
      e.registrations.add(new Person.Registration(last.list(), d, null));
    }
    e.registrations.sort(java.util.Comparator.comparing(Person.Registration::date));
    for (int i = 0; i < e.registrations.size(); i++) {
      Person.Registration r = e.registrations.get(i);
      String code = i < codes.size() ? codes.get(i) : codes.get(rng.nextInt(codes.size()));
      e.registrations.set(i, new Person.Registration(r.list(), r.date(), code));
    }
  }

  static LocalDate randomDay(int year, SplittableRandom rng) {
    return LocalDate.ofYearDay(year, 1 + rng.nextInt(Year.of(year).length()));
  }

  static LocalDate min(LocalDate a, LocalDate b) {
    return a.isBefore(b) ? a : b;
  }
}
