package org.victimmonitor.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * The code lists of the delivery contract ({@code schemas/deliveries/codes.json}) and the CBS
 * municipality codes of the reference list. Loaded once; immutable.
 */
public final class CodeLists {
  private static final CodeLists INSTANCE = load();

  private final Map<String, Set<String>> lists;

  private CodeLists(Map<String, Set<String>> lists) {
    this.lists = lists;
  }

  public static CodeLists get() {
    return INSTANCE;
  }

  /** The codes of a list; throws for an unknown list name. */
  public Set<String> codes(String list) {
    Set<String> s = lists.get(list);
    if (s == null) {
      throw new IllegalArgumentException("no code list " + list);
    }
    return s;
  }

  public boolean contains(String list, String code) {
    return codes(list).contains(code);
  }

  private static CodeLists load() {
    Map<String, Set<String>> lists = new HashMap<>();
    try (InputStream in = CodeLists.class.getResourceAsStream("/schemas/deliveries/codes.json")) {
      JsonNode root = new ObjectMapper().readTree(in);
      root.fields()
          .forEachRemaining(
              e -> {
                if (e.getValue().isArray()) {
                  Set<String> s = new LinkedHashSet<>();
                  e.getValue().forEach(v -> s.add(v.asText()));
                  lists.put(e.getKey(), Set.copyOf(s));
                }
              });
      Set<String> municipalities = new LinkedHashSet<>();
      for (CSVRecord r : municipalityRecords()) {
        municipalities.add(r.get("municipality_code"));
      }
      lists.put("municipality", Set.copyOf(municipalities));
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the code lists", e);
    }
    return new CodeLists(Map.copyOf(lists));
  }

  /** Rows of the reference list of municipalities (code, name, safety region, province, unit). */
  public static Iterable<CSVRecord> municipalityRecords() throws IOException {
    InputStream in =
        CodeLists.class.getResourceAsStream("/org/victimmonitor/reference/municipalities.csv");
    BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    return CSVFormat.DEFAULT
        .builder()
        .setHeader()
        .setSkipHeaderRecord(true)
        .get()
        .parse(r)
        .getRecords();
  }
}
