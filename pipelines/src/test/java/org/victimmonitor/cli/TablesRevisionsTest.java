package org.victimmonitor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.victimmonitor.warehouse.HandMadeWarehouse;

/**
 * {@code monitor tables --previous}: the figures a report changes in an earlier edition, on the
 * hand-made warehouse (report years 2020 and 2021, threshold 2). The earlier edition is the 2020
 * report as written, with m01 edited as if an earlier load had counted otherwise.
 */
class TablesRevisionsTest {
  @TempDir static Path tmp;
  static Path warehouse;
  static Path rules;

  @BeforeAll
  static void warehouse() throws Exception {
    warehouse = HandMadeWarehouse.write(tmp.resolve("wh"));
    rules = tmp.resolve("rules.json");
    Files.writeString(rules, "{\"threshold\": 2, \"suppress_zeros\": false, \"rounding_base\": 0}");
  }

  static CliRun tables(int year, Path out, String... more) {
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                "tables",
                "--warehouse",
                warehouse.toString(),
                "--year",
                Integer.toString(year),
                "--format",
                "csv",
                "--disclosure",
                rules.toString(),
                "--out",
                out.toString()));
    args.addAll(List.of(more));
    return CliRun.of(args.toArray(String[]::new));
  }

  @Test
  void figuresOfEarlierYearsThatChangedAreListedAndFollowUpsApart() throws Exception {
    Path edition = tmp.resolve("edition-2020");
    CliRun first = tables(2020, edition);
    assertThat(first.code()).as(first.err()).isZero();
    Path m01 = edition.resolve("m01_registrations.csv");
    assertThat(Files.readAllLines(m01))
        .containsExactly(
            "year,source,persons,reports",
            "2020,police,<2,<2",
            "2020,inspectorate,<2,<2",
            "2020,care,<2,<2",
            "2020,all,2,3");
    // as an earlier load would have published it: police shown, one person more in all
    Files.write(
        m01,
        List.of(
            "year,source,persons,reports",
            "2020,police,2,<2",
            "2020,inspectorate,<2,<2",
            "2020,care,<2,<2",
            "2020,all,3,3"));
    // and an m03 of another layout
    Path m03 = edition.resolve("m03_age_sex.csv");
    List<String> lines = new java.util.ArrayList<>(Files.readAllLines(m03));
    lines.set(0, "year,age,sex,persons");
    Files.write(m03, lines);

    Path out = tmp.resolve("edition-2021");
    CliRun r = tables(2021, out, "--previous", edition.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out())
        .contains(
            "against "
                + edition
                + ": 2 figures of earlier years revised (m01: 2 rows), 1 of them by fewer than 2,"
                + " 4 follow-up figures changed, 1 table with other columns (not compared); see "
                + out.resolve("revisions.csv"),
            "wrote 11 files");
    assertThat(Files.readAllLines(out.resolve("revisions.csv")))
        .containsExactly(
            "table,row,column,previous,current,kind,note",
            "m01,year=2020 source=police,persons,2,<2,revised,",
            "m01,year=2020 source=all,persons,3,2,revised,changed by fewer than 2: the two editions"
                + " side by side give that small difference",
            "m03,,,year age sex persons,year age_group sex persons,layout,the columns differ; not"
                + " compared",
            // m07 pools its cohorts: the 2021 cohort joins 'all', and 'after' is followed a year on
            "m07,cohort=all period=before,persons,2,4,follow-up,",
            "m07,cohort=all period=after,persons,2,4,follow-up,",
            "m07,cohort=all period=after,suspects,0,<2,follow-up,",
            "m07,cohort=all period=after,pct,0.0,x,follow-up,");

    // written over the earlier edition's folder: that edition is read before anything is written
    Path inPlace = tmp.resolve("in-place");
    Files.createDirectories(inPlace);
    try (java.util.stream.Stream<Path> files = Files.list(edition)) {
      for (Path f : files.toList()) {
        Files.copy(f, inPlace.resolve(f.getFileName()));
      }
    }
    CliRun again = tables(2021, inPlace, "--previous", inPlace.toString());
    assertThat(again.code()).as(again.err()).isZero();
    assertThat(Files.readAllLines(inPlace.resolve("revisions.csv")))
        .isEqualTo(Files.readAllLines(out.resolve("revisions.csv")));
  }

  @Test
  void anEarlierEditionWithoutMonitorTablesIsBadInput() throws Exception {
    Path empty = Files.createDirectories(tmp.resolve("empty"));
    CliRun r = tables(2021, tmp.resolve("out-empty"), "--previous", empty.toString());
    assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(r.err()).contains(empty + ": no monitor table CSV (mNN_<topic>.csv");
    CliRun missing =
        tables(2021, tmp.resolve("out-missing"), "--previous", tmp.resolve("nowhere").toString());
    assertThat(missing.code()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(missing.err()).contains("folder of the earlier edition not found");
  }
}
