package org.victimmonitor.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;

/**
 * Writes one shard of a table: sorts its rows (Avro's order over all fields, which starts with the
 * table's key) and writes them to {@code <dir>/<table>/[year=YYYY/]part-NNNNN-of-MMMMM.parquet},
 * replacing a file left by a retried bundle. Emits the path written.
 */
public final class WriteParquetShardFn extends DoFn<KV<String, Iterable<GenericRecord>>, String> {
  private final String table;
  private final String dir;
  private final int shards;
  private transient Schema schema;
  private transient Counter rows;

  public WriteParquetShardFn(String table, String dir, int shards) {
    this.table = table;
    this.dir = dir;
    this.shards = shards;
  }

  @Setup
  public void setup() {
    schema = TableSchemas.get(table);
    rows = Metrics.counter(LoadCounters.NAMESPACE, LoadCounters.rows(table));
  }

  @ProcessElement
  public void process(
      @Element KV<String, Iterable<GenericRecord>> shard, OutputReceiver<String> out)
      throws IOException {
    List<GenericRecord> sorted = new ArrayList<>();
    shard.getValue().forEach(sorted::add);
    sorted.sort((a, b) -> GenericData.get().compare(a, b, schema));
    String key = shard.getKey();
    int slash = key.lastIndexOf('/');
    String partition = slash < 0 ? "" : key.substring(0, slash);
    int n = Integer.parseInt(key.substring(slash + 1));
    Path folder = Path.of(dir, table, partition);
    Files.createDirectories(folder);
    Path file = folder.resolve(String.format("part-%05d-of-%05d.parquet", n, shards));
    try (ParquetWriter<GenericRecord> w =
        AvroParquetWriter.<GenericRecord>builder(new LocalOutputFile(file))
            .withConf(new PlainParquetConfiguration())
            .withSchema(schema)
            .withDataModel(GenericData.get())
            .withCompressionCodec(CompressionCodecName.SNAPPY)
            .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
            .build()) {
      for (GenericRecord r : sorted) {
        w.write(r);
      }
    }
    rows.inc(sorted.size());
    LoadProgress.WRITTEN.addAndGet(sorted.size());
    out.output(file.toString());
  }
}
