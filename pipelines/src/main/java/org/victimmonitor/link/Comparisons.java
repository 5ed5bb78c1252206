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
 *
 * <p>Swapped names: when the pair agrees on {@code swapKey} (first name and surname in sorted order
 * with the date of birth), the fields {@code swapFields} (first name, surname) are taken as exact,
 * whatever their own filters say.
 *
 * @param swapKey match-key index that survives swapped names, or -1
 * @param swapFields comparison indexes set to exact when the swap key agrees
 */
public record Comparisons(
    List<Comparison> fields, int[] hardKeys, boolean sexIsHard, int swapKey, int[] swapFields)
    implements Serializable {

  /** Dice bands used by default for every Bloom field, highest first. */
  public static final double[] DEFAULT_BANDS = {0.9, 0.8, 0.65, 0.5, 0.35, 0.2};

  /** Field names whose exact level is adjusted by term frequency (names, date of birth). */
  static final List<String> TERM_FREQUENCY_FIELDS =
      List.of("first_name", "given_name", "surname", "date_of_birth");

  public Comparisons(List<Comparison> fields, int[] hardKeys, boolean sexIsHard) {
    this(fields, hardKeys, sexIsHard, -1, new int[0]);
  }

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
                DEFAULT_BANDS.clone(),
                TERM_FREQUENCY_FIELDS.contains(f.name())));
      } else if (key >= 0) {
        fields.add(new Comparison(f.name(), Comparison.Kind.KEY, key, -1, new double[0]));
      }
      if (key >= 0 && f.kind() == LinkageSchema.Kind.BSN) {
        hard.add(key);
      }
    }
    boolean sex = false;
    boolean nationality = false;
    for (LinkageSchema.ClearColumn c : schema.clear()) {
      if (c.column().equals("sex")) {
        fields.add(new Comparison("sex", Comparison.Kind.SEX, -1, -1, new double[0]));
        sex = true;
      } else if (c.column().equals("birth_year")) {
        fields.add(new Comparison("birth_year", Comparison.Kind.BIRTH_YEAR, -1, -1, new double[0]));
      } else if (c.column().equals("nationality")) {
        nationality = true;
      }
    }
    // Schemas of the monitor's person records (nationality in clear): their deliveries also carry
    // the municipality code in clear. Both are compared as equal / different.
    if (nationality) {
      for (int i = 0; i < LinkRecord.ATTRIBUTES.size(); i++) {
        fields.add(
            new Comparison(
                LinkRecord.ATTRIBUTES.get(i), Comparison.Kind.ATTRIBUTE, i, -1, new double[0]));
      }
    }
    int swapKey = -1;
    for (int i = 0; i < schema.matchKeys().size() && swapKey < 0; i++) {
      if (schema.matchKeys().get(i).parts().contains("names.sorted")) {
        swapKey = i;
      }
    }
    List<Integer> swap = new ArrayList<>();
    for (int c = 0; c < fields.size(); c++) {
      String n = fields.get(c).name();
      if (fields.get(c).kind() == Comparison.Kind.BLOOM
          && (n.equals("first_name") || n.equals("surname"))) {
        swap.add(c);
      }
    }
    if (swap.size() != 2) {
      swapKey = -1;
      swap.clear();
    }
    return new Comparisons(
        List.copyOf(fields),
        hard.stream().mapToInt(Integer::intValue).toArray(),
        sex,
        swapKey,
        swap.stream().mapToInt(Integer::intValue).toArray());
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
    return encode(levelCounts(), levels(a, b));
  }

  /** The level of every field for a pair, swapped names taken into account. */
  public int[] levels(LinkRecord a, LinkRecord b) {
    int[] levels = new int[fields.size()];
    for (int f = 0; f < levels.length; f++) {
      levels[f] = fields.get(f).level(a, b);
    }
    if (swapKey >= 0) {
      String x = a.keys()[swapKey];
      if (x != null && x.equals(b.keys()[swapKey])) {
        for (int f : swapFields) {
          if (levels[f] != Comparison.MISSING) {
            levels[f] = 1;
          }
        }
      }
    }
    return levels;
  }

  /**
   * The term frequencies of a pair with these levels: per field, for a term-frequency field at its
   * exact level, the larger of the two records' value frequencies (the commoner value decides how
   * much the agreement says); 0 elsewhere.
   */
  public int[] frequencies(LinkRecord a, LinkRecord b, int[] levels) {
    int[] out = new int[fields.size()];
    for (int f = 0; f < out.length; f++) {
      Comparison c = fields.get(f);
      if (c.termFrequency() && levels[f] == 1) {
        int i = c.index();
        int fa = a.frequency(i);
        int fb = b.frequency(i);
        long[] x = a.filters()[i];
        long[] y = b.filters()[i];
        if (swapKey >= 0 && x != null && y != null && !Dice.identical(x, y)) {
          // Agreement through swapped names: the values differ field by field; take the commonest.
          for (int g : swapFields) {
            int j = fields.get(g).index();
            fa = Math.max(fa, a.frequency(j));
            fb = Math.max(fb, b.frequency(j));
          }
        }
        out[f] = fa > 0 && fb > 0 ? Math.max(fa, fb) : 0;
      }
    }
    return out;
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
