package org.victimmonitor.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BsnTest {

  @Test
  void knownNumbersPassTheElevenTest() {
    assertThat(Bsn.isValid("111222333")).isTrue();
    assertThat(Bsn.isValid("123456782")).isTrue();
    assertThat(Bsn.isValid("123456789")).isFalse();
    assertThat(Bsn.isValid("12345678")).isFalse();
    assertThat(Bsn.isValid("12345678a")).isFalse();
  }

  @Test
  void numbersFromIndicesAreValidAndDistinct() {
    Set<String> seen = new HashSet<>();
    for (long i = 0; i < 200_000; i++) {
      String bsn = Bsn.forIndex(i);
      assertThat(bsn).hasSize(9);
      assertThat(Bsn.isValid(bsn)).as(bsn).isTrue();
      assertThat(seen.add(bsn)).as("duplicate %s", bsn).isTrue();
    }
    assertThat(Bsn.isValid(Bsn.forIndex(Bsn.CAPACITY - 1))).isTrue();
  }

  @Test
  void typosAlwaysFailTheElevenTest() {
    SplittableRandom rng = new SplittableRandom(7);
    for (int i = 0; i < 20_000; i++) {
      String bsn = Bsn.forIndex(rng.nextLong(Bsn.CAPACITY));
      String typo = Bsn.typo(bsn, rng);
      assertThat(typo).isNotEqualTo(bsn).hasSize(9);
      assertThat(Bsn.isValid(typo)).as("%s -> %s", bsn, typo).isFalse();
    }
  }
}
