package org.victimmonitor.link;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.victimmonitor.pseudonymise.LinkageSchema;

/**
 * The comparison vector of a record pair: one {@link Comparison} per field, and the pair's
 * comparison pattern (the levels in mixed radix, one {@code long}), which is what the model is
 * fitted on. Also the hard-evidence guard: a pair whose valid BSN keys differ, or whose sex is M on
 * one side and F on the other, is never linked however similar the rest.
 */
public record Comparisons(List<Comparison> fields, int[] hardKeys, boolean sexIsHard)
    implements Serializable {

  /** Dice bands used by default for every Bloom field, highest first. */
  public static final double[] DEFAULT_BANDS = {0.9, 0.8, 0.65};

  /**
   * Default comparisons for a linkage schema: every Bloom field (with its single-field match key as
   * the exact level when there is one), every single-field match key without a Bloom filter, and
   * sex and birth year when the schema keeps them in clear. BSN keys and sex are hard evidence.
   */
  public static Comparisons defaults(LinkageSchema schema) {
    List<Comparison> fields = new ArrayList<>();
    List<String> bloomFields = new ArrayList<>();
    for (LinkageSchema.Field f : schema.fields()) {
      if (f.bloom() != null) {
        bloomFields.add(f.name());
      }
    }
    List<Integer> hard = new ArrayList<>();
    for (LinkageSchema.Field f : schema.fields()) {
      int key = singleFieldKey(schema, f.name());
      if (f.bloom() != null) {
        fields.add(
            new Comparison(
                f.name(),
                Comparison.Kind.BLOOM,
                bloomFields.indexOf(f.name()),
                key,
                DEFAULT_BANDS.clone()));
      } else if (key >= 0) {
        fields.add(new Comparison(f.name(), Comparison.Kind.KEY, key, -1, new double[0]));
      }
      if (key >= 0 && f.kind() == LinkageSchema.Kind.BSN) {
        hard.add(key);
      }
    }
    boolean sex = false;
    for (LinkageSchema.ClearColumn c : schema.clear()) {
      if (c.column().equals("sex")) {
        fields.add(new Comparison("sex", Comparison.Kind.SEX, -1, -1, new double[0]));
        sex = true;
      } else if (c.column().equals("birth_year")) {
        fields.add(new Comparison("birth_year", Comparison.Kind.BIRTH_YEAR, -1, -1, new double[0]));
      }
    }
    return new Comparisons(
        List.copyOf(fields), hard.stream().mapToInt(Integer::intValue).toArray(), sex);
  }

  private static int singleFieldKey(LinkageSchema schema, String field) {
    for (int i = 0; i < schema.matchKeys().size(); i++) {
      List<String> parts = schema.matchKeys().get(i).parts();
      if (parts.size() == 1 && parts.get(0).equals(field)) {
        return i;
      }
    }
    return -1;
  }

  /** Number of levels of each field. */
  public int[] levelCounts() {
    int[] n = new int[fields.size()];
    for (int i = 0; i < n.length; i++) {
      n[i] = fields.get(i).levels();
    }
    return n;
  }

  /** The comparison pattern of a pair: its levels in mixed radix (field 0 least significant). */
  public long pattern(LinkRecord a, LinkRecord b) {
    long p = 0;
    long radix = 1;
    for (Comparison c : fields) {
      p += radix * c.level(a, b);
      radix *= c.levels();
    }
    return p;
  }

  /** Decodes a pattern into {@code levels} (length = number of fields). */
  public void decode(long pattern, int[] levels) {
    decode(levelCounts(), pattern, levels);
  }

  static void decode(int[] levelCounts, long pattern, int[] levels) {
    long p = pattern;
    for (int i = 0; i < levelCounts.length; i++) {
      levels[i] = (int) (p % levelCounts[i]);
      p /= levelCounts[i];
    }
  }

  static long encode(int[] levelCounts, int[] levels) {
    long p = 0;
    long radix = 1;
    for (int i = 0; i < levelCounts.length; i++) {
      p += radix * levels[i];
      radix *= levelCounts[i];
    }
    return p;
  }

  /** True when the pair contradicts hard evidence: different valid BSN keys, or sex M vs F. */
  public boolean contradicts(LinkRecord a, LinkRecord b) {
    for (int k : hardKeys) {
      String x = a.keys()[k];
      String y = b.keys()[k];
      if (x != null && y != null && !x.equals(y)) {
        return true;
      }
    }
    if (sexIsHard) {
      String x = a.sex();
      String y = b.sex();
      return x != null
          && y != null
          && (x.equals("M") || x.equals("F"))
          && (y.equals("M") || y.equals("F"))
          && !x.equals(y);
    }
    return false;
  }
}
