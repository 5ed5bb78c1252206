package org.victimmonitor.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.victimmonitor.pseudonymise.LinkageSchema;

class ComparisonsTest {
  static final Comparisons PERSON = Comparisons.defaults(LinkageSchema.builtIn("person-v1"));

  static long[] filter(long... words) {
    long[] f = new long[8];
    System.arraycopy(words, 0, f, 0, words.length);
    return f;
  }

  static LinkRecord rec(String id, long[] first, String bsn, String sex, int year) {
    return new LinkRecord(
        "police",
        "trafficking_report",
        "2019",
        id,
        new String[] {null, null, null, bsn},
        new long[][] {first, filter(0xFFL), filter(0xF0F0L)},
        sex,
        year);
  }

  @Test
  void defaultComparisonsOfPersonSchema() {
    assertThat(PERSON.fields().stream().map(Comparison::name).toList())
        .containsExactly(
            "first_name",
            "surname",
            "date_of_birth",
            "bsn",
            "birth_year",
            "sex",
            "nationality",
            "municipality");
    assertThat(PERSON.levelCounts()).containsExactly(9, 9, 9, 3, 4, 3, 3, 3);
    assertThat(PERSON.hardKeys()).containsExactly(3);
    assertThat(PERSON.fields().get(0).levelNames())
        .isEqualTo(
            List.of(
                "missing",
                "exact",
                "dice>=0.90",
                "dice>=0.80",
                "dice>=0.65",
                "dice>=0.50",
                "dice>=0.35",
                "dice>=0.20",
                "other"));
    // Term frequencies on the names and the date of birth; swapped names through
    // names_sorted_dob (key 2).
    assertThat(PERSON.fields().stream().filter(Comparison::termFrequency).map(Comparison::name))
        .containsExactly("first_name", "surname", "date_of_birth");
    assertThat(PERSON.swapKey()).isEqualTo(2);
    assertThat(PERSON.swapFields()).containsExactly(0, 1);
  }

  @Test
  void levelsPerField() {
    LinkRecord a = rec("1", filter(0xFFFFL), "K1", "M", 1990);
    LinkRecord same = rec("2", filter(0xFFFFL), "K1", "M", 1990);
    // 14 of 16 bits in common: Dice 28/30 = 0.93
    LinkRecord close = rec("3", filter(0x3FFFL), null, null, 1991);
    LinkRecord far = rec("4", filter(0xFF0000L), "K2", "F", 1980);
    LinkRecord missing = rec("5", null, null, "X", 0);
    Comparison first = PERSON.fields().get(0);
    assertThat(first.level(a, same)).isEqualTo(1);
    assertThat(first.level(a, close)).isEqualTo(2);
    assertThat(first.level(a, far)).isEqualTo(8);
    assertThat(first.level(a, missing)).isEqualTo(Comparison.MISSING);
    Comparison bsn = PERSON.fields().get(3);
    assertThat(bsn.level(a, same)).isEqualTo(1);
    assertThat(bsn.level(a, far)).isEqualTo(2);
    assertThat(bsn.level(a, close)).isEqualTo(Comparison.MISSING);
    Comparison year = PERSON.fields().get(4);
    assertThat(year.level(a, same)).isEqualTo(1);
    assertThat(year.level(a, close)).isEqualTo(2);
    assertThat(year.level(a, far)).isEqualTo(3);
    assertThat(year.level(a, missing)).isEqualTo(Comparison.MISSING);
  }

  @Test
  void patternRoundTrip() {
    LinkRecord a = rec("1", filter(0xFFFFL), "K1", "M", 1990);
    LinkRecord b = rec("3", filter(0x3FFFL), null, "F", 1991);
    int[] levels = new int[PERSON.fields().size()];
    PERSON.decode(PERSON.pattern(a, b), levels);
    assertThat(levels).containsExactly(2, 1, 1, 0, 2, 2, 0, 0);
    assertThat(Comparisons.encode(PERSON.levelCounts(), levels)).isEqualTo(PERSON.pattern(a, b));
  }

  @Test
  void hardEvidence() {
    LinkRecord a = rec("1", filter(1L), "K1", "M", 1990);
    assertThat(PERSON.contradicts(a, rec("2", filter(1L), "K2", "M", 1990))).isTrue();
    assertThat(PERSON.contradicts(a, rec("2", filter(1L), "K1", "F", 1990))).isTrue();
    assertThat(PERSON.contradicts(a, rec("2", filter(1L), null, "X", 1990))).isFalse();
    assertThat(PERSON.contradicts(a, rec("2", filter(1L), "K1", null, 1990))).isFalse();
  }

  static LinkRecord withKeys(LinkRecord r, String[] keys, String... attributes) {
    return new LinkRecord(
        r.source(),
        r.dataset(),
        r.period(),
        r.recordId(),
        keys,
        r.filters(),
        r.sex(),
        r.birthYear(),
        attributes,
        new int[] {120, 7, 3});
  }

  @Test
  void swappedNamesAgreeOnBothNames() {
    LinkRecord a =
        withKeys(rec("1", filter(0xFFL), null, "F", 1990), new String[] {null, null, "S", null});
    LinkRecord b =
        withKeys(
            rec("2", filter(0xFF0000L), null, "F", 1990), new String[] {null, null, "S", null});
    LinkRecord c =
        withKeys(
            rec("3", filter(0xFF0000L), null, "F", 1990), new String[] {null, null, "T", null});
    assertThat(PERSON.levels(a, b)[0]).isEqualTo(1);
    assertThat(PERSON.levels(a, b)[1]).isEqualTo(1);
    assertThat(PERSON.levels(a, c)[0]).isEqualTo(8);
  }

  @Test
  void attributesAndTermFrequencies() {
    LinkRecord a =
        withKeys(rec("1", filter(0xFFL), null, "F", 1990), new String[4], "NL", "GM0363");
    LinkRecord b =
        withKeys(rec("2", filter(0xFFL), null, "F", 1990), new String[4], "NL", "GM0518");
    LinkRecord c = withKeys(rec("3", filter(0xFFL), null, "F", 1990), new String[4], null, null);
    int[] levels = PERSON.levels(a, b);
    assertThat(levels[6]).isEqualTo(1); // nationality equal
    assertThat(levels[7]).isEqualTo(2); // municipality different
    assertThat(PERSON.levels(a, c)[6]).isEqualTo(Comparison.MISSING);
    // Exact first name, surname and date of birth: the frequencies of the values (120, 7, 3).
    assertThat(PERSON.frequencies(a, b, levels)).containsExactly(120, 7, 3, 0, 0, 0, 0, 0);
    int[] first = {1, 0, 0, 0, 0, 0, 0, 0};
    double[][] m = new double[8][];
    double[][] u = new double[8][];
    for (int f = 0; f < 8; f++) {
      m[f] = new double[] {0, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5};
      u[f] = new double[] {0, 0.25, 0.25, 0.25, 0.25, 0.25, 0.25, 0.25, 0.25};
    }
    LinkageModel model =
        new LinkageModel(
                PERSON.fields().stream().map(Comparison::name).toList(),
                PERSON.fields().stream().map(Comparison::levelNames).toList(),
                m,
                u,
                0.5,
                0.9,
                1,
                true,
                1)
            .withMeanFrequency(new double[] {30, 0, 0, 0, 0, 0, 0, 0});
    // log2(0.5 / 0.25) = 1 bit, then log2(30 / 120) = -2 bits for a name four times as common.
    assertThat(model.matchWeight(first)).isEqualTo(1.0);
    assertThat(model.matchWeight(first, new int[] {120, 0, 0, 0, 0, 0, 0, 0})).isEqualTo(-1.0);
    assertThat(model.matchWeight(first, new int[] {15, 0, 0, 0, 0, 0, 0, 0})).isEqualTo(2.0);
    assertThat(model.matchWeight(first, new int[8])).isEqualTo(1.0);
  }
}
