package org.victimmonitor.dashboard;

import java.io.IOException;
import java.io.Reader;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The exported monitor tables the dashboard tests draw and compare against, read straight from the
 * CSV files (independently of {@link MonitorTable}). The fixtures are hand-written in the
 * contract's format: 2020 lacks m08 and m10, 2021 has them all.
 */
final class ExportedTables {
  private ExportedTables() {}

  static SortedMap<Integer, Path> fixtures() {
    try {
      Path root =
          Path.of(ExportedTables.class.getResource("/org/victimmonitor/dashboard/tables").toURI());
      SortedMap<Integer, Path> out = new TreeMap<>();
      try (Stream<Path> years = Files.list(root)) {
        years.forEach(d -> out.put(Integer.parseInt(d.getFileName().toString()), d));
      }
      return out;
    } catch (IOException | URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The header and the rows of {@code dir/<stem>.csv}, or null when there is no such file. */
  static List<List<String>> read(Path dir, String stem) throws IOException {
    Path file = dir.resolve(stem + ".csv");
    if (!Files.exists(file)) {
      return null;
    }
    List<List<String>> out = new ArrayList<>();
    try (Reader in = Files.newBufferedReader(file);
        CSVParser csv = CSVParser.parse(in, CSVFormat.DEFAULT)) {
      for (CSVRecord r : csv) {
        out.add(r.toList());
      }
    }
    return out;
  }
}
