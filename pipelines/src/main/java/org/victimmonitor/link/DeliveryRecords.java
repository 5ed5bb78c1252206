package org.victimmonitor.link;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.victimmonitor.common.BadInputException;
import org.victimmonitor.delivery.Manifest;
import org.victimmonitor.pseudonymise.BloomEncoder;
import org.victimmonitor.pseudonymise.LinkageSchema;

/**
 * Reads one delivery folder's {@code records.csv} into {@link LinkRecord}s, taking source, dataset
 * and period from its manifest. Expects the token columns of the linkage schema; the coarse
 * attributes {@code sex} and {@code birth_year} are used when present.
 */
public final class DeliveryRecords {
  private DeliveryRecords() {}

  /** Streams the records of a delivery to {@code sink}; returns how many were read. */
  public static long read(Path folder, LinkageSchema schema, Consumer<LinkRecord> sink)
      throws IOException {
    Manifest m = Manifest.read(folder.resolve(Manifest.FILE));
    Path csv = folder.resolve(Manifest.RECORDS);
    List<String> keyCols = schema.matchKeys().stream().map(k -> "mk_" + k.name()).toList();
    List<String> bloomCols =
        schema.fields().stream().filter(f -> f.bloom() != null).map(f -> "bf_" + f.name()).toList();
    long n = 0;
    try (Reader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
        CSVParser p =
            CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(r)) {
      List<String> header = p.getHeaderNames();
      int id = require(header, "record_id", csv);
      int sex = header.indexOf("sex");
      int year = header.indexOf("birth_year");
      int[] attributes = new int[LinkRecord.ATTRIBUTES.size()];
      for (int i = 0; i < attributes.length; i++) {
        attributes[i] = header.indexOf(LinkRecord.ATTRIBUTES.get(i));
      }
      int[] keys = new int[keyCols.size()];
      for (int i = 0; i < keys.length; i++) {
        keys[i] = require(header, keyCols.get(i), csv);
      }
      int[] blooms = new int[bloomCols.size()];
      for (int i = 0; i < blooms.length; i++) {
        blooms[i] = require(header, bloomCols.get(i), csv);
      }
      for (CSVRecord rec : p) {
        n++;
        if (!rec.isConsistent()) {
          throw new BadInputException(
              csv + ": row " + n + " has " + rec.size() + " columns, the header " + header.size());
        }
        String[] k = new String[keys.length];
        for (int i = 0; i < keys.length; i++) {
          String v = rec.get(keys[i]);
          k[i] = v.isEmpty() ? null : LinkRecord.shortKey(v);
        }
        long[][] f = new long[blooms.length][];
        for (int i = 0; i < blooms.length; i++) {
          try {
            f[i] = BloomEncoder.fromBase64(rec.get(blooms[i]));
          } catch (IllegalArgumentException e) {
            throw new BadInputException(
                csv + ": row " + n + ", column " + bloomCols.get(i) + ": not base64url");
          }
        }
        String s = sex < 0 ? null : rec.get(sex);
        int y = 0;
        if (year >= 0 && !rec.get(year).isEmpty()) {
          try {
            y = Integer.parseInt(rec.get(year));
          } catch (NumberFormatException e) {
            throw new BadInputException(csv + ": row " + n + ", column birth_year: not a year");
          }
        }
        String[] a = new String[attributes.length];
        for (int i = 0; i < a.length; i++) {
          String v = attributes[i] < 0 ? "" : rec.get(attributes[i]);
          a[i] = v.isEmpty() ? null : v;
        }
        sink.accept(
            new LinkRecord(
                m.source(),
                m.dataset(),
                m.period(),
                rec.get(id),
                k,
                f,
                s == null || s.isEmpty() ? null : s,
                y,
                a,
                new int[f.length]));
      }
    }
    return n;
  }

  private static int require(List<String> header, String column, Path csv) {
    int i = header.indexOf(column);
    if (i < 0) {
      throw new BadInputException(
          csv + ": no column " + column + " (was it pseudonymised with this linkage schema?)");
    }
    return i;
  }
}
