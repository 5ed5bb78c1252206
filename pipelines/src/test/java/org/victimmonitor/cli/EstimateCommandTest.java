package org.victimmonitor.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EstimateCommandTest {

  static final Path BENCHMARKS =
      Path.of(System.getProperty("project.root", "..")).resolve("../shared/benchmarks/mse");

  @TempDir Path dir;

  static CliRun run(String... args) {
    return CliRun.of(args);
  }

  @Test
  void jsonOnABenchmarkTable() throws IOException {
    CliRun r = run("estimate", "--table", BENCHMARKS.resolve("UKdat_5.csv").toString(), "--json");
    assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.OK);
    JsonNode json = new ObjectMapper().readTree(r.out());
    assertThat(json.isObject()).isTrue();
    assertThat(json.fieldNames())
        .toIterable()
        .containsExactly("observed", "estimate", "lower", "upper", "model");
    assertThat(json.get("observed").asLong()).isEqualTo(2744);
    assertThat(json.get("estimate").asDouble()).isCloseTo(11313, withinPercentage(0.5));
    assertThat(json.get("lower").asDouble()).isCloseTo(9884, withinPercentage(2));
    assertThat(json.get("upper").asDouble()).isCloseTo(13027, withinPercentage(2));
    assertThat(json.get("model"))
        .extracting(JsonNode::asText)
        .containsExactly("LA:NG", "NG:GP", "PFNCA:GP", "LA:PFNCA", "GO:GP", "NG:GO");
    assertThat(r.out().trim().lines()).hasSize(1);
  }

  @Test
  void givenInteractions() throws IOException {
    String western = BENCHMARKS.resolve("Western.csv").toString();
    CliRun r = run("estimate", "--table", western, "--interactions", "E:A");
    assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.OK);
    assertThat(r.out())
        .contains("Model: main effects + A:E (given with --interactions)")
        .contains("Estimated total: 2,483");
    CliRun both = run("estimate", "--table", western, "--interactions", "A:E", "--method", "bic");
    assertThat(both.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(both.err()).contains("--interactions fixes the model; leave out --method");
    CliRun unknown = run("estimate", "--table", western, "--interactions", "A:police");
    assertThat(unknown.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(unknown.err()).contains("'A:police' names a list the table does not have");
    CliRun given = run("estimate", "--table", western, "--method", "given");
    assertThat(given.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(given.err()).contains("named with --interactions");
  }

  @Test
  void mainMethodInJson() throws IOException {
    CliRun r =
        run(
            "estimate",
            "--table",
            BENCHMARKS.resolve("Western.csv").toString(),
            "--method",
            "main",
            "--json");
    assertThat(r.code()).isEqualTo(ExitCodes.OK);
    JsonNode json = new ObjectMapper().readTree(r.out());
    assertThat(json.get("estimate").asDouble()).isCloseTo(2007, withinPercentage(0.5));
    assertThat(json.get("model")).isEmpty();
  }

  @Test
  void plainReport() {
    CliRun r = run("estimate", "--table", BENCHMARKS.resolve("Western.csv").toString());
    assertThat(r.code()).isEqualTo(ExitCodes.OK);
    assertThat(r.out())
        .contains("Lists (5): A, B, C, D, E")
        .contains("Observed: 345 people")
        .contains("Model: main effects + A:E (stepwise, p < 0.02)")
        .contains("Estimated total: 2,483")
        .contains("95% interval: 1,657 to 3,830");
  }

  @Test
  void bootstrapReportsItsSeed() {
    CliRun r =
        run(
            "estimate",
            "--table",
            BENCHMARKS.resolve("NewOrl_5.csv").toString(),
            "--bootstrap",
            "100",
            "--seed",
            "3");
    assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.OK);
    assertThat(r.out()).contains("parametric bootstrap, 100 replicates, seed 3");
    assertThat(r.err()).contains("bootstrap: 100/100 replicates");
  }

  @Test
  void badInputGivesExitCodeThree() throws IOException {
    Path bad = dir.resolve("bad.csv");
    Files.write(bad, List.of("A,B,count", "1,0,5", "0,1,-2", "1,1,1"));
    CliRun r = run("estimate", "--table", bad.toString(), "--json");
    assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).contains("bad.csv").contains("row 3").contains("negative");
    assertThat(r.err()).doesNotContain("NaN").doesNotContain("Exception");
  }

  @Test
  void unknownMethodIsAUsageError() {
    CliRun r =
        run(
            "estimate",
            "--table",
            BENCHMARKS.resolve("Western.csv").toString(),
            "--method",
            "magic");
    assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("use stepwise, main or bic");
  }

  @Test
  void thresholdOutOfRangeIsAUsageError() {
    CliRun r =
        run(
            "estimate",
            "--table",
            BENCHMARKS.resolve("Western.csv").toString(),
            "--threshold",
            "1.5");
    assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("--threshold must be between 0 and 1");
  }

  @Test
  void missingTableIsAUsageError() {
    CliRun none = run("estimate");
    assertThat(none.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(none.err())
        .startsWith("estimate: error: Missing required argument (specify one of these):");
  }

  @Test
  void tableWithoutAnEstimateGivesExitCodeThree() throws IOException {
    Path boundary = dir.resolve("boundary.csv");
    Files.write(boundary, List.of("A,B,count", "1,0,5", "1,1,3"));
    CliRun r = run("estimate", "--table", boundary.toString(), "--json");
    assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).contains("boundary.csv").contains("no estimate").doesNotContain("NaN");
  }
}
