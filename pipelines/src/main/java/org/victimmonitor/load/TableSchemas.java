package org.victimmonitor.load;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.apache.avro.Schema;

/**
 * The warehouse contract: one Avro schema per table, read from {@code
 * schemas/warehouse/<table>.avsc} (shipped in the jar). What the load writes is built from these
 * schemas, so the Parquet files match them by construction; a test checks it.
 */
public final class TableSchemas {
  public static final List<String> DIMENSIONS =
      List.of(
          "dim_person",
          "dim_date",
          "dim_source",
          "dim_municipality",
          "dim_exploitation_form",
          "dim_crime_type",
          "dim_support_type");
  public static final List<String> FACTS =
      List.of("fact_registration", "fact_victimisation", "fact_suspect", "fact_support");
  public static final List<String> RESTRICTED = List.of("vault", "quarantine");

  private TableSchemas() {}

  public static Schema get(String table) {
    String resource = "/schemas/warehouse/" + table + ".avsc";
    try (InputStream in = TableSchemas.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no warehouse schema " + resource);
      }
      return new Schema.Parser().parse(in);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + resource, e);
    }
  }

  /** The star tables (dimensions then facts), in the order they are written. */
  public static List<String> star() {
    return java.util.stream.Stream.concat(DIMENSIONS.stream(), FACTS.stream()).toList();
  }
}
