package org.victimmonitor.load;

import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.extensions.avro.coders.AvroCoder;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;

/**
 * Writes one table as Parquet under {@code <dir>/<table>/}: hive partitions {@code year=YYYY} for
 * facts, a fixed number of shards per partition, and rows sorted within each file, so the same
 * input gives the same files on every runner. The files land in the load's staging folder, which is
 * published whole or not at all, so no temp-and-rename per file is needed.
 */
public final class WriteTable extends PTransform<PCollection<GenericRecord>, PCollection<String>> {
  private final String table;
  private final String dir;
  private final int shards;

  public WriteTable(String table, String dir, int shards) {
    if (shards < 1) {
      throw new IllegalArgumentException("shards must be at least 1 for " + table);
    }
    this.table = table;
    this.dir = dir;
    this.shards = shards;
  }

  @Override
  public PCollection<String> expand(PCollection<GenericRecord> rows) {
    return rows.apply("KeyByShard", ParDo.of(new KeyByShardFn(table, shards)))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), AvroCoder.of(TableSchemas.get(table))))
        .apply("GroupByShard", GroupByKey.create())
        .apply("WriteSortedParquet", ParDo.of(new WriteParquetShardFn(table, dir, shards)))
        .setCoder(StringUtf8Coder.of());
  }
}
