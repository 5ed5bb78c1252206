package org.victimmonitor.link;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How one field of a record pair is compared, and into which levels. Level 0 is always "missing"
 * (either side empty): it carries no evidence and the model leaves it out.
 *
 * <ul>
 *   <li>{@link Kind#BLOOM}: missing; exact (the field's own match key equal, or, without one, the
 *       filters identical); one level per Dice band ({@code dice >= band}, bands descending);
 *       other.
 *   <li>{@link Kind#KEY}: missing; equal; different (a match key without a Bloom filter, e.g. the
 *       BSN).
 *   <li>{@link Kind#SEX}: missing; equal; different.
 *   <li>{@link Kind#BIRTH_YEAR}: missing; equal; one year apart; other.
 *   <li>{@link Kind#ATTRIBUTE}: missing; equal; different (a coarse attribute in clear, such as
 *       nationality or municipality).
 * </ul>
 *
 * @param index the Bloom filter index (BLOOM), match-key index (KEY) or attribute index (ATTRIBUTE)
 *     in {@link LinkRecord}
 * @param exactKey for BLOOM, the index of a single-field match key on the same field, or -1
 * @param termFrequency for BLOOM: the weight of the exact level is adjusted by how common the
 *     pair's value is (see {@link LinkageModel#matchWeight(int[], int[])})
 */
public record Comparison(
    String name, Kind kind, int index, int exactKey, double[] bands, boolean termFrequency)
    implements Serializable {

  public Comparison(String name, Kind kind, int index, int exactKey, double[] bands) {
    this(name, kind, index, exactKey, bands, false);
  }

  /** What a comparison looks at. */
  public enum Kind {
    BLOOM,
    KEY,
    SEX,
    BIRTH_YEAR,
    ATTRIBUTE
  }

  public static final int MISSING = 0;

  public int levels() {
    return switch (kind) {
      case BLOOM -> 3 + bands.length;
      case KEY, SEX, ATTRIBUTE -> 3;
      case BIRTH_YEAR -> 4;
    };
  }

  /** Human-readable names of the levels, in order. */
  public List<String> levelNames() {
    List<String> names = new ArrayList<>();
    names.add("missing");
    switch (kind) {
      case BLOOM -> {
        names.add("exact");
        for (double b : bands) {
          names.add(String.format(Locale.ROOT, "dice>=%.2f", b));
        }
        names.add("other");
      }
      case KEY, SEX, ATTRIBUTE -> {
        names.add("equal");
        names.add("different");
      }
      case BIRTH_YEAR -> {
        names.add("equal");
        names.add("one year apart");
        names.add("other");
      }
    }
    return names;
  }

  /** The level of this field for a pair. */
  public int level(LinkRecord a, LinkRecord b) {
    return switch (kind) {
      case BLOOM -> bloomLevel(a, b);
      case KEY -> equality(a.keys()[index], b.keys()[index]);
      case SEX -> equality(a.sex(), b.sex());
      case ATTRIBUTE -> equality(attribute(a), attribute(b));
      case BIRTH_YEAR -> {
        if (a.birthYear() <= 0 || b.birthYear() <= 0) {
          yield MISSING;
        }
        int d = Math.abs(a.birthYear() - b.birthYear());
        yield d == 0 ? 1 : d == 1 ? 2 : 3;
      }
    };
  }

  private int bloomLevel(LinkRecord a, LinkRecord b) {
    long[] fa = a.filters()[index];
    long[] fb = b.filters()[index];
    if (fa == null || fb == null) {
      return MISSING;
    }
    if (exactKey >= 0) {
      String ka = a.keys()[exactKey];
      if (ka != null && ka.equals(b.keys()[exactKey])) {
        return 1;
      }
    } else if (Dice.identical(fa, fb)) {
      return 1;
    }
    double d = Dice.similarity(fa, fb);
    for (int i = 0; i < bands.length; i++) {
      if (d >= bands[i]) {
        return 2 + i;
      }
    }
    return 2 + bands.length;
  }

  private String attribute(LinkRecord r) {
    return index < r.attributes().length ? r.attributes()[index] : null;
  }

  private static int equality(String x, String y) {
    if (x == null || y == null || x.isEmpty() || y.isEmpty()) {
      return MISSING;
    }
    return x.equals(y) ? 1 : 2;
  }
}
