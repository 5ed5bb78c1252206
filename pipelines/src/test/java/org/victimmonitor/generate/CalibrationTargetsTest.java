package org.victimmonitor.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CalibrationTargetsTest {

  @Test
  void publishedSeriesAndItsScaledVersions() {
    int[] published = {1255, 1150, 952, 958, 668, 1334, 984, 791};
    for (int i = 0; i < published.length; i++) {
      int year = 2014 + i;
      assertThat(CalibrationTargets.registered(year)).isEqualTo(published[i]);
      assertThat(CalibrationTargets.registered(year, Scale.NATIONAL)).isEqualTo(published[i]);
      assertThat(CalibrationTargets.registered(year, Scale.TINY))
          .isEqualTo((int) Math.round(published[i] * 0.05));
    }
  }

  @Test
  void publishedFormCountsAreReproducedAtNationalScale() {
    Map<ExploitationForm, Integer> f2018 = CalibrationTargets.forms(2018, 668);
    assertThat(f2018.get(ExploitationForm.SEXUAL)).isEqualTo(458);
    assertThat(f2018.get(ExploitationForm.SEXUAL_AND_LABOUR)).isEqualTo(28);
    assertThat(f2018.get(ExploitationForm.OTHER) + f2018.get(ExploitationForm.UNKNOWN))
        .isEqualTo(40);
    Map<ExploitationForm, Integer> f2019 = CalibrationTargets.forms(2019, 1334);
    assertThat(f2019.get(ExploitationForm.SEXUAL)).isEqualTo(849);
    assertThat(f2019.get(ExploitationForm.LABOUR) + f2019.get(ExploitationForm.CRIMINAL))
        .isEqualTo(424);
    // 2020: 1,049 forms for 984 persons.
    Map<ExploitationForm, Integer> f2020 = CalibrationTargets.forms(2020, 984);
    int sexual = f2020.get(ExploitationForm.SEXUAL) + f2020.get(ExploitationForm.SEXUAL_AND_LABOUR);
    int labour =
        f2020.get(ExploitationForm.LABOUR)
            + f2020.get(ExploitationForm.CRIMINAL)
            + f2020.get(ExploitationForm.SEXUAL_AND_LABOUR);
    assertThat(sexual).isEqualTo(408);
    assertThat(labour).isEqualTo(603);
    for (int year = 2010; year <= 2025; year++) {
      assertThat(
              CalibrationTargets.forms(year, 777).values().stream()
                  .mapToInt(Integer::intValue)
                  .sum())
          .isEqualTo(777);
    }
  }

  @Test
  void minorsSexAndNationalitiesAsPublished() {
    assertThat(CalibrationTargets.minors(2016, 952)).isEqualTo(227);
    assertThat(CalibrationTargets.minors(2020, 984)).isEqualTo(68);
    assertThat(CalibrationTargets.sexes(2020, 984).get("F")).isEqualTo(547);
    assertThat(CalibrationTargets.sexes(2017, 958).get("F")).isEqualTo(690); // 72%
    Map<String, Integer> n2019 = CalibrationTargets.nationalities(2019, 1334);
    assertThat(n2019).containsEntry("NG", 512).containsEntry("NL", 244).containsEntry("UG", 91);
    assertThat(CalibrationTargets.nationalities(2017, 958).get("NL")).isEqualTo(345); // 36%
    Map<String, Integer> n2020 = CalibrationTargets.nationalities(2020, 984);
    assertThat(n2020.get("PL")).isGreaterThan(n2020.get("NG")).isGreaterThan(n2020.get("NL"));
    for (int year = 2014; year <= 2021; year++) {
      double sum =
          CalibrationTargets.nationalityShares(year).values().stream()
              .mapToDouble(Double::doubleValue)
              .sum();
      assertThat(sum).isCloseTo(1.0, within(1e-9));
    }
  }

  @Test
  void captureModelHitsTheCaptureProbabilityAndNeverPutsKmarWithInspectorate() {
    for (int year = 2014; year <= 2021; year++) {
      CaptureModel m = CaptureModel.forYear(year);
      assertThat(m.probabilityCaptured())
          .isCloseTo(CalibrationTargets.CAPTURE_PROBABILITY, within(1e-6));
      assertThat(m.probability(RegistrationList.POLICE))
          .isGreaterThan(m.probability(RegistrationList.CARE))
          .isGreaterThan(m.probability(RegistrationList.KMAR));
    }
    CaptureModel m = CaptureModel.forYear(2018);
    java.util.SplittableRandom rng = new java.util.SplittableRandom(5);
    int captured = 0;
    int n = 200_000;
    for (int i = 0; i < n; i++) {
      var lists = m.draw(rng);
      assertThat(
              lists.contains(RegistrationList.KMAR)
                  && lists.contains(RegistrationList.INSPECTORATE))
          .isFalse();
      if (!lists.isEmpty()) {
        captured++;
      }
    }
    assertThat(captured / (double) n)
        .isCloseTo(CalibrationTargets.CAPTURE_PROBABILITY, within(0.005));
  }
}
