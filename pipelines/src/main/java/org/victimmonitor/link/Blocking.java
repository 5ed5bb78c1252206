package org.victimmonitor.link;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.SplittableRandom;
import org.victimmonitor.pseudonymise.LinkageSchema;

/**
 * Blocking keys of a record: only records that share at least one key are compared. Three kinds of
 * rule, any number of each:
 *
 * <ul>
 *   <li>{@link Rule.Kind#KEY}: an exact match key (e.g. name + date of birth, BSN);
 *   <li>{@link Rule.Kind#LSH}: Hamming locality-sensitive hashing of the Bloom filters: per band, a
 *       fixed sample of bit positions from the concatenated filters of the rule's fields; two
 *       records whose filters differ in few bits agree on all sampled bits of some band with high
 *       probability, unrelated ones rarely;
 *   <li>{@link Rule.Kind#FIELDS}: the exact equality of the Bloom filters of some fields (e.g.
 *       first name and date of birth), optionally with the clear birth year ({@link Rule.Year});
 *   <li>{@link Rule.Kind#ATTRIBUTES}: coarse attributes in clear (birth year, sex), together with a
 *       key or band prefix when given, to keep blocks small.
 * </ul>
 *
 * Blocks larger than {@code maxBlockSize} are split (see {@code BlockRecords}) and counted. A pair
 * that shares several keys is compared once, in the block of its smallest shared key code ({@link
 * #comparesIn}).
 */
public record Blocking(List<Rule> rules, int maxBlockSize) implements Serializable {

  static final int LSH_BANDS = 16;
  static final int LSH_BITS = 64;

  /** Default cap on the records of one block; larger blocks are split into parts of this size. */
  public static final int DEFAULT_MAX_BLOCK = 1000;

  /**
   * One blocking rule.
   *
   * @param index for KEY, the match-key index
   * @param fields for LSH and FIELDS, the Bloom filter indexes whose filters are concatenated
   * @param positions for LSH, per band the sampled bit positions in the concatenation
   * @param attributes for ATTRIBUTES, "sex" and/or "birth_year"
   * @param year how the clear birth year takes part: {@link Year#NONE}; {@link Year#SAME} (part of
   *     the key, a record without one gets no key); {@link Year#WITHIN_ONE} (keys for the year and
   *     the next, so years one apart share a key); {@link Year#MISSING} (the key is made for every
   *     record, but a pair is compared only when one of its records has no birth year)
   */
  public record Rule(
      String name,
      Kind kind,
      int index,
      int[] fields,
      int[][] positions,
      List<String> attributes,
      Year year)
      implements Serializable {
    /** Kinds of rule. */
    public enum Kind {
      KEY,
      LSH,
      FIELDS,
      ATTRIBUTES
    }

    /** How a rule uses the clear birth year. */
    public enum Year {
      NONE,
      SAME,
      WITHIN_ONE,
      MISSING
    }

    /** Whether this rule compares the pair (only {@link Year#MISSING} rules refuse some). */
    public boolean allows(LinkRecord a, LinkRecord b) {
      return year != Year.MISSING || a.birthYear() <= 0 || b.birthYear() <= 0;
    }

    /** The same rule with another use of the birth year. */
    public Rule withYear(Year y) {
      return new Rule(name + yearSuffix(y), kind, index, fields, positions, attributes, y);
    }

    private static String yearSuffix(Year y) {
      return switch (y) {
        case NONE -> "";
        case SAME -> "_year";
        case WITHIN_ONE -> "_year_within_one";
        case MISSING -> "_when_year_missing";
      };
    }
  }

  /** A rule on one exact match key. */
  public static Rule key(String name, int index) {
    return new Rule(
        name, Rule.Kind.KEY, index, new int[0], new int[0][], List.of(), Rule.Year.NONE);
  }

  /**
   * An LSH rule: {@code bands} samples of {@code bitsPerBand} positions (at most 64) drawn with a
   * fixed seed from the concatenated filters of the given fields, each {@code filterBits} long.
   */
  public static Rule lsh(
      String name, int[] fields, int filterBits, int bands, int bitsPerBand, long seed) {
    if (bitsPerBand < 1 || bitsPerBand > 64) {
      throw new IllegalArgumentException("bits per band must be 1..64: " + bitsPerBand);
    }
    SplittableRandom rnd = new SplittableRandom(seed);
    int total = fields.length * filterBits;
    int[][] positions = new int[bands][bitsPerBand];
    for (int b = 0; b < bands; b++) {
      for (int i = 0; i < bitsPerBand; i++) {
        positions[b][i] = rnd.nextInt(total);
      }
    }
    return new Rule(name, Rule.Kind.LSH, -1, fields.clone(), positions, List.of(), Rule.Year.NONE);
  }

  /** A rule on coarse attributes in clear. */
  public static Rule attributes(String name, List<String> attributes) {
    return new Rule(
        name, Rule.Kind.ATTRIBUTES, -1, new int[0], new int[0][], attributes, Rule.Year.NONE);
  }

  /**
   * A rule on the exact equality of the Bloom filters of the given fields (the same values under
   * one key give the same filters), through a 64-bit hash of the filters: a collision only merges
   * two blocks.
   */
  public static Rule fields(String name, int[] fields) {
    return new Rule(
        name, Rule.Kind.FIELDS, -1, fields.clone(), new int[0][], List.of(), Rule.Year.NONE);
  }

  /**
   * Default (thorough) blocking for a linkage schema: every match key, and LSH over the name and
   * date of birth filters (or, without them, the first Bloom fields), one rule per pair of fields.
   */
  public static Blocking defaults(LinkageSchema schema) {
    return defaults(schema, LSH_BANDS, LSH_BITS);
  }

  /** Default (thorough) rules with another number of LSH bands and bits per band. */
  public static Blocking defaults(LinkageSchema schema, int lshBands, int lshBits) {
    return of(schema, Profile.THOROUGH, lshBands, lshBits);
  }

  /**
   * Which rules a run uses. {@link #THOROUGH}: every match key and LSH over each pair of the name
   * and date fields; the best recall, but LSH over names alone compares everyone who shares a
   * common name, which grows with the square of the deliveries (175 million candidate pairs for the
   * 1.1 million records of the national synthetic scale). {@link #SCALABLE}: for schemas that keep
   * the birth year in clear, names are combined with the date of birth or the birth year instead
   * (docs/linkage.md, "Blocking"), at some cost in recall; other schemas keep the thorough rules.
   */
  public enum Profile {
    THOROUGH,
    SCALABLE;

    /** Above this many records, {@code auto} chooses {@link #SCALABLE}. */
    public static final long AUTO_SCALABLE_ABOVE = 250_000;

    /**
     * The profile named by an option: thorough, scalable, or auto (by the number of records).
     *
     * @throws IllegalArgumentException for any other name
     */
    public static Profile choose(String name, long records) {
      return switch (name) {
        case "thorough" -> THOROUGH;
        case "scalable" -> SCALABLE;
        case "auto" -> records > AUTO_SCALABLE_ABOVE ? SCALABLE : THOROUGH;
        default ->
            throw new IllegalArgumentException(
                "blocking must be auto, thorough or scalable, not " + name);
      };
    }
  }

  /** The rules of a profile for a linkage schema. */
  public static Blocking of(LinkageSchema schema, Profile profile) {
    return of(schema, profile, LSH_BANDS, LSH_BITS);
  }

  /** The rules of a profile, with another number of bands and bits for the thorough LSH rules. */
  public static Blocking of(LinkageSchema schema, Profile profile, int lshBands, int lshBits) {
    List<Rule> rules = new ArrayList<>();
    for (int i = 0; i < schema.matchKeys().size(); i++) {
      rules.add(key("mk_" + schema.matchKeys().get(i).name(), i));
    }
    List<String> bloom = new ArrayList<>();
    int bits = 0;
    for (LinkageSchema.Field f : schema.fields()) {
      if (f.bloom() != null) {
        bloom.add(f.name());
        bits = f.bloom().bits();
      }
    }
    boolean clearYear = schema.clear().stream().anyMatch(c -> c.column().equals("birth_year"));
    int date = bloom.indexOf("date_of_birth");
    List<Integer> names = new ArrayList<>();
    for (String name : List.of("first_name", "given_name", "surname")) {
      if (bloom.contains(name)) {
        names.add(bloom.indexOf(name));
      }
    }
    if (profile == Profile.SCALABLE && clearYear && date >= 0 && names.size() == 2) {
      scalableRules(rules, bloom, names.get(0), names.get(1), date, bits);
      return new Blocking(withoutSubsumedKeys(rules, schema, bloom), DEFAULT_MAX_BLOCK);
    }
    List<Integer> chosen = new ArrayList<>();
    for (String name : List.of("first_name", "given_name", "surname", "date_of_birth")) {
      if (bloom.contains(name)) {
        chosen.add(bloom.indexOf(name));
      }
    }
    for (int i = 0; chosen.size() < 2 && i < Math.min(3, bloom.size()); i++) {
      if (!chosen.contains(i)) {
        chosen.add(i);
      }
    }
    // One rule per pair of fields, so a record with one field missing is still found.
    long seed = 20260101L;
    for (int a = 0; a < chosen.size(); a++) {
      for (int b = a + 1; b < chosen.size(); b++) {
        int fa = chosen.get(a);
        int fb = chosen.get(b);
        rules.add(
            lsh(
                "lsh_" + bloom.get(fa) + "_" + bloom.get(fb),
                new int[] {fa, fb},
                bits,
                lshBands,
                lshBits,
                seed++));
      }
    }
    // One more over the first two other Bloom fields (addresses in FEBRL): finds pairs whose
    // names were swapped or mangled. Fields named *number* are skipped: a few digits set too few
    // bits for a useful sample.
    List<Integer> others = new ArrayList<>();
    for (int i = 0; i < bloom.size() && others.size() < 2; i++) {
      if (!chosen.contains(i) && !bloom.get(i).contains("number")) {
        others.add(i);
      }
    }
    if (others.size() == 2) {
      rules.add(
          lsh(
              "lsh_" + bloom.get(others.get(0)) + "_" + bloom.get(others.get(1)),
              new int[] {others.get(0), others.get(1)},
              bits,
              lshBands,
              lshBits,
              seed));
    }
    return new Blocking(List.copyOf(rules), DEFAULT_MAX_BLOCK);
  }

  /**
   * The rules without the match-key rules that an exact-fields rule already covers: a key whose
   * parts include every field of a {@link Rule.Kind#FIELDS} rule without a year condition (such as
   * {@code name_dob_sex} and first name with date of birth). The pseudonymiser makes a key part and
   * the field's Bloom filter from the same standardised value, so two records equal on the key are
   * equal on those filters, and the key's block only repeats pairs of the other rule's block: on
   * the national synthetic deliveries, 10% of the block copies for no pair of its own.
   */
  static List<Rule> withoutSubsumedKeys(
      List<Rule> rules, LinkageSchema schema, List<String> bloomFields) {
    List<Rule> kept = new ArrayList<>();
    for (Rule r : rules) {
      boolean subsumed = false;
      if (r.kind() == Rule.Kind.KEY) {
        List<String> parts = schema.matchKeys().get(r.index()).parts();
        for (Rule f : rules) {
          if (f.kind() == Rule.Kind.FIELDS
              && f.year() == Rule.Year.NONE
              && Arrays.stream(f.fields()).allMatch(i -> parts.contains(bloomFields.get(i)))) {
            subsumed = true;
            break;
          }
        }
      }
      if (!subsumed) {
        kept.add(r);
      }
    }
    return List.copyOf(kept);
  }

  /** Bands of the name LSH rule of {@link #scalableRules}. */
  static final int SCALABLE_LSH_BANDS = 8;

  /**
   * Rules for schemas with the birth year in clear: either name exact with the date of birth exact
   * (finds typos, nicknames and changed surnames in the other name); both names exact with the
   * birth year within one (finds a mistyped, partial or swapped date of birth); both names exact
   * for records without a birth year (compared only with such a record on one side); and LSH over
   * both names within the birth year (finds typos in both names).
   */
  private static void scalableRules(
      List<Rule> rules, List<String> bloom, int first, int last, int date, int bits) {
    String f = bloom.get(first);
    String l = bloom.get(last);
    String d = bloom.get(date);
    rules.add(fields("eq_" + f + "_" + d, new int[] {first, date}));
    rules.add(fields("eq_" + l + "_" + d, new int[] {last, date}));
    Rule names = fields("eq_" + f + "_" + l, new int[] {first, last});
    rules.add(names.withYear(Rule.Year.WITHIN_ONE));
    rules.add(names.withYear(Rule.Year.MISSING));
    rules.add(
        lsh(
                "lsh_" + f + "_" + l,
                new int[] {first, last},
                bits,
                SCALABLE_LSH_BANDS,
                LSH_BITS,
                20260201L)
            .withYear(Rule.Year.SAME));
  }

  /** Same rules with another block size cap. */
  public Blocking withMaxBlockSize(int max) {
    return new Blocking(rules, max);
  }

  /** The most keys a record can have under these rules (LSH bands count one each). */
  public int maxKeysPerRecord() {
    int n = 0;
    for (int i = 0; i < rules.size(); i++) {
      n += maxKeys(i);
    }
    return n;
  }

  private int maxKeys(int rule) {
    Rule r = rules.get(rule);
    int k = r.kind() == Rule.Kind.LSH ? r.positions().length : 1;
    return r.year() == Rule.Year.WITHIN_ONE ? 2 * k : k;
  }

  /**
   * The rule that covers a block of {@code rule} when all the block's records share one of its
   * keys, or -1: an earlier {@link Rule.Kind#FIELDS} rule on some of this rule's fields that
   * compares every pair (not {@link Rule.Year#MISSING}); a rule that is itself {@code MISSING} has
   * none. When every record of a block has the same smallest key of the covering rule, every pair
   * of the block shares that key, whose code is smaller (the rule's number is in its top bits), so
   * {@link #comparesIn} compares none of them in this block: the block can be left out before the
   * shuffle. On person-v1's scalable rules, the name LSH rule is covered by the exact first name
   * and surname: at the national scale, four in five of its block copies are of records with the
   * same names.
   */
  public int coveringRule(int rule) {
    Rule r = rules.get(rule);
    if ((r.kind() != Rule.Kind.LSH && r.kind() != Rule.Kind.FIELDS)
        || r.year() == Rule.Year.MISSING) {
      return -1;
    }
    for (int c = 0; c < rule; c++) {
      Rule f = rules.get(c);
      if (f.kind() == Rule.Kind.FIELDS
          && f.year() != Rule.Year.MISSING
          && Arrays.stream(f.fields())
              .allMatch(i -> Arrays.stream(r.fields()).anyMatch(j -> j == i))) {
        return c;
      }
    }
    return -1;
  }

  /**
   * Whether a rule's blocks are summarised before the shuffle ({@code BlockRecords}) to leave out
   * the blocks none of whose pairs would be compared in them. That is every rule after the first,
   * and any {@link Rule.Year#MISSING} rule:
   *
   * <ul>
   *   <li>a {@code MISSING} rule compares only pairs with a missing birth year, so its block
   *       compares nothing when every record has one;
   *   <li>a rule with a {@link #coveringRule} compares nothing in a block whose records all have
   *       the same smallest key of that rule;
   *   <li>any other rule after the first compares nothing in a block whose records all have the
   *       same smallest key of the earlier rules that compare every pair ({@link
   *       #smallestEarlierCode}): every pair shares that key, whose code is smaller.
   * </ul>
   */
  public boolean summarised(int rule) {
    if (rules.get(rule).year() == Rule.Year.MISSING) {
      return true;
    }
    for (int c = 0; c < rule; c++) {
      if (rules.get(c).year() != Rule.Year.MISSING) {
        return true;
      }
    }
    return false;
  }

  /**
   * The smallest of a record's sorted key codes whose rule comes before {@code rule} and compares
   * every pair (not {@link Rule.Year#MISSING}), or -1 when there is none.
   */
  public long smallestEarlierCode(long[] sortedCodes, int rule) {
    for (long code : sortedCodes) {
      int r = ruleOfCode(code);
      if (r >= rule) {
        return -1;
      }
      if (rules.get(r).year() != Rule.Year.MISSING) {
        return code;
      }
    }
    return -1;
  }

  /**
   * The blocking keys of a record, each prefixed with its rule's number so that keys of different
   * rules never meet. Rules whose inputs are missing give no key (the record may still be found
   * through another rule; a record with no key at all is only compared by nothing and stays a
   * singleton, which is counted by the caller). Keys are distinct.
   */
  public List<String> keys(LinkRecord r) {
    List<String> out = new ArrayList<>();
    visit(
        r,
        (rule, band, body, hexBody, year) -> {
          StringBuilder k = new StringBuilder().append(rule);
          if (band >= 0) {
            k.append('.').append(band);
          }
          k.append(':').append(body != null ? body : Long.toHexString(hexBody));
          if (year > 0) {
            k.append('|').append(year);
          }
          out.add(k.toString());
        });
    return out;
  }

  /**
   * The codes of the record's blocking keys, sorted: {@code codes(keys(r))}, computed without
   * building the keys' text (their {@link SharedKeys#hash} fed part by part). The engine asks for
   * them twice per record, and building the text was 3 microseconds a record.
   */
  public long[] codes(LinkRecord r) {
    long[] out = new long[maxKeysPerRecord()];
    int[] n = {0};
    visit(
        r,
        (rule, band, body, hexBody, year) -> {
          long h = Fnv.decimal(Fnv.START, rule);
          if (band >= 0) {
            h = Fnv.decimal(Fnv.add(h, '.'), band);
          }
          h = Fnv.add(h, ':');
          h = body != null ? Fnv.add(h, body) : Fnv.hex(h, hexBody);
          if (year > 0) {
            h = Fnv.decimal(Fnv.add(h, '|'), year);
          }
          out[n[0]++] = code(rule, mix(h));
        });
    long[] c = Arrays.copyOf(out, n[0]);
    Arrays.sort(c);
    return c;
  }

  /**
   * Receives the keys of a record as their parts: the key's text is {@code rule:body}, or {@code
   * rule.band:body} for an LSH band, then {@code |year} when {@code year > 0}; {@code body} null
   * stands for {@code hexBody} in lower-case hex.
   */
  private interface KeySink {
    void key(int rule, int band, String body, long hexBody, int year);
  }

  /** Walks the record's keys, rule by rule, in the order of {@link #keys}. */
  private void visit(LinkRecord r, KeySink sink) {
    for (int i = 0; i < rules.size(); i++) {
      Rule rule = rules.get(i);
      // the years a key carries: none (0), the birth year, or the birth year and the next
      boolean withYear = rule.year() == Rule.Year.SAME || rule.year() == Rule.Year.WITHIN_ONE;
      if (withYear && r.birthYear() <= 0) {
        continue; // the rule needs a birth year
      }
      int first = withYear ? r.birthYear() : 0;
      int count = rule.year() == Rule.Year.WITHIN_ONE ? 2 : 1;
      switch (rule.kind()) {
        case KEY -> {
          String k = r.keys()[rule.index()];
          if (k != null) {
            for (int j = 0; j < count; j++) {
              sink.key(i, -1, k, 0, first + j);
            }
          }
        }
        case LSH -> {
          long[] sigs = lshSignatures(rule, r);
          for (int b = 0; b < sigs.length; b++) {
            if (sigs[b] != 0) {
              for (int j = 0; j < count; j++) {
                sink.key(i, b, null, sigs[b], first + j);
              }
            }
          }
        }
        case FIELDS -> {
          long[] h = fieldsHash(rule, r);
          if (h != null) {
            for (int j = 0; j < count; j++) {
              sink.key(i, -1, null, h[0], first + j);
            }
          }
        }
        case ATTRIBUTES -> {
          StringBuilder s = new StringBuilder();
          boolean complete = true;
          for (String a : rule.attributes()) {
            String v = attribute(a, r);
            if (v == null || v.isEmpty()) {
              complete = false;
              break;
            }
            s.append(v).append('|');
          }
          if (complete) {
            String body = s.toString();
            for (int j = 0; j < count; j++) {
              sink.key(i, -1, body, 0, first + j);
            }
          }
        }
      }
    }
  }

  /** A clear attribute of the record, null when missing. */
  private static String attribute(String name, LinkRecord r) {
    return switch (name) {
      case "sex" -> r.sex();
      case "birth_year" -> r.birthYear() > 0 ? Integer.toString(r.birthYear()) : null;
      default -> throw new IllegalArgumentException("unknown attribute " + name);
    };
  }

  /** The hash of the rule's filters, in a one-element array; null when one is missing. */
  private static long[] fieldsHash(Rule rule, LinkRecord r) {
    long h = 0x9E3779B97F4A7C15L;
    for (int f : rule.fields()) {
      long[] filter = r.filters()[f];
      if (filter == null) {
        return null;
      }
      for (long w : filter) {
        h = mix(h ^ w);
      }
      h = mix(h + f);
    }
    return new long[] {h};
  }

  /**
   * FNV-1a over characters, one part at a time ({@link SharedKeys#hash} is it over a whole key).
   */
  static final class Fnv {
    static final long START = 0xcbf29ce484222325L;
    private static final long PRIME = 0x100000001b3L;
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Fnv() {}

    static long add(long h, char c) {
      return (h ^ c) * PRIME;
    }

    static long add(long h, String s) {
      for (int i = 0; i < s.length(); i++) {
        h = (h ^ s.charAt(i)) * PRIME;
      }
      return h;
    }

    /** The digits of a non-negative int, as {@link Integer#toString} writes them. */
    static long decimal(long h, int v) {
      int div = 1;
      while (v / div >= 10) {
        div *= 10;
      }
      for (; div > 0; div /= 10) {
        h = add(h, (char) ('0' + v / div % 10));
      }
      return h;
    }

    /** The digits of a long, as {@link Long#toHexString} writes them. */
    static long hex(long h, long v) {
      int shift = v == 0 ? 0 : (63 - Long.numberOfLeadingZeros(v)) & ~3;
      for (; shift >= 0; shift -= 4) {
        h = add(h, HEX[(int) (v >>> shift) & 15]);
      }
      return h;
    }
  }

  /** The 64-bit finaliser of SplitMix64: spreads every input bit over the output. */
  static long mix(long z) {
    z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
    z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
    return z ^ (z >>> 33);
  }

  /** The number of the rule that made a block key. */
  public static int ruleOf(String blockKey) {
    int rule = 0;
    int i = 0;
    for (char c; i < blockKey.length() && (c = blockKey.charAt(i)) >= '0' && c <= '9'; i++) {
      rule = rule * 10 + (c - '0');
    }
    if (i == 0) {
      throw new IllegalArgumentException("not a block key: no rule number");
    }
    return rule;
  }

  /**
   * The 64-bit code of a block key, as the engine groups and compares it: the key's rule number in
   * the top 8 bits and 56 bits of the key's hash below, so a code tells its rule. Two different
   * keys of one rule share a code with chance 2^-56; blocks are defined by codes throughout, so
   * such a collision would only merge two blocks (more pairs compared, none lost).
   */
  public static long code(String key) {
    return code(ruleOf(key), SharedKeys.hash(key));
  }

  /** The code of a key of rule {@code rule} whose {@link SharedKeys#hash} is {@code hash}. */
  static long code(int rule, long hash) {
    return ((long) rule << 56) | (hash >>> 8);
  }

  /** The rule number of a key code. */
  public static int ruleOfCode(long code) {
    return (int) (code >>> 56);
  }

  /** The sorted codes of keys. */
  public static long[] codes(Collection<String> keys) {
    long[] c = new long[keys.size()];
    int i = 0;
    for (String k : keys) {
      c[i++] = code(k);
    }
    Arrays.sort(c);
    return c;
  }

  /**
   * Whether the pair is compared in the block of key code {@code blockCode}: its rule allows the
   * pair and no smaller code shared by both records (of a rule that allows the pair) exists. So a
   * pair found in several blocks is compared in exactly one of them, without a shuffle of the
   * pairs.
   *
   * @param codesA the sorted codes of the keys the first record may share with another ({@link
   *     #codes}); a key it certainly shares with nobody may be left out. {@code codesB} likewise.
   */
  public boolean comparesIn(
      long blockCode, LinkRecord a, long[] codesA, LinkRecord b, long[] codesB) {
    if (!rules.get(ruleOfCode(blockCode)).allows(a, b)) {
      return false;
    }
    int i = 0;
    int j = 0;
    while (i < codesA.length && j < codesB.length) {
      long x = codesA[i];
      long y = codesB[j];
      if (x < y) {
        i++;
      } else if (x > y) {
        j++;
      } else {
        if (rules.get(ruleOfCode(x)).allows(a, b)) {
          return x == blockCode;
        }
        i++;
        j++;
      }
    }
    return false;
  }

  /** The rule's band signatures of the record; 0 for a band over a missing field. */
  private static long[] lshSignatures(Rule rule, LinkRecord r) {
    long[] sigs = new long[rule.positions().length];
    long[][] filters = new long[rule.fields().length][];
    int words = 0;
    for (int f = 0; f < filters.length; f++) {
      filters[f] = r.filters()[rule.fields()[f]];
      if (filters[f] != null) {
        words = filters[f].length;
      }
    }
    if (words == 0) {
      return sigs;
    }
    int bits = words * 64;
    // Filters are a power of two long (1024 bits by default): shift and mask, not divide.
    int log2 = (bits & (bits - 1)) == 0 ? Integer.numberOfTrailingZeros(bits) : -1;
    for (int b = 0; b < sigs.length; b++) {
      long sig = 0;
      for (int p : rule.positions()[b]) {
        long[] filter = filters[log2 >= 0 ? p >>> log2 : p / bits];
        if (filter == null) {
          sig = 0;
          break;
        }
        int q = log2 >= 0 ? p & (bits - 1) : p % bits;
        sig = (sig << 1) | ((filter[q >>> 6] >>> (q & 63)) & 1L);
      }
      // A band over a missing field, or one that sampled only zeros, says nothing about identity.
      sigs[b] = sig;
    }
    return sigs;
  }
}
