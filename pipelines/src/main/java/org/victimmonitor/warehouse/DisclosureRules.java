package org.victimmonitor.warehouse;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import org.victimmonitor.common.BadInputException;

/**
 * The statistical disclosure control rules applied to every exported table (configuration, not
 * code): cells with a count from 1 to {@code threshold - 1} are suppressed and shown as {@code
 * <threshold}; zeros are shown unless {@code suppressZeros}; published counts may be rounded to a
 * base. The defaults are in {@code warehouse/disclosure-default.json}.
 */
public record DisclosureRules(
    @JsonProperty("threshold") int threshold,
    @JsonProperty("suppress_zeros") boolean suppressZeros,
    @JsonProperty("rounding_base") int roundingBase) {

  public DisclosureRules {
    if (threshold < 1) {
      throw new BadInputException("disclosure rules: threshold must be at least 1");
    }
    if (roundingBase < 0) {
      throw new BadInputException("disclosure rules: rounding_base must be 0 (none) or positive");
    }
  }

  /** The label of a suppressed cell, e.g. {@code <10}. */
  public String suppressedLabel() {
    return "<" + threshold;
  }

  public static DisclosureRules defaults() {
    try (InputStream in =
        DisclosureRules.class.getResourceAsStream(
            "/org/victimmonitor/warehouse/disclosure-default.json")) {
      return new ObjectMapper().readValue(in, DisclosureRules.class);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the default disclosure rules", e);
    }
  }

  /**
   * Rules from a JSON file: the keys it gives replace the defaults, the others keep them. An
   * unknown key, a value of the wrong type or a file that is not JSON is a clear error.
   */
  public static DisclosureRules read(Path file) {
    com.fasterxml.jackson.databind.JsonNode n;
    try {
      n = new ObjectMapper().readTree(file.toFile());
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      var at = e.getLocation();
      throw new BadInputException(
          file
              + ": not JSON"
              + (at == null
                  ? ""
                  : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
    } catch (IOException e) {
      throw new BadInputException(file + ": cannot be read (" + e.getMessage() + ")");
    }
    if (n == null || !n.isObject()) {
      throw new BadInputException(file + ": disclosure rules must be a JSON object");
    }
    DisclosureRules d = defaults();
    int threshold = d.threshold();
    boolean zeros = d.suppressZeros();
    int base = d.roundingBase();
    for (var it = n.fields(); it.hasNext(); ) {
      var e = it.next();
      switch (e.getKey()) {
        case "threshold" -> threshold = whole(file, e.getKey(), e.getValue());
        case "rounding_base" -> base = whole(file, e.getKey(), e.getValue());
        case "suppress_zeros" -> {
          if (!e.getValue().isBoolean()) {
            throw new BadInputException(file + ": suppress_zeros must be true or false");
          }
          zeros = e.getValue().asBoolean();
        }
        default ->
            throw new BadInputException(
                file
                    + ": unknown key "
                    + e.getKey()
                    + " (the keys are threshold, suppress_zeros, rounding_base)");
      }
    }
    return new DisclosureRules(threshold, zeros, base);
  }

  private static int whole(Path file, String key, com.fasterxml.jackson.databind.JsonNode v) {
    if (!v.isIntegralNumber() || !v.canConvertToInt()) {
      throw new BadInputException(file + ": " + key + " must be a whole number");
    }
    return v.asInt();
  }
}
