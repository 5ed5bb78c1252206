package org.victimmonitor.estimate;

import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.victimmonitor.common.BadInputException;

/**
 * Reads an overlap table from CSV: a header with one column per list and a {@code count} column,
 * then one row per capture pattern with 0/1 in the list columns and the number of people seen on
 * exactly those lists. Produces a validated {@link OverlapTable}; patterns not listed count zero.
 *
 * <p>Every refusal is a {@link BadInputException} naming the file and the row, numbered as in a
 * spreadsheet (the header is row 1), and saying what to fix. Cell values are not quoted.
 */
public final class OverlapTableCsv {

  private static final CSVFormat FORMAT =
      CSVFormat.DEFAULT.builder().setTrim(true).setIgnoreEmptyLines(false).get();

  /** Far above any real count; keeps sums of counts well inside a long. */
  private static final BigDecimal MAX_COUNT = BigDecimal.TEN.pow(12);

  private OverlapTableCsv() {}

  public static OverlapTable read(Path file) {
    String source = file.toString();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        CSVParser parser = FORMAT.parse(in)) {
      return parse(source, parser.getRecords());
    } catch (NoSuchFileException e) {
      throw new BadInputException(source + ": file not found", e);
    } catch (IOException | java.io.UncheckedIOException e) {
      throw new BadInputException(source + ": cannot read the file: " + e.getMessage(), e);
    }
  }

  static OverlapTable parse(String source, List<CSVRecord> records) {
    if (records.isEmpty()) {
      throw new BadInputException(source + ": the file is empty; expected a header row");
    }
    List<String> header = new ArrayList<>(records.get(0).toList());
    if (!header.isEmpty() && header.get(0).startsWith("\uFEFF")) {
      header.set(0, header.get(0).substring(1));
    }
    int countColumn = -1;
    List<String> lists = new ArrayList<>();
    List<Integer> listColumns = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int c = 0; c < header.size(); c++) {
      String name = header.get(c);
      if (name.isEmpty()) {
        throw new BadInputException(
            source + ": row 1: column " + (c + 1) + " has no name; name every list column");
      }
      if (!seen.add(name)) {
        throw new BadInputException(
            source + ": row 1: column name '" + name + "' appears twice; list names must differ");
      }
      if (name.equalsIgnoreCase("count")) {
        countColumn = c;
      } else {
        lists.add(name);
        listColumns.add(c);
      }
    }
    if (countColumn < 0) {
      throw new BadInputException(
          source
              + ": row 1: no 'count' column; the header needs one 0/1 column per list and a"
              + " 'count' column with the number of people seen on exactly those lists");
    }
    if (lists.size() < 2) {
      throw new BadInputException(
          source
              + ": row 1: found "
              + lists.size()
              + " list column(s); multiple systems estimation needs at least two lists");
    }
    if (lists.size() > OverlapTable.MAX_LISTS) {
      throw new BadInputException(
          source
              + ": row 1: "
              + lists.size()
              + " lists is more than the "
              + OverlapTable.MAX_LISTS
              + " supported; merge small lists");
    }

    long[] counts = new long[1 << lists.size()];
    Map<Integer, Long> rowOfPattern = new HashMap<>();
    for (CSVRecord record : records.subList(1, records.size())) {
      long row = record.getRecordNumber();
      if (record.size() == 1 && record.get(0).isEmpty()) {
        continue;
      }
      if (record.size() != header.size()) {
        throw new BadInputException(
            String.format(
                "%s: row %d: %d fields, but the header has %d",
                source, row, record.size(), header.size()));
      }
      int pattern = 0;
      for (int k = 0; k < lists.size(); k++) {
        String v = record.get(listColumns.get(k));
        if (v.equals("1")) {
          pattern |= 1 << k;
        } else if (!v.equals("0")) {
          throw new BadInputException(
              String.format(
                  "%s: row %d: list column '%s' is not 0 or 1; every column except 'count' must"
                      + " say whether the people counted are on that list",
                  source, row, lists.get(k)));
        }
      }
      long count = parseCount(source, row, record.get(countColumn));
      if (pattern == 0) {
        throw new BadInputException(
            String.format(
                "%s: row %d: the pattern with every list 0 (people on no list) cannot be"
                    + " observed; it is what the estimate is for, so remove this row",
                source, row));
      }
      Long earlier = rowOfPattern.putIfAbsent(pattern, row);
      if (earlier != null) {
        throw new BadInputException(
            String.format(
                "%s: row %d: same combination of lists as row %d; give each combination once"
                    + " (add the counts together)",
                source, row, earlier));
      }
      counts[pattern] = count;
    }
    if (rowOfPattern.isEmpty()) {
      throw new BadInputException(source + ": no data rows after the header");
    }
    return OverlapTable.of(source, lists, counts);
  }

  private static long parseCount(String source, long row, String text) {
    String problem;
    if (text.isEmpty()) {
      problem = "count is empty";
    } else {
      try {
        BigDecimal value = new BigDecimal(text);
        if (value.signum() < 0) {
          problem = "count is negative";
        } else if (value.stripTrailingZeros().scale() > 0) {
          problem = "count is not a whole number";
        } else if (value.compareTo(MAX_COUNT) > 0) {
          problem = "count is too large";
        } else {
          return value.longValueExact();
        }
      } catch (NumberFormatException e) {
        problem = "count is not a number";
      }
    }
    throw new BadInputException(
        String.format(
            "%s: row %d: %s; 'count' must be the whole number of people seen on exactly that"
                + " combination of lists",
            source, row, problem));
  }
}
