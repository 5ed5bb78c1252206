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
