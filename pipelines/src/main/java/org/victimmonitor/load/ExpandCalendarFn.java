package org.victimmonitor.load;

import java.time.LocalDate;
import java.time.temporal.IsoFields;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.transforms.DoFn;

/** The dim_date rows of every day of the years [first, last]. */
public final class ExpandCalendarFn extends DoFn<int[], GenericRecord> {
  private transient Schema schema;

  @Setup
  public void setup() {
    schema = TableSchemas.get("dim_date");
  }

  @ProcessElement
  public void process(@Element int[] span, OutputReceiver<GenericRecord> out) {
    if (span[0] > span[1]) {
      return;
    }
    for (LocalDate d = LocalDate.of(span[0], 1, 1); d.getYear() <= span[1]; d = d.plusDays(1)) {
      GenericRecord row = new GenericData.Record(schema);
      row.put("date_key", ToFactRowFn.dateKey((int) d.toEpochDay()));
      row.put("date", (int) d.toEpochDay());
      row.put("year", d.getYear());
      row.put("quarter", (d.getMonthValue() - 1) / 3 + 1);
      row.put("month", d.getMonthValue());
      row.put("day_of_month", d.getDayOfMonth());
      row.put("day_of_week", d.getDayOfWeek().getValue());
      row.put("iso_week", d.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
      out.output(row);
    }
  }
}
