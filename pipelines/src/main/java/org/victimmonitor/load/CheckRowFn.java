package org.victimmonitor.load;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.victimmonitor.delivery.CodeLists;
import org.victimmonitor.delivery.DeliverySchema;
import org.victimmonitor.delivery.RowChecks;
import org.victimmonitor.pseudonymise.LinkageSchema;

/**
 * Checks one delivery row against its delivery schema with {@link RowChecks}, as {@code monitor
 * validate} does: the first failing column gives the reason code {@code BAD_<COLUMN>}, then the
 * checks between the row's values ({@link RowChecks#checkAcross}); a row with the wrong number of
 * cells is {@code WRONG_COLUMN_COUNT}, and a row whose record id an earlier row of its delivery has
 * is {@code DUPLICATE_RECORD_ID}, as is a row that repeats a row of an earlier delivery of its
 * source and dataset cell for cell (found before the job, {@link
 * org.victimmonitor.delivery.DeliveryValidator.Overlap}). Failing rows go to the quarantine output
 * and are counted per delivery and reason; details never quote the value.
 */
public final class CheckRowFn extends DoFn<DeliveryRow, DeliveryRow> {
  private final String linkageSchema;
  private transient Map<String, DeliverySchema> schemas;
  private transient int tokenColumns;
  private transient CodeLists codes;

  private final Map<String, String> madeOn;
  private transient Map<String, LocalDate> made;
  private final Map<String, Map<Long, String>> repeatedRows;

  /**
   * @param madeOn per delivery id, the day it was made ({@code YYYY-MM-DD})
   * @param repeatedRows per delivery id, its rows that repeat a row of an earlier delivery, with
   *     where that row is ({@code row N of SOURCE/DATASET/PERIOD})
   */
  public CheckRowFn(
      String linkageSchema,
      Map<String, String> madeOn,
      Map<String, Map<Long, String>> repeatedRows) {
    this.linkageSchema = linkageSchema;
    this.madeOn = new HashMap<>(madeOn);
    this.repeatedRows = new HashMap<>(repeatedRows);
  }

  @Setup
  public void setup() {
    schemas = new HashMap<>();
    made = new HashMap<>();
    madeOn.forEach((id, day) -> made.put(id, LocalDate.parse(day)));
    codes = CodeLists.get();
    tokenColumns = LinkageSchema.builtIn(linkageSchema).tokenColumns().size();
  }

  @ProcessElement
  public void process(@Element DeliveryRow row, MultiOutputReceiver out) {
    DeliverySchema schema = schemas.computeIfAbsent(row.dataset(), DeliverySchema::forDataset);
    LoadProgress.CHECKED.incrementAndGet();
    List<DeliverySchema.Column> cols = schema.columns();
    if (row.values().size() != cols.size() + tokenColumns) {
      quarantine(
          row,
          "WRONG_COLUMN_COUNT",
          row.values().size() + " cells, the header has " + (cols.size() + tokenColumns),
          out);
      return;
    }
    for (int i = 0; i < cols.size(); i++) {
      String problem = RowChecks.check(cols.get(i), row.values().get(i), codes);
      if (problem != null) {
        String col = cols.get(i).name();
        quarantine(
            row, "BAD_" + col.toUpperCase(Locale.ROOT), "column " + col + ": " + problem, out);
        return;
      }
    }
    RowChecks.Problem across =
        RowChecks.checkAcross(schema, row.values(), made.get(row.deliveryId()));
    if (across != null) {
      quarantine(row, across.reason(), "column " + across.column() + ": " + across.text(), out);
      return;
    }
    if (row.firstRow() > 0) {
      quarantine(
          row, RowChecks.DUPLICATE_RECORD_ID, "record id already on row " + row.firstRow(), out);
      return;
    }
    String repeats = repeatedRows.getOrDefault(row.deliveryId(), Map.of()).get(row.rowNumber());
    if (repeats != null) {
      quarantine(row, RowChecks.DUPLICATE_RECORD_ID, "the same row as " + repeats, out);
      return;
    }
    out.get(ValidateRecords.VALID).output(row);
  }

  private static void quarantine(
      DeliveryRow row, String reason, String detail, MultiOutputReceiver out) {
    Metrics.counter(LoadCounters.NAMESPACE, LoadCounters.quarantined(row.deliveryId(), reason))
        .inc();
    out.get(ValidateRecords.QUARANTINED)
        .output(
            new QuarantinedRow(
                row.source(),
                row.dataset(),
                row.period(),
                row.rowNumber(),
                reason,
                detail,
                csvLine(row.values())));
  }

  static String csvLine(List<String> values) {
    try (StringWriter w = new StringWriter();
        CSVPrinter p =
            new CSVPrinter(w, CSVFormat.DEFAULT.builder().setRecordSeparator("").get())) {
      p.printRecord(values);
      p.flush();
      return w.toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
