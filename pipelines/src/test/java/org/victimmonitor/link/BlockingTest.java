package org.victimmonitor.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.victimmonitor.pseudonymise.LinkageSchema;

class BlockingTest {
  static final Blocking PERSON = Blocking.defaults(LinkageSchema.builtIn("person-v1"));

  static long[] randomFilter(SplittableRandom rnd, int bits) {
    long[] f = new long[8];
    for (int i = 0; i < bits; i++) {
      int p = rnd.nextInt(512);
      f[p >>> 6] |= 1L << (p & 63);
    }
    return f;
  }

  static LinkRecord rec(String[] keys, long[][] filters) {
    return new LinkRecord("s", "d", "p", "r", keys, filters, null, 0);
  }

  @Test
  void rulesOfThePersonSchema() {
    assertThat(PERSON.rules().stream().map(Blocking.Rule::name).toList())
        .containsExactly(
            "mk_name_dob_sex",
            "mk_initial_surname_dob",
            "mk_names_sorted_dob",
            "mk_bsn",
            "lsh_first_name_surname",
            "lsh_first_name_date_of_birth",
            "lsh_surname_date_of_birth");
    assertThat(PERSON.maxBlockSize()).isEqualTo(Blocking.DEFAULT_MAX_BLOCK);
  }

  @Test
  void exactKeysAndMissingParts() {
    SplittableRandom rnd = new SplittableRandom(1);
    long[][] filters = {randomFilter(rnd, 60), randomFilter(rnd, 60), null};
    List<String> keys = PERSON.keys(rec(new String[] {"A", null, null, "B"}, filters));
    assertThat(keys).contains("0:A", "3:B");
    // Only the rule over first name and surname has both filters; the others give no key.
    assertThat(keys.stream().filter(k -> k.startsWith("4.")).count()).isEqualTo(16);
    assertThat(keys.stream().filter(k -> k.startsWith("5.") || k.startsWith("6."))).isEmpty();
  }

  @Test
  void similarFiltersShareBandsUnrelatedOnesRarely() {
    SplittableRandom rnd = new SplittableRandom(7);
    String[] noKeys = new String[4];
    int sharedSimilar = 0;
    int sharedUnrelated = 0;
    for (int t = 0; t < 200; t++) {
      long[][] a = {randomFilter(rnd, 60), randomFilter(rnd, 60), randomFilter(rnd, 60)};
      long[][] b = {a[0].clone(), a[1].clone(), a[2].clone()};
      b[1][0] ^= 0b1011L; // a few bits differ, as after a typo
      long[][] c = {randomFilter(rnd, 60), randomFilter(rnd, 60), randomFilter(rnd, 60)};
      Set<String> ka = new HashSet<>(PERSON.keys(rec(noKeys, a)));
      if (PERSON.keys(rec(noKeys, b)).stream().anyMatch(ka::contains)) {
        sharedSimilar++;
      }
      if (PERSON.keys(rec(noKeys, c)).stream().anyMatch(ka::contains)) {
        sharedUnrelated++;
      }
    }
    assertThat(sharedSimilar).isEqualTo(200);
    assertThat(sharedUnrelated).isLessThan(5);
  }

  @Test
  void keysAreDeterministic() {
    SplittableRandom rnd = new SplittableRandom(3);
    long[][] f = {randomFilter(rnd, 60), randomFilter(rnd, 60), randomFilter(rnd, 60)};
    Blocking again = Blocking.defaults(LinkageSchema.builtIn("person-v1"));
    List<String> k1 = new ArrayList<>(PERSON.keys(rec(new String[4], f)));
    assertThat(again.keys(rec(new String[4], f))).isEqualTo(k1);
  }
}
