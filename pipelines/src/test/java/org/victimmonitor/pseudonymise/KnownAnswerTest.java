package org.victimmonitor.pseudonymise;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Fixed key, fixed input, fixed expected token for every token kind: an encoding must never change
 * silently (tokens of different versions cannot be linked). A deliberate change of encoding is a
 * new linkage schema version, and these values change with it.
 */
class KnownAnswerTest {
  static final LinkageKey KEY = PseudonymiserTest.fixedKey(0);
  static final Map<String, String> JOHANNES =
      Map.of(
          "first_name", "Johannes",
          "surname_prefix", "van der",
          "surname", "Berg",
          "date_of_birth", "1990-05-14",
          "sex", "M",
          "bsn", "111222333",
          "nationality", "NL",
          "birth_country", "NL");

  @Test
  void hkdfMatchesRfc5869TestCase1() {
    byte[] ikm = new byte[22];
    java.util.Arrays.fill(ikm, (byte) 0x0b);
    byte[] salt = HexFormat.of().parseHex("000102030405060708090a0b0c");
    byte[] info = HexFormat.of().parseHex("f0f1f2f3f4f5f6f7f8f9");
    assertThat(HexFormat.of().formatHex(Hkdf.derive(salt, ikm, info, 42)))
        .isEqualTo(
            "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865");
  }

  @Test
  void keyFingerprint() {
    assertThat(KEY.fingerprint()).isEqualTo("468a:d1ed:a4d2:89ae:c27e:9e19:4294:77cb");
  }

  @Test
  void everyTokenKindOfPersonV1() {
    RecordTokeniser.Result r =
        new RecordTokeniser(LinkageSchema.builtIn("person-v1"), KEY).tokenise(JOHANNES::get);
    assertThat(r.tokens())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "mk_name_dob_sex", "SFrA41aUxaJErJmYJKRGhz5jtE6hUV85WdU8mjbyvM0",
                "mk_initial_surname_dob", "V1CxL052DmreVkQi133lhY0EcUUIm-Gk7EpCLBW7kHw",
                "mk_names_sorted_dob", "d00S7fDkkDkIhvsIxBDJ5rZls3d5NMWrg-ig0mCHZgM",
                "mk_bsn", "_uIUTxnXn3-oWPTJxGNTbSeRoKX6dmhMg0RZU0K8R3I",
                "bf_first_name",
                    "GAJAAAAAhGECCoIABEEIKgiwAoAAQAACQIgACKAAgASCCQCABAAAAAgACAQCggIAIoAgBQACACECgGIAAMACjA",
                "bf_surname",
                    "AAQCEQAEoCAAAAiokQBgAgAAAAAGFCCCAgCIBAeACEQIAGCAAAMAUAAACBEAAAQAgACAAhAAAgACAJQEAAjAEA",
                "bf_date_of_birth",
                    "wAKBAAIQIBABAcAAAEEBAAAAAAgAAAAAgAAAEEAIAAIUIQQgBAAAAAQADZSIQEcACIrCgAAAAAAIoAkEAAIAGQ"));
    assertThat(r.clear())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("birth_year", "1990", "sex", "M", "nationality", "NL"));
  }

  @Test
  void bloomFiltersSetTheBitBudgetWhateverTheNameLength() {
    RecordTokeniser t = new RecordTokeniser(LinkageSchema.builtIn("person-v1"), KEY);
    Map<String, String> shortName = new java.util.HashMap<>(JOHANNES);
    shortName.put("first_name", "Jo");
    long[] a = BloomEncoder.fromBase64(t.tokenise(JOHANNES::get).tokens().get("bf_first_name"));
    long[] b = BloomEncoder.fromBase64(t.tokenise(shortName::get).tokens().get("bf_first_name"));
    // ceil(64 / tokens) positions per token: 72 for JOHANNES (9 bigrams), 66 for JO (3); some
    // collide. Without the budget the short name would set a third of the bits of the long one.
    assertThat(bits(a)).isEqualTo(70);
    assertThat(bits(b)).isEqualTo(62);
  }

  static int bits(long[] f) {
    int n = 0;
    for (long w : f) {
      n += Long.bitCount(w);
    }
    return n;
  }
}
