package org.victimmonitor.delivery;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.victimmonitor.common.BadInputException;

/**
 * {@code manifest.json} of a delivery: what it is (source, dataset, period), how many records, the
 * sha256 of records.csv, the delivery and linkage schema versions, and the fingerprint of the key
 * that made the tokens. Holds no record content.
 */
public record Manifest(
    @JsonProperty("format_version") int formatVersion,
    @JsonProperty("source") String source,
    @JsonProperty("dataset") String dataset,
    @JsonProperty("period") String period,
    @JsonProperty("created") String created,
    @JsonProperty("record_count") long recordCount,
    @JsonProperty("rejected_at_source") long rejectedAtSource,
    @JsonProperty("records_sha256") String recordsSha256,
    @JsonProperty("delivery_schema") SchemaRef deliverySchema,
    @JsonProperty("linkage_schema") SchemaRef linkageSchema,
    @JsonProperty("key_fingerprint") String keyFingerprint) {

  public static final int FORMAT_VERSION = 1;
  public static final String FILE = "manifest.json";
  public static final String RECORDS = "records.csv";

  /** A delivery period (a regular expression): its year first, e.g. 2021 or 2021-H1. */
  public static final String PERIOD = "\\d{4}.*";

  /** Name and version of a schema. */
  public record SchemaRef(@JsonProperty("name") String name, @JsonProperty("version") int version) {
    @Override
    public String toString() {
      return name + "-v" + version;
    }
  }

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public void write(Path file) throws IOException {
    JSON.writeValue(file.toFile(), this);
  }

  public static Manifest read(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new BadInputException(file + ": manifest missing; every delivery has a manifest.json");
    }
    try {
      return JSON.readValue(file.toFile(), Manifest.class);
    } catch (IOException e) {
      throw new BadInputException(
          file
              + ": not a valid delivery manifest ("
              + e.getMessage().lines().findFirst().orElse("")
              + ")");
    }
  }
}
