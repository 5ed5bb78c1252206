package org.victimmonitor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerateCommandTest {

  @TempDir Path dir;

  static CliRun run(String... args) {
    return CliRun.of(args);
  }

  @Test
  void generatesTinyDataAndSummarisesWithoutRecordContents() throws IOException {
    Path out = dir.resolve("data");
    CliRun r =
        run(
            "generate",
            "--scale",
            "tiny",
            "--years",
            "2019-2020",
            "--seed",
            "5",
            "--out",
            out.toString());
    assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.OK);
    assertThat(out.resolve("extracts/police/trafficking_report/2019.csv")).exists();
    assertThat(out.resolve("extracts/police/suspect/2020.csv")).exists();
    assertThat(out.resolve("extracts/police/suspect/2021.csv")).doesNotExist();
    for (String f : List.of("records.csv", "persons.csv", "planted.json")) {
      assertThat(out.resolve("truth").resolve(f)).exists();
    }
    assertThat(r.out())
        .contains(
            "police/victimisation", "registered persons per year", out.resolve("truth").toString());
    assertThat(r.out()).contains("{2019=67, 2020=49}");
    // No name, date of birth or BSN from the extracts is printed.
    List<String> lines =
        Files.readAllLines(out.resolve("extracts/police/trafficking_report/2019.csv"));
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",");
      for (int i : new int[] {1, 3, 4, 6}) {
        if (f[i].length() > 3) {
          assertThat(r.out() + r.err()).doesNotContain(f[i]);
        }
      }
    }
  }

  @Test
  void refusesToOverwriteUnlessForced() {
    Path out = dir.resolve("data");
    String[] args = {"generate", "--scale", "tiny", "--years", "2021", "--out", out.toString()};
    assertThat(run(args).code()).isEqualTo(ExitCodes.OK);
    CliRun again = run(args);
    assertThat(again.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(again.err()).contains("already exists").contains("--force");
    String[] forced = {
      "generate", "--scale", "tiny", "--years", "2021", "--force", "--out", out.toString()
    };
    assertThat(run(forced).code()).isEqualTo(ExitCodes.OK);
  }

  @Test
  void anUnwritableOutputIsBadInputNotACrash() throws IOException {
    Path file = Files.writeString(dir.resolve("not-a-folder"), "x");
    CliRun r = run("generate", "--scale", "tiny", "--out", file.toString());
    assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(r.err()).contains("cannot write to").contains("--out").doesNotContain("\tat ");
  }

  @Test
  void badOptionsGiveAClearMessageAndTheUsageExitCode() {
    CliRun years = run("generate", "--years", "2021-2014", "--out", dir.toString());
    assertThat(years.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(years.err())
        .contains("--years")
        .contains("2021-2014")
        .contains("first year comes after the last");

    CliRun scale = run("generate", "--scale", "huge", "--out", dir.toString());
    assertThat(scale.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(scale.err()).contains("huge").contains("tiny, demo, national");

    CliRun words = run("generate", "--years", "last decade", "--out", dir.toString());
    assertThat(words.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(words.err()).contains("FIRST-LAST");

    CliRun missing = run("generate", "--scale", "tiny");
    assertThat(missing.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(missing.err()).contains("--out");
  }

  @Test
  void helpDescribesEveryOption() {
    CliRun r = run("generate", "--help");
    assertThat(r.code()).isEqualTo(ExitCodes.OK);
    assertThat(r.out()).contains("--out", "--scale", "--years", "--seed", "--force", "national");
  }
}
