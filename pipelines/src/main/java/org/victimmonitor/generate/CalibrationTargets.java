package org.victimmonitor.generate;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The published figures the generator is calibrated to, from ../shared/design/CALIBRATION.md (Dutch
 * rapporteur's victim monitors, CoMensha yearly reports, WODC/UNODC estimates). Figures are per
 * registration year and count unique persons; years without a published figure use the defaults
 * named below, which are assumptions and are marked as such. The pipeline never reads these: they
 * are targets for the synthetic data only.
 */
public final class CalibrationTargets {

  /** CALIBRATION.md "Registered presumed victims per year". */
  static final Map<Integer, Integer> REGISTERED =
      Map.of(
          2014, 1255, 2015, 1150, 2016, 952, 2017, 958, 2018, 668, 2019, 1334, 2020, 984, 2021,
          791);

  /** Assumed for years outside 2014-2021: the mean of the published series. */
  static final int REGISTERED_DEFAULT = 1012;

  /**
   * Forms of exploitation (persons). CALIBRATION.md: 2016 sexual 523, labour/criminal 244 (split
   * 60/40 here), both 35, unknown 150; 2018 sexual 458, labour 142 (of which criminal assumed 30%),
   * both 28, unknown 40; 2019 sexual 849, labour 424 of which criminal 196, unknown 61; 2020 sexual
   * 408, labour 603 of which criminal 154, unknown 38, 1,049 forms for 984 persons, so 65 persons
   * with two forms (taken as sexual and labour). Of each year's "unknown", 15% is written as
   * "other" (forced begging, organ removal, forced marriage): the monitor's "other/unknown".
   */
  private static final Map<Integer, int[]> FORM_COUNTS =
      Map.of(
          // sexual, labour, criminal, sexual+labour, other/unknown
          2016, new int[] {523, 146, 98, 35, 150},
          2018, new int[] {458, 99, 43, 28, 40},
          2019, new int[] {849, 228, 196, 0, 61},
          2020, new int[] {343, 384, 154, 65, 38});

  /** 2017: "~58% sexual"; the rest split as in 2016 (assumption). */
  private static final double[] FORM_SHARES_2017 = {0.58, 0.20, 0.08, 0.03, 0.11};

  static final double OTHER_SHARE_OF_UNKNOWN = 0.15;

  /** Minors (< 18 at registration), persons. CALIBRATION.md 2016-2020. */
  private static final Map<Integer, Integer> MINORS =
      Map.of(2016, 227, 2017, 194, 2018, 62, 2019, 108, 2020, 68);

  /** Assumed minor shares: 2014-2015 like 2016 (24%), 2021 like 2020 (8%), else 15%. */
  private static final Map<Integer, Double> MINOR_SHARE_DEFAULT =
      Map.of(2014, 0.24, 2015, 0.24, 2021, 0.08);

  /**
   * Female share. CALIBRATION.md: 2017 72% female; 2020 547 women of 984. Other years assumed from
   * the form mix (sexual exploitation mostly women): 2014-2016 70%, 2018 76%, 2019 66%, 2021 58%.
   */
  private static final Map<Integer, Double> FEMALE_SHARE =
      Map.of(
          2014,
          0.70,
          2015,
          0.70,
          2016,
          0.70,
          2017,
          0.72,
          2018,
          0.76,
          2019,
          0.66,
          2020,
          547 / 984.0,
          2021,
          0.58);

  static final double SEX_X_SHARE = 0.001;

  /**
   * Default nationality mix of registered persons (assumption, in line with the monitors' top
   * nationalities: Dutch about a third, then Central/Eastern EU, Nigeria, and smaller groups);
   * 2017's published 36% Dutch equals the default.
   */
  static final Map<String, Double> NATIONALITY_DEFAULT = linked();

  static {
    String[] cc = {
      "NL", "RO", "NG", "HU", "PL", "BG", "CN", "VN", "MA", "SR", "UG", "UA", "ER", "SY", "IN",
      "BR", "SK", "TH", "PH", "AL", "GH", "LT", "DE"
    };
    double[] share = {
      0.36, 0.07, 0.07, 0.05, 0.06, 0.05, 0.03, 0.03, 0.02, 0.02, 0.02, 0.02, 0.02, 0.02, 0.02,
      0.02, 0.02, 0.02, 0.02, 0.02, 0.02, 0.01, 0.01
    };
    for (int i = 0; i < cc.length; i++) {
      NATIONALITY_DEFAULT.put(cc[i], share[i]);
    }
  }

  /**
   * Published nationality figures that override the default for a year; the other countries share
   * the rest in default proportions. CALIBRATION.md: 2019 Nigeria 512, Netherlands 244, Uganda 91
   * of 1,334; 2020 top nationalities Poland, Nigeria, Netherlands (shares assumed 17/15/14%). 2021
   * assumed like 2020.
   */
  private static final Map<Integer, Map<String, Double>> NATIONALITY_OVERRIDES =
      Map.of(
          2019, Map.of("NG", 512 / 1334.0, "NL", 244 / 1334.0, "UG", 91 / 1334.0),
          2020, Map.of("PL", 0.17, "NG", 0.15, "NL", 0.14),
          2021, Map.of("PL", 0.15, "NL", 0.20, "NG", 0.08, "UA", 0.04));

  /**
   * Persons per registering list (relative; the lists overlap). CALIBRATION.md: 2016 police 462,
   * care 240, inspectorate 38, border police 12 (the 352 from "other" reporters are not a list
   * here; the shares are scaled up instead); 2017 police 432, care 320; 2018 police 530, care 91,
   * inspectorate 75, border police 12; 2019 police 952, care 252. Missing lists and years use the
   * assumed default shares police 60%, care 34%, inspectorate 4.5%, border police 1.5%.
   */
  private static final Map<Integer, double[]> LIST_COUNTS =
      Map.of(
          // police, kmar, inspectorate, care
          2016, new double[] {462, 12, 38, 240},
          2017, new double[] {432, 0.015 * 958, 0.045 * 958, 320},
          2018, new double[] {530, 12, 75, 91},
          2019, new double[] {952, 0.015 * 1334, 0.045 * 1334, 252});

  private static final double[] LIST_SHARES_DEFAULT = {0.60, 0.015, 0.045, 0.34};

  /**
   * Probability that a victim of a year is on at least one list. CALIBRATION.md: multiple systems
   * estimates put the true number at 4-6 times the registered number; 0.18 gives a total of about
   * 5.6 and a hidden number of about 4.6 times the registered.
   */
  public static final double CAPTURE_PROBABILITY = 0.18;

  /**
   * List dependence (assumption): a person reported by the border police is this many times as
   * likely to be reported by the police too (referral after a border check).
   */
  public static final double KMAR_POLICE_RELATIVE_RISK = 3.0;

  /**
   * List dependence (assumption): a person registered by care is this many times as likely to have
   * been found by the labour inspectorate (the inspectorate refers victims to shelters).
   */
  public static final double INSPECTORATE_CARE_RELATIVE_RISK = 2.0;

  /**
   * Repeat victimisation, CALIBRATION.md: 45% registered as victim of a crime again within 5 years,
   * 50% within 7. Years 1-4 and 6 are an assumed concave curve through those points.
   */
  public static final double[] REPEAT_CUMULATIVE = {0.19, 0.28, 0.35, 0.405, 0.45, 0.48, 0.50};

  /**
   * Within 5 years by crime type, CALIBRATION.md: property 33%, violence 25%, trafficking 8%,
   * sexual 8% (a person can have several).
   */
  public static final Map<String, Double> REPEAT_BY_TYPE_5Y =
      orderedOf("property", 0.33, "violence", 0.25, "trafficking", 0.08, "sexual", 0.08);

  /** Victim-offender overlap (assumed from the monitor's order of magnitude). */
  public static final double SUSPECT_BEFORE_SHARE = 0.08;

  public static final double SUSPECT_AFTER_SHARE = 0.12;

  /** Share of registered persons with at least one municipal support trajectory (assumed). */
  public static final double SUPPORT_SHARE = 0.40;

  /** Registered persons who get a background namesake (same names and birth year). */
  public static final double NAMESAKE_SHARE = 0.03;

  private CalibrationTargets() {}

  /** Unique persons registered in the year, unscaled. */
  public static int registered(int year) {
    return REGISTERED.getOrDefault(year, REGISTERED_DEFAULT);
  }

  /** Unique persons registered in the year at this scale: round(target x factor). */
  public static int registered(int year, Scale scale) {
    return scale.scaled(registered(year));
  }

  /** Persons per form of exploitation for a year with {@code n} registered persons. */
  public static Map<ExploitationForm, Integer> forms(int year, int n) {
    double[] w;
    if (FORM_COUNTS.containsKey(year)) {
      int[] c = FORM_COUNTS.get(year);
      w = new double[] {c[0], c[1], c[2], c[3], c[4]};
    } else if (year == 2017) {
      w = FORM_SHARES_2017;
    } else {
      int[] c = FORM_COUNTS.get(year >= 2020 ? 2020 : 2016);
      w = new double[] {c[0], c[1], c[2], c[3], c[4]};
    }
    Map<ExploitationForm, Double> weights = new LinkedHashMap<>();
    weights.put(ExploitationForm.SEXUAL, w[0]);
    weights.put(ExploitationForm.LABOUR, w[1]);
    weights.put(ExploitationForm.CRIMINAL, w[2]);
    weights.put(ExploitationForm.SEXUAL_AND_LABOUR, w[3]);
    weights.put(ExploitationForm.OTHER, w[4] * OTHER_SHARE_OF_UNKNOWN);
    weights.put(ExploitationForm.UNKNOWN, w[4] * (1 - OTHER_SHARE_OF_UNKNOWN));
    return Quotas.apportion(weights, n);
  }

  /** Shares of the forms (for drawing hidden victims' forms). */
  static Map<ExploitationForm, Double> formShares(int year) {
    Map<ExploitationForm, Double> out = new LinkedHashMap<>();
    forms(year, 100_000).forEach((f, c) -> out.put(f, c / 100_000.0));
    return out;
  }

  /** Minors among {@code n} registered persons of the year. */
  public static int minors(int year, int n) {
    if (MINORS.containsKey(year)) {
      return (int) Math.round(n * MINORS.get(year) / (double) registered(year));
    }
    return (int) Math.round(n * minorShare(year));
  }

  static double minorShare(int year) {
    if (MINORS.containsKey(year)) {
      return MINORS.get(year) / (double) registered(year);
    }
    return MINOR_SHARE_DEFAULT.getOrDefault(year, 0.15);
  }

  public static double femaleShare(int year) {
    return FEMALE_SHARE.getOrDefault(year, 0.68);
  }

  /** Persons by sex (F, M, X) among {@code n} registered persons of the year. */
  public static Map<String, Integer> sexes(int year, int n) {
    Map<String, Double> w = new LinkedHashMap<>();
    w.put("F", femaleShare(year));
    w.put("M", 1 - femaleShare(year) - SEX_X_SHARE);
    w.put("X", SEX_X_SHARE);
    return Quotas.apportion(w, n);
  }

  /** Nationality shares of registered persons in the year (ISO alpha-2, summing to 1). */
  public static Map<String, Double> nationalityShares(int year) {
    Map<String, Double> fixed = NATIONALITY_OVERRIDES.getOrDefault(year, Map.of());
    double fixedTotal = fixed.values().stream().mapToDouble(Double::doubleValue).sum();
    double restDefault = 0;
    for (Map.Entry<String, Double> e : NATIONALITY_DEFAULT.entrySet()) {
      if (!fixed.containsKey(e.getKey())) {
        restDefault += e.getValue();
      }
    }
    Map<String, Double> out = new LinkedHashMap<>();
    for (Map.Entry<String, Double> e : NATIONALITY_DEFAULT.entrySet()) {
      String cc = e.getKey();
      out.put(
          cc,
          fixed.containsKey(cc) ? fixed.get(cc) : e.getValue() * (1 - fixedTotal) / restDefault);
    }
    return out;
  }

  /** Persons by nationality among {@code n} registered persons of the year. */
  public static Map<String, Integer> nationalities(int year, int n) {
    return Quotas.apportion(nationalityShares(year), n);
  }

  /** Relative number of persons per registering list in the year. */
  public static Map<RegistrationList, Double> listWeights(int year) {
    double[] c = LIST_COUNTS.get(year);
    if (c == null) {
      c = LIST_SHARES_DEFAULT;
    }
    Map<RegistrationList, Double> out = new EnumMap<>(RegistrationList.class);
    RegistrationList[] lists = RegistrationList.values();
    double total = 0;
    for (double v : c) {
      total += v;
    }
    for (int i = 0; i < lists.length; i++) {
      out.put(lists[i], c[i] / total);
    }
    return out;
  }

  /** The countries a name list is needed for. */
  public static List<String> countries() {
    return List.copyOf(NATIONALITY_DEFAULT.keySet());
  }

  private static LinkedHashMap<String, Double> linked() {
    return new LinkedHashMap<>();
  }

  private static Map<String, Double> orderedOf(Object... kv) {
    LinkedHashMap<String, Double> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], (Double) kv[i + 1]);
    }
    return java.util.Collections.unmodifiableMap(m);
  }
}
