package org.victimmonitor.load;

import java.time.LocalDate;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;

/**
 * Keys a row by its output file: {@code year=YYYY/<shard>} for a fact (year of its partition date),
 * {@code <shard>} otherwise. The shard comes from the row's first field (its key) so that it does
 * not depend on the runner.
 */
public final class KeyByShardFn extends DoFn<GenericRecord, KV<String, GenericRecord>> {
  private final String table;
  private final int shards;

  public KeyByShardFn(String table, int shards) {
    this.table = table;
    this.shards = shards;
  }

  @ProcessElement
  public void process(@Element GenericRecord row, OutputReceiver<KV<String, GenericRecord>> out) {
    int shard = Math.floorMod(String.valueOf(row.get(0)).hashCode() * 31 + 7, shards);
    String dateField = StarSchema.partitionDateOf(table);
    String key =
        dateField == null
            ? String.valueOf(shard)
            : "year=" + LocalDate.ofEpochDay((Integer) row.get(dateField)).getYear() + "/" + shard;
    out.output(KV.of(key, row));
  }
}
