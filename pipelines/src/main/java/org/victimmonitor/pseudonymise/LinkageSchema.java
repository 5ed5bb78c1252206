package org.victimmonitor.pseudonymise;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.victimmonitor.common.BadInputException;

/**
 * A linkage schema (schemas/linkage/*.json): which identity fields there are, how each is
 * normalised and Bloom-encoded, which exact match keys are made, and which coarse attributes stay
 * in clear. Data, not code: the pseudonymiser and the loader both read it, and the delivery
 * manifest names its name and version.
 */
public record LinkageSchema(
    String name,
    int version,
    char delimiter,
    boolean trim,
    String recordIdColumn,
    List<Field> fields,
    List<MatchKey> matchKeys,
    List<ClearColumn> clear) {

  /** Kinds of identity field; each has its own parsing, validation and normalisation. */
  public enum Kind {
    NAME,
    SURNAME,
    TEXT,
    DATE,
    SEX,
    BSN,
    COUNTRY
  }

  /** How a field's Bloom filter is built: token kind, filter length and bits set per record. */
  public record Bloom(String tokens, int bits, int bitBudget) {}

  /** One identity field. {@code bloom} is null when the field has no Bloom filter. */
  public record Field(String name, Kind kind, String prefixColumn, boolean lenient, Bloom bloom) {}

  /** One exact match key: the HMAC of the listed parts, empty when a part is missing. */
  public record MatchKey(String name, List<String> parts) {}

  /** A coarse attribute written in clear, derived from a field ("date_of_birth.year"). */
  public record ClearColumn(String column, String from) {}

  private static final Set<String> BUILT_IN = Set.of("person-v1", "febrl-v1");

  public String id() {
    return name + "-v" + version;
  }

  public Field field(String fieldName) {
    for (Field f : fields) {
      if (f.name().equals(fieldName)) {
        return f;
      }
    }
    throw new IllegalArgumentException("linkage schema " + id() + " has no field " + fieldName);
  }

  /** Token columns of a delivery, in order: mk_* then bf_*. */
  public List<String> tokenColumns() {
    List<String> cols = new ArrayList<>();
    for (MatchKey k : matchKeys) {
      cols.add("mk_" + k.name());
    }
    for (Field f : fields) {
      if (f.bloom() != null) {
        cols.add("bf_" + f.name());
      }
    }
    return cols;
  }

  /**
   * Loads a schema from a file, or a built-in one by id ({@code person-v1}, {@code febrl-v1}) when
   * no such file exists.
   */
  public static LinkageSchema load(String fileOrId) throws IOException {
    Path p = Path.of(fileOrId);
    if (Files.isRegularFile(p)) {
      try (InputStream in = Files.newInputStream(p)) {
        return parse(in, p.toString());
      }
    }
    String id =
        fileOrId.endsWith(".json") ? fileOrId.substring(0, fileOrId.length() - 5) : fileOrId;
    if (BUILT_IN.contains(id)) {
      return builtIn(id);
    }
    throw new BadInputException(
        fileOrId + ": linkage schema not found (give a file, or one of " + BUILT_IN + ")");
  }

  public static LinkageSchema builtIn(String id) {
    String resource = "/schemas/linkage/" + id + ".json";
    try (InputStream in = LinkageSchema.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new BadInputException("no built-in linkage schema " + id);
      }
      return parse(in, resource);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + resource, e);
    }
  }

  static LinkageSchema parse(InputStream in, String origin) throws IOException {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(in);
    } catch (IOException e) {
      throw new BadInputException(
          origin + ": not valid JSON: " + e.getMessage().lines().findFirst().orElse(""));
    }
    try {
      JsonNode input = root.path("input");
      String delim = input.path("delimiter").asText(",");
      List<Field> fields = new ArrayList<>();
      for (JsonNode f : root.withArray("fields")) {
        JsonNode b = f.get("bloom");
        Bloom bloom =
            b == null
                ? null
                : new Bloom(
                    b.path("tokens").asText("bigrams"),
                    b.path("bits").asInt(512),
                    b.path("bit_budget").asInt(64));
        if (bloom != null && Integer.bitCount(bloom.bits()) != 1) {
          throw new BadInputException(
              origin + ": field " + f.path("name").asText() + ": bloom bits must be a power of 2");
        }
        fields.add(
            new Field(
                required(f, "name", origin),
                Kind.valueOf(required(f, "kind", origin).toUpperCase()),
                f.path("prefix_column").asText(null),
                f.path("lenient").asBoolean(false),
                bloom));
      }
      List<MatchKey> keys = new ArrayList<>();
      for (JsonNode k : root.withArray("match_keys")) {
        List<String> parts = new ArrayList<>();
        k.withArray("parts").forEach(p -> parts.add(p.asText()));
        keys.add(new MatchKey(required(k, "name", origin), List.copyOf(parts)));
      }
      List<ClearColumn> clear = new ArrayList<>();
      for (JsonNode c : root.withArray("clear")) {
        clear.add(new ClearColumn(required(c, "column", origin), required(c, "from", origin)));
      }
      LinkageSchema schema =
          new LinkageSchema(
              required(root, "name", origin),
              root.path("version").asInt(),
              delim.charAt(0),
              input.path("trim").asBoolean(false),
              input.path("record_id").asText("record_id"),
              List.copyOf(fields),
              List.copyOf(keys),
              List.copyOf(clear));
      for (MatchKey k : keys) {
        for (String part : k.parts()) {
          String base = part.startsWith("names.") ? null : part.split("\\.")[0];
          if (base != null) {
            schema.field(base);
          }
        }
      }
      return schema;
    } catch (IllegalArgumentException e) {
      throw new BadInputException(origin + ": " + e.getMessage());
    }
  }

  private static String required(JsonNode n, String key, String origin) {
    JsonNode v = n.get(key);
    if (v == null || v.asText().isEmpty()) {
      throw new BadInputException(origin + ": missing \"" + key + "\"");
    }
    return v.asText();
  }
}
