package org.victimmonitor.generate;

/**
 * Parameters of one generator run. The same config gives byte-identical output whatever the number
 * of threads.
 */
public record GeneratorConfig(Scale scale, YearRange years, long seed, int threads) {

  public GeneratorConfig {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1");
    }
  }

  public static GeneratorConfig of(Scale scale, YearRange years, long seed) {
    return new GeneratorConfig(
        scale, years, seed, Math.min(2, Runtime.getRuntime().availableProcessors()));
  }
}
