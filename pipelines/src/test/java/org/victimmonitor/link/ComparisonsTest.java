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
        .containsExactly("first_name", "surname", "date_of_birth", "bsn", "birth_year", "sex");
    assertThat(PERSON.levelCounts()).containsExactly(6, 6, 6, 3, 4, 3);
    assertThat(PERSON.hardKeys()).containsExactly(3);
    assertThat(PERSON.fields().get(0).levelNames())
        .isEqualTo(List.of("missing", "exact", "dice>=0.90", "dice>=0.80", "dice>=0.65", "other"));
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
    assertThat(first.level(a, far)).isEqualTo(5);
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
    assertThat(levels).containsExactly(2, 1, 1, 0, 2, 2);
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
}
