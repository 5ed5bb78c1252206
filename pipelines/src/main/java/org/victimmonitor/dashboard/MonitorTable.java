package org.victimmonitor.dashboard;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.victimmonitor.common.BadInputException;

/**
 * One exported, disclosure-controlled monitor table ({@code mNN_<topic>.csv}): its cells kept as
 * the strings of the export, so a suppressed cell stays {@code <10} or {@code x} all the way to the
 * page. Reading checks the header against the contract and that every value cell is a number, a
 * suppression label or empty, so that nothing else can reach the dashboard by mistake.
 */
public record MonitorTable(TableContract contract, List<List<String>> rows) {

  /**
   * A count or percentage, a suppression label ({@code <10} for threshold 10, {@code x}), or "".
   */
  static final Pattern VALUE = Pattern.compile("-?\\d+(\\.\\d+)?|<\\d+|x|");

  public MonitorTable {
    rows = List.copyOf(rows.stream().map(List::copyOf).toList());
  }

  public static MonitorTable read(Path file, TableContract contract) {
    CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        CSVParser csv = CSVParser.parse(in, format)) {
      List<String> header = csv.getHeaderNames();
      if (!header.equals(contract.columns())) {
        throw new BadInputException(
            file
                + ": not the monitor table "
                + contract.id()
                + ": expected the columns "
                + String.join(",", contract.columns())
                + " but found "
                + String.join(",", header)
                + " (see sql/monitor/README.md)");
      }
      List<List<String>> rows = new ArrayList<>();
      for (CSVRecord r : csv) {
        if (r.size() != header.size()) {
          throw new BadInputException(
              file
                  + ": row "
                  + r.getRecordNumber()
                  + " has "
                  + r.size()
                  + " columns, not "
                  + header.size());
        }
        List<String> row = r.toList();
        for (String column : contract.values()) {
          if (!VALUE.matcher(row.get(header.indexOf(column))).matches()) {
            // The cell itself is not quoted: whatever it is, it did not pass disclosure control.
            throw new BadInputException(
                file
                    + ": row "
                    + r.getRecordNumber()
                    + ", column "
                    + column
                    + ": not a number or a suppression label (<10, x); export the table again"
                    + " with monitor tables");
          }
        }
        rows.add(row);
      }
      return new MonitorTable(contract, rows);
    } catch (IOException | IllegalArgumentException | IllegalStateException e) {
      throw new BadInputException(file + ": cannot read the monitor table: " + e.getMessage(), e);
    }
  }
}
