package org.victimmonitor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCommandTest {
  @TempDir Path tmp;

  static CliRun run(String... args) {
    return CliRun.of(args);
  }

  @Test
  void demoGeneratesPseudonymisesAndValidatesAndCanRunAgain() throws Exception {
    Path dir = tmp.resolve("demo");
    CliRun r = run("demo", "--scale", "tiny", "--out", dir.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("[1/4] generate", "[2/4] pseudonymise", "[3/4] validate", "[4/4] load")
        .contains("56 deliveries checked, 56 accepted, 0 rejected")
        .contains("publish   CURRENT = v0001");
    assertThat(dir.resolve("warehouse/monitor.duckdb")).exists();
    assertThat(r.out()).contains("5 data tests passed");
    // headline figures from the exported tables: persons per year 2014..2021 beside the planted
    // figure, and the repeat-victimisation curve with the planted 5- and 7-year values
    assertThat(r.out())
        .contains("Headline figures")
        .containsPattern("(?m)^    2014 +\\d+ +63$")
        .containsPattern("(?m)^    2021 +\\d+ +40$")
        .containsPattern("(?m)^    5 +[\\d.]+% +[\\d.]+-[\\d.]+% +45\\.1%$")
        .containsPattern("(?m)^    7 +[\\d.]+% +[\\d.]+-[\\d.]+% +50\\.0%$");
    for (String t :
        List.of(
            "m01_registrations.csv",
            "m06_repeat_victimisation.csv",
            "m09_source_overlap.csv",
            "m10_estimate.csv",
            "monitor-tables-2021.xlsx",
            "monitor-tables-2021.html")) {
      assertThat(dir.resolve("tables").resolve(t)).isNotEmptyFile();
    }
    assertThat(dir.resolve("dashboard/index.html")).isNotEmptyFile();
    assertThat(r.out())
        .contains("dashboard/index.html", "/dashboard/ ", "the dashboard: index.html");
    assertThat(dir.resolve("deliveries/police/victimisation/2021/records.csv")).exists();
    assertThat(dir.resolve("truth/planted.json")).exists();
    Path key = dir.resolve("keys/linkage.key");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key)))
        .isEqualTo("rw-------");
    // the key itself is never printed, only its fingerprint
    String keyLine = Files.readAllLines(key).get(1);
    assertThat(r.out()).doesNotContain(keyLine);

    CliRun again = run("demo", "--scale", "tiny", "--out", dir.toString());
    assertThat(again.code()).as(again.err()).isZero();
  }

  @Test
  void demoRefusesAFolderItDidNotMake() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("mine"));
    Files.writeString(dir.resolve("important.txt"), "keep");
    CliRun r = run("demo", "--scale", "tiny", "--out", dir.toString());
    assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(r.err()).contains("was not made by monitor demo");
    assertThat(dir.resolve("important.txt")).exists();
  }

  @Test
  void keyFileReadableByOthersIsRefusedWithHowToFixIt() throws Exception {
    Path key = tmp.resolve("k.key");
    assertThat(run("keygen", "--out", key.toString()).code()).isZero();
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
    CliRun r = run("keygen", "--fingerprint", key.toString());
    assertThat(r.code()).isEqualTo(ExitCodes.KEY_REFUSED);
    assertThat(r.err()).contains("chmod 600 " + key).doesNotContain("Exception");
  }

  CliRun pseudonymise(Path key, Path raw) {
    return run(
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
        "2019",
        "--in",
        raw.toString(),
        "--out",
        tmp.resolve("dl").toString());
  }

  @Test
  void malformedRawFileGivesRowNumberedErrorsAndExitCode3() throws Exception {
    Path key = tmp.resolve("k.key");
    run("keygen", "--out", key.toString());
    Path raw = tmp.resolve("raw.csv");
    Files.writeString(
        raw,
        "record_id,first_name,surname_prefix,surname,date_of_birth,sex,bsn,nationality,birth_country,report_date,exploitation_form,municipality\n"
            + "A1,Anna,,Jansen,1990-02-30,F,,NL,NL,2019-03-01,sexual,GM0363\n"
            + "A2,Anna,,Jansen,1990-02-03,F,,NL,NL\n"
            + "A3,Anna,,Jansen,1990-02-03,F,,NL,NL,2019-03-01,sexual,GM0363\n");
    CliRun r = pseudonymise(key, raw);
    assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(r.err())
        .contains("row 1: BAD_DATE_OF_BIRTH", "row 2: WRONG_COLUMN_COUNT", "raw.rejects.csv")
        .contains("2 of 3 rows rejected")
        .doesNotContain("Jansen", "Exception");
    assertThat(tmp.resolve("raw.rejects.csv")).exists();
    assertThat(tmp.resolve("dl/police/trafficking_report/2019")).doesNotExist();

    CliRun missing = pseudonymise(key, tmp.resolve("nope.csv"));
    assertThat(missing.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(missing.err()).contains("nope.csv: input file not found");
  }
}
