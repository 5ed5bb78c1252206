package org.victimmonitor.generate;

import java.util.SplittableRandom;

/**
 * Derives independent, reproducible random streams from the run seed: one per purpose and index, so
 * a chunk's output does not depend on which thread made it or in which order.
 */
final class Seeds {
  private Seeds() {}

  static SplittableRandom stream(long seed, String purpose, long index) {
    long h = mix(seed ^ 0x9E3779B97F4A7C15L);
    h = mix(h ^ purpose.hashCode());
    h = mix(h ^ index);
    return new SplittableRandom(h);
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
