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

  public static DisclosureRules read(Path file) {
    try {
      return new ObjectMapper().readValue(file.toFile(), DisclosureRules.class);
    } catch (IOException e) {
      throw new BadInputException(file + ": not valid disclosure rules (" + e.getMessage() + ")");
    }
  }
}
