package org.victimmonitor.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The population model and the follow-up planting in memory, at half the national scale: large
 * enough for the hidden-victim ratio to be stable, small enough to run in a second.
 */
class PopulationModelTest {

  static final Scale HALF = new Scale("half", 0.5, 0);
  static final YearRange YEARS = new YearRange(2014, 2021);
  static PopulationModel.VictimPopulation population;
  static List<Person> registered;

  @BeforeAll
  static void build() {
    GeneratorConfig config = GeneratorConfig.of(HALF, YEARS, 3);
    population =
        new PopulationModel(
                config, NameLists.load(SyntheticDataGenerator.countries()), Municipalities.load())
            .build();
    registered = population.registered();
    new FollowUpPlanter().plant(registered, new SplittableRandom(3));
  }

  @Test
  void registeredPersonsPerYearAreExactlyTheScaledTargets() {
    for (int year : YEARS.years()) {
      int target = (int) Math.round(CalibrationTargets.registered(year) * 0.5);
      assertThat(population.years().get(year).registered()).isEqualTo(target);
      long persons =
          population.persons().stream()
              .filter(p -> p.episodes.stream().anyMatch(e -> e.year == year))
              .count();
      assertThat(persons).isEqualTo(target);
    }
  }

  @Test
  void hiddenVictimsAreFourToSixTimesTheRegistered() {
    int registeredSum = 0;
    int hidden = 0;
    for (PopulationModel.YearFigures f : population.years().values()) {
      registeredSum += f.registered();
      hidden += f.hidden();
      assertThat(f.truePopulation() / (double) f.registered()).isBetween(4.0, 7.0);
    }
    assertThat(hidden / (double) registeredSum).isBetween(4.0, 6.0);
    assertThat((hidden + registeredSum) / (double) registeredSum).isBetween(5.0, 6.0);
  }

  @Test
  void publishedMixIsReproducedPerYear() {
    int n2019 = population.years().get(2019).registered();
    long nigerians =
        registered.stream()
            .filter(p -> p.identity.nationality().equals("NG"))
            .filter(p -> p.episodes.stream().anyMatch(e -> e.year == 2019))
            .count();
    assertThat(nigerians).isEqualTo(Math.round(512 * 0.5));
    long minors2016 =
        registered.stream()
            .flatMap(
                p ->
                    p.episodes.stream()
                        .filter(e -> e.year == 2016)
                        .map(e -> p.ageOn(e.firstDate()) < 18))
            .filter(m -> m)
            .count();
    assertThat(minors2016).isEqualTo(CalibrationTargets.minors(2016, 476));
    var figures = population.years().get(2018);
    assertThat(figures.personsPerList().get(RegistrationList.POLICE))
        .isGreaterThan(figures.personsPerList().get(RegistrationList.CARE));
    assertThat(n2019).isEqualTo(667);
    // Inspectorate cases are mostly labour exploitation.
    long insp = 0;
    long inspLabour = 0;
    for (Person p : registered) {
      for (Person.Episode e : p.episodes) {
        if (e.lists.contains(RegistrationList.INSPECTORATE)) {
          insp++;
          inspLabour +=
              e.form == ExploitationForm.LABOUR || e.form == ExploitationForm.CRIMINAL ? 1 : 0;
        }
      }
    }
    assertThat(inspLabour / (double) insp).isGreaterThan(0.6);
  }

  @Test
  void repeatVictimisationIsExactAndYoungPeopleAreAtHigherRisk() {
    int n = registered.size();
    long within5 = registered.stream().filter(p -> p.repeatYear >= 1 && p.repeatYear <= 5).count();
    long within7 = registered.stream().filter(p -> p.repeatYear >= 1).count();
    assertThat(within5).isEqualTo(Math.round(0.45 * n));
    assertThat(within7).isEqualTo(Math.round(0.50 * n));
    for (String type : CalibrationTargets.REPEAT_BY_TYPE_5Y.keySet()) {
      long c = registered.stream().filter(p -> PlantedFigures.hasRepeat(p, type, 5)).count();
      assertThat(c / (double) n)
          .as(type)
          .isCloseTo(CalibrationTargets.REPEAT_BY_TYPE_5Y.get(type), within(0.001));
    }
    for (Person p : registered) {
      if (p.repeatYear > 0) {
        LocalDate first = p.firstRegistration();
        assertThat(p.repeatFirstDate).isAfter(first.plusYears(p.repeatYear - 1L));
        assertThat(p.repeatFirstDate).isBefore(first.plusYears(p.repeatYear));
      }
      // Nothing counted as repeat before the first planted repeat date.
      for (Person.PlantedEvent e : p.victimisations) {
        if (e.date().isAfter(p.firstRegistration())) {
          assertThat(e.kind()).isEqualTo("repeat");
          assertThat(e.date()).isAfterOrEqualTo(p.repeatFirstDate);
        }
      }
    }
    double minors = share5(registered.stream().filter(Person::minorAtFirstRegistration).toList());
    double older =
        share5(registered.stream().filter(p -> p.ageOn(p.firstRegistration()) >= 23).toList());
    assertThat(minors).isGreaterThan(older + 0.1);
  }

  static double share5(List<Person> ps) {
    return ps.stream().filter(p -> p.repeatYear >= 1 && p.repeatYear <= 5).count()
        / (double) ps.size();
  }

  @Test
  void suspectsAndSupportAtTheirPlantedShares() {
    int n = registered.size();
    assertThat(registered.stream().filter(p -> p.suspectBefore != null).count())
        .isEqualTo(Math.round(0.08 * n));
    assertThat(registered.stream().filter(p -> p.suspectAfter != null).count())
        .isEqualTo(Math.round(0.12 * n));
    assertThat(registered.stream().filter(p -> !p.support.isEmpty()).count())
        .isEqualTo(Math.round(0.40 * n));
    double minors =
        registered.stream()
                .filter(Person::minorAtFirstRegistration)
                .filter(p -> !p.support.isEmpty())
                .count()
            / (double) registered.stream().filter(Person::minorAtFirstRegistration).count();
    assertThat(minors).isGreaterThan(0.5);
  }
}
