package org.victimmonitor.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.victimmonitor.pseudonymise.LinkageSchema;

class BlockingTest {
  static final Blocking PERSON = Blocking.defaults(LinkageSchema.builtIn("person-v1"));
  static final Blocking SCALABLE =
      Blocking.of(LinkageSchema.builtIn("person-v1"), Blocking.Profile.SCALABLE);

  static long[] randomFilter(SplittableRandom rnd, int bits) {
    long[] f = new long[8];
    for (int i = 0; i < bits; i++) {
      int p = rnd.nextInt(512);
      f[p >>> 6] |= 1L << (p & 63);
    }
    return f;
  }

  static LinkRecord rec(String[] keys, long[][] filters) {
    return rec(keys, filters, null, 0);
  }

  static LinkRecord rec(String[] keys, long[][] filters, String sex, int birthYear) {
    return new LinkRecord("s", "d", "p", "r", keys, filters, sex, birthYear);
  }

  @Test
  void codesWithoutTheKeysTextAreTheCodesOfTheKeys() {
    // Every rule kind and use of the year, on records with and without keys, filters, sex and
    // birth year: the codes computed part by part equal the codes of the keys' text.
    List<Blocking.Rule> all = new ArrayList<>(SCALABLE.rules());
    all.addAll(PERSON.rules());
    all.add(Blocking.attributes("sex_year", List.of("sex", "birth_year")));
    all.add(Blocking.attributes("sex", List.of("sex")).withYear(Blocking.Rule.Year.WITHIN_ONE));
    all.add(Blocking.key("bsn_year", 3).withYear(Blocking.Rule.Year.SAME));
    Blocking every = new Blocking(all, Blocking.DEFAULT_MAX_BLOCK);
    Blocking febrl = Blocking.defaults(LinkageSchema.builtIn("febrl-v1"));
    SplittableRandom rnd = new SplittableRandom(11);
    int compared = 0;
    for (int i = 0; i < 3_000; i++) {
      String[] keys = new String[4];
      for (int k = 0; k < 4; k++) {
        keys[k] = rnd.nextInt(4) == 0 ? null : Long.toString(rnd.nextLong(), 36);
      }
      long[][] filters = new long[3][];
      for (int f = 0; f < 3; f++) {
        filters[f] = rnd.nextInt(5) == 0 ? null : randomFilter(rnd, rnd.nextInt(3) * 20);
      }
      String sex = rnd.nextInt(3) == 0 ? null : rnd.nextBoolean() ? "F" : "M";
      int year = rnd.nextInt(3) == 0 ? 0 : 1 + rnd.nextInt(2_100);
      LinkRecord r = rec(keys, filters, sex, year);
      assertThat(every.codes(r)).containsExactly(Blocking.codes(every.keys(r)));
      compared += every.keys(r).size();
      long[][] ten = new long[10][];
      for (int b = 0; b < ten.length; b++) {
        ten[b] = filters[(b + i) % 3];
      }
      LinkRecord f = new LinkRecord("s", "d", "p", "r", new String[2], ten, sex, year);
      assertThat(febrl.codes(f)).containsExactly(Blocking.codes(febrl.keys(f)));
    }
    assertThat(compared).isGreaterThan(3_000 * 10);
    assertThat(Blocking.codes(List.of("7.3:ff|1990", "0:x")))
        .containsExactly(Blocking.code("0:x"), Blocking.code("7.3:ff|1990"));
  }

  @Test
  void whichBlocksAreSummarisedAndByWhatKey() {
    Blocking scalable = Blocking.of(LinkageSchema.builtIn("person-v1"), Blocking.Profile.SCALABLE);
    List<String> names = scalable.rules().stream().map(Blocking.Rule::name).toList();
    int lsh = names.indexOf("lsh_first_name_surname_year");
    int names4 = names.indexOf("eq_first_name_surname_year_within_one");
    int missing = names.indexOf("eq_first_name_surname_when_year_missing");
    assertThat(scalable.coveringRule(lsh)).isEqualTo(names4);
    for (int r = 0; r < names.size(); r++) {
      assertThat(scalable.summarised(r)).as(names.get(r)).isEqualTo(r > 0);
      if (r != lsh) {
        assertThat(scalable.coveringRule(r)).as(names.get(r)).isEqualTo(-1);
      }
    }
    // The smallest earlier key that compares every pair: rules before the block's, not MISSING.
    long a = Blocking.code(0, 5);
    long b = Blocking.code(missing, 1);
    long c = Blocking.code(names4, 9);
    long d = Blocking.code(lsh, 3);
    long[] sorted = {a, c, b, d};
    Arrays.sort(sorted);
    assertThat(scalable.smallestEarlierCode(sorted, lsh)).isEqualTo(a);
    assertThat(scalable.smallestEarlierCode(new long[] {b, c, d}, lsh)).isEqualTo(c);
    assertThat(scalable.smallestEarlierCode(new long[] {b, d}, lsh)).isEqualTo(-1);
    assertThat(scalable.smallestEarlierCode(new long[] {c, d}, names4)).isEqualTo(-1);
    assertThat(scalable.smallestEarlierCode(new long[] {a}, 0)).isEqualTo(-1);
    // The first rule has nothing earlier; a FIELDS rule after a MISSING one only is not covered.
    assertThat(missing).isGreaterThan(names4);
  }

  @Test
  void fnvPartsWriteIntsAndHexLikeJava() {
    for (long v : new long[] {0, 1, 9, 10, 15, 16, 255, 4096, -1, Long.MIN_VALUE, 0x0f00L}) {
      assertThat(Blocking.Fnv.hex(Blocking.Fnv.START, v))
          .isEqualTo(Blocking.Fnv.add(Blocking.Fnv.START, Long.toHexString(v)));
    }
    for (int v : new int[] {0, 7, 10, 99, 100, 1990, 2021, Integer.MAX_VALUE}) {
      assertThat(Blocking.Fnv.decimal(Blocking.Fnv.START, v))
          .isEqualTo(Blocking.Fnv.add(Blocking.Fnv.START, Integer.toString(v)));
    }
  }

  @Test
  void rulesOfThePersonSchemaScaleToNationalDeliveries() {
    // mk_name_dob_sex and mk_initial_surname_dob are left out: records equal on them are equal on
    // first name and date of birth, or on surname and date of birth (rules 2 and 3)
    assertThat(SCALABLE.rules().stream().map(Blocking.Rule::name).toList())
        .containsExactly(
            "mk_names_sorted_dob",
            "mk_bsn",
            "eq_first_name_date_of_birth",
            "eq_surname_date_of_birth",
            "eq_first_name_surname_year_within_one",
            "eq_first_name_surname_when_year_missing",
            "lsh_first_name_surname_year");
    assertThat(SCALABLE.maxBlockSize()).isEqualTo(Blocking.DEFAULT_MAX_BLOCK);
  }

  @Test
  void febrlWithoutAClearBirthYearKeepsLshOverEachPairOfFields() {
    Blocking febrl = Blocking.defaults(LinkageSchema.builtIn("febrl-v1"));
    assertThat(febrl.rules().stream().map(Blocking.Rule::name).toList())
        .containsExactly(
            "mk_name_dob",
            "mk_soc_sec_id",
            "lsh_given_name_surname",
            "lsh_given_name_date_of_birth",
            "lsh_surname_date_of_birth",
            "lsh_address_1_address_2");
  }

  @Test
  void thoroughRulesOfThePersonSchema() {
    assertThat(PERSON.rules().stream().map(Blocking.Rule::name).toList())
        .containsExactly(
            "mk_name_dob_sex",
            "mk_initial_surname_dob",
            "mk_names_sorted_dob",
            "mk_bsn",
            "lsh_first_name_surname",
            "lsh_first_name_date_of_birth",
            "lsh_surname_date_of_birth");
    List<String> keys = PERSON.keys(rec(new String[] {"A", null, null, "B"}, MISSING_DATE));
    assertThat(keys).contains("0:A", "3:B");
    assertThat(keys.stream().filter(k -> k.startsWith("4."))).hasSize(16);
    assertThat(keys.stream().filter(k -> k.startsWith("5.") || k.startsWith("6."))).isEmpty();
  }

  @Test
  void autoChoosesScalableAboveTheLimit() {
    assertThat(Blocking.Profile.choose("auto", 250_000)).isEqualTo(Blocking.Profile.THOROUGH);
    assertThat(Blocking.Profile.choose("auto", 250_001)).isEqualTo(Blocking.Profile.SCALABLE);
    assertThat(Blocking.Profile.choose("thorough", 10_000_000))
        .isEqualTo(Blocking.Profile.THOROUGH);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Blocking.Profile.choose("fast", 1))
        .hasMessage("blocking must be auto, thorough or scalable, not fast");
  }

  static final long[][] MISSING_DATE;

  static {
    SplittableRandom rnd = new SplittableRandom(1);
    MISSING_DATE = new long[][] {randomFilter(rnd, 60), randomFilter(rnd, 60), null};
  }

  @Test
  void exactKeysAndMissingParts() {
    long[][] filters = MISSING_DATE;
    List<String> keys = SCALABLE.keys(rec(new String[] {"X", null, "A", "B"}, filters));
    // key 0 (name_dob_sex) makes no block: rule 2 (first name and date of birth) covers it
    assertThat(keys).contains("0:A", "1:B");
    // Without a date of birth or a birth year only the names-when-year-missing rule gives a key.
    assertThat(keys).hasSize(3);
    assertThat(keys.get(2)).startsWith("5:");
    List<String> withYear =
        SCALABLE.keys(rec(new String[4], filters, "F", 1990)).stream()
            .map(k -> k.substring(0, k.indexOf(':')))
            .toList();
    // names within one year: two keys; names without year: one; eight LSH bands with the year
    assertThat(withYear.stream().filter(k -> k.equals("4"))).hasSize(2);
    assertThat(withYear.stream().filter(k -> k.equals("5"))).hasSize(1);
    assertThat(withYear.stream().filter(k -> k.startsWith("6."))).hasSize(8);
    assertThat(withYear).hasSize(11);
  }

  @Test
  void namesWithBirthYearsOneApartShareAKeyTwoApartDoNot() {
    SplittableRandom rnd = new SplittableRandom(5);
    long[][] f = {randomFilter(rnd, 60), randomFilter(rnd, 60), randomFilter(rnd, 60)};
    long[][] otherDate = {f[0], f[1], randomFilter(rnd, 60)};
    Set<String> a = new HashSet<>(SCALABLE.keys(rec(new String[4], f, "M", 1990)));
    Set<String> b = new HashSet<>(SCALABLE.keys(rec(new String[4], otherDate, "M", 1991)));
    Set<String> c = new HashSet<>(SCALABLE.keys(rec(new String[4], otherDate, "M", 1992)));
    // rule 4 (names, years within one) and rule 5 (names, made for every record but comparing a
    // pair only when a birth year is missing)
    assertThat(b.stream().filter(a::contains).map(Blocking::ruleOf).sorted().toList())
        .containsExactly(4, 5);
    assertThat(c.stream().filter(a::contains).map(Blocking::ruleOf).toList()).containsExactly(5);
  }

  @Test
  void aPairIsComparedOnlyInTheBlockOfItsSmallestSharedKeyAndItsRuleMustAllowIt() {
    SplittableRandom rnd = new SplittableRandom(9);
    long[][] f = {randomFilter(rnd, 60), randomFilter(rnd, 60), randomFilter(rnd, 60)};
    LinkRecord a = rec(new String[] {null, null, "K", null}, f, "F", 1985);
    LinkRecord b = rec(new String[] {null, null, "K", null}, f, "F", 1985);
    long[] ka = Blocking.codes(SCALABLE.keys(a));
    long[] kb = Blocking.codes(SCALABLE.keys(b));
    // both records carry the same names and date: every rule's keys are shared
    assertThat(ka).isEqualTo(kb);
    List<Long> comparedIn =
        Arrays.stream(ka).filter(k -> SCALABLE.comparesIn(k, a, ka, b, kb)).boxed().toList();
    assertThat(comparedIn).containsExactly(ka[0]);

    // the names-when-year-missing rule compares a pair only when one side has no birth year
    long[][] names = {f[0], f[1], null};
    LinkRecord withYear = rec(new String[4], names, "F", 1985);
    LinkRecord withoutYear = rec(new String[4], names, "F", 0);
    LinkRecord alsoWithYear = rec(new String[4], names, "F", 1990);
    String keyMissingYear =
        SCALABLE.keys(withoutYear).stream()
            .filter(k -> k.startsWith("5:"))
            .findFirst()
            .orElseThrow();
    assertThat(SCALABLE.keys(withYear)).contains(keyMissingYear);
    assertThat(SCALABLE.keys(alsoWithYear)).contains(keyMissingYear);
    long[] k1 = Blocking.codes(SCALABLE.keys(withYear));
    long[] k2 = Blocking.codes(SCALABLE.keys(withoutYear));
    long[] k3 = Blocking.codes(SCALABLE.keys(alsoWithYear));
    long codeMissingYear = Blocking.code(keyMissingYear);
    assertThat(Blocking.ruleOfCode(codeMissingYear)).isEqualTo(5);
    assertThat(SCALABLE.comparesIn(codeMissingYear, withYear, k1, withoutYear, k2)).isTrue();
    assertThat(SCALABLE.comparesIn(codeMissingYear, withYear, k1, alsoWithYear, k3)).isFalse();
  }

  static List<String> sorted(List<String> keys) {
    List<String> k = new ArrayList<>(keys);
    k.sort(null);
    return k;
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
  void everyPairThatAnAllowingSharedKeyFindsIsComparedInExactlyOneBlock() {
    // Pairs that share some keys (same match key or names, birth years one apart, a mistyped
    // name, a missing birth year): among the blocks of the pair's shared keys, exactly one compares
    // it when some shared key's rule allows the pair, none otherwise. Keys that only one of the two
    // records has may be left out of its list (the sketch drops them) without changing a decision.
    SplittableRandom rnd = new SplittableRandom(11);
    int compared = 0;
    int refused = 0;
    for (Blocking blocking : List.of(SCALABLE, PERSON)) {
      for (int t = 0; t < 200; t++) {
        long[][] f = {randomFilter(rnd, 60), randomFilter(rnd, 60), randomFilter(rnd, 60)};
        long[][] g = {f[0].clone(), f[1].clone(), f[2].clone()};
        if (t % 3 == 0) {
          g[0][0] ^= 0b110L;
        }
        boolean farApart = t % 13 == 0; // same names only, other date, years far apart
        if (farApart) {
          g[2] = randomFilter(rnd, 60);
        }
        String[] keysA = {t % 2 == 0 ? "K" + t : null, "L", null, t % 5 == 0 ? "B" : null};
        String[] keysB = {t % 2 == 0 ? "K" + t : null, t % 4 == 0 ? "L" : null, null, null};
        LinkRecord a = rec(keysA, f, "F", t % 11 == 0 ? 0 : 1980 + t % 3);
        LinkRecord b = rec(keysB, g, "F", farApart ? 2001 : t % 7 == 0 ? 0 : 1980 + t % 2);
        List<String> sharedKeys =
            blocking.keys(a).stream().filter(blocking.keys(b)::contains).toList();
        long[] ca = Blocking.codes(blocking.keys(a));
        long[] cb = Blocking.codes(blocking.keys(b));
        long[] sharedOnlyA = Blocking.codes(sharedKeys);
        boolean allowed = false;
        int in = 0;
        for (String k : sharedKeys) {
          long code = Blocking.code(k);
          allowed |= blocking.rules().get(Blocking.ruleOf(k)).allows(a, b);
          boolean here = blocking.comparesIn(code, a, ca, b, cb);
          assertThat(blocking.comparesIn(code, a, sharedOnlyA, b, cb)).isEqualTo(here);
          in += here ? 1 : 0;
        }
        assertThat(in).as("pair %d", t).isEqualTo(allowed ? 1 : 0);
        if (allowed) {
          compared++;
        } else if (!sharedKeys.isEmpty()) {
          refused++;
        }
      }
    }
    assertThat(compared).isGreaterThan(300);
    assertThat(refused).isGreaterThan(0);
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
