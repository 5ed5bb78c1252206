package org.victimmonitor.generate;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The municipality codes of the reference list ({@code reference/municipalities.csv}), drawn in
 * proportion to population ({@code generate/municipality_population.csv}). A municipality missing
 * from the population file gets the median population.
 */
public final class Municipalities {

  static final String REFERENCE = "/org/victimmonitor/reference/municipalities.csv";
  static final String POPULATION = "/org/victimmonitor/generate/municipality_population.csv";

  private final String[] codes;
  private final double[] cumulative;

  Municipalities(List<String> codes, List<Double> weights) {
    this.codes = codes.toArray(String[]::new);
    this.cumulative = new double[codes.size()];
    double total = 0;
    for (int i = 0; i < codes.size(); i++) {
      total += weights.get(i);
      cumulative[i] = total;
    }
    if (this.codes.length == 0) {
      throw new IllegalStateException("no municipalities in " + REFERENCE);
    }
  }

  public static Municipalities load() {
    List<String> codes = new ArrayList<>();
    for (CSVRecord r : readCsv(REFERENCE)) {
      codes.add(r.get("municipality_code").trim());
    }
    Map<String, Double> population = new HashMap<>();
    for (CSVRecord r : readCsv(POPULATION)) {
      try {
        population.put(
            r.get("municipality_code").trim(), Double.parseDouble(r.get("population").trim()));
      } catch (NumberFormatException e) {
        // an unreadable figure counts as missing: the median is used below
      }
    }
    List<Double> known = new ArrayList<>();
    for (String c : codes) {
      if (population.containsKey(c)) {
        known.add(population.get(c));
      }
    }
    known.sort(Double::compare);
    double median = known.isEmpty() ? 1 : known.get(known.size() / 2);
    List<Double> weights = new ArrayList<>();
    for (String c : codes) {
      weights.add(Math.max(1, population.getOrDefault(c, median)));
    }
    return new Municipalities(codes, weights);
  }

  public String sample(SplittableRandom rng) {
    double u = rng.nextDouble() * cumulative[cumulative.length - 1];
    int lo = 0;
    int hi = cumulative.length - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (cumulative[mid] > u) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return codes[lo];
  }

  public List<String> codes() {
    return List.of(codes);
  }

  private static List<CSVRecord> readCsv(String path) {
    try (InputStream in = Municipalities.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("missing from the classpath: " + path);
      }
      CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
      try (CSVParser p = format.parse(new InputStreamReader(in, StandardCharsets.UTF_8))) {
        return p.getRecords();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path, e);
    }
  }
}
