package org.victimmonitor.generate;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;

/**
 * Writes the raw extracts {@code extracts/<source>/<dataset>/<year>.csv} (UTF-8, header row) and,
 * for every record written, its line of {@code truth/records.csv}, so the two always match. The
 * record id is the provider's own running number ({@code POL-2019-000123}), given in file order; it
 * says nothing about the person.
 *
 * <p>Rows are formatted (commons-csv quoting) by {@link #format}, which worker threads call; this
 * writer only prefixes the record id and appends, so writing keeps up with two generating cores.
 */
final class ExtractWriter implements Closeable {

  static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setRecordSeparator('\n').get();
  static final List<String> TRUTH_HEADER =
      List.of("source", "dataset", "period", "record_id", "person_id", "difficulties");

  /**
   * A record formatted except for its record id: {@code row} and {@code truth} each start with the
   * delimiter that follows the id.
   */
  record Formatted(SourceDataset dataset, int year, String row, String truth) {}

  private final YearRange years;
  private final List<Writer> writers = new ArrayList<>();
  private final List<SourceDataset> fileDatasets = new ArrayList<>();
  private final List<Integer> fileYears = new ArrayList<>();
  private int[] sequence;
  private final List<Path> files = new ArrayList<>();
  private final Writer truth;

  ExtractWriter(Path extractsDir, Path truthRecords, List<SourceDataset> datasets, YearRange years)
      throws IOException {
    this.years = years;
    for (int i = 0; i < datasets.size(); i++) {
      SourceDataset ds = datasets.get(i);
      if (ds.index() != i) {
        throw new IllegalArgumentException("datasets must be in layout order");
      }
      Path dir = extractsDir.resolve(ds.source()).resolve(ds.dataset());
      Files.createDirectories(dir);
      for (int year : years.years()) {
        Path file = dir.resolve(year + ".csv");
        Writer w = writer(file);
        w.write(FORMAT.format(ds.header().toArray()));
        w.write('\n');
        writers.add(w);
        fileDatasets.add(ds);
        fileYears.add(year);
        files.add(file);
      }
    }
    sequence = new int[writers.size()];
    truth = writer(truthRecords);
    truth.write(FORMAT.format(TRUTH_HEADER.toArray()));
    truth.write('\n');
  }

  static BufferedWriter writer(Path file) throws IOException {
    return new BufferedWriter(
        new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8), 1 << 16);
  }

  private static String fileKey(SourceDataset ds, int year) {
    return ds.key() + "/" + year;
  }

  /** Formats a record's columns after the record id, and its truth columns after the id. */
  static Formatted format(ExtractRecord r) {
    StringBuilder row = new StringBuilder(160);
    try {
      for (String v : r.identity()) {
        FORMAT.print(v, row, false);
      }
      for (String v : r.events()) {
        FORMAT.print(v, row, false);
      }
      FORMAT.print(r.municipality(), row, false);
      StringBuilder t = new StringBuilder(48);
      FORMAT.print(r.personId(), t, false);
      FORMAT.print(r.difficulties(), t, false);
      return new Formatted(r.dataset(), r.year(), row.toString(), t.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringBuilder does not throw
    }
  }

  void write(ExtractRecord r) {
    write(format(r));
  }

  void write(Formatted f) {
    if (f.year() < years.first() || f.year() > years.last()) {
      throw new IllegalStateException("no extract open for " + fileKey(f.dataset(), f.year()));
    }
    int file = f.dataset().index() * years.count() + f.year() - years.first();
    Writer w = writers.get(file);
    int seq = ++sequence[file];
    String recordId = f.dataset().recordIdPrefix() + "-" + f.year() + "-" + pad(seq, 6);
    try {
      w.write(recordId);
      w.write(f.row());
      w.write('\n');
      truth.write(f.dataset().source());
      truth.write(',');
      truth.write(f.dataset().dataset());
      truth.write(',');
      truth.write(Integer.toString(f.year()));
      truth.write(',');
      truth.write(recordId);
      truth.write(f.truth());
      truth.write('\n');
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Zero-padded to at least {@code width} digits (String.format is slow on a million rows). */
  static String pad(long n, int width) {
    String s = Long.toString(n);
    return s.length() >= width ? s : "0".repeat(width - s.length()) + s;
  }

  /** Records written per dataset ({@code source/dataset}) and year. */
  Map<String, Map<Integer, Integer>> counts() {
    Map<String, Map<Integer, Integer>> out = new LinkedHashMap<>();
    for (int i = 0; i < writers.size(); i++) {
      out.computeIfAbsent(fileDatasets.get(i).key(), k -> new LinkedHashMap<>())
          .put(fileYears.get(i), sequence[i]);
    }
    return out;
  }

  List<Path> files() {
    return files;
  }

  @Override
  public void close() throws IOException {
    IOException first = null;
    for (Writer w : writers) {
      try {
        w.close();
      } catch (IOException e) {
        first = first == null ? e : first;
      }
    }
    truth.close();
    if (first != null) {
      throw first;
    }
  }
}
