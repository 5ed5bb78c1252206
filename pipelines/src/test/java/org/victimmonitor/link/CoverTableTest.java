package org.victimmonitor.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.beam.sdk.util.CoderUtils;
import org.junit.jupiter.api.Test;

/**
 * A key whose occurrences all came with one value reads "the same"; any second value, in this table
 * or a merged one, or another key in the same slot, reads "differs"; nothing is ever read as the
 * same when its values differ.
 */
class CoverTableTest {
  private static final long KEY = Blocking.mix(42);
  private static final long OTHER_KEY_SAME_SLOT = KEY + (1L << 20); // low 10 bits equal

  @Test
  void oneValueIsTheSameAndASecondValueDiffers() {
    CoverTable t = CoverTable.empty(10);
    assertThat(t.differs(KEY)).as("a key never added is kept").isTrue();
    t.add(KEY, 7);
    t.add(KEY, 7);
    assertThat(t.differs(KEY)).isFalse();
    t.add(KEY, 8);
    assertThat(t.differs(KEY)).isTrue();
    t.add(KEY, 7);
    assertThat(t.differs(KEY)).as("differs stays").isTrue();
  }

  @Test
  void differsAddedDirectlyAndCollisionsBothKeepTheKey() {
    CoverTable t = CoverTable.empty(10);
    t.add(KEY, 5);
    t.add(KEY, CoverTable.DIFFERS);
    assertThat(t.differs(KEY)).isTrue();

    CoverTable c = CoverTable.empty(10);
    c.add(KEY, 5);
    c.add(OTHER_KEY_SAME_SLOT, 6);
    assertThat(c.differs(KEY)).as("another key in the slot with another value").isTrue();
    assertThat(c.differs(OTHER_KEY_SAME_SLOT)).isTrue();

    CoverTable s = CoverTable.empty(10);
    s.add(KEY, 5);
    s.add(OTHER_KEY_SAME_SLOT, 5);
    assertThat(s.differs(KEY)).as("same value: a collision that costs nothing").isFalse();
  }

  @Test
  void mergingSeesValuesAcrossTablesAndLeavesInputsAlone() {
    CoverTable a = CoverTable.empty(12);
    CoverTable b = CoverTable.empty(12);
    long k2 = Blocking.mix(43);
    a.add(KEY, 3);
    b.add(KEY, 3);
    a.add(k2, 3);
    b.add(k2, 4);
    CoverTable m = a.copy().merge(b);
    assertThat(m.differs(KEY)).isFalse();
    assertThat(m.differs(k2)).isTrue();
    assertThat(a.differs(k2)).as("input unchanged").isFalse();
    CoverTable empty = CoverTable.empty(12);
    assertThat(empty.copy().merge(a)).isEqualTo(a);
    assertThatThrownBy(() -> a.merge(CoverTable.empty(11)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> a.add(KEY, -5)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void coderRoundTripsAndLayoutStaysWithinShards() throws Exception {
    CoverTable t = CoverTable.empty(10);
    t.add(KEY, 9);
    t.add(Blocking.mix(7), CoverTable.DIFFERS);
    byte[] bytes = CoderUtils.encodeToByteArray(CoverTable.Coder.of(), t);
    assertThat(bytes).hasSize(4 + 8 * 1024);
    assertThat(CoderUtils.decodeFromByteArray(CoverTable.Coder.of(), bytes)).isEqualTo(t);

    CoverTable.Layout national = CoverTable.Layout.forRecords(1_125_136);
    assertThat(national.log2Shards() + national.log2Slots()).isEqualTo(23); // 4.5M -> 2^23 slots
    assertThat(national.log2Slots()).isEqualTo(CoverTable.MAX_SHARD_LOG2);
    CoverTable.Layout tiny = CoverTable.Layout.forRecords(10);
    assertThat(tiny).isEqualTo(new CoverTable.Layout(0, CoverTable.MIN_LOG2));
    assertThat(national.shardOf(-1L)).isEqualTo(national.shards() - 1);
  }
}
