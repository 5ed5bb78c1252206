package org.victimmonitor.link;

import java.io.Serializable;
import java.util.ArrayList;
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
 *   <li>{@link Rule.Kind#ATTRIBUTES}: coarse attributes in clear (birth year, sex), together with a
 *       key or band prefix when given, to keep blocks small.
 * </ul>
 *
 * Blocks larger than {@code maxBlockSize} are split (see {@code BlockRecords}) and counted.
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
   * @param fields for LSH, the Bloom filter indexes whose filters are concatenated
   * @param positions for LSH, per band the sampled bit positions in the concatenation
   * @param attributes for ATTRIBUTES, "sex" and/or "birth_year"
   */
  public record Rule(
      String name, Kind kind, int index, int[] fields, int[][] positions, List<String> attributes)
      implements Serializable {
    /** Kinds of rule. */
    public enum Kind {
      KEY,
      LSH,
      ATTRIBUTES
    }
  }

  /** A rule on one exact match key. */
  public static Rule key(String name, int index) {
    return new Rule(name, Rule.Kind.KEY, index, new int[0], new int[0][], List.of());
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
    return new Rule(name, Rule.Kind.LSH, -1, fields.clone(), positions, List.of());
  }

  /** A rule on coarse attributes in clear. */
  public static Rule attributes(String name, List<String> attributes) {
    return new Rule(name, Rule.Kind.ATTRIBUTES, -1, new int[0], new int[0][], attributes);
  }

  /**
   * Default blocking for a linkage schema: every match key, and LSH over the name and date of birth
   * filters (or, without them, the first Bloom fields), one rule per pair of fields.
   */
  public static Blocking defaults(LinkageSchema schema) {
    return defaults(schema, LSH_BANDS, LSH_BITS);
  }

  /** Default rules with another number of LSH bands and bits per band. */
  public static Blocking defaults(LinkageSchema schema, int lshBands, int lshBits) {
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

  /** Same rules with another block size cap. */
  public Blocking withMaxBlockSize(int max) {
    return new Blocking(rules, max);
  }

  /**
   * The blocking keys of a record, each prefixed with its rule's number so that keys of different
   * rules never meet. Rules whose inputs are missing give no key (the record may still be found
   * through another rule; a record with no key at all is only compared by nothing and stays a
   * singleton, which is counted by the caller).
   */
  public List<String> keys(LinkRecord r) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < rules.size(); i++) {
      Rule rule = rules.get(i);
      switch (rule.kind()) {
        case KEY -> {
          String k = r.keys()[rule.index()];
          if (k != null) {
            out.add(i + ":" + k);
          }
        }
        case LSH -> lshKeys(i, rule, r, out);
        case ATTRIBUTES -> {
          StringBuilder s = new StringBuilder().append(i).append(':');
          boolean complete = true;
          for (String a : rule.attributes()) {
            String v =
                switch (a) {
                  case "sex" -> r.sex();
                  case "birth_year" -> r.birthYear() > 0 ? Integer.toString(r.birthYear()) : null;
                  default -> throw new IllegalArgumentException("unknown attribute " + a);
                };
            if (v == null || v.isEmpty()) {
              complete = false;
              break;
            }
            s.append(v).append('|');
          }
          if (complete) {
            out.add(s.toString());
          }
        }
      }
    }
    return out;
  }

  private static void lshKeys(int ruleNo, Rule rule, LinkRecord r, List<String> out) {
    long[][] filters = new long[rule.fields().length][];
    int words = 0;
    for (int f = 0; f < filters.length; f++) {
      filters[f] = r.filters()[rule.fields()[f]];
      if (filters[f] != null) {
        words = filters[f].length;
      }
    }
    if (words == 0) {
      return;
    }
    int bits = words * 64;
    for (int b = 0; b < rule.positions().length; b++) {
      long sig = 0;
      boolean anyMissing = false;
      for (int p : rule.positions()[b]) {
        long[] filter = filters[p / bits];
        if (filter == null) {
          anyMissing = true;
          break;
        }
        int q = p % bits;
        sig = (sig << 1) | ((filter[q >>> 6] >>> (q & 63)) & 1L);
      }
      // A band over a missing field, or one that sampled only zeros, says nothing about identity.
      if (!anyMissing && sig != 0) {
        out.add(ruleNo + "." + b + ":" + Long.toHexString(sig));
      }
    }
  }
}
