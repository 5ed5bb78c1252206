package org.victimmonitor.generate;

import java.util.List;
import java.util.Locale;

/**
 * How much data to generate: the factor applied to the published registration series
 * (CALIBRATION.md) and the number of background police records (the haystack). The presets are
 * {@link #TINY} (unit tests), {@link #DEMO} (about 100,000 records) and {@link #NATIONAL} (the
 * published series and more than a million background records); tests may build their own.
 */
public record Scale(String name, double registeredFactor, int backgroundRecords) {

  public static final Scale TINY = new Scale("tiny", 0.05, 5_000);
  public static final Scale DEMO = new Scale("demo", 0.25, 92_000);
  public static final Scale NATIONAL = new Scale("national", 1.0, 1_100_000);

  public Scale {
    if (!(registeredFactor > 0 && registeredFactor <= 10)) {
      throw new IllegalArgumentException("registered factor must be in (0, 10]: " + name);
    }
    if (backgroundRecords < 0) {
      throw new IllegalArgumentException("background records must not be negative: " + name);
    }
  }

  public static List<Scale> presets() {
    return List.of(TINY, DEMO, NATIONAL);
  }

  /** The preset with this name (case-insensitive). */
  public static Scale named(String name) {
    String wanted = name.trim().toLowerCase(Locale.ROOT);
    for (Scale s : presets()) {
      if (s.name.equals(wanted)) {
        return s;
      }
    }
    throw new IllegalArgumentException(
        "unknown scale '" + name + "': expected one of tiny, demo, national");
  }

  /** A published count scaled to this scale: round(target x factor). */
  public int scaled(int target) {
    return (int) Math.round(target * registeredFactor);
  }
}
