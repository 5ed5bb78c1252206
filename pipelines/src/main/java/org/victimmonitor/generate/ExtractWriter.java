package org.victimmonitor.generate;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes the raw extracts {@code extracts/<source>/<dataset>/<year>.csv} (UTF-8, header row) and,
 * for every record written, its line of {@code truth/records.csv}, so the two always match. The
 * record id is the provider's own running number ({@code POL-2019-000123}), given in file order; it
 * says nothing about the person.
 */
final class ExtractWriter implements Closeable {

  static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setRecordSeparator('\n').get();
  static final List<String> TRUTH_HEADER =
      List.of("source", "dataset", "period", "record_id", "person_id", "difficulties");

  private final Map<String, CSVPrinter> printers = new LinkedHashMap<>();
  private final Map<String, Integer> sequence = new LinkedHashMap<>();
  private final Map<String, Map<Integer, Integer>> counts = new LinkedHashMap<>();
  private final List<Path> files = new ArrayList<>();
  private final CSVPrinter truth;

  ExtractWriter(Path extractsDir, Path truthRecords, List<SourceDataset> datasets, YearRange years)
      throws IOException {
    for (SourceDataset ds : datasets) {
      Path dir = extractsDir.resolve(ds.source()).resolve(ds.dataset());
      Files.createDirectories(dir);
      Map<Integer, Integer> perYear = new LinkedHashMap<>();
      for (int year : years.years()) {
        Path file = dir.resolve(year + ".csv");
        CSVPrinter p = new CSVPrinter(writer(file), FORMAT);
        p.printRecord(ds.header());
        printers.put(fileKey(ds, year), p);
        sequence.put(fileKey(ds, year), 0);
        perYear.put(year, 0);
        files.add(file);
      }
      counts.put(ds.key(), perYear);
    }
    truth = new CSVPrinter(writer(truthRecords), FORMAT);
    truth.printRecord(TRUTH_HEADER);
  }

  static BufferedWriter writer(Path file) throws IOException {
    return new BufferedWriter(
        new java.io.OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8),
        1 << 16);
  }

  private static String fileKey(SourceDataset ds, int year) {
    return ds.key() + "/" + year;
  }

  void write(ExtractRecord r) {
    String key = fileKey(r.dataset(), r.year());
    CSVPrinter p = printers.get(key);
    if (p == null) {
      throw new IllegalStateException("no extract open for " + key);
    }
    int seq = sequence.merge(key, 1, Integer::sum);
    String recordId = String.format("%s-%d-%06d", r.dataset().recordIdPrefix(), r.year(), seq);
    try {
      p.print(recordId);
      for (String v : r.identity()) {
        p.print(v);
      }
      for (String v : r.events()) {
        p.print(v);
      }
      p.print(r.municipality());
      p.println();
      truth.printRecord(
          r.dataset().source(),
          r.dataset().dataset(),
          Integer.toString(r.year()),
          recordId,
          r.personId(),
          r.difficulties());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    counts.get(r.dataset().key()).merge(r.year(), 1, Integer::sum);
  }

  /** Records written per dataset ({@code source/dataset}) and year. */
  Map<String, Map<Integer, Integer>> counts() {
    return counts;
  }

  List<Path> files() {
    return files;
  }

  @Override
  public void close() throws IOException {
    IOException first = null;
    for (CSVPrinter p : printers.values()) {
      try {
        p.close(true);
      } catch (IOException e) {
        first = first == null ? e : first;
      }
    }
    truth.close(true);
    if (first != null) {
      throw first;
    }
  }
}
