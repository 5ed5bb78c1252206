package org.victimmonitor.generate;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.lang.Character.UnicodeScript;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The name frequency list of one country ({@code names/<CC>.csv}: {@code
 * kind,prefix,name,weight,variants}); draws names in proportion to their weight, so common names
 * are common.
 */
public final class NameList {

  /** Which column of a person's name an entry is for. */
  public enum Kind {
    MALE,
    FEMALE,
    SURNAME
  }

  private final String country;
  private final Map<Kind, NameEntry[]> entries = new EnumMap<>(Kind.class);
  private final Map<Kind, double[]> cumulative = new EnumMap<>(Kind.class);
  private final boolean nativeScript;

  NameList(String country, Map<Kind, List<NameEntry>> byKind, Map<Kind, List<Double>> weights) {
    this.country = country;
    boolean nat = false;
    for (Kind k : Kind.values()) {
      List<NameEntry> list = byKind.getOrDefault(k, List.of());
      List<Double> w = weights.getOrDefault(k, List.of());
      double[] cum = new double[list.size()];
      double total = 0;
      for (int i = 0; i < list.size(); i++) {
        total += w.get(i);
        cum[i] = total;
        nat |= !list.get(i).nativeVariants().isEmpty();
      }
      entries.put(k, list.toArray(NameEntry[]::new));
      cumulative.put(k, cum);
    }
    if (entries.get(Kind.SURNAME).length == 0
        || entries.get(Kind.MALE).length + entries.get(Kind.FEMALE).length == 0) {
      throw new IllegalStateException(
          "name list " + country + " needs surnames and male or female first names");
    }
    this.nativeScript = nat;
  }

  public String country() {
    return country;
  }

  /**
   * Whether names of this list have spellings in another script (then Latin ones are
   * transliterations).
   */
  public boolean nativeScript() {
    return nativeScript;
  }

  /** Draws an entry in proportion to its weight; falls back to the other sex's names if empty. */
  public NameEntry sample(Kind kind, SplittableRandom rng) {
    if (entries.get(kind).length == 0) {
      kind = kind == Kind.MALE ? Kind.FEMALE : Kind.MALE;
    }
    double[] cum = cumulative.get(kind);
    double u = rng.nextDouble() * cum[cum.length - 1];
    int lo = 0;
    int hi = cum.length - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (cum[mid] > u) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return entries.get(kind)[lo];
  }

  int size(Kind kind) {
    return entries.get(kind).length;
  }

  /** Reads a list in the {@code kind,prefix,name,weight,variants} format. */
  static NameList read(String country, Reader in) throws IOException {
    Map<Kind, List<NameEntry>> byKind = new EnumMap<>(Kind.class);
    Map<Kind, List<Double>> weights = new EnumMap<>(Kind.class);
    CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
    try (CSVParser parser = format.parse(in)) {
      for (CSVRecord r : parser) {
        Kind kind;
        try {
          kind = Kind.valueOf(r.get("kind").trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
          continue; // a kind this generator does not use
        }
        String name = r.get("name").trim();
        double weight = parseWeight(r.get("weight"));
        if (name.isEmpty() || !(weight > 0)) {
          continue;
        }
        String prefix = r.isMapped("prefix") ? r.get("prefix").trim() : "";
        List<String> latin = new ArrayList<>();
        List<String> nat = new ArrayList<>();
        String variants = r.isMapped("variants") && r.isSet("variants") ? r.get("variants") : "";
        for (String v : variants.split("\\|")) {
          String s = v.trim();
          if (s.isEmpty() || s.equals(name) || latin.contains(s) || nat.contains(s)) {
            continue;
          }
          (isLatin(s) ? latin : nat).add(s);
        }
        byKind
            .computeIfAbsent(kind, k -> new ArrayList<>())
            .add(new NameEntry(prefix, name, List.copyOf(latin), List.copyOf(nat)));
        weights.computeIfAbsent(kind, k -> new ArrayList<>()).add(weight);
      }
    }
    return new NameList(country, byKind, weights);
  }

  static NameList read(String country, InputStream in) throws IOException {
    return read(country, new InputStreamReader(in, StandardCharsets.UTF_8));
  }

  private static double parseWeight(String s) {
    try {
      return Double.parseDouble(s.trim());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** Whether every letter of the text is in the Latin script. */
  static boolean isLatin(String s) {
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      UnicodeScript script = UnicodeScript.of(cp);
      if (script != UnicodeScript.LATIN
          && script != UnicodeScript.COMMON
          && script != UnicodeScript.INHERITED) {
        return false;
      }
      i += Character.charCount(cp);
    }
    return true;
  }
}
