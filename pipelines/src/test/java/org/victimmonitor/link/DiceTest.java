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

  @Test
  void oneAgainstManyGivesExactlyTheSingleComparisons() {
    java.util.SplittableRandom rnd = new java.util.SplittableRandom(13);
    for (int words : new int[] {16, 8, 3}) {
      int n = 500;
      long[] query = new long[words];
      for (int w = 0; w < words; w++) {
        query[w] = rnd.nextLong() & rnd.nextLong();
      }
      long[] packed = new long[n * words];
      int[] cards = new int[n];
      for (int i = 0; i < n; i++) {
        for (int w = 0; w < words && i % 50 != 0; w++) { // every 50th filter empty
          packed[i * words + w] =
              i % 7 == 0 ? query[w] ^ (1L << i % 64) : rnd.nextLong() & rnd.nextLong();
        }
        cards[i] =
            Dice.cardinality(java.util.Arrays.copyOfRange(packed, i * words, (i + 1) * words));
      }
      double[] out = new double[n];
      Dice.similarities(query, Dice.cardinality(query), packed, cards, out);
      for (int i = 0; i < n; i++) {
        long[] f = java.util.Arrays.copyOfRange(packed, i * words, (i + 1) * words);
        assertThat(out[i])
            .as("%d words, filter %d", words, i)
            .isEqualTo(Dice.similarity(query, Dice.cardinality(query), f, cards[i]))
            .isEqualTo(Dice.similarity(query, f));
      }
      long[] empty = new long[words];
      Dice.similarities(empty, 0, new long[words], new int[1], out);
      assertThat(out[0]).isZero();
    }
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> Dice.similarities(new long[16], 0, new long[20], new int[2], new double[2]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("whole filters of 16 words");
  }
}
