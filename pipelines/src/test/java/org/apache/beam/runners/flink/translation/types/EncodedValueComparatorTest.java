package org.apache.beam.runners.flink.translation.types;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.MemorySegment;
import org.apache.flink.core.memory.MemorySegmentFactory;
import org.junit.jupiter.api.Test;

/**
 * The project's replacement of the Flink runner's key comparator (normalized sort keys): it must be
 * the class loaded, and its full comparison, its serialized comparison, its reference comparison
 * and its normalized keys must all agree on one order (unsigned lexicographic), or Flink's sorts
 * and merges would separate equal keys. End to end, the link and load tests compare embedded Flink
 * with the DirectRunner record by record.
 */
class EncodedValueComparatorTest {

  @Test
  void theProjectsComparatorIsTheOneLoaded() {
    assertThat(new EncodedValueComparator(true).supportsNormalizedKey()).isTrue();
    assertThat(
            EncodedValueComparator.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toString())
        .doesNotContain("beam-runners-flink");
  }

  @Test
  void everyComparisonAgreesWithUnsignedLexicographicOrder() throws Exception {
    SplittableRandom rnd = new SplittableRandom(5);
    List<byte[]> keys = new ArrayList<>();
    byte[] common = {(byte) 0x80, 0x7f, 0, (byte) 0xff, 0x12, 0x34, 0x56, 0x78, (byte) 0x9a};
    for (int i = 0; i < 400; i++) {
      byte[] k = new byte[rnd.nextInt(20)];
      // many keys share a prefix (as node ids of one delivery do), some end in zero bytes
      int shared = rnd.nextInt(3) == 0 ? Math.min(k.length, rnd.nextInt(common.length + 1)) : 0;
      System.arraycopy(common, 0, k, 0, shared);
      for (int j = shared; j < k.length; j++) {
        k[j] = (byte) (rnd.nextInt(5) == 0 ? 0 : rnd.nextInt(256));
      }
      keys.add(k);
    }
    keys.add(new byte[0]);
    keys.add(new byte[] {0});
    keys.add(new byte[] {(byte) 0x80});
    keys.add(new byte[] {0x7f});

    EncodedValueComparator up = new EncodedValueComparator(true);
    EncodedValueComparator down = new EncodedValueComparator(false);
    assertThat(up.invertNormalizedKey()).isFalse();
    assertThat(down.invertNormalizedKey()).isTrue();
    long decidedByPrefix = 0;
    for (byte[] a : keys) {
      for (byte[] b : keys) {
        int expected = Integer.signum(Arrays.compareUnsigned(a, b));
        assertThat(Integer.signum(up.compare(a, b))).isEqualTo(expected);
        assertThat(Integer.signum(down.compare(a, b))).isEqualTo(-expected);
        assertThat(Integer.signum(up.compareSerialized(serialized(a), serialized(b))))
            .isEqualTo(expected);
        EncodedValueComparator ra = new EncodedValueComparator(true);
        EncodedValueComparator rb = new EncodedValueComparator(true);
        ra.setReference(a);
        rb.setReference(b);
        // Flink's contract: the other comparator's reference against this one's
        assertThat(Integer.signum(ra.compareToReference(rb))).isEqualTo(-expected);
        assertThat(ra.equalToReference(b)).isEqualTo(expected == 0);
        for (int bytes : new int[] {4, 8, 16}) {
          int prefix =
              Integer.signum(
                  normalized(up, a, bytes).compare(normalized(up, b, bytes), 0, 0, bytes));
          if (prefix != 0) {
            // a differing normalized prefix must decide as the full comparison does
            assertThat(prefix).isEqualTo(expected);
            decidedByPrefix++;
          }
        }
      }
    }
    assertThat(decidedByPrefix).isGreaterThan(100_000);
  }

  static DataInputDeserializer serialized(byte[] key) throws Exception {
    DataOutputSerializer out = new DataOutputSerializer(32);
    new EncodedValueSerializer().serialize(key, out);
    return new DataInputDeserializer(out.getCopyOfBuffer());
  }

  static MemorySegment normalized(EncodedValueComparator c, byte[] key, int bytes) {
    MemorySegment m = MemorySegmentFactory.wrap(new byte[bytes]);
    c.putNormalizedKey(key, m, 0, bytes);
    return m;
  }
}
