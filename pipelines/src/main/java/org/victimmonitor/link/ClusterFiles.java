package org.victimmonitor.link;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.victimmonitor.common.BadInputException;

/**
 * Reads {@code clusters.csv} and truth files into maps from record ({@code source TAB dataset TAB
 * record_id}) to cluster or person, for {@link LinkageEvaluation}.
 */
public final class ClusterFiles {
  private static final Pattern FEBRL_ID = Pattern.compile("rec-(\\d+)-.*");

  private ClusterFiles() {}

  /** record → person_key from a clusters.csv. */
  public static Map<String, String> readClusters(Path csv) throws IOException {
    return read(csv, List.of("source", "dataset", "record_id", "person_key"), "person_key");
  }

  /**
   * record → person_id from a truth/records.csv ({@code
   * source,dataset,period,record_id,person_id}).
   */
  public static Map<String, String> readTruth(Path csv) throws IOException {
    return read(csv, List.of("source", "dataset", "record_id", "person_id"), "person_id");
  }

  /** FEBRL truth: records {@code rec-<n>-…} with the same n are one person. */
  public static Map<String, String> febrlTruth(Map<String, String> clusters) {
    Map<String, String> truth = new HashMap<>();
    for (String record : clusters.keySet()) {
      String id = record.substring(record.lastIndexOf(LinkRecord.SEP) + 1);
      Matcher m = FEBRL_ID.matcher(id);
      if (!m.matches()) {
        throw new BadInputException(
            "record id " + id + " is not a FEBRL id rec-<n>-...; give a truth file instead");
      }
      truth.put(record, m.group(1));
    }
    return truth;
  }

  private static Map<String, String> read(Path csv, List<String> columns, String value)
      throws IOException {
    Map<String, String> out = new HashMap<>();
    try (Reader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
        CSVParser p =
            CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(r)) {
      for (String c : columns) {
        if (!p.getHeaderNames().contains(c)) {
          throw new BadInputException(csv + ": no column " + c + " (expected " + columns + ")");
        }
      }
      for (CSVRecord rec : p) {
        if (!rec.isConsistent()) {
          throw new BadInputException(
              csv + ": row " + rec.getRecordNumber() + ": wrong column count");
        }
        String key =
            rec.get("source")
                + LinkRecord.SEP
                + rec.get("dataset")
                + LinkRecord.SEP
                + rec.get("record_id");
        if (out.put(key, rec.get(value)) != null) {
          throw new BadInputException(
              csv
                  + ": row "
                  + rec.getRecordNumber()
                  + ": record listed twice (source, dataset, record_id)");
        }
      }
    } catch (NoSuchFileException e) {
      throw new BadInputException(csv + ": file not found");
    }
    return out;
  }
}
