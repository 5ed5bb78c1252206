package org.victimmonitor.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.util.CoderUtils;
import org.apache.beam.sdk.values.KV;
import org.junit.jupiter.api.Test;

/** Node ids as grouping keys: hash prefix first, grouping unchanged. */
class NodeKeyCoderTest {

  @Test
  void keysRoundTripAndEqualKeysEncodeEquallyDifferentOnesDifferently() throws Exception {
    Set<String> seen = new HashSet<>();
    Set<String> encodings = new HashSet<>();
    for (int i = 0; i < 5_000; i++) {
      String id = LinkRecord.id("police", "victimisation", "2019", String.format("P-%06d", i));
      byte[] bytes = CoderUtils.encodeToByteArray(NodeKeyCoder.of(), id);
      assertThat(CoderUtils.decodeFromByteArray(NodeKeyCoder.of(), bytes)).isEqualTo(id);
      assertThat(CoderUtils.encodeToByteArray(NodeKeyCoder.of(), new String(id))).isEqualTo(bytes);
      seen.add(id);
      encodings.add(Arrays.toString(bytes));
    }
    assertThat(encodings).hasSameSizeAs(seen);
    assertThat(
            CoderUtils.decodeFromByteArray(
                NodeKeyCoder.of(), CoderUtils.encodeToByteArray(NodeKeyCoder.of(), "")))
        .isEmpty();
  }

  @Test
  void idsOfOneDeliveryDifferInTheirFirstBytes() throws Exception {
    // what the engine's normalized sort keys see: ids sharing a 30-byte prefix rarely tie on 4
    // bytes
    Set<String> firstFour = new HashSet<>();
    for (int i = 0; i < 1_000; i++) {
      byte[] b =
          CoderUtils.encodeToByteArray(
              NodeKeyCoder.of(), LinkRecord.id("care", "registration", "2020", "C-" + i));
      firstFour.add(Arrays.toString(Arrays.copyOf(b, 4)));
    }
    assertThat(firstFour).hasSizeGreaterThan(995);
  }

  @Test
  void nestedInKvAndRefusesNull() throws Exception {
    KvCoder<String, String> kv = KvCoder.of(NodeKeyCoder.of(), StringUtf8Coder.of());
    KV<String, String> e = KV.of("a\tb\tc\td", "x");
    assertThat(CoderUtils.decodeFromByteArray(kv, CoderUtils.encodeToByteArray(kv, e)))
        .isEqualTo(e);
    kv.verifyDeterministic();
    assertThat(NodeKeyCoder.of().consistentWithEquals()).isTrue();
    assertThatThrownBy(() -> CoderUtils.encodeToByteArray(NodeKeyCoder.of(), null))
        .isInstanceOf(CoderException.class);
  }
}
