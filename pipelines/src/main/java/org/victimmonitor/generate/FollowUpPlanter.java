package org.victimmonitor.generate;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Plants what happens to registered persons around their first registration, in police and
 * municipal records:
 *
 * <ul>
 *   <li>Repeat victimisation ({@code police/victimisation}): registered persons are put in a
 *       weighted random order (minors twice, 18-22-year-olds 1.5 times the weight of older victims;
 *       re-registered persons and criminal exploitation higher too), and the first {@code round(c_k
 *       N)} have their first later victimisation in year k after the first registration, with c =
 *       {@link CalibrationTargets#REPEAT_CUMULATIVE}: the cumulative share is exact by construction
 *       (45% at 5 years, 50% at 7). Event dates keep two days away from the year boundaries so any
 *       reasonable "within k years" gives the same answer. Crime types within 5 years are exact
 *       quotas too ({@link CalibrationTargets#REPEAT_BY_TYPE_5Y}).
 *   <li>Not counted as repeat: the registration's own incident (a trafficking victimisation dated
 *       1-30 days before the first registration, for half of the persons first reported by the
 *       police) and earlier victimisations (20% of persons).
 *   <li>Victim-offender overlap ({@code police/suspect}): exactly {@link
 *       CalibrationTargets#SUSPECT_BEFORE_SHARE} with a suspect record in the 5 years before the
 *       first registration and {@link CalibrationTargets#SUSPECT_AFTER_SHARE} in the 7 years after
 *       (criminal exploitation much more often).
 *   <li>Municipal support ({@code municipality/support}): exactly {@link
 *       CalibrationTargets#SUPPORT_SHARE} get 1-3 trajectories, 85% starting within 12 months of
 *       registration; minors and persons registered by care more often.
 * </ul>
 *
 * Events are latent: the extract writer keeps only those inside the data window (censoring at the
 * end of data), while planted.json reports the latent figures over all registered persons.
 */
final class FollowUpPlanter {

  /** Days kept away from the k-year boundaries when dating repeat victimisations. */
  static final int MARGIN_DAYS = 2;

  static final Map<String, Double> VICTIM_CRIME_MIX =
      ordered(
          "property", 0.45, "violence", 0.25, "sexual", 0.05, "trafficking", 0.05, "other", 0.20);
  static final Map<String, Double> SUSPECT_CRIME_MIX =
      ordered(
          "property", 0.35, "violence", 0.20, "sexual", 0.05, "trafficking", 0.10, "other", 0.30);
  static final Map<String, Double> SUPPORT_ADULT =
      ordered(
          "care_coordination",
          0.25,
          "shelter",
          0.20,
          "healthcare",
          0.15,
          "legal_aid",
          0.12,
          "income",
          0.12,
          "housing",
          0.10,
          "education_work",
          0.06);
  static final Map<String, Double> SUPPORT_MINOR =
      ordered(
          "care_coordination",
          0.30,
          "shelter",
          0.25,
          "education_work",
          0.20,
          "healthcare",
          0.15,
          "legal_aid",
          0.10);

  void plant(List<Person> registered, SplittableRandom rng) {
    plantRepeatVictimisation(registered, rng);
    plantOtherVictimisations(registered, rng);
    plantSuspects(registered, rng);
    plantSupport(registered, rng);
  }

  static double repeatWeight(Person p) {
    int age = p.ageOn(p.firstRegistration());
    double w = age < 18 ? 2.0 : age <= 22 ? 1.5 : 1.0;
    if (p.episodes.size() > 1) {
      w *= 1.5;
    }
    if (p.firstEpisode().form == ExploitationForm.CRIMINAL) {
      w *= 1.3;
    }
    return w;
  }

  private void plantRepeatVictimisation(List<Person> registered, SplittableRandom rng) {
    int n = registered.size();
    double[] c = CalibrationTargets.REPEAT_CUMULATIVE;
    int[] cum = new int[c.length];
    for (int k = 0; k < c.length; k++) {
      cum[k] = (int) Math.round(c[k] * n);
    }
    List<Person> order = Quotas.weightedOrder(registered, FollowUpPlanter::repeatWeight, rng);
    for (int i = 0; i < order.size(); i++) {
      Person p = order.get(i);
      int k = 0;
      while (k < cum.length && i >= cum[k]) {
        k++;
      }
      p.repeatYear = k < cum.length ? k + 1 : 0;
      if (p.repeatYear > 0) {
        LocalDate first = p.firstRegistration();
        p.repeatFirstDate =
            between(
                first.plusYears(p.repeatYear - 1L).plusDays(MARGIN_DAYS + 1),
                first.plusYears(p.repeatYear).minusDays(MARGIN_DAYS),
                rng);
      }
    }
    List<Person> within5 =
        registered.stream().filter(p -> p.repeatYear >= 1 && p.repeatYear <= 5).toList();
    for (Map.Entry<String, Double> e : CalibrationTargets.REPEAT_BY_TYPE_5Y.entrySet()) {
      String type = e.getKey();
      int quota = (int) Math.round(e.getValue() * n);
      for (Person p : Quotas.weightedSample(within5, quota, q -> typeWeight(q, type), rng)) {
        p.repeatTypesWithin5Years.add(type);
      }
    }
    for (Person p : registered) {
      if (p.repeatYear == 0) {
        continue;
      }
      LocalDate first = p.firstRegistration();
      LocalDate limit5 = first.plusYears(5).minusDays(MARGIN_DAYS);
      LocalDate horizon = first.plusYears(10);
      if (p.repeatYear <= 5) {
        List<String> types = new ArrayList<>(p.repeatTypesWithin5Years);
        if (types.isEmpty()) {
          types.add("other");
        }
        p.repeatFirstType = types.get(rng.nextInt(types.size()));
        add(p, p.repeatFirstDate, p.repeatFirstType, "repeat");
        LocalDate next = p.repeatFirstDate.plusDays(1);
        for (String t : types) {
          if (!t.equals(p.repeatFirstType)) {
            add(
                p,
                next.isAfter(limit5) ? p.repeatFirstDate : between(next, limit5, rng),
                t,
                "repeat");
          }
        }
        if (rng.nextDouble() < 0.35) {
          List<String> extra = new ArrayList<>(types);
          if (!extra.contains("other")) {
            extra.add("other");
          }
          String t = extra.get(rng.nextInt(extra.size()));
          add(
              p,
              next.isAfter(limit5) ? p.repeatFirstDate : between(next, limit5, rng),
              t,
              "repeat");
        }
        if (rng.nextDouble() < 0.4) {
          int m = 1 + rng.nextInt(2);
          for (int i = 0; i < m; i++) {
            LocalDate d = between(first.plusYears(5).plusDays(MARGIN_DAYS + 1), horizon, rng);
            add(p, d, Quotas.pick(VICTIM_CRIME_MIX, rng), "repeat");
          }
        }
      } else {
        p.repeatFirstType = Quotas.pick(VICTIM_CRIME_MIX, rng);
        add(p, p.repeatFirstDate, p.repeatFirstType, "repeat");
        if (rng.nextDouble() < 0.4) {
          add(
              p,
              between(p.repeatFirstDate, horizon, rng),
              Quotas.pick(VICTIM_CRIME_MIX, rng),
              "repeat");
        }
      }
    }
  }

  static double typeWeight(Person p, String type) {
    boolean female = p.identity.sex().equals("F");
    boolean minor = p.minorAtFirstRegistration();
    return switch (type) {
      case "violence" -> (female ? 1.2 : 1) * (minor ? 1.3 : 1);
      case "trafficking" ->
          (p.episodes.size() > 1 ? 3 : 1)
              * (p.firstEpisode().form == ExploitationForm.SEXUAL ? 1.5 : 1);
      case "sexual" -> (female ? 3 : 1) * (minor ? 2 : 1);
      default -> 1;
    };
  }

  /** The registration's own incident and victimisations before it: not repeat victimisation. */
  private void plantOtherVictimisations(List<Person> registered, SplittableRandom rng) {
    for (Person p : registered) {
      LocalDate first = p.firstRegistration();
      boolean policeFirst =
          p.firstEpisode().registrations.stream()
              .anyMatch(r -> r.list() == RegistrationList.POLICE);
      if (policeFirst && rng.nextDouble() < 0.5) {
        add(p, first.minusDays(1 + rng.nextInt(30)), "trafficking", "own_incident");
      }
      if (rng.nextDouble() < 0.20) {
        int m = 1 + rng.nextInt(2);
        for (int i = 0; i < m; i++) {
          add(
              p,
              between(first.minusYears(5), first.minusDays(31), rng),
              Quotas.pick(VICTIM_CRIME_MIX, rng),
              "before");
        }
      }
    }
  }

  private void plantSuspects(List<Person> registered, SplittableRandom rng) {
    int n = registered.size();
    int before = (int) Math.round(CalibrationTargets.SUSPECT_BEFORE_SHARE * n);
    int after = (int) Math.round(CalibrationTargets.SUSPECT_AFTER_SHARE * n);
    for (Person p : Quotas.weightedSample(registered, before, q -> suspectWeight(q, false), rng)) {
      LocalDate first = p.firstRegistration();
      int m = rng.nextDouble() < 0.25 ? 2 : 1;
      for (int i = 0; i < m; i++) {
        LocalDate d = between(first.minusYears(5), first.minusDays(31), rng);
        p.suspicions.add(new Person.PlantedEvent(d, suspectCrime(p, rng), "before"));
        if (p.suspectBefore == null || d.isBefore(p.suspectBefore)) {
          p.suspectBefore = d;
        }
      }
    }
    for (Person p : Quotas.weightedSample(registered, after, q -> suspectWeight(q, true), rng)) {
      LocalDate first = p.firstRegistration();
      int m = rng.nextDouble() < 0.3 ? 2 : 1;
      for (int i = 0; i < m; i++) {
        LocalDate d = between(first.plusDays(31), first.plusYears(7), rng);
        p.suspicions.add(new Person.PlantedEvent(d, suspectCrime(p, rng), "after"));
        if (p.suspectAfter == null || d.isBefore(p.suspectAfter)) {
          p.suspectAfter = d;
        }
      }
    }
    registered.forEach(
        p -> p.suspicions.sort(java.util.Comparator.comparing(Person.PlantedEvent::date)));
  }

  static double suspectWeight(Person p, boolean after) {
    double w = p.firstEpisode().form == ExploitationForm.CRIMINAL ? (after ? 3 : 4) : 1;
    w *= p.identity.sex().equals("M") ? 1.5 : 1;
    int age = p.ageOn(p.firstRegistration());
    w *= after ? (age <= 22 ? 1.5 : 1) : (age >= 18 ? 1.3 : 1);
    return w;
  }

  private static String suspectCrime(Person p, SplittableRandom rng) {
    if (p.firstEpisode().form == ExploitationForm.CRIMINAL && rng.nextBoolean()) {
      return "other"; // drug offences, the typical crime criminal exploitation forces
    }
    return Quotas.pick(SUSPECT_CRIME_MIX, rng);
  }

  private void plantSupport(List<Person> registered, SplittableRandom rng) {
    int k = (int) Math.round(CalibrationTargets.SUPPORT_SHARE * registered.size());
    for (Person p : Quotas.weightedSample(registered, k, FollowUpPlanter::supportWeight, rng)) {
      LocalDate first = p.firstRegistration();
      LocalDate start =
          rng.nextDouble() < 0.85
              ? first.plusDays((long) Math.floor(364 * Math.pow(rng.nextDouble(), 1.5)))
              : first.plusDays(366 + rng.nextInt(730));
      boolean minor = p.minorAtFirstRegistration();
      Map<String, Double> mix = new LinkedHashMap<>(minor ? SUPPORT_MINOR : SUPPORT_ADULT);
      double u = rng.nextDouble();
      int m = u < 0.55 ? 1 : u < 0.85 ? 2 : 3;
      for (int i = 0; i < m && !mix.isEmpty(); i++) {
        String type = Quotas.pick(mix, rng);
        mix.remove(type);
        LocalDate end = start.plusDays(30 + rng.nextInt(511));
        p.support.add(new Person.SupportTrajectory(type, start, end));
        start = start.plusDays(rng.nextInt(181));
      }
    }
  }

  static double supportWeight(Person p) {
    double w = p.minorAtFirstRegistration() ? 2.5 : 1;
    w *= p.allLists().contains(RegistrationList.CARE) ? 1.5 : 1;
    w *= p.identity.nationality().equals("NL") ? 1.2 : 1;
    return w;
  }

  private static void add(Person p, LocalDate d, String type, String kind) {
    p.victimisations.add(new Person.PlantedEvent(d, type, kind));
  }

  /** A uniformly random day from {@code a} to {@code b} inclusive ({@code a} if b is earlier). */
  static LocalDate between(LocalDate a, LocalDate b, SplittableRandom rng) {
    long days = ChronoUnit.DAYS.between(a, b);
    return days <= 0 ? a : a.plusDays(rng.nextLong(days + 1));
  }

  private static Map<String, Double> ordered(Object... kv) {
    Map<String, Double> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], (Double) kv[i + 1]);
    }
    return java.util.Collections.unmodifiableMap(m);
  }
}
