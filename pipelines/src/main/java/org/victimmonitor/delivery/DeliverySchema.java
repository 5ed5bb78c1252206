package org.victimmonitor.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.victimmonitor.common.BadInputException;

/**
 * The contract of one delivered dataset, read from {@code schemas/deliveries/<dataset>.avsc}: the
 * columns of records.csv before the token columns, with their type (string, int, date), whether
 * they may be empty, and the code list they must come from.
 */
public record DeliverySchema(String name, int version, String doc, List<Column> columns) {

  /** Column types of the delivery CSV. */
  public enum Type {
    STRING,
    INT,
    DATE
  }

  /** One column: {@code codes} names a code list (or null). */
  public record Column(String name, Type type, boolean nullable, String codes, String doc) {}

  /** Columns that the linkage schema derives in clear (not read from the raw extract). */
  public static final List<String> COARSE = List.of("birth_year", "sex", "nationality");

  public static DeliverySchema forDataset(String dataset) {
    String resource = "/schemas/deliveries/" + dataset + ".avsc";
    try (InputStream in = DeliverySchema.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new BadInputException(
            "unknown dataset '"
                + dataset
                + "': no delivery schema schemas/deliveries/"
                + dataset
                + ".avsc");
      }
      return parse(dataset, new ObjectMapper().readTree(in));
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + resource, e);
    }
  }

  static DeliverySchema parse(String dataset, JsonNode root) {
    List<Column> cols = new ArrayList<>();
    for (JsonNode f : root.withArray("fields")) {
      JsonNode t = f.get("type");
      boolean nullable = false;
      if (t.isArray()) {
        for (JsonNode alt : t) {
          if (alt.isTextual() && alt.asText().equals("null")) {
            nullable = true;
          } else {
            t = alt;
          }
        }
      }
      Type type;
      if (t.isObject() && "date".equals(t.path("logicalType").asText())) {
        type = Type.DATE;
      } else if ("int".equals(t.asText())) {
        type = Type.INT;
      } else {
        type = Type.STRING;
      }
      cols.add(
          new Column(
              f.get("name").asText(),
              type,
              nullable,
              f.hasNonNull("x-codes") ? f.get("x-codes").asText() : null,
              f.path("doc").asText()));
    }
    return new DeliverySchema(
        dataset, root.path("version").asInt(1), root.path("doc").asText(), cols);
  }

  /** Index of the event date, the first date column; -1 when there is none (FEBRL). */
  public int eventDate() {
    return dateColumn(0);
  }

  /** Index of the end date, the second date column (support's end_date); -1 when there is none. */
  public int endDate() {
    return dateColumn(1);
  }

  private int dateColumn(int nth) {
    int seen = 0;
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).type() == Type.DATE && seen++ == nth) {
        return i;
      }
    }
    return -1;
  }

  /** Dataset name as used on the command line and in folders (the .avsc file name). */
  public List<String> columnNames() {
    return columns.stream().map(Column::name).toList();
  }
}
