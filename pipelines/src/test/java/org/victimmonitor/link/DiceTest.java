package org.victimmonitor.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class DiceTest {

  @Test
  void knownAnswers() {
    long[] a = {0b1111L, 0L};
    long[] b = {0b0011L, 1L << 63};
    // |A| = 4, |B| = 3, |A∩B| = 2: 4 / 7
    assertThat(Dice.similarity(a, b)).isCloseTo(4.0 / 7, within(1e-12));
    assertThat(Dice.similarity(a, a)).isEqualTo(1.0);
    assertThat(Dice.similarity(a, new long[] {0b110000L, 0L})).isZero();
    assertThat(Dice.similarity(new long[2], new long[2])).isZero();
    assertThat(Dice.cardinality(b)).isEqualTo(3);
    assertThat(Dice.similarity(a, 4, b, 3)).isEqualTo(Dice.similarity(a, b));
    assertThat(Dice.identical(a, a.clone())).isTrue();
    assertThat(Dice.identical(a, b)).isFalse();
  }

  @Test
  void symmetricOverFullWords() {
    long[] a = {-1L, -1L};
    long[] b = {-1L, 0L};
    assertThat(Dice.similarity(a, b))
        .isEqualTo(Dice.similarity(b, a))
        .isCloseTo(2.0 / 3, within(1e-12));
  }
}
