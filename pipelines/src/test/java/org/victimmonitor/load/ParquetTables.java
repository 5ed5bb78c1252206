package org.victimmonitor.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.schema.MessageType;

/** Reads a written table back with the parquet-avro reader (test helper). */
final class ParquetTables {
  private ParquetTables() {}

  /** A row read back, with the hive partition it came from ("" when not partitioned). */
  record Row(String partition, GenericRecord record) {}

  static List<Path> files(Path tableDir) throws IOException {
    if (!Files.isDirectory(tableDir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.walk(tableDir)) {
      return s.filter(p -> p.toString().endsWith(".parquet")).sorted().toList();
    }
  }

  static List<Row> read(Path tableDir) throws IOException {
    List<Row> rows = new ArrayList<>();
    for (Path f : files(tableDir)) {
      String partition =
          f.getParent().equals(tableDir) ? "" : f.getParent().getFileName().toString();
      try (ParquetReader<GenericRecord> r =
          AvroParquetReader.<GenericRecord>builder(
                  new LocalInputFile(f), new PlainParquetConfiguration())
              .build()) {
        for (GenericRecord g = r.read(); g != null; g = r.read()) {
          rows.add(new Row(partition, g));
        }
      }
    }
    return rows;
  }

  /** Rows as sorted strings (partition + record), for comparing two tables row by row. */
  static List<String> content(Path tableDir) throws IOException {
    return read(tableDir).stream().map(r -> r.partition() + " " + r.record()).sorted().toList();
  }

  static MessageType parquetSchema(Path file) throws IOException {
    try (ParquetFileReader r = ParquetFileReader.open(new LocalInputFile(file))) {
      return r.getFooter().getFileMetaData().getSchema();
    }
  }

  static String avroSchemaOf(Path file) throws IOException {
    try (ParquetFileReader r = ParquetFileReader.open(new LocalInputFile(file))) {
      return r.getFooter().getFileMetaData().getKeyValueMetaData().get("parquet.avro.schema");
    }
  }
}
