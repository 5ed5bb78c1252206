package org.victimmonitor.generate;

import java.util.EnumSet;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Whether a victim of a year ends up on each registering list. Per-list probabilities follow the
 * year's published source mix, scaled so that a victim is on at least one list with probability
 * {@link CalibrationTargets#CAPTURE_PROBABILITY}. Lists are independent except for two planted
 * dependencies a population estimate must model: police and care are positively dependent (relative
 * risk {@link CalibrationTargets#POLICE_CARE_RELATIVE_RISK}), and border police and labour
 * inspectorate never register the same person (a structural zero).
 */
public final class CaptureModel {

  final double police;
  final double kmar;
  final double inspectorate;
  final double careGivenPolice;
  final double careGivenNoPolice;

  CaptureModel(double police, double kmar, double inspectorate, double care, double relativeRisk) {
    this.police = police;
    this.kmar = kmar;
    this.inspectorate = inspectorate;
    this.careGivenNoPolice = care / (1 + (relativeRisk - 1) * police);
    this.careGivenPolice = Math.min(1, relativeRisk * careGivenNoPolice);
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
        CalibrationTargets.POLICE_CARE_RELATIVE_RISK);
  }

  /** Probability of being on at least one list. */
  public double probabilityCaptured() {
    double none = (1 - kmar - inspectorate) * (1 - police) * (1 - careGivenNoPolice);
    return 1 - none;
  }

  /** Marginal probability of being on the list. */
  public double probability(RegistrationList list) {
    return switch (list) {
      case POLICE -> police;
      case KMAR -> kmar;
      case INSPECTORATE -> inspectorate;
      case CARE -> police * careGivenPolice + (1 - police) * careGivenNoPolice;
    };
  }

  /** The lists one victim is on (empty: a hidden victim that year). */
  public EnumSet<RegistrationList> draw(SplittableRandom rng) {
    EnumSet<RegistrationList> s = EnumSet.noneOf(RegistrationList.class);
    boolean p = rng.nextDouble() < police;
    if (p) {
      s.add(RegistrationList.POLICE);
    }
    if (rng.nextDouble() < (p ? careGivenPolice : careGivenNoPolice)) {
      s.add(RegistrationList.CARE);
    }
    double u = rng.nextDouble();
    if (u < kmar) {
      s.add(RegistrationList.KMAR);
    } else if (u < kmar + inspectorate) {
      s.add(RegistrationList.INSPECTORATE);
    }
    return s;
  }
}
