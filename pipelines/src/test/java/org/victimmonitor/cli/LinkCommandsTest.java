package org.victimmonitor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.victimmonitor.link.LinkageModel;
import org.victimmonitor.link.ModelJson;

/** monitor link, linkage-model and evaluate-linkage: outputs and error paths. */
class LinkCommandsTest {
  @TempDir Path dir;

  static CliRun run(String... args) {
    return CliRun.of(args);
  }

  @Test
  void evaluateLinkageKnownAnswerAndJson() throws IOException {
    Path clusters = dir.resolve("clusters.csv");
    Files.writeString(
        clusters,
        """
        source,dataset,record_id,person_key
        police,trafficking_report,A,p1
        police,trafficking_report,B,p1
        care,registration,C,p2
        care,registration,D,p2
        """);
    Path truth = dir.resolve("truth.csv");
    Files.writeString(
        truth,
        """
        source,dataset,period,record_id,person_id
        police,trafficking_report,2019,A,P1
        police,trafficking_report,2019,B,P1
        care,registration,2019,C,P1
        care,registration,2020,D,P2
        """);
    CliRun r =
        run("evaluate-linkage", "--clusters", clusters.toString(), "--truth", truth.toString());
    assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.OK);
    // Predicted pairs AB, CD; true pairs AB, AC, BC: 1 correct.
    assertThat(r.out())
        .contains("Pairwise: precision 0.5000  recall 0.3333  F1 0.4000")
        .contains("B-cubed:");
    JsonNode json = new ObjectMapper().readTree(dir.resolve("evaluation.json").toFile());
    assertThat(json.get("pairwise_f1").asDouble()).isEqualTo(0.4);
    assertThat(json.get("true_pairs").asLong()).isEqualTo(3);
  }

  @Test
  void evaluateLinkageRefusesATruthWithOtherRecords() throws IOException {
    Path clusters = dir.resolve("clusters.csv");
    Files.writeString(clusters, "source,dataset,record_id,person_key\ns,d,A,p1\n");
    Path truth = dir.resolve("truth.csv");
    Files.writeString(truth, "source,dataset,period,record_id,person_id\ns,d,1,B,P1\n");
    CliRun r =
        run("evaluate-linkage", "--clusters", clusters.toString(), "--truth", truth.toString());
    assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(r.err()).contains("hold different records");
  }

  @Test
  void linkageModelPrintsTheModel() throws IOException {
    double[][] m = {{0, 0.9, 0.1}};
    double[][] u = {{0, 0.01, 0.99}};
    LinkageModel model =
        new LinkageModel(
            List.of("bsn"),
            List.of(List.of("missing", "equal", "different")),
            m,
            u,
            0.2,
            0.9,
            5,
            true,
            1000);
    Files.writeString(dir.resolve("model.json"), ModelJson.write(model));
    CliRun r = run("linkage-model", dir.toString());
    assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.OK);
    assertThat(r.out()).contains("bsn").contains("equal").contains("+6.49").contains("0.9");
    assertThat(run("linkage-model", dir.resolve("nothing").toString()).code())
        .isEqualTo(ExitCodes.BAD_INPUT);
  }

  @Test
  void linkErrors() {
    CliRun missing =
        run("link", "--deliveries", dir.resolve("none").toString(), "--out", dir.toString());
    assertThat(missing.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(missing.err()).contains("deliveries folder not found");
    CliRun empty =
        run("link", "--deliveries", dir.toString(), "--out", dir.resolve("o").toString());
    assertThat(empty.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(empty.err()).contains("no deliveries found");
    CliRun threshold =
        run("link", "--deliveries", dir.toString(), "--out", dir.toString(), "--threshold", "1.5");
    assertThat(threshold.code()).isEqualTo(ExitCodes.USAGE);
    CliRun runner =
        run("link", "--deliveries", dir.toString(), "--out", dir.toString(), "--runner", "Spark");
    assertThat(runner.code()).isEqualTo(ExitCodes.USAGE);
  }
}
