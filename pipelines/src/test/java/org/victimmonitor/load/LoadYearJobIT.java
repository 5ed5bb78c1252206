package org.victimmonitor.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.parquet.avro.AvroSchemaConverter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.victimmonitor.common.BadInputException;
import org.victimmonitor.common.FileTrees;
import org.victimmonitor.delivery.DeliverySchema;
import org.victimmonitor.delivery.DeliveryValidator;
import org.victimmonitor.delivery.Manifest;
import org.victimmonitor.generate.GeneratorConfig;
import org.victimmonitor.generate.ProgressListener;
import org.victimmonitor.generate.Scale;
import org.victimmonitor.generate.SyntheticDataGenerator;
import org.victimmonitor.generate.YearRange;
import org.victimmonitor.pseudonymise.ExtractFolder;
import org.victimmonitor.pseudonymise.LinkageKey;
import org.victimmonitor.pseudonymise.LinkageSchema;

/**
 * The annual load end to end on tiny generated data, loaded up to 2015 (two years keep the test
 * fast): once on the DirectRunner with its checks on, once more on embedded Flink. Reads every
 * table back from Parquet and checks the reconciliation, the .avsc contract, that star tables hold
 * no token, the quarantine, minimisation, restricted permissions, runner parity and determinism,
 * and that a tampered delivery is rejected without touching the warehouse.
 */
class LoadYearJobIT {
  static final int YEAR = 2015;
  static final String BAD_DELIVERY = "care/registration/2014";

  @TempDir static Path tmp;
  static Path deliveries;
  static Path warehouse;
  static LoadYearJob.Summary direct;
  static String badLine;
  static final String CROSS_CHECK_DELIVERY = "police/victimisation/2014";
  static List<String> crossCheckLines;
  static final String OVERLAP_DELIVERY = "police/victimisation/2015";
  static List<String> overlapLines;
  static String console;

  @BeforeAll
  static void generateAndLoad() throws Exception {
    new SyntheticDataGenerator(GeneratorConfig.of(Scale.TINY, YearRange.parse("2014-2021"), 7))
        .generate(tmp.resolve("gen"), ProgressListener.NONE);
    deliveries = tmp.resolve("deliveries");
    ExtractFolder.pseudonymiseAll(
        tmp.resolve("gen/extracts"), deliveries, key(), LinkageSchema.builtIn("person-v1"), 0.05);
    badLine = appendBadRow(deliveries.resolve(BAD_DELIVERY));
    crossCheckLines = appendRowsFailingRowChecks(deliveries.resolve(CROSS_CHECK_DELIVERY));
    overlapLines =
        appendRowsOfAnEarlierDelivery(
            deliveries.resolve(CROSS_CHECK_DELIVERY), deliveries.resolve(OVERLAP_DELIVERY));
    warehouse = tmp.resolve("warehouse");
    StringWriter out = new StringWriter();
    direct = LoadYearJob.run(options("DirectRunner", warehouse, deliveries), new PrintWriter(out));
    console = out.toString();
  }

  static LinkageKey key() {
    byte[] k = new byte[32];
    for (int i = 0; i < 32; i++) {
      k[i] = (byte) (i + 3);
    }
    return LinkageKey.of(k);
  }

  static LoadYearJob.Options options(String runner, Path warehouse, Path deliveries) {
    List<String> args = new ArrayList<>();
    args.add("--runner=" + runner);
    args.add("--deliveries=" + deliveries);
    args.add("--warehouse=" + warehouse);
    args.add("--year=" + YEAR);
    args.add("--linkRounds=4");
    // The load's mechanics (reconciliation, contract, faults, parity) are linker-agnostic; the
    // exact linker keeps this class fast. All 13 tests also pass with the probabilistic default
    // (706 s on the loaded 2-core machine); YearByYearKeysIT runs that linker in the load.
    args.add("--linker=exact");
    args.add("--buckets=8");
    if (runner.equals("FlinkRunner")) {
      args.add("--flinkMaster=[local]");
      args.add("--parallelism=2");
    } else {
      args.add("--targetParallelism=8"); // checks (immutability, encodability) stay on
    }
    return PipelineOptionsFactory.fromArgs(args.toArray(String[]::new))
        .withValidation()
        .as(LoadYearJob.Options.class);
  }

  /**
   * Appends a copy of the first row with an exploitation form outside the code list, and updates
   * the manifest as a provider's tool would: the row is valid CSV, only its content is bad.
   */
  static String appendBadRow(Path delivery) throws IOException {
    Path records = delivery.resolve(Manifest.RECORDS);
    List<String> lines = Files.readAllLines(records, StandardCharsets.UTF_8);
    String[] cells = lines.get(1).split(",", -1);
    cells[0] = "bad-row-1";
    cells[2] = "piracy";
    String line = String.join(",", cells);
    Files.writeString(records, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    rewriteManifest(delivery, 1);
    return line;
  }

  /**
   * Appends two rows whose every cell passes its column's check: a copy of the first row with a new
   * record id and a birth year after its event date (an age below 0, which data test c04 would fail
   * after the job), then the first row once more (its record id twice, as when a row is sent
   * again). Returns the two lines.
   */
  static List<String> appendRowsFailingRowChecks(Path delivery) throws IOException {
    Path records = delivery.resolve(Manifest.RECORDS);
    List<String> lines = Files.readAllLines(records, StandardCharsets.UTF_8);
    List<String> header = List.of(lines.get(0).split(",", -1));
    String[] cells = lines.get(1).split(",", -1);
    DeliverySchema schema =
        DeliverySchema.forDataset(Manifest.read(delivery.resolve(Manifest.FILE)).dataset());
    String event =
        schema.columns().stream()
            .filter(c -> c.type() == DeliverySchema.Type.DATE)
            .findFirst()
            .orElseThrow()
            .name();
    cells[0] = "bad-row-2";
    String born = cells[header.indexOf("birth_year")];
    cells[header.indexOf("birth_year")] =
        Integer.toString(LocalDate.parse(cells[header.indexOf(event)]).getYear() + 1);
    String afterBirth = String.join(",", cells);
    cells[0] = "bad-row-3";
    cells[header.indexOf("birth_year")] = born;
    cells[header.indexOf(event)] = "2091-03-01";
    List<String> added = List.of(afterBirth, lines.get(1), String.join(",", cells));
    Files.writeString(
        records,
        String.join("\n", added) + "\n",
        StandardCharsets.UTF_8,
        StandardOpenOption.APPEND);
    rewriteManifest(delivery, added.size());
    return added;
  }

  /**
   * Appends to a later delivery of the same source and dataset the earlier one's row 2 as it is (a
   * row sent again) and its row 3 with another crime type (the same record id with other cells, as
   * a correction or an id used again would be). Returns the two lines.
   */
  static List<String> appendRowsOfAnEarlierDelivery(Path earlier, Path later) throws IOException {
    List<String> lines = Files.readAllLines(earlier.resolve(Manifest.RECORDS));
    List<String> header = List.of(lines.get(0).split(",", -1));
    String[] cells = lines.get(3).split(",", -1);
    int crime = header.indexOf("crime_type");
    cells[crime] = cells[crime].equals("violence") ? "property" : "violence";
    List<String> added = List.of(lines.get(2), String.join(",", cells));
    Files.writeString(
        later.resolve(Manifest.RECORDS),
        String.join("\n", added) + "\n",
        StandardCharsets.UTF_8,
        StandardOpenOption.APPEND);
    rewriteManifest(later, added.size());
    return added;
  }

  /** Updates a delivery's manifest after its records.csv changed by {@code addedRows}. */
  static void rewriteManifest(Path delivery, int addedRows) throws IOException {
    Path records = delivery.resolve(Manifest.RECORDS);
    Manifest m = Manifest.read(delivery.resolve(Manifest.FILE));
    new Manifest(
            m.formatVersion(),
            m.source(),
            m.dataset(),
            m.period(),
            m.created(),
            m.recordCount() + addedRows,
            m.rejectedAtSource(),
            sha256(records),
            m.deliverySchema(),
            m.linkageSchema(),
            m.keyFingerprint())
        .write(delivery.resolve(Manifest.FILE));
  }

  static String sha256(Path f) throws IOException {
    try {
      return java.util.HexFormat.of()
          .formatHex(
              java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static Path version() {
    return warehouse.resolve("versions").resolve(direct.version());
  }

  static Path table(Path version, String t) {
    return version.resolve(TableSchemas.RESTRICTED.contains(t) ? "restricted" : "star").resolve(t);
  }

  static List<String> allTables() {
    List<String> all = new ArrayList<>(TableSchemas.star());
    all.addAll(TableSchemas.RESTRICTED);
    return all;
  }

  @Test
  void everyDeliveryReconcilesAgainstTheRowsReadBack() throws IOException {
    JsonNode run = RunManifest.read(direct.runJson());
    Map<String, Long> loadedInVault = new TreeMap<>();
    for (ParquetTables.Row r : ParquetTables.read(table(version(), "vault"))) {
      GenericRecord g = r.record();
      loadedInVault.merge(
          g.get("source") + "/" + g.get("dataset") + "/" + g.get("period"), 1L, Long::sum);
    }
    Map<String, Long> quarantinedBack = new TreeMap<>();
    for (ParquetTables.Row r : ParquetTables.read(table(version(), "quarantine"))) {
      GenericRecord g = r.record();
      quarantinedBack.merge(
          g.get("source") + "/" + g.get("dataset") + "/" + g.get("period"), 1L, Long::sum);
    }
    int deliveriesChecked = 0;
    long minimised = 0;
    for (JsonNode in : run.get("inputs")) {
      String id = in.get("delivery").asText();
      long rowsInFile = countRows(deliveries.resolve(id).resolve(Manifest.RECORDS));
      long quarantined = 0;
      for (JsonNode q : in.get("quarantined")) {
        quarantined += q.asLong();
      }
      assertThat(in.get("read").asLong()).as(id).isEqualTo(rowsInFile);
      assertThat(in.get("loaded").asLong()).as(id).isEqualTo(loadedInVault.getOrDefault(id, 0L));
      assertThat(quarantined).as(id).isEqualTo(quarantinedBack.getOrDefault(id, 0L));
      assertThat(in.get("loaded").asLong() + quarantined + in.get("minimised").asLong())
          .as("read = loaded + quarantined + minimised for " + id)
          .isEqualTo(rowsInFile);
      assertThat(in.get("records_sha256").asText())
          .isEqualTo(sha256(deliveries.resolve(id).resolve(Manifest.RECORDS)));
      minimised += in.get("minimised").asLong();
      deliveriesChecked++;
    }
    // 7 source datasets x 2 years
    assertThat(deliveriesChecked).isEqualTo(14);
    assertThat(minimised).isPositive();
    long facts = 0;
    for (String f : TableSchemas.FACTS) {
      long n = ParquetTables.read(table(version(), f)).size();
      assertThat(run.at("/rows_per_table/" + f).asLong()).isEqualTo(n);
      facts += n;
    }
    assertThat(facts).isEqualTo(run.at("/counts/loaded").asLong());
    assertThat(ParquetTables.read(table(version(), "dim_person")))
        .hasSize((int) run.at("/counts/persons").asLong());
    assertThat(console).contains("reconcile", "publish");
  }

  static long countRows(Path csv) throws IOException {
    try (Stream<String> s = Files.lines(csv)) {
      return s.count() - 1; // the generated rows hold no line breaks inside values
    }
  }

  @Test
  void everyTableMatchesItsAvsc() throws IOException {
    for (String t : allTables()) {
      Schema contract = TableSchemas.get(t);
      assertThat(contract.getDoc()).as(t + " record doc states the grain").contains("Grain:");
      for (Schema.Field f : contract.getFields()) {
        assertThat(f.doc()).as(t + "." + f.name() + " has a doc").isNotBlank();
      }
      List<Path> files = ParquetTables.files(table(version(), t));
      if (!t.equals("quarantine")) {
        assertThat(files).as(t).isNotEmpty();
      }
      for (Path f : files) {
        assertThat(new Schema.Parser().parse(ParquetTables.avroSchemaOf(f)))
            .as(f.toString())
            .isEqualTo(contract);
        assertThat(ParquetTables.parquetSchema(f))
            .as(f.toString())
            .isEqualTo(new AvroSchemaConverter().convert(contract));
      }
    }
  }

  @Test
  void factsArePartitionedByYearWithTheConfiguredShards() throws IOException {
    for (String f : TableSchemas.FACTS) {
      for (Path file : ParquetTables.files(table(version(), f))) {
        assertThat(file.getParent().getFileName().toString()).matches("year=20\\d\\d");
        assertThat(file.getFileName().toString()).isEqualTo("part-00000-of-00001.parquet");
      }
    }
    assertThat(ParquetTables.files(table(version(), "dim_person")))
        .extracting(p -> p.getFileName().toString())
        .containsExactly("part-00000-of-00002.parquet", "part-00001-of-00002.parquet");
  }

  @Test
  void starTablesHoldNoTokenAndNoRecordId() throws IOException {
    Set<String> secrets = new HashSet<>();
    for (ParquetTables.Row r : ParquetTables.read(table(version(), "vault"))) {
      for (Schema.Field f : r.record().getSchema().getFields()) {
        Object v = r.record().get(f.name());
        if (v != null && (f.name().startsWith("mk_") || f.name().startsWith("bf_"))) {
          secrets.add(v.toString());
        }
        if (f.name().equals("record_id")) {
          secrets.add(v.toString());
        }
      }
    }
    assertThat(secrets).hasSizeGreaterThan(1000);
    for (String t : TableSchemas.star()) {
      for (Schema.Field f : TableSchemas.get(t).getFields()) {
        assertThat(f.name())
            .doesNotStartWith("mk_")
            .doesNotStartWith("bf_")
            .isNotEqualTo("record_id");
      }
      for (ParquetTables.Row r : ParquetTables.read(table(version(), t))) {
        for (Schema.Field f : r.record().getSchema().getFields()) {
          Object v = r.record().get(f.name());
          assertThat(v == null || !secrets.contains(v.toString())).as(t + "." + f.name()).isTrue();
        }
      }
    }
  }

  @Test
  void theBadRowIsQuarantinedWithItsReasonAndOriginalRow() throws IOException {
    List<ParquetTables.Row> q = ParquetTables.read(table(version(), "quarantine"));
    assertThat(q).hasSize(5);
    GenericRecord g =
        q.stream()
            .map(ParquetTables.Row::record)
            .filter(r -> r.get("dataset").toString().equals("registration"))
            .findFirst()
            .orElseThrow();
    assertThat(g.get("source") + "/" + g.get("dataset") + "/" + g.get("period"))
        .isEqualTo(BAD_DELIVERY);
    assertThat(g.get("reason").toString()).isEqualTo("BAD_EXPLOITATION_FORM");
    assertThat(g.get("detail").toString()).contains("exploitation_form").doesNotContain("piracy");
    assertThat(g.get("original_row").toString()).isEqualTo(badLine);
    long rows = countRows(deliveries.resolve(BAD_DELIVERY).resolve(Manifest.RECORDS));
    assertThat((long) g.get("row_number")).isEqualTo(rows);
    JsonNode run = RunManifest.read(direct.runJson());
    assertThat(run.at("/counts/quarantined_by_reason/BAD_EXPLOITATION_FORM").asLong()).isEqualTo(1);
  }

  @Test
  void rowsFailingTheChecksBetweenValuesAndRowsAreQuarantinedNotTheLoad() throws IOException {
    // Before these checks, the birth year passed the load and data test c04 then failed it whole,
    // and the row sent twice was loaded twice.
    long rows = countRows(deliveries.resolve(CROSS_CHECK_DELIVERY).resolve(Manifest.RECORDS));
    Map<Long, List<String>> byRow = quarantinedRows(CROSS_CHECK_DELIVERY);
    assertThat(byRow).containsOnlyKeys(rows - 2, rows - 1, rows);
    assertThat(byRow.get(rows - 2))
        .containsExactly(
            "BAD_BIRTH_YEAR",
            "column birth_year: an age at incident_date below 0",
            crossCheckLines.get(0));
    assertThat(byRow.get(rows - 1))
        .containsExactly(
            "DUPLICATE_RECORD_ID", "record id already on row 1", crossCheckLines.get(1));
    assertThat(byRow.get(rows))
        .containsExactly(
            "BAD_INCIDENT_DATE",
            "column incident_date: after the delivery was made",
            crossCheckLines.get(2));
    // monitor validate counts the same rows before the load
    assertThat(
            new DeliveryValidator(LinkageSchema.builtIn("person-v1"))
                .validate(deliveries.resolve(CROSS_CHECK_DELIVERY))
                .rowProblems())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("BAD_BIRTH_YEAR", 1L, "DUPLICATE_RECORD_ID", 1L, "BAD_INCIDENT_DATE", 1L));
    JsonNode run = RunManifest.read(direct.runJson());
    assertThat(run.at("/counts/quarantined_by_reason/BAD_BIRTH_YEAR").asLong()).isEqualTo(1);
    // this row and the row sent again in a later delivery (OVERLAP_DELIVERY)
    assertThat(run.at("/counts/quarantined_by_reason/DUPLICATE_RECORD_ID").asLong()).isEqualTo(2);
  }

  @Test
  void aRowSentAgainInALaterDeliveryIsQuarantinedAndAnIdWithOtherCellsIsLoadedAndReported()
      throws IOException {
    // Before, a row delivered under two periods (2021 and 2021-Q1) was loaded, and counted, twice.
    long rows = countRows(deliveries.resolve(OVERLAP_DELIVERY).resolve(Manifest.RECORDS));
    assertThat(quarantinedRows(OVERLAP_DELIVERY))
        .containsExactly(
            Map.entry(
                rows - 1,
                List.of(
                    "DUPLICATE_RECORD_ID",
                    "the same row as row 2 of " + CROSS_CHECK_DELIVERY,
                    overlapLines.get(0))));
    JsonNode run = RunManifest.read(direct.runJson());
    Map<String, JsonNode> inputs = new TreeMap<>();
    run.get("inputs").forEach(in -> inputs.put(in.get("delivery").asText(), in));
    assertThat(
            inputs
                .get(OVERLAP_DELIVERY)
                .path("record_ids_in_earlier_deliveries_with_other_cells")
                .asLong())
        .isEqualTo(1);
    assertThat(
            inputs.values().stream()
                .filter(in -> in.has("record_ids_in_earlier_deliveries_with_other_cells"))
                .count())
        .isEqualTo(1);
    assertThat(console)
        .contains(
            "note: "
                + OVERLAP_DELIVERY
                + ": 1 record id is also in "
                + CROSS_CHECK_DELIVERY
                + " with other cells; both rows are loaded");
    // monitor validate finds the same before the load; checked alone, the delivery has no problem
    DeliveryValidator validator = new DeliveryValidator(LinkageSchema.builtIn("person-v1"));
    DeliveryValidator.Result all =
        validator.validateAll(deliveries).stream()
            .filter(r -> r.folder().endsWith(OVERLAP_DELIVERY))
            .findFirst()
            .orElseThrow();
    assertThat(all.rowProblems()).containsExactly(Map.entry("DUPLICATE_RECORD_ID", 1L));
    assertThat(all.overlap().repeatedRows())
        .containsExactly(Map.entry(rows - 1, "row 2 of " + CROSS_CHECK_DELIVERY));
    assertThat(all.overlap().idsWithOtherCells()).isEqualTo(1);
    assertThat(validator.validate(deliveries.resolve(OVERLAP_DELIVERY)).rowProblems()).isEmpty();
  }

  @Test
  void aDeliveryThatRepeatsAnotherFailsTheLoadNamingBoth() throws Exception {
    Path copy = tmp.resolve("overlapping-deliveries");
    copyTree(deliveries, copy);
    Path year = copy.resolve("police/trafficking_report/2015");
    Path quarter = copy.resolve("police/trafficking_report/2015-Q4");
    copyTree(year, quarter);
    Manifest m = Manifest.read(quarter.resolve(Manifest.FILE));
    new Manifest(
            m.formatVersion(),
            m.source(),
            m.dataset(),
            "2015-Q4",
            m.created(),
            m.recordCount(),
            m.rejectedAtSource(),
            m.recordsSha256(),
            m.deliverySchema(),
            m.linkageSchema(),
            m.keyFingerprint())
        .write(quarter.resolve(Manifest.FILE));
    assertRejectedAndWarehouseUnchanged(
        copy,
        quarter.resolve(Manifest.RECORDS).toString(),
        "repeat rows of police/trafficking_report/2015: the deliveries overlap (as a year's"
            + " delivery and its quarters would) and this one holds nothing new; move it out");
  }

  /** The quarantined rows of one delivery by row number: reason, detail and original row. */
  static Map<Long, List<String>> quarantinedRows(String delivery) throws IOException {
    Map<Long, List<String>> byRow = new TreeMap<>();
    for (ParquetTables.Row r : ParquetTables.read(table(version(), "quarantine"))) {
      GenericRecord g = r.record();
      if ((g.get("source") + "/" + g.get("dataset") + "/" + g.get("period")).equals(delivery)) {
        byRow.put(
            (Long) g.get("row_number"),
            List.of(
                g.get("reason").toString(),
                g.get("detail").toString(),
                g.get("original_row").toString()));
      }
    }
    return byRow;
  }

  @Test
  void policeRecordsOfPersonsOutsideThePopulationAreNotLoaded() throws IOException {
    Set<Object> registered = new HashSet<>();
    for (ParquetTables.Row r : ParquetTables.read(table(version(), "fact_registration"))) {
      registered.add(r.record().get("person_key"));
    }
    for (String t : List.of("fact_victimisation", "fact_suspect")) {
      for (ParquetTables.Row r : ParquetTables.read(table(version(), t))) {
        assertThat(registered).as(t).contains(r.record().get("person_key"));
      }
    }
    Map<Object, Long> vaultPersons = new HashMap<>();
    for (ParquetTables.Row r : ParquetTables.read(table(version(), "vault"))) {
      vaultPersons.merge(r.record().get("person_key"), 1L, Long::sum);
    }
    Set<Object> persons = new HashSet<>();
    for (ParquetTables.Row r : ParquetTables.read(table(version(), "dim_person"))) {
      persons.add(r.record().get("person_key"));
    }
    assertThat(vaultPersons.keySet()).isEqualTo(persons);
  }

  @Test
  void theWarehouseViewsCoverTheStarTablesAndNothingRestricted() throws Exception {
    List<String> views = org.victimmonitor.warehouse.Catalog.rebuild(warehouse);
    List<String> expected = new java.util.ArrayList<>(TableSchemas.star());
    expected.addAll(List.of("person_year", "person_cohort")); // sql/warehouse/
    assertThat(views).containsExactlyInAnyOrderElementsOf(expected);
    String catalog =
        new String(
            Files.readAllBytes(warehouse.resolve(org.victimmonitor.warehouse.Catalog.FILE)),
            StandardCharsets.ISO_8859_1);
    assertThat(catalog).contains("/star/").doesNotContain("restricted");
  }

  @Test
  void restrictedDataIsOwnerOnly() throws IOException {
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(version().resolve("restricted"))))
        .isEqualTo("rwx------");
  }

  @Test
  void aKilledLoadChangesNothingAndTheRerunOnFlinkGivesTheSameTablesAndKeys() throws Exception {
    Warehouse w = new Warehouse(warehouse);
    String current = w.current().orElseThrow();
    List<String> versions = w.versions();
    Map<String, String> published = checksums(w.version(current));

    // a load in its own JVM, killed (SIGKILL) as soon as it has written Parquet
    Process load =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g",
                "-cp",
                System.getProperty("java.class.path"),
                LoadYearJob.class.getName(),
                "--runner=FlinkRunner",
                "--flinkMaster=[local]",
                "--parallelism=2",
                "--deliveries=" + deliveries,
                "--warehouse=" + warehouse,
                "--year=" + YEAR,
                "--linkRounds=4",
                "--linker=exact",
                "--buckets=8")
            .redirectErrorStream(true)
            .redirectOutput(tmp.resolve("killed-load.log").toFile())
            .start();
    long deadline = System.nanoTime() + 120_000_000_000L;
    while (stagedParquetFiles(warehouse) == 0 && load.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertThat(load.isAlive()).as("the load was still running when killed").isTrue();
    load.destroyForcibly().waitFor();
    assertThat(stagedParquetFiles(warehouse)).as("killed mid-write").isPositive();

    assertThat(w.current()).contains(current);
    assertThat(w.versions()).isEqualTo(versions);
    assertThat(checksums(w.version(current))).isEqualTo(published);

    // the rerun clears the killed load's staging and publishes the same tables and person keys
    LoadYearJob.Summary flink =
        LoadYearJob.run(
            options("FlinkRunner", warehouse, deliveries), new PrintWriter(new StringWriter()));
    assertThat(stagedParquetFiles(warehouse)).isZero();
    assertThat(w.current()).contains(flink.version());
    Path v = warehouse.resolve("versions").resolve(flink.version());
    for (String t : allTables()) {
      assertThat(ParquetTables.content(table(v, t)))
          .as(t + " row by row")
          .containsExactlyElementsOf(ParquetTables.content(table(version(), t)));
    }
  }

  static long stagedParquetFiles(Path warehouse) throws IOException {
    try (Stream<Path> s = Files.walk(warehouse.resolve("versions"))) {
      return s.filter(p -> p.toString().contains("/.staging-") && p.toString().endsWith(".parquet"))
          .count();
    }
  }

  static Map<String, String> checksums(Path dir) throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        out.put(dir.relativize(p).toString(), sha256(p));
      }
    }
    return out;
  }

  @Test
  void aDeliveryWithAWrongChecksumIsRejectedAndTheWarehouseUnchanged() throws Exception {
    Path copy = tmp.resolve("tampered");
    copyTree(deliveries, copy);
    Path records = copy.resolve("police/victimisation/2015").resolve(Manifest.RECORDS);
    Files.writeString(records, "x", StandardOpenOption.APPEND);
    assertRejectedAndWarehouseUnchanged(copy, records.toString(), "checksum does not match");
  }

  @Test
  void aDeliveryMadeWithAnotherKeyIsRejectedAndTheWarehouseUnchanged() throws Exception {
    Path copy = tmp.resolve("other-key");
    copyTree(deliveries, copy);
    Path delivery = copy.resolve("police/suspect/2015");
    FileTrees.deleteTree(delivery);
    byte[] otherKey = new byte[32];
    for (int i = 0; i < 32; i++) {
      otherKey[i] = (byte) (7 * i + 1);
    }
    LinkageKey other = LinkageKey.of(otherKey);
    org.victimmonitor.pseudonymise.Pseudonymiser.run(
        new org.victimmonitor.pseudonymise.Pseudonymiser.Request(
            other,
            LinkageSchema.builtIn("person-v1"),
            "police",
            "suspect",
            "2015",
            tmp.resolve("gen/extracts/police/suspect/2015.csv"),
            copy,
            0.05,
            null));
    assertRejectedAndWarehouseUnchanged(
        copy, delivery.resolve(Manifest.FILE).toString(), "key fingerprint differs");
  }

  @Test
  void aDeliveryWithAPlaintextColumnIsRejectedAndTheWarehouseUnchanged() throws Exception {
    Path copy = tmp.resolve("plaintext");
    copyTree(deliveries, copy);
    Path delivery = copy.resolve("kmar/trafficking_report/2015");
    Path records = delivery.resolve(Manifest.RECORDS);
    List<String> lines = Files.readAllLines(records, StandardCharsets.UTF_8);
    String[] cells = lines.get(1).split(",", -1);
    cells[cells.length - 4] = "111222333"; // a BSN (passes the 11-test) in a token column
    lines.set(1, String.join(",", cells));
    Files.write(records, lines, StandardCharsets.UTF_8);
    rewriteManifest(delivery, 0);
    assertRejectedAndWarehouseUnchanged(copy, records.toString(), "BSN 11-test");
  }

  @Test
  void aYearWithoutDeliveriesIsNotLoaded() {
    // a mistyped year would publish a version of 2030 holding none of its registrations
    assertThatThrownBy(() -> LoadPlan.prepare(deliveries, 2030, "person-v1", 0.05))
        .isInstanceOf(BadInputException.class)
        .hasMessage(
            deliveries
                + ": no delivery of 2030 (the latest is of 2021); the load of a year needs that"
                + " year's deliveries");
  }

  @Test
  void aManifestWithoutATimeOfMakingIsRejected() throws Exception {
    Path copy = tmp.resolve("no-created-time");
    copyTree(deliveries, copy);
    Path manifest = copy.resolve("kmar/trafficking_report/2015").resolve(Manifest.FILE);
    Files.writeString(
        manifest,
        Files.readString(manifest)
            .replaceFirst("\"created\" *: *\"[^\"]*\"", "\"created\": \"yesterday\""));
    assertRejectedAndWarehouseUnchanged(copy, manifest.toString(), "created is not a time");
  }

  @Test
  void aDeliveryWithTooManyBadRowsFailsTheLoadAndTheWarehouseUnchanged() throws Exception {
    Path copy = tmp.resolve("too-many-bad-rows");
    copyTree(deliveries, copy);
    Path delivery = copy.resolve("care/registration/2015");
    for (int i = 0; i < 3; i++) {
      appendBadRow(delivery); // 3 of about 28 rows: above the default 5%
    }
    assertRejectedAndWarehouseUnchanged(
        copy, delivery.resolve(Manifest.RECORDS).toString(), "more than the allowed 5.0%");
  }

  /** Loading {@code deliveries} fails before the pipeline, naming the file and the problem. */
  static void assertRejectedAndWarehouseUnchanged(Path deliveries, String file, String problem)
      throws IOException {
    Warehouse w = new Warehouse(warehouse);
    String current = w.current().orElseThrow();
    List<String> before = w.versions();
    assertThatThrownBy(
            () ->
                LoadYearJob.run(
                    options("DirectRunner", warehouse, deliveries),
                    new PrintWriter(new StringWriter())))
        .isInstanceOf(BadInputException.class)
        .hasMessageContaining(file)
        .hasMessageContaining(problem);
    assertThat(w.current()).contains(current);
    assertThat(w.versions()).isEqualTo(before);
  }

  static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : s.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }
}
