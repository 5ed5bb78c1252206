package org.victimmonitor.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.victimmonitor.common.BadInputException;

/** A disclosure rules file: the keys it gives replace the defaults; mistakes are named. */
class DisclosureRulesTest {
  @TempDir Path tmp;

  Path file(String json) throws Exception {
    Path f = tmp.resolve("rules.json");
    Files.writeString(f, json);
    return f;
  }

  @Test
  void theKeysGivenReplaceTheDefaultsAndTheOthersKeepThem() throws Exception {
    assertThat(DisclosureRules.defaults()).isEqualTo(new DisclosureRules(10, false, 0));
    assertThat(DisclosureRules.read(file("{\"rounding_base\": 5}")))
        .isEqualTo(new DisclosureRules(10, false, 5));
    assertThat(DisclosureRules.read(file("{\"threshold\": 5, \"suppress_zeros\": true}")))
        .isEqualTo(new DisclosureRules(5, true, 0));
    assertThat(DisclosureRules.read(file("{}"))).isEqualTo(DisclosureRules.defaults());
  }

  @Test
  void mistakesAreNamedWithoutTheParsersInternals() throws Exception {
    Path f = file("{\"treshold\": 5}");
    assertThatThrownBy(() -> DisclosureRules.read(f))
        .isInstanceOf(BadInputException.class)
        .hasMessage(
            f + ": unknown key treshold (the keys are threshold, suppress_zeros, rounding_base)");
    Path g = file("{\"threshold\": \"ten\"}");
    assertThatThrownBy(() -> DisclosureRules.read(g))
        .hasMessage(g + ": threshold must be a whole number");
    Path h = file("{\n  \"threshold\": 10,\n  \"rounding_base\" 5\n}");
    assertThatThrownBy(() -> DisclosureRules.read(h))
        .isInstanceOf(BadInputException.class)
        .hasMessageStartingWith(h + ": not JSON (line 3, column ");
    Path i = file("{\"threshold\": 0}");
    assertThatThrownBy(() -> DisclosureRules.read(i))
        .hasMessage("disclosure rules: threshold must be at least 1");
  }
}
