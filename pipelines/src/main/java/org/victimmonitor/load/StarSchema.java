package org.victimmonitor.load;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.values.TupleTag;

/** The tags of the star schema's tables in a {@code PCollectionTuple}, one per table. */
public final class StarSchema {
  private static final Map<String, TupleTag<GenericRecord>> TAGS = new LinkedHashMap<>();

  static {
    for (String t : TableSchemas.star()) {
      TAGS.put(t, new TupleTag<GenericRecord>(t) {});
    }
  }

  private StarSchema() {}

  public static TupleTag<GenericRecord> tag(String table) {
    TupleTag<GenericRecord> t = TAGS.get(table);
    if (t == null) {
      throw new IllegalArgumentException("no star table " + table);
    }
    return t;
  }

  /** Fact table of a record role. */
  public static String factOf(String role) {
    return switch (role) {
      case StandardRecord.REGISTRATION -> "fact_registration";
      case StandardRecord.VICTIMISATION -> "fact_victimisation";
      case StandardRecord.SUSPECT -> "fact_suspect";
      case StandardRecord.SUPPORT -> "fact_support";
      default -> throw new IllegalArgumentException("no fact table for role " + role);
    };
  }

  /** Date field whose year names a fact table's hive partition ({@code year=YYYY}). */
  public static String partitionDateOf(String table) {
    return switch (table) {
      case "fact_registration", "fact_suspect" -> "registration_date";
      case "fact_victimisation" -> "incident_date";
      case "fact_support" -> "start_date";
      default -> null;
    };
  }
}
