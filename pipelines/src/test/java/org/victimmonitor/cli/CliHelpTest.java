package org.victimmonitor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CliHelpTest {
  @TempDir Path tmp;

  @Test
  void everyCommandAndOptionIsDescribed() {
    CommandLine root = MonitorCli.commandLine();
    assertThat(root.getSubcommands())
        .containsKeys("generate", "keygen", "pseudonymise", "validate", "demo", "estimate");
    for (Map.Entry<String, CommandLine> e : root.getSubcommands().entrySet()) {
      if (e.getKey().equals("help")) {
        continue;
      }
      CommandLine.Model.CommandSpec spec = e.getValue().getCommandSpec();
      assertThat(spec.usageMessage().description()).as(e.getKey()).isNotEmpty();
      for (CommandLine.Model.OptionSpec o : spec.options()) {
        assertThat(String.join(" ", o.description()))
            .as(e.getKey() + " " + o.longestName())
            .isNotBlank();
      }
      CliRun r = CliRun.of(e.getKey(), "--help");
      assertThat(r.code()).as(e.getKey()).isZero();
      assertThat(r.err()).as(e.getKey()).doesNotContain("WARN");
    }
    CliRun top = CliRun.of("--help");
    assertThat(top.out()).contains("Exit codes:", "3   bad input", "4   key refused");
  }

  @Test
  void generateWithDeliveriesPseudonymisesEveryExtract() throws Exception {
    Path key = tmp.resolve("k.key");
    CliRun r =
        CliRun.of(
            "generate",
            "--scale",
            "tiny",
            "--out",
            tmp.resolve("g").toString(),
            "--deliveries",
            tmp.resolve("d").toString(),
            "--key",
            key.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("pseudonymised 56 extracts", "wrote a new linkage key");
    assertThat(Files.exists(tmp.resolve("d/care/registration/2021/manifest.json"))).isTrue();
    CliRun v = CliRun.of("validate", "--deliveries", tmp.resolve("d").toString());
    assertThat(v.code()).as(v.err()).isZero();
    assertThat(v.out()).contains("56 deliveries, 56 accepted, 0 rejected");
    // an office may assemble its deliveries folder from links to where the providers' files land
    Path linkedRoot = Files.createSymbolicLink(tmp.resolve("linked"), tmp.resolve("d"));
    Path assembled = Files.createDirectories(tmp.resolve("assembled"));
    try (Stream<Path> sources = Files.list(tmp.resolve("d"))) {
      for (Path s : sources.toList()) {
        Files.createSymbolicLink(assembled.resolve(s.getFileName()), s);
      }
    }
    for (Path linked : List.of(linkedRoot, assembled)) {
      CliRun l = CliRun.of("validate", "--deliveries", linked.toString());
      assertThat(l.code()).as(l.err()).isZero();
      assertThat(l.out()).as(linked.toString()).contains("56 deliveries, 56 accepted, 0 rejected");
    }
    Files.createSymbolicLink(assembled.resolve("police/loop"), assembled);
    CliRun loop = CliRun.of("validate", "--deliveries", assembled.toString());
    assertThat(loop.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(loop.err()).contains("a symbolic link loops back to a folder above it");
    Files.delete(assembled.resolve("police/loop"));

    // a year's delivery and a quarter of it, both in the folder: the quarter's rows repeat the
    // year's
    Path year = tmp.resolve("d/police/trafficking_report/2021");
    Path quarter = Files.createDirectories(year.resolveSibling("2021-Q4"));
    Files.copy(year.resolve("records.csv"), quarter.resolve("records.csv"));
    Files.writeString(
        quarter.resolve("manifest.json"),
        Files.readString(year.resolve("manifest.json"))
            .replaceFirst("\"period\" : \"2021\"", "\"period\" : \"2021-Q4\""));
    long rows = Files.readAllLines(year.resolve("records.csv")).size() - 1;
    // the load would refuse the quarter (all its rows would be quarantined), and so does validate
    CliRun overlap = CliRun.of("validate", "--deliveries", tmp.resolve("d").toString());
    assertThat(overlap.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(overlap.out()).contains("57 deliveries, 56 accepted, 1 rejected");
    assertThat(overlap.err())
        .contains(
            "REJECTED  "
                + quarter.resolve("records.csv")
                + ": "
                + rows
                + " of "
                + rows
                + " rows fail the row checks {DUPLICATE_RECORD_ID="
                + rows
                + "}, more than the allowed 5.0%; "
                + rows
                + " of them repeat rows of police/trafficking_report/2021: the deliveries overlap");
    // allowed every bad row, the quarter passes and the overlap is said
    CliRun allowed =
        CliRun.of(
            "validate", "--deliveries", tmp.resolve("d").toString(), "--max-quarantine-share", "1");
    assertThat(allowed.code()).as(allowed.err()).isZero();
    assertThat(allowed.out())
        .contains(
            "57 deliveries, 57 accepted, 0 rejected",
            "rows to quarantine: {DUPLICATE_RECORD_ID=" + rows + "}",
            rows
                + " rows repeat rows of police/trafficking_report/2021 cell for cell (quarantined"
                + " as DUPLICATE_RECORD_ID): do the deliveries overlap?");

    CliRun alone =
        CliRun.of(
            "generate",
            "--scale",
            "tiny",
            "--out",
            tmp.resolve("h").toString(),
            "--key",
            key.toString());
    assertThat(alone.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(alone.err()).contains("--deliveries and --key go together");

    // deliveries of this year would hold registrations dated after today
    int thisYear = java.time.LocalDate.now(java.time.ZoneOffset.UTC).getYear();
    CliRun future =
        CliRun.of(
            "generate",
            "--scale",
            "tiny",
            "--years",
            (thisYear - 1) + "-" + thisYear,
            "--out",
            tmp.resolve("f").toString(),
            "--deliveries",
            tmp.resolve("fd").toString(),
            "--key",
            key.toString());
    assertThat(future.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(future.err())
        .contains("generate complete years (up to " + (thisYear - 1) + ")")
        .doesNotContain("Usage:");
    assertThat(tmp.resolve("f")).doesNotExist();

    // a share is a share: 5 would let every row through
    CliRun load =
        CliRun.of(
            "load",
            "--deliveries",
            tmp.resolve("d").toString(),
            "--warehouse",
            tmp.resolve("w").toString(),
            "--max-quarantine-share",
            "5");
    assertThat(load.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(load.err()).contains("--max-quarantine-share: a share from 0 to 1 (0.05 is 5%)");
    String[] extract = {
      "pseudonymise",
      "--key",
      key.toString(),
      "--linkage-schema",
      "person-v1",
      "--source",
      "police",
      "--dataset",
      "trafficking_report",
      "--period",
      "2021",
      "--in",
      tmp.resolve("g/extracts/police/trafficking_report/2021.csv").toString(),
      "--out",
      tmp.resolve("p").toString()
    };
    CliRun pseudonymise = CliRun.of(with(extract, "--max-reject-share", "5"));
    assertThat(pseudonymise.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(pseudonymise.err()).contains("--max-reject-share: a share from 0 to 1");
    for (String delimiter : List.of("ab", "\"", "x")) {
      CliRun d = CliRun.of(with(extract, "--delimiter", delimiter));
      assertThat(d.code()).as(delimiter).isEqualTo(ExitCodes.USAGE);
      assertThat(d.err()).contains("--delimiter: one character that is not a letter");
    }
    assertThat(tmp.resolve("w")).doesNotExist();
    assertThat(tmp.resolve("p")).doesNotExist();
  }

  static String[] with(String[] args, String... more) {
    String[] all = java.util.Arrays.copyOf(args, args.length + more.length);
    System.arraycopy(more, 0, all, args.length, more.length);
    return all;
  }
}
