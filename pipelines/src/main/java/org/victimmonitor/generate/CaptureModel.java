package org.victimmonitor.generate;

import java.util.EnumSet;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Whether a victim of a year ends up on each registering list. Per-list probabilities follow the
 * year's published source mix, scaled so that a victim is on at least one list with probability
 * {@link CalibrationTargets#CAPTURE_PROBABILITY}. The two large lists (police, care) are
 * independent; the dependencies a population estimate must find involve the small lists, where the
 * large ones let a log-linear model identify them: a person reported by the border police is more
 * often also reported by the police ({@link CalibrationTargets#KMAR_POLICE_RELATIVE_RISK}), a
 * person found by the labour inspectorate more often registered by care ({@link
 * CalibrationTargets#INSPECTORATE_CARE_RELATIVE_RISK}), and border police and labour inspectorate
 * never register the same person (a structural zero).
 */
public final class CaptureModel {

  final double police;
  final double care;
  final double kmarGivenPolice;
  final double kmarGivenNoPolice;
  final double inspectorateGivenCare;
  final double inspectorateGivenNoCare;

  CaptureModel(
      double police,
      double kmar,
      double inspectorate,
      double care,
      double kmarPoliceRisk,
      double inspectorateCareRisk) {
    this.police = police;
    this.care = care;
    this.kmarGivenNoPolice = kmar / (1 + (kmarPoliceRisk - 1) * police);
    this.kmarGivenPolice = kmarPoliceRisk * kmarGivenNoPolice;
    this.inspectorateGivenNoCare = inspectorate / (1 + (inspectorateCareRisk - 1) * care);
    this.inspectorateGivenCare = inspectorateCareRisk * inspectorateGivenNoCare;
  }

  /** The model of a year, solved for the target capture probability. */
  public static CaptureModel forYear(int year) {
    Map<RegistrationList, Double> w = CalibrationTargets.listWeights(year);
    double lo = 0;
    double hi = 1;
    for (int i = 0; i < 60; i++) {
      double mid = (lo + hi) / 2;
      if (scaled(w, mid).probabilityCaptured() < CalibrationTargets.CAPTURE_PROBABILITY) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return scaled(w, (lo + hi) / 2);
  }

  private static CaptureModel scaled(Map<RegistrationList, Double> w, double lambda) {
    return new CaptureModel(
        lambda * w.get(RegistrationList.POLICE),
        lambda * w.get(RegistrationList.KMAR),
        lambda * w.get(RegistrationList.INSPECTORATE),
        lambda * w.get(RegistrationList.CARE),
        CalibrationTargets.KMAR_POLICE_RELATIVE_RISK,
        CalibrationTargets.INSPECTORATE_CARE_RELATIVE_RISK);
  }

  /** Probability of being on at least one list. */
  public double probabilityCaptured() {
    return 1 - (1 - police) * (1 - care) * (1 - kmarGivenNoPolice - inspectorateGivenNoCare);
  }

  /** Marginal probability of being on the list. */
  public double probability(RegistrationList list) {
    return switch (list) {
      case POLICE -> police;
      case CARE -> care;
      case KMAR -> police * kmarGivenPolice + (1 - police) * kmarGivenNoPolice;
      case INSPECTORATE -> care * inspectorateGivenCare + (1 - care) * inspectorateGivenNoCare;
    };
  }

  /** The lists one victim is on (empty: a hidden victim that year). */
  public EnumSet<RegistrationList> draw(SplittableRandom rng) {
    EnumSet<RegistrationList> s = EnumSet.noneOf(RegistrationList.class);
    boolean p = rng.nextDouble() < police;
    boolean c = rng.nextDouble() < care;
    if (p) {
      s.add(RegistrationList.POLICE);
    }
    if (c) {
      s.add(RegistrationList.CARE);
    }
    // Border police and inspectorate exclude each other: one draw over {kmar, inspectorate, none}.
    double k = p ? kmarGivenPolice : kmarGivenNoPolice;
    double i = c ? inspectorateGivenCare : inspectorateGivenNoCare;
    double u = rng.nextDouble();
    if (u < k) {
      s.add(RegistrationList.KMAR);
    } else if (u < k + i) {
      s.add(RegistrationList.INSPECTORATE);
    }
    return s;
  }
}
