package org.victimmonitor.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.util.Arrays;
import java.util.List;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.util.CoderUtils;
import org.apache.beam.sdk.values.KV;
import org.junit.jupiter.api.Test;

class LinkRecordCoderTest {

  static LinkRecord full() {
    return new LinkRecord(
        "police",
        "registrations",
        "2021",
        "R-ü-0001",
        new String[] {"AbCdEfGhIjKlMnOp", null, "", "ZyXwVuTsRqPoNmLk"},
        new long[][] {{1L, -1L, Long.MIN_VALUE, 42L}, null, new long[0]},
        "F",
        1990,
        new String[] {"NL", null},
        new int[] {3, 0, 17});
  }

  @Test
  void roundTripsEveryField() throws Exception {
    LinkRecord r = full();
    LinkRecord back = CoderUtils.clone(LinkRecordCoder.of(), r);
    assertThat(back.source()).isEqualTo("police");
    assertThat(back.dataset()).isEqualTo("registrations");
    assertThat(back.period()).isEqualTo("2021");
    assertThat(back.recordId()).isEqualTo("R-ü-0001");
    // An empty key is a missing key.
    assertThat(back.keys()).containsExactly("AbCdEfGhIjKlMnOp", null, null, "ZyXwVuTsRqPoNmLk");
    assertThat(back.filters()[0]).containsExactly(1L, -1L, Long.MIN_VALUE, 42L);
    assertThat(back.filters()[1]).isNull();
    assertThat(back.filters()[2]).isEmpty();
    assertThat(back.sex()).isEqualTo("F");
    assertThat(back.birthYear()).isEqualTo(1990);
    assertThat(back.attributes()).containsExactly("NL", null);
    assertThat(back.frequencies()).containsExactly(3, 0, 17);
    assertThat(back.id()).isEqualTo(r.id());
  }

  @Test
  void multiByteLengthsCountsAndSignedYearsRoundTrip() throws Exception {
    String longId = "x".repeat(300); // a length of two var-int bytes
    long[] wide = new long[16]; // 1024 bits
    wide[15] = Long.MIN_VALUE;
    for (int year : new int[] {-3, 0, 127, 128, 1990, Integer.MAX_VALUE, Integer.MIN_VALUE}) {
      LinkRecord r =
          new LinkRecord(
              "s",
              "d",
              "2020",
              longId,
              new String[] {"k"},
              new long[][] {wide},
              "M",
              year,
              new String[] {null, "GM0363"},
              new int[] {1_000_000});
      LinkRecord back = CoderUtils.clone(LinkRecordCoder.of(), r);
      assertThat(back.birthYear()).isEqualTo(year);
      assertThat(back.recordId()).isEqualTo(longId);
      assertThat(back.filters()[0]).containsExactly(wide);
      assertThat(back.frequencies()).containsExactly(1_000_000);
      assertThat(back.attributes()).containsExactly(null, "GM0363");
    }
  }

  @Test
  void aRecordTakesItsBytesPlusOneByteOfLengthPerPart() throws Exception {
    // 11 strings (4 of the node id, 4 keys, 2 attributes, sex) with one length byte each; 4 counts
    // (keys, attributes, filters, frequencies); 3 filters of 8 words with one length byte each; the
    // year in 2 bytes; 3 frequencies, the last in 2 bytes
    LinkRecord r =
        new LinkRecord(
            "care",
            "registration",
            "2020",
            "C-000001",
            new String[] {"AbCdEfGhIjKlMnOp", "AbCdEfGhIjKlMnOp", "AbCdEfGhIjKlMnOp", null},
            new long[][] {new long[8], new long[8], new long[8]},
            "F",
            1990,
            new String[] {"NL", "GM0363"},
            new int[] {1, 2, 300});
    int strings = 4 + 12 + 4 + 8 + 3 * 16 + 2 + 6 + 1;
    int body = 11 + strings + 4 + 3 * (1 + 64) + 2 + 3 + 1;
    byte[] bytes = CoderUtils.encodeToByteArray(LinkRecordCoder.of(), r);
    assertThat(bytes.length).isEqualTo(2 + body); // the body's own length takes two bytes
  }

  @Test
  void missingSexAndEmptyArraysRoundTrip() throws Exception {
    LinkRecord r = new LinkRecord("s", "d", "", "1", new String[0], new long[0][], null, 0);
    LinkRecord back = CoderUtils.clone(LinkRecordCoder.of(), r);
    assertThat(back.sex()).isNull();
    assertThat(back.period()).isEmpty();
    assertThat(back.keys()).isEmpty();
    assertThat(back.filters()).isEmpty();
    assertThat(back.attributes()).containsExactly(null, null);
    assertThat(back.frequencies()).isEmpty();
  }

  @Test
  void nestsInListsAndPairsAndIsDeterministic() throws Exception {
    LinkRecord a = full();
    LinkRecord b =
        new LinkRecord("s", "d", "p", "2", new String[] {"k"}, new long[][] {{7L}}, "M", 2001);
    KvCoder<String, List<LinkRecord>> coder =
        KvCoder.of(StringUtf8Coder.of(), ListCoder.of(LinkRecordCoder.of()));
    KV<String, List<LinkRecord>> back = CoderUtils.clone(coder, KV.of("block", List.of(a, b, a)));
    assertThat(back.getKey()).isEqualTo("block");
    assertThat(back.getValue().stream().map(LinkRecord::recordId))
        .containsExactly("R-ü-0001", "2", "R-ü-0001");
    assertThat(back.getValue().get(1).filters()[0]).containsExactly(7L);
    byte[] once = CoderUtils.encodeToByteArray(LinkRecordCoder.of(), a);
    byte[] again =
        CoderUtils.encodeToByteArray(
            LinkRecordCoder.of(), CoderUtils.clone(LinkRecordCoder.of(), a));
    assertThat(Arrays.equals(once, again)).isTrue();
  }

  @Test
  void aTruncatedRecordIsAnError() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    LinkRecordCoder.of().encode(full(), out);
    byte[] bytes = Arrays.copyOf(out.toByteArray(), out.size() - 5);
    assertThatThrownBy(() -> LinkRecordCoder.of().decode(new ByteArrayInputStream(bytes)))
        .isInstanceOf(EOFException.class);
  }
}
