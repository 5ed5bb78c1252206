package org.victimmonitor.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.util.CoderUtils;
import org.junit.jupiter.api.Test;

class LoadCodersTest {

  static StandardRecord record(Integer endDay, Integer birthYear, String sex) {
    Map<String, String> tokens = new TreeMap<>();
    tokens.put("tk_name_dob_sex", "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_abcde");
    tokens.put("bf_surname", "");
    return new StandardRecord(
        "police",
        "registrations",
        "2021",
        "R-ü-7",
        42L,
        3,
        StandardRecord.REGISTRATION,
        18_900,
        endDay,
        "sexual",
        birthYear,
        sex,
        null,
        "GM0363",
        tokens);
  }

  @Test
  void standardRecordsRoundTripWithAndWithoutOptionalFields() throws Exception {
    for (StandardRecord r :
        List.of(record(19_000, 1990, "F"), record(null, null, null), record(0, 0, ""))) {
      StandardRecord back = CoderUtils.clone(LoadCoders.STANDARD_RECORD, r);
      assertThat(back).isEqualTo(r);
    }
    LinkedRecord linked = new LinkedRecord(record(null, 1990, "M"), 77L);
    assertThat(CoderUtils.clone(LoadCoders.LINKED_RECORD, linked)).isEqualTo(linked);
  }

  @Test
  void nestsInListsAndRefusesATruncatedRecord() throws Exception {
    List<StandardRecord> rs = List.of(record(1, 2, "X"), record(null, null, null));
    assertThat(CoderUtils.clone(ListCoder.of(LoadCoders.STANDARD_RECORD), rs)).isEqualTo(rs);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    LoadCoders.STANDARD_RECORD.encode(rs.get(0), out);
    byte[] cut = Arrays.copyOf(out.toByteArray(), out.size() - 3);
    assertThatThrownBy(() -> LoadCoders.STANDARD_RECORD.decode(new ByteArrayInputStream(cut)))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("end of stream");
  }
}
