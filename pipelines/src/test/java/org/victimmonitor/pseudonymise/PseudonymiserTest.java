package org.victimmonitor.pseudonymise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.victimmonitor.common.BadInputException;
import org.victimmonitor.common.KeyRefusedException;
import org.victimmonitor.delivery.Manifest;

class PseudonymiserTest {
  @TempDir Path tmp;

  static LinkageKey fixedKey(int offset) {
    byte[] k = new byte[32];
    for (int i = 0; i < 32; i++) {
      k[i] = (byte) (i + offset);
    }
    return LinkageKey.of(k);
  }

  Path resource(String name) throws IOException {
    Path p = tmp.resolve(name);
    try (InputStream in = getClass().getResourceAsStream(name)) {
      Files.copy(in, p, StandardCopyOption.REPLACE_EXISTING);
    }
    return p;
  }

  Pseudonymiser.Summary run(LinkageKey key, Path in, Path out) throws IOException {
    return Pseudonymiser.run(request(key, in, out, null));
  }

  /** Police trafficking reports of 2019, at most 5% rejected, read with the given delimiter. */
  static Pseudonymiser.Request request(LinkageKey key, Path in, Path out, Character delimiter) {
    return new Pseudonymiser.Request(
        key,
        LinkageSchema.builtIn("person-v1"),
        "police",
        "trafficking_report",
        "2019",
        in,
        out,
        0.05,
        null,
        delimiter);
  }

  static List<CSVRecord> read(Path csv) throws IOException {
    try (Reader r = Files.newBufferedReader(csv)) {
      return CSVFormat.DEFAULT
          .builder()
          .setHeader()
          .setSkipHeaderRecord(true)
          .get()
          .parse(r)
          .getRecords();
    }
  }

  @Test
  void writesDeliveryWithTokensAndCoarseAttributesOnly() throws IOException {
    Path in = resource("raw_small.csv");
    Pseudonymiser.Summary s = run(fixedKey(0), in, tmp.resolve("out"));
    assertThat(s.rows()).isEqualTo(5);
    assertThat(s.written()).isEqualTo(5);
    Path dir = tmp.resolve("out/police/trafficking_report/2019");
    assertThat(dir).isEqualTo(s.delivery());
    List<CSVRecord> recs = read(dir.resolve("records.csv"));
    assertThat(recs.get(0).getParser().getHeaderNames())
        .containsExactly(
            "record_id",
            "report_date",
            "exploitation_form",
            "birth_year",
            "sex",
            "nationality",
            "municipality",
            "mk_name_dob_sex",
            "mk_initial_surname_dob",
            "mk_names_sorted_dob",
            "mk_bsn",
            "bf_first_name",
            "bf_surname",
            "bf_date_of_birth");
    CSVRecord first = recs.get(0);
    assertThat(first.get("record_id")).isEqualTo("POL-1");
    assertThat(first.get("birth_year")).isEqualTo("1990");
    assertThat(first.get("municipality")).isEqualTo("GM0363");
    // van der Berg and Vanderberg share the core surname, so the surname filter is equal
    assertThat(recs.get(1).get("bf_surname")).isEqualTo(first.get("bf_surname"));
    // Jan is not Johannes, but the initial key still links them
    assertThat(recs.get(1).get("mk_initial_surname_dob"))
        .isEqualTo(first.get("mk_initial_surname_dob"));
    assertThat(recs.get(1).get("mk_name_dob_sex")).isNotEqualTo(first.get("mk_name_dob_sex"));
    // only a BSN passing the 11-test gives a key; a partial date gives no full-date keys
    assertThat(first.get("mk_bsn")).hasSize(43);
    assertThat(recs.get(1).get("mk_bsn")).isEmpty();
    assertThat(recs.get(3).get("mk_name_dob_sex")).isEmpty();
    assertThat(recs.get(3).get("bf_date_of_birth")).isNotEmpty();

    Manifest m = Manifest.read(dir.resolve("manifest.json"));
    assertThat(m.recordCount()).isEqualTo(5);
    assertThat(m.linkageSchema().toString()).isEqualTo("person-v1");
    assertThat(m.deliverySchema().toString()).isEqualTo("trafficking_report-v1");
    assertThat(m.keyFingerprint()).isEqualTo(fixedKey(0).fingerprint());
    assertThat(m.recordsSha256()).hasSize(64);
  }

  @Test
  void sameInputAndKeyGiveIdenticalBytesAndAnotherKeySharesNoToken() throws IOException {
    Path in = resource("raw_small.csv");
    run(fixedKey(0), in, tmp.resolve("a"));
    run(fixedKey(0), in, tmp.resolve("b"));
    run(fixedKey(7), in, tmp.resolve("c"));
    Path rel = Path.of("police/trafficking_report/2019/records.csv");
    assertThat(Files.readAllBytes(tmp.resolve("a").resolve(rel)))
        .isEqualTo(Files.readAllBytes(tmp.resolve("b").resolve(rel)));
    Set<String> a = tokens(tmp.resolve("a").resolve(rel));
    Set<String> c = tokens(tmp.resolve("c").resolve(rel));
    assertThat(a).hasSizeGreaterThan(20);
    assertThat(c).hasSizeGreaterThan(20);
    assertThat(a).doesNotContainAnyElementsOf(c);
  }

  static Set<String> tokens(Path records) throws IOException {
    Set<String> out = new HashSet<>();
    for (CSVRecord r : read(records)) {
      for (Map.Entry<String, String> e : r.toMap().entrySet()) {
        if ((e.getKey().startsWith("mk_") || e.getKey().startsWith("bf_"))
            && !e.getValue().isEmpty()) {
          out.add(e.getValue());
        }
      }
    }
    return out;
  }

  Pseudonymiser.Request request(String source, String dataset, String period, Path in) {
    return new Pseudonymiser.Request(
        fixedKey(0),
        LinkageSchema.builtIn("person-v1"),
        source,
        dataset,
        period,
        in,
        tmp.resolve("out"),
        0.05,
        null);
  }

  @Test
  void aDeliveryTheOfficeWouldRejectIsNotWritten() throws IOException {
    Path in = resource("raw_small.csv");
    assertThatThrownBy(() -> Pseudonymiser.run(request("fbi", "trafficking_report", "2019", in)))
        .isInstanceOf(BadInputException.class)
        .hasMessageStartingWith(
            "source fbi with dataset trafficking_report is not registered in"
                + " schemas/deliveries/sources.json, so the office would reject the delivery;"
                + " registered: police trafficking_report, kmar trafficking_report,");
    assertThatThrownBy(() -> Pseudonymiser.run(request("care", "trafficking_report", "2019", in)))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("source care with dataset trafficking_report is not registered");
    assertThatThrownBy(() -> Pseudonymiser.run(request("police", "trafficking_report", "21", in)))
        .isInstanceOf(BadInputException.class)
        .hasMessage(
            "period 21 does not start with a year (e.g. 2021), so the office would reject the"
                + " delivery");
    assertThat(tmp.resolve("out")).doesNotExist();
    assertThat(Pseudonymiser.run(request("police", "trafficking_report", "2019-H1", in)).written())
        .isPositive();
  }

  @Test
  void badRowsAreRejectedWithRowNumbersAndNeverReachTheDelivery() throws IOException {
    Pseudonymiser.Summary s = runAllowingRejects(resource("raw_bad.csv"));
    assertThat(s.rows()).isEqualTo(13);
    assertThat(s.written()).isEqualTo(1);
    assertThat(s.firstRejects())
        .extracting(Pseudonymiser.RejectedRow::row, Pseudonymiser.RejectedRow::reason)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(1L, "BAD_DATE_OF_BIRTH"),
            org.assertj.core.groups.Tuple.tuple(2L, "BAD_SEX"),
            org.assertj.core.groups.Tuple.tuple(3L, "WRONG_COLUMN_COUNT"),
            org.assertj.core.groups.Tuple.tuple(4L, "BAD_REPORT_DATE"),
            org.assertj.core.groups.Tuple.tuple(5L, "BAD_MUNICIPALITY"),
            org.assertj.core.groups.Tuple.tuple(6L, "BAD_COUNTRY"),
            // born after the report: an age below 0, which the warehouse's data tests refuse
            org.assertj.core.groups.Tuple.tuple(8L, "BAD_BIRTH_YEAR"),
            org.assertj.core.groups.Tuple.tuple(9L, "BAD_REPORT_DATE"),
            // row 7 sent again
            org.assertj.core.groups.Tuple.tuple(10L, "DUPLICATE_RECORD_ID"),
            // reported in 2091, after the delivery is made
            org.assertj.core.groups.Tuple.tuple(11L, "BAD_REPORT_DATE"),
            // a record id that is a BSN: the office would reject the whole delivery
            org.assertj.core.groups.Tuple.tuple(12L, "BAD_RECORD_ID"),
            // born four days after the report, in the same year
            org.assertj.core.groups.Tuple.tuple(13L, "BAD_DATE_OF_BIRTH"));
    assertThat(s.firstRejects().get(10).message())
        .isEqualTo(
            "record_id: a value passes the BSN 11-test, which the office refuses in a delivery");
    assertThat(s.firstRejects().get(11).message()).isEqualTo("date_of_birth: after report_date");
    assertThat(s.firstRejects().get(8).message()).isEqualTo("record id already on row 7");
    assertThat(s.firstRejects().get(6).message())
        .isEqualTo("birth_year: an age at report_date below 0");
    assertThat(s.firstRejects())
        .allSatisfy(r -> assertThat(r.message()).doesNotContain("Jansen", "Anna"));
    Path rejects = tmp.resolve("raw_bad.rejects.csv");
    assertThat(s.rejectFile()).isEqualTo(rejects);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(rejects)))
        .isEqualTo("rw-------");
    List<CSVRecord> rj = read(rejects);
    assertThat(rj).hasSize(12);
    assertThat(rj.get(0).get("row")).isEqualTo("1");
    assertThat(rj.get(0).get("record_id")).isEqualTo("B-1");
    List<CSVRecord> delivered = read(s.delivery().resolve("records.csv"));
    assertThat(delivered).extracting(r -> r.get("record_id")).containsExactly("B-7");
  }

  @Test
  void recordIdsHoldingTheRowsOwnNameDateOfBirthOrBsnAreRejected() throws IOException {
    // Before, such ids passed: the office would have kept names and dates of birth in clear in
    // the vault, the quarantine and monitor link's clusters.csv.
    Pseudonymiser.Summary s = runAllowingRejects(resource("raw_identity_in_ids.csv"));
    assertThat(s.firstRejects())
        .extracting(Pseudonymiser.RejectedRow::row, Pseudonymiser.RejectedRow::message)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(1L, held("surname")), // JANSEN-0001
            org.assertj.core.groups.Tuple.tuple(2L, held("date_of_birth")), // AJ19900203
            org.assertj.core.groups.Tuple.tuple(3L, held("date_of_birth")), // 03021990-7
            org.assertj.core.groups.Tuple.tuple(4L, held("first_name")), // ANNA.J
            org.assertj.core.groups.Tuple.tuple(5L, held("bsn")), // ID-123456782
            org.assertj.core.groups.Tuple.tuple(6L, held("surname")), // P-VANDENBERG-2
            org.assertj.core.groups.Tuple.tuple(9L, held("date_of_birth"))); // B-1990-0203
    assertThat(s.rejectsByReason()).containsExactly(Map.entry("BAD_RECORD_ID", 7L));
    // a letter code equal to a short first name (POL, Pol) and a source prefix pass
    assertThat(read(s.delivery().resolve("records.csv")))
        .extracting(r -> r.get("record_id"))
        .containsExactly("POL-2019-000001", "CARE-2019-000002");
  }

  /** Police trafficking reports of 2019 into {@code out}, with up to 95% of the rows rejected. */
  Pseudonymiser.Summary runAllowingRejects(Path in) throws IOException {
    return Pseudonymiser.run(
        new Pseudonymiser.Request(
            fixedKey(0),
            LinkageSchema.builtIn("person-v1"),
            "police",
            "trafficking_report",
            "2019",
            in,
            tmp.resolve("out"),
            0.95,
            null));
  }

  private static String held(String field) {
    return "record_id: holds the row's "
        + field
        + "; a record id must be the provider's own pseudonymous id, such as a running number";
  }

  @Test
  void tooManyRejectsWriteNoDelivery() throws IOException {
    Path in = resource("raw_bad.csv");
    Pseudonymiser.Summary s = run(fixedKey(0), in, tmp.resolve("out"));
    assertThat(s.deliveryWritten()).isFalse();
    assertThat(tmp.resolve("out/police/trafficking_report/2019")).doesNotExist();
    // nor the folders the run made for it
    assertThat(tmp.resolve("out/police")).doesNotExist();
    assertThat(tmp.resolve("out")).doesNotExist();
  }

  @Test
  void aByteOrderMarkIsSkippedAndBadEncodingOrQuotingNamesTheRow() throws IOException {
    Path small = resource("raw_small.csv");
    byte[] plain = Files.readAllBytes(small);
    Pseudonymiser.Summary without = run(fixedKey(0), small, tmp.resolve("a"));
    // spreadsheet programs write "CSV UTF-8" with a byte order mark
    Path bom = tmp.resolve("bom.csv");
    byte[] withBom = new byte[plain.length + 3];
    withBom[0] = (byte) 0xEF;
    withBom[1] = (byte) 0xBB;
    withBom[2] = (byte) 0xBF;
    System.arraycopy(plain, 0, withBom, 3, plain.length);
    Files.write(bom, withBom);
    Pseudonymiser.Summary with = run(fixedKey(0), bom, tmp.resolve("b"));
    assertThat(with.written()).isEqualTo(without.written()).isEqualTo(5);
    assertThat(Files.readString(with.delivery().resolve("records.csv")))
        .isEqualTo(Files.readString(without.delivery().resolve("records.csv")));

    String text = new String(plain, StandardCharsets.UTF_8);
    String[] lines = text.split("\n");
    // a Latin-1 byte (é as 0xE9) in data row 3, line 4 of the file
    Path latin1 = tmp.resolve("latin1.csv");
    Files.write(
        latin1,
        (lines[0]
                + "\n"
                + lines[1]
                + "\n"
                + lines[2]
                + "\n"
                + lines[1].replace("POL-1", "POL-9").replace("Berg", "B\u00e9rg")
                + "\n")
            .getBytes(StandardCharsets.ISO_8859_1));
    assertThatThrownBy(() -> run(fixedKey(0), latin1, tmp.resolve("c")))
        .isInstanceOf(BadInputException.class)
        .hasMessage(latin1 + ": line 4 of the file is not UTF-8 text; save the extract as UTF-8");
    Path header = tmp.resolve("header.csv");
    Files.write(
        header,
        (lines[0].replace("surname,", "surn\u00e4me,") + "\n" + lines[1] + "\n")
            .getBytes(StandardCharsets.ISO_8859_1));
    assertThatThrownBy(() -> run(fixedKey(0), header, tmp.resolve("d")))
        .isInstanceOf(BadInputException.class)
        .hasMessage(header + ": line 1 of the file is not UTF-8 text; save the extract as UTF-8");
    // an opening quote never closed, in data row 2
    Path quote = tmp.resolve("quote.csv");
    Files.writeString(
        quote, lines[0] + "\n" + lines[1] + "\n" + lines[2].replace("Jan,", "\"Jan,") + "\n");
    assertThatThrownBy(() -> run(fixedKey(0), quote, tmp.resolve("e")))
        .isInstanceOf(BadInputException.class)
        .hasMessageStartingWith(quote + ": unreadable CSV at row 2: ")
        .hasMessageEndingWith("(check quoting)");
    assertThat(tmp.resolve("c/police")).doesNotExist();
  }

  @Test
  void anExtractSeparatedBySemicolonsIsNamedAndReadWithItsDelimiter() throws IOException {
    Path small = resource("raw_small.csv");
    Pseudonymiser.Summary commas = run(fixedKey(0), small, tmp.resolve("a"));
    // Excel in Dutch settings saves "CSV" with semicolons
    Path semi = tmp.resolve("semi.csv");
    try (Reader r = Files.newBufferedReader(small);
        var printer =
            CSVFormat.DEFAULT
                .builder()
                .setDelimiter(';')
                .setRecordSeparator("\r\n")
                .get()
                .print(Files.newBufferedWriter(semi))) {
      printer.printRecords(CSVFormat.DEFAULT.parse(r));
    }
    assertThat(Files.readString(semi)).startsWith("record_id;first_name;surname_prefix;");
    assertThatThrownBy(() -> run(fixedKey(0), semi, tmp.resolve("b")))
        .isInstanceOf(BadInputException.class)
        .hasMessage(
            semi
                + ": the header row is separated by semicolons, not by commas: run again with"
                + " --delimiter ';', or save the file as comma-separated CSV (in Excel: CSV"
                + " UTF-8)");
    assertThat(tmp.resolve("b")).doesNotExist();
    Pseudonymiser.Summary semicolons =
        Pseudonymiser.run(request(fixedKey(0), semi, tmp.resolve("c"), ';'));
    assertThat(semicolons.written()).isEqualTo(commas.written()).isEqualTo(5);
    assertThat(Files.readString(semicolons.delivery().resolve("records.csv")))
        .isEqualTo(Files.readString(commas.delivery().resolve("records.csv")));
    // and the other way round: told semicolons, given commas
    assertThatThrownBy(() -> Pseudonymiser.run(request(fixedKey(0), small, tmp.resolve("d"), ';')))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining(
            "the header row is separated by commas, not by semicolons: run again with"
                + " --delimiter ','");
  }

  @Test
  void missingInputAndMissingColumnsAreClearErrors() throws IOException {
    assertThatThrownBy(() -> run(fixedKey(0), tmp.resolve("nope.csv"), tmp.resolve("out")))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("nope.csv")
        .hasMessageContaining("not found");
    Path bad = tmp.resolve("cols.csv");
    Files.writeString(bad, "record_id,first_name\nX,Anna\n", StandardCharsets.UTF_8);
    assertThatThrownBy(() -> run(fixedKey(0), bad, tmp.resolve("out")))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining("cols.csv")
        .hasMessageContaining("missing column(s) [surname, date_of_birth");
  }

  @Test
  void keyFilesAreCreated0600AndReadableKeysAreRefused() throws IOException {
    Path keyFile = tmp.resolve("keys/linkage.key");
    LinkageKey k = LinkageKey.generate();
    k.writeNew(keyFile);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)))
        .isEqualTo("rw-------");
    assertThat(LinkageKey.read(keyFile)).isEqualTo(k);
    assertThat(Files.readString(keyFile)).doesNotContain(k.fingerprint());
    assertThatThrownBy(() -> k.writeNew(keyFile)).hasMessageContaining("already exists");
    Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-r--r--"));
    assertThatThrownBy(() -> LinkageKey.read(keyFile))
        .isInstanceOf(KeyRefusedException.class)
        .hasMessageContaining("chmod 600 " + keyFile);
    Path wrong = tmp.resolve("short.key");
    Files.writeString(wrong, "# x\nAAAA\n");
    Files.setPosixFilePermissions(wrong, PosixFilePermissions.fromString("rw-------"));
    assertThatThrownBy(() -> LinkageKey.read(wrong))
        .isInstanceOf(KeyRefusedException.class)
        .hasMessageContaining("24 bits; a linkage key has 256");
    Path binary = tmp.resolve("binary.key");
    Files.write(binary, new byte[] {(byte) 0xC3, 0x28, (byte) 0xFF, 0x00, 0x7F, (byte) 0x80});
    Files.setPosixFilePermissions(binary, PosixFilePermissions.fromString("rw-------"));
    assertThatThrownBy(() -> LinkageKey.read(binary))
        .isInstanceOf(KeyRefusedException.class)
        .hasMessage(binary + ": not a linkage key file (not text; make one with monitor keygen)");
  }
}
