package org.victimmonitor.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.victimmonitor.pseudonymise.LinkageSchema;

class SharedKeysTest {

  @Test
  void neverMissesAKeyAddedTwiceAndPassesFewSingletons() {
    // 300,000 keys once and 100,000 twice, in a sketch sized for their 500,000 occurrences.
    SharedKeys s = SharedKeys.empty(SharedKeys.log2BitsFor(500_000));
    for (int i = 0; i < 300_000; i++) {
      s.add(SharedKeys.hash("once:" + i));
    }
    for (int i = 0; i < 100_000; i++) {
      s.add(SharedKeys.hash("twice:" + i));
      s.add(SharedKeys.hash("twice:" + i));
    }
    for (int i = 0; i < 100_000; i++) {
      assertThat(s.shared(SharedKeys.hash("twice:" + i))).isTrue();
    }
    int passed = 0;
    for (int i = 0; i < 300_000; i++) {
      passed += s.shared(SharedKeys.hash("once:" + i)) ? 1 : 0;
    }
    // 2^22 bits, 400,000 distinct keys, 4 positions: (1 - e^(-4*400000/2^22))^4 = 1.0%.
    assertThat(SharedKeys.log2BitsFor(500_000)).isEqualTo(22);
    assertThat(passed).isBetween(300_000 / 200, 300_000 * 15 / 1000);
    assertThat(s.shared(SharedKeys.hash("never added"))).isFalse();
  }

  @Test
  void mergingSketchesEqualsAddingEverythingToOne() {
    SplittableRandom rnd = new SplittableRandom(7);
    SharedKeys all = SharedKeys.empty(16);
    SharedKeys[] parts = {SharedKeys.empty(16), SharedKeys.empty(16), SharedKeys.empty(16)};
    for (int i = 0; i < 20_000; i++) {
      long h = SharedKeys.hash("k" + rnd.nextInt(15_000));
      all.add(h);
      parts[rnd.nextInt(3)].add(h);
    }
    SharedKeys merged = parts[0].merge(parts[1]).merge(parts[2]);
    assertThat(merged).isEqualTo(all);
    // A key added once in each of two sketches is shared after the merge.
    SharedKeys a = SharedKeys.empty(16);
    SharedKeys b = SharedKeys.empty(16);
    a.add(SharedKeys.hash("x"));
    b.add(SharedKeys.hash("x"));
    assertThat(a.shared(SharedKeys.hash("x"))).isFalse();
    assertThat(a.merge(b).shared(SharedKeys.hash("x"))).isTrue();
    assertThatThrownBy(() -> a.merge(SharedKeys.empty(17)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void coderRoundTrip() throws Exception {
    SharedKeys s = SharedKeys.empty(12);
    for (int i = 0; i < 500; i++) {
      s.add(SharedKeys.hash("k" + (i % 300)));
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    SharedKeys.Coder.of().encode(s, out);
    assertThat(out.size()).isEqualTo(4 + 2 * (1 << 12) / 8);
    SharedKeys back = SharedKeys.Coder.of().decode(new ByteArrayInputStream(out.toByteArray()));
    assertThat(back).isEqualTo(s);
    assertThat(back.shared(SharedKeys.hash("k1"))).isTrue();
  }

  @Test
  void sizedByTheKeyOccurrences() {
    assertThat(SharedKeys.log2BitsFor(0)).isEqualTo(16);
    assertThat(SharedKeys.log2BitsFor(10_922)).isEqualTo(16);
    assertThat(SharedKeys.log2BitsFor(10_923)).isEqualTo(17);
    // The national scale: 1,125,136 records, at most 15 keys each under the scalable rules.
    Blocking scalable = Blocking.of(LinkageSchema.builtIn("person-v1"), Blocking.Profile.SCALABLE);
    assertThat(scalable.maxKeysPerRecord()).isEqualTo(2 + 1 + 1 + 2 + 1 + 8);
    assertThat(SharedKeys.log2BitsFor(1_125_136L * 15)).isEqualTo(27);
    assertThat(SharedKeys.empty(27).bits()).isEqualTo(1L << 27);
    // ... split into 32 shards of 2^22 bits, a key's shard by the top five bits of its hash.
    SharedKeys.Layout national = SharedKeys.Layout.forOccurrences(1_125_136L * 15);
    assertThat(national).isEqualTo(new SharedKeys.Layout(5, 22));
    assertThat(national.shards()).isEqualTo(32);
    assertThat(national.shardOf(-1L)).isEqualTo(31);
    assertThat(national.shardOf(0x07ffffffffffffffL)).isEqualTo(0);
    assertThat(SharedKeys.Layout.forOccurrences(1000)).isEqualTo(new SharedKeys.Layout(0, 16));
    assertThat(SharedKeys.Layout.forOccurrences(1000).shardOf(-1L)).isEqualTo(0);
    assertThat(SharedKeys.log2BitsFor(Long.MAX_VALUE / 8)).isEqualTo(SharedKeys.MAX_LOG2);
  }
}
